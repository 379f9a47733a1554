import { checkSeries, checkSmoothing } from "./internal/checks";
import { sesKernel, L, STATS_LENGTH } from "./internal/kernels";

export const DEFAULT_SES_ALPHA = 0.1;

/**
 * Simple exponential smoothing (Brown 1956; Hyndman & Athanasopoulos, FPP3 §8.1) with the level
 * initialised at the first observation (docs/domain.md): ℓ₀ = y₀, ℓₜ = ℓₜ₋₁ + α·(yₜ − ℓₜ₋₁).
 * `fitted[t]` is the one-step-ahead forecast of period t made from periods before it
 * (`fitted[0] = y₀`); `forecast` is the final level, the forecast of every future period.
 *
 * @param series demand per period, every value finite and ≥ 0, at least one value
 * @param opts.alpha smoothing constant in (0, 1], default 0.1
 * @throws RangeError for an empty series, a negative or non-finite value, or α outside (0, 1]
 * @example
 * ses([10, 20, 30], { alpha: 0.5 });
 * // level 10 → 10 + 0.5·(20 − 10) = 15 → 15 + 0.5·(30 − 15) = 22.5
 * // { forecast: 22.5, fitted: [10, 10, 15] }
 */
export function ses(series: ArrayLike<number>, opts: { alpha?: number } = {}): { forecast: number; fitted: number[] } {
  const alpha = opts.alpha ?? DEFAULT_SES_ALPHA;
  checkSeries("series", series);
  checkSmoothing("alpha", alpha);
  const fitted: number[] = new Array(series.length);
  const stats = new Float64Array(STATS_LENGTH);
  sesKernel(series, series.length, alpha, series.length, fitted, stats);
  return { forecast: stats[L], fitted };
}
