import { checkSeries, checkSmoothing } from "./internal/checks";
import { holtKernel, B, L, STATS_LENGTH } from "./internal/kernels";

export const DEFAULT_HOLT_ALPHA = 0.2;
export const DEFAULT_HOLT_BETA = 0.1;

/**
 * Holt's linear trend method (Holt 1957; FPP3 §8.2) with level ℓ = y₀ and trend b = y₁ − y₀:
 * fₜ = ℓ + b, ℓ ← fₜ + α(yₜ − fₜ), b ← b + β(ℓ_new − ℓ_old − b). The forecast h periods ahead is
 * `level + h·trend` (not clamped here; `forecastDemand` clamps demand forecasts at 0).
 *
 * @param opts.alpha level smoothing in (0, 1], default 0.2
 * @param opts.beta trend smoothing in (0, 1], default 0.1
 * @throws RangeError for an empty series, a negative or non-finite value, or α/β outside (0, 1]
 * @example
 * holt([10, 12, 14, 16]); // a straight line continues: { forecast: 18, level: 16, trend: 2, … }
 */
export function holt(
  series: ArrayLike<number>,
  opts: { alpha?: number; beta?: number } = {},
): { forecast: number; level: number; trend: number; fitted: number[] } {
  const alpha = opts.alpha ?? DEFAULT_HOLT_ALPHA;
  const beta = opts.beta ?? DEFAULT_HOLT_BETA;
  checkSeries("series", series);
  checkSmoothing("alpha", alpha);
  checkSmoothing("beta", beta);
  const fitted: number[] = new Array(series.length);
  const stats = new Float64Array(STATS_LENGTH);
  holtKernel(series, series.length, alpha, beta, series.length, fitted, stats);
  return { forecast: stats[L] + stats[B], level: stats[L], trend: stats[B], fitted };
}
