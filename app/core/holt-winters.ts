import { checkPositiveInteger, checkSeries, checkSmoothing, fail } from "./internal/checks";
import { holtWintersKernel, B, L, STATS_LENGTH } from "./internal/kernels";

export const DEFAULT_HW_ALPHA = 0.2;
export const DEFAULT_HW_BETA = 0.05;
export const DEFAULT_HW_GAMMA = 0.2;

export interface HoltWintersOptions {
  /** Periods per season, e.g. 52 for weekly data with a yearly cycle (≥ 2). */
  seasonLength: number;
  alpha?: number;
  beta?: number;
  gamma?: number;
}

/**
 * Additive Holt-Winters (Winters 1960; FPP3 §8.3). Initial level = mean of the first season,
 * trend 0, seasonal indices = first season − level; smoothing then runs from period m on:
 * ℓ ← (ℓ + b) + α(y − s − ℓ − b), b ← b + β(Δℓ − b), s ← s + γ(y − ℓ − s).
 * The forecast h ≥ 1 periods ahead is `level + h·trend + season[(h − 1) % m]`.
 *
 * @param series at least one full season of demand (n ≥ seasonLength)
 * @throws RangeError for a short or invalid series, a bad season length, or smoothing constants
 *   outside (0, 1]
 * @example
 * holtWinters([1, 5, 1, 5, 1, 5], { seasonLength: 2 });
 * // level 3, trend 0, season [-2, 2] → { forecast: 1, season: [-2, 2], … }
 */
export function holtWinters(
  series: ArrayLike<number>,
  opts: HoltWintersOptions,
): { forecast: number; level: number; trend: number; season: number[]; fitted: number[] } {
  const m = opts.seasonLength;
  const alpha = opts.alpha ?? DEFAULT_HW_ALPHA;
  const beta = opts.beta ?? DEFAULT_HW_BETA;
  const gamma = opts.gamma ?? DEFAULT_HW_GAMMA;
  checkSeries("series", series);
  checkPositiveInteger("seasonLength", m);
  if (m < 2) fail("seasonLength", "must be ≥ 2", m);
  if (series.length < m) fail("series", `must hold at least one season (${m} periods)`, series);
  checkSmoothing("alpha", alpha);
  checkSmoothing("beta", beta);
  checkSmoothing("gamma", gamma);

  const n = series.length;
  const fitted: number[] = new Array(n);
  const state = new Float64Array(m);
  const stats = new Float64Array(STATS_LENGTH);
  holtWintersKernel(series, n, m, alpha, beta, gamma, n, fitted, state, stats);
  const season: number[] = new Array(m);
  for (let h = 1; h <= m; h++) season[h - 1] = state[(n - 1 + h) % m];
  return { forecast: stats[L] + stats[B] + season[0], level: stats[L], trend: stats[B], season, fitted };
}
