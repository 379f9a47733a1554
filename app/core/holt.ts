import { checkFinite, checkSeries, checkSmoothing } from "./internal/checks";
import { holtKernel, holtSmooth, B, L, STATS_LENGTH } from "./internal/kernels";

export const DEFAULT_HOLT_ALPHA = 0.2;
export const DEFAULT_HOLT_BETA = 0.1;

export interface HoltOptions {
  /** Level smoothing in (0, 1], default 0.2. */
  alpha?: number;
  /** Trend smoothing in (0, 1], default 0.1. */
  beta?: number;
  /**
   * The state just before the first observation, when it is known (for instance NIST's third
   * suggestion, b₁ = (y₄ − y₁)/3, computed from earlier data). Every observation is then
   * smoothed, and `fitted[0] = level + trend`.
   */
  initial?: { level: number; trend: number };
}

/**
 * Holt's linear trend method (Holt 1957; FPP3 §8.2; NIST/SEMATECH e-Handbook §6.4.3.3 "double
 * exponential smoothing" with γ as β). Unless `initial` is given, level ℓ = y₀ and trend
 * b = y₁ − y₀ (NIST's first suggestion), so `fitted[0] = y₀` and `fitted[1] = y₁` by construction.
 * Then fₜ = ℓ + b, ℓ ← fₜ + α(yₜ − fₜ), b ← b + β(ℓ_new − ℓ_old − b). The forecast h periods
 * ahead is `level + h·trend` (not clamped here; `forecastDemand` clamps demand forecasts at 0).
 *
 * @throws RangeError for an empty series, a negative or non-finite value, α/β outside (0, 1], or
 *   a non-finite initial level or trend
 * @example
 * holt([10, 12, 14, 16]); // a straight line continues: { forecast: 18, level: 16, trend: 2, … }
 */
export function holt(
  series: ArrayLike<number>,
  opts: HoltOptions = {},
): { forecast: number; level: number; trend: number; fitted: number[] } {
  const alpha = opts.alpha ?? DEFAULT_HOLT_ALPHA;
  const beta = opts.beta ?? DEFAULT_HOLT_BETA;
  checkSeries("series", series);
  checkSmoothing("alpha", alpha);
  checkSmoothing("beta", beta);
  const n = series.length;
  const fitted: number[] = new Array(n);
  const stats = new Float64Array(STATS_LENGTH);
  if (opts.initial) {
    checkFinite("initial.level", opts.initial.level);
    checkFinite("initial.trend", opts.initial.trend);
    holtSmooth(series, n, 0, opts.initial.level, opts.initial.trend, alpha, beta, n, 0, fitted, stats);
  } else {
    holtKernel(series, n, alpha, beta, n, fitted, stats);
  }
  return { forecast: stats[L] + stats[B], level: stats[L], trend: stats[B], fitted };
}
