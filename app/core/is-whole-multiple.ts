import { PLAN_TOLERANCE } from "./internal/plan-projection";

/**
 * Whether `qty` is a whole number of `step` (pack sizes may be fractional, so the quotient is
 * compared with a relative tolerance of 1e-9).
 *
 * @example
 * isWholeMultiple(75, 25);  // true
 * isWholeMultiple(0.9, 0.3); // true
 * isWholeMultiple(80, 25);  // false
 */
export function isWholeMultiple(qty: number, step: number): boolean {
  const k = qty / step;
  return Math.abs(k - Math.round(k)) <= PLAN_TOLERANCE * Math.max(1, Math.abs(k));
}
