import type { Receipt } from "../types";
import { checkNonNegative, checkNonNegativeInteger, fail } from "./checks";

/** Daily demand as given to projections: one number for every day, or one value per day. */
export type DailyDemand = number | readonly number[];

export const DEFAULT_HORIZON_DAYS = 56;

/** The horizon implied by the demand (its length) or given explicitly; checks the demand. */
export function horizonOf(demand: DailyDemand, days: number | undefined): number {
  if (typeof demand === "number") {
    checkNonNegative("demand", demand);
  } else {
    if (!Array.isArray(demand)) fail("demand", "must be a number or an array of numbers", demand);
    for (let i = 0; i < demand.length; i++) checkNonNegative(`demand[${i}]`, demand[i]);
  }
  const horizon = days ?? (typeof demand === "number" ? DEFAULT_HORIZON_DAYS : demand.length);
  if (!Number.isInteger(horizon) || horizon < 0) fail("days", "must be an integer ≥ 0", horizon);
  if (typeof demand !== "number" && demand.length < horizon) {
    fail("demand", `must have a value for each of the ${horizon} days`, demand);
  }
  return horizon;
}

/** Receipts summed per day of the horizon (later days ignored); null when there are none. */
export function inboundByDay(receipts: readonly Receipt[] | undefined, days: number): Float64Array | null {
  if (!receipts || receipts.length === 0) return null;
  const inbound = new Float64Array(days);
  for (let i = 0; i < receipts.length; i++) {
    checkNonNegativeInteger(`receipts[${i}].day`, receipts[i].day);
    checkNonNegative(`receipts[${i}].quantity`, receipts[i].quantity);
    if (receipts[i].day < days) inbound[receipts[i].day] += receipts[i].quantity;
  }
  return inbound;
}
