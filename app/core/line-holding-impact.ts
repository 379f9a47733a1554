import { checkNonNegative } from "./internal/checks";

/** Days a line's stock can be held at most in its holding cost (capped at a year). */
export const LINE_HOLDING_DAYS_CAP = 365;

export interface LineHoldingImpact {
  /** Quantity × unit cost. */
  value: number;
  /** Expected days the line's units are held, from arrival until consumed, at most a year. */
  daysHeld: number;
  /** value × holding rate × daysHeld ÷ 365. */
  cost: number;
}

/**
 * What a plan line adds to holding cost (review page):
 * value × holding rate × expected days held ÷ 365.
 *
 * Days held counts from the line's arrival until its units are consumed at the forecast rate.
 * Stock is used first in, first out: the stock already there on arrival goes first, so the line's
 * units are consumed between `stockOnArrival ÷ demand` and `(stockOnArrival + qty) ÷ demand` days
 * after arrival, and held on average `(stockOnArrival + qty ÷ 2) ÷ demand` days. With no demand
 * the units are never consumed: a full year. Capped at a year either way.
 *
 * @param p.qty the line's quantity, ≥ 0
 * @param p.unitCost ≥ 0
 * @param p.holdingRate annual rate as a fraction, ≥ 0
 * @param p.stockOnArrival projected stock on the arrival day without the line (negative counts as 0)
 * @param p.dailyDemand forecast demand per day, ≥ 0
 * @throws RangeError naming the parameter for negative or non-finite inputs
 * @example
 * // 100 units at 10 arrive on top of 50 units, 5 a day consumed: held (50 + 50) ÷ 5 = 20 days.
 * lineHoldingImpact({ qty: 100, unitCost: 10, holdingRate: 0.25, stockOnArrival: 50, dailyDemand: 5 });
 * // { value: 1000, daysHeld: 20, cost: 13.698… }
 */
export function lineHoldingImpact(p: {
  qty: number;
  unitCost: number;
  holdingRate: number;
  stockOnArrival: number;
  dailyDemand: number;
}): LineHoldingImpact {
  checkNonNegative("qty", p.qty);
  checkNonNegative("unitCost", p.unitCost);
  checkNonNegative("holdingRate", p.holdingRate);
  checkNonNegative("dailyDemand", p.dailyDemand);
  if (!Number.isFinite(p.stockOnArrival)) checkNonNegative("stockOnArrival", p.stockOnArrival);
  const value = p.qty * p.unitCost;
  const before = Math.max(0, p.stockOnArrival);
  const daysHeld =
    p.dailyDemand > 0 ? Math.min(LINE_HOLDING_DAYS_CAP, (before + p.qty / 2) / p.dailyDemand) : LINE_HOLDING_DAYS_CAP;
  return { value, daysHeld, cost: (value * p.holdingRate * daysHeld) / 365 };
}
