import { MUST_BE_ORDERED } from "./errors";
import { checkSeries, fail } from "./internal/checks";
import { mean, populationSd } from "./internal/stats";
import { isAtMost } from "./internal/tolerance";
import type { Xyz } from "./types";

export interface XyzCutoffs {
  /** CV at or below which demand is X (default 0.5). */
  x: number;
  /** CV at or below which demand is Y (default 1.0). */
  y: number;
}

export const DEFAULT_XYZ_CUTOFFS: Readonly<XyzCutoffs> = Object.freeze({ x: 0.5, y: 1.0 });

/**
 * XYZ classification by the coefficient of variation of weekly demand (docs/domain.md): pass the last
 * 52 weeks. CV = population standard deviation ÷ mean. CV ≤ x → X, CV ≤ y → Y, else Z. A series
 * whose mean is 0 is Z with `cv: Infinity`. A CV within a relative 1e-12 of a cut-off counts as
 * equal to it (rounding noise), so scaling a series by a positive factor keeps its class.
 *
 * @param series weekly demand, every value finite and ≥ 0, at least one value
 * @param cutoffs `{ x, y }` with 0 ≤ x ≤ y, default `{ x: 0.5, y: 1.0 }`
 * @throws RangeError for an empty series, a negative or non-finite demand, or bad cut-offs
 * @example
 * classifyXyz([10, 12, 8, 10]); // { xyz: "X", cv: 0.1414… }   (sd √2 ÷ mean 10)
 * classifyXyz([0, 0, 30, 0]);   // { xyz: "Z", cv: 1.7320… }
 */
export function classifyXyz(series: ArrayLike<number>, cutoffs: XyzCutoffs = DEFAULT_XYZ_CUTOFFS): { xyz: Xyz; cv: number } {
  checkSeries("series", series);
  if (!(cutoffs.x >= 0 && cutoffs.x <= cutoffs.y && Number.isFinite(cutoffs.y))) {
    fail("cutoffs", `${MUST_BE_ORDERED} 0 ≤ x ≤ y`, `x=${cutoffs.x}, y=${cutoffs.y}`);
  }
  const mu = mean(series);
  if (mu === 0) return { xyz: "Z", cv: Number.POSITIVE_INFINITY };
  const cv = populationSd(series, mu) / mu;
  return { xyz: isAtMost(cv, cutoffs.x) ? "X" : isAtMost(cv, cutoffs.y) ? "Y" : "Z", cv };
}
