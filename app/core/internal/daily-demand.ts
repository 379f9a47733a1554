import { checkNonNegative, fail } from "./checks";

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

export function demandOn(demand: DailyDemand, day: number): number {
  return typeof demand === "number" ? demand : demand[day];
}
