import { checkBand } from "./internal/check-band";
import { checkNonNegative } from "./internal/checks";
import { horizonOf, inboundByDay, type DailyDemand } from "./internal/daily-demand";
import type { Receipt } from "./types";

export interface ProjectInventoryParams {
  /** On hand at the start of day 0 (today), ≥ 0. */
  onHand: number;
  /** Forecast demand per day: one number for every day, or an array with a value per day. */
  demand: DailyDemand;
  /** Days to project; default the length of the demand array, or 56 for a number. */
  days?: number;
  /** Inbound receipts (in transit, approved, proposed) by day index; later days are ignored. */
  receipts?: readonly Receipt[];
  /** The agreed band. */
  min: number;
  max: number;
}

export interface InventoryProjection {
  /** Projected on hand at the end of each day 0..days − 1. */
  onHand: number[];
  /** Days with min ≤ on hand ≤ max. */
  daysInBand: number;
  /** Days with on hand < min (stockouts included when min > 0). */
  daysBelowMin: number;
  /** Days with on hand > max. */
  daysAboveMax: number;
  /** Days with on hand ≤ 0. */
  daysStockedOut: number;
  /** First day index with on hand ≤ 0, or null. */
  firstStockoutDay: number | null;
  /** First day index with on hand < min, or null. */
  firstBelowMinDay: number | null;
  /** Starting on hand ÷ mean forecast daily demand over the horizon; Infinity when that is 0. */
  daysOfCover: number;
  /** Demand that stock could not meet (lost, not back-ordered). */
  unmetDemand: number;
}

/**
 * Day-by-day projected on hand (docs/domain.md words: in band, below min, stockout, above max, days of
 * cover). Each day, receipts due that day arrive first, then the day's demand is consumed; the
 * end-of-day stock is the day's snapshot, as in the daily stock feed. Stock never goes below 0:
 * demand it cannot meet is counted in `unmetDemand` (lost sales, no back orders).
 *
 * @throws RangeError for negative stock, demand or quantities, a receipt day that is not an
 *   integer ≥ 0, max < min, or a demand array shorter than `days`
 * @example
 * projectInventory({ onHand: 100, demand: 20, days: 7, min: 50, max: 200,
 *   receipts: [{ day: 3, quantity: 120 }] });
 * // onHand [80, 60, 40, 140, 120, 100, 80]: daysBelowMin 1 (day 2), daysInBand 6,
 * // firstBelowMinDay 2, firstStockoutDay null, daysOfCover 5
 */
export function projectInventory(p: ProjectInventoryParams): InventoryProjection {
  checkNonNegative("onHand", p.onHand);
  checkBand(p.min, p.max);
  const days = horizonOf(p.demand, p.days);
  const inbound = inboundByDay(p.receipts, days);
  const daily = typeof p.demand === "number" ? p.demand : -1;
  const perDay = typeof p.demand === "number" ? null : p.demand;

  const onHand: number[] = [];
  let stock = p.onHand;
  let inBand = 0;
  let below = 0;
  let above = 0;
  let out = 0;
  let firstOut: number | null = null;
  let firstBelow: number | null = null;
  let totalDemand = 0;
  let unmet = 0;
  for (let d = 0; d < days; d++) {
    const demand = perDay === null ? daily : perDay[d];
    totalDemand += demand;
    stock += (inbound === null ? 0 : inbound[d]) - demand;
    if (stock < 0) {
      unmet -= stock;
      stock = 0;
    }
    onHand.push(stock);
    if (stock < p.min) {
      below++;
      if (firstBelow === null) firstBelow = d;
    } else if (stock > p.max) above++;
    else inBand++;
    if (stock <= 0) {
      out++;
      if (firstOut === null) firstOut = d;
    }
  }
  const meanDemand = days > 0 ? totalDemand / days : 0;
  return {
    onHand,
    daysInBand: inBand,
    daysBelowMin: below,
    daysAboveMax: above,
    daysStockedOut: out,
    firstStockoutDay: firstOut,
    firstBelowMinDay: firstBelow,
    daysOfCover: meanDemand > 0 ? p.onHand / meanDemand : Number.POSITIVE_INFINITY,
    unmetDemand: unmet,
  };
}
