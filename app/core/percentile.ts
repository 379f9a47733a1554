import { MUST_NOT_BE_EMPTY } from "./errors";
import { checkFinite, fail } from "./internal/checks";

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between closest ranks: position
 * (n − 1)·p in the sorted values (Hyndman and Fan's type 7, Excel's PERCENTILE.INC, R's default).
 * The median is percentile(values, 0.5).
 */
export function percentile(values: readonly number[], p: number): number {
  if (!Array.isArray(values) || values.length === 0) fail("values", MUST_NOT_BE_EMPTY, values);
  if (!(typeof p === "number" && p >= 0 && p <= 1)) fail("p", "must be between 0 and 1", p);
  values.forEach((value, i) => checkFinite(`values[${i}]`, value));
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}
