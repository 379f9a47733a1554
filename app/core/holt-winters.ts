import { checkFinite, checkPositiveInteger, checkSeries, checkSmoothing, fail } from "./internal/checks";
import { holtWintersKernel, holtWintersSmooth, B, L, STATS_LENGTH } from "./internal/kernels";

export const DEFAULT_HW_ALPHA = 0.2;
export const DEFAULT_HW_BETA = 0.05;
export const DEFAULT_HW_GAMMA = 0.2;

export interface HoltWintersOptions {
  /** Periods per season, e.g. 52 for weekly data with a yearly cycle (≥ 2). */
  seasonLength: number;
  alpha?: number;
  beta?: number;
  gamma?: number;
  /**
   * The state just before the first observation, when it is known (for instance from a previous
   * run or a published table): level, trend, and the m seasonals of periods 0 … m − 1 of the
   * series. Every observation is then smoothed and the series may be shorter than a season.
   */
  initial?: { level: number; trend: number; season: readonly number[] };
}

/**
 * Additive Holt-Winters (Winters 1960) in the form of R's `HoltWinters`, where the seasonal is
 * updated against the new level (FPP3 §8.3 uses the previous level plus trend instead). Unless
 * `initial` is given: level = mean of the first season, trend 0, seasonal indices = first season
 * − level, and smoothing runs from period m on:
 * ℓ ← (ℓ + b) + α(y − s − ℓ − b), b ← b + β(Δℓ − b), s ← s + γ(y − ℓ_new − s).
 * The forecast h ≥ 1 periods ahead is `level + h·trend + season[(h − 1) % m]`.
 *
 * @param series at least one full season of demand (n ≥ seasonLength) unless `initial` is given
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
  const initial = opts.initial;
  if (!initial && series.length < m) fail("series", `must hold at least one season (${m} periods)`, series);
  checkSmoothing("alpha", alpha);
  checkSmoothing("beta", beta);
  checkSmoothing("gamma", gamma);

  const n = series.length;
  const fitted: number[] = new Array(n);
  const state = new Float64Array(m);
  const stats = new Float64Array(STATS_LENGTH);
  if (initial) {
    checkFinite("initial.level", initial.level);
    checkFinite("initial.trend", initial.trend);
    if (!Array.isArray(initial.season) || initial.season.length !== m) {
      fail("initial.season", `must hold ${m} seasonals, one per period of the season`, initial.season);
    }
    initial.season.forEach((s, i) => checkFinite(`initial.season[${i}]`, s));
    state.set(initial.season);
    holtWintersSmooth(series, n, m, 0, initial.level, initial.trend, alpha, beta, gamma, n, fitted, state, stats);
  } else {
    holtWintersKernel(series, n, m, alpha, beta, gamma, n, fitted, state, stats);
  }
  const season: number[] = new Array(m);
  for (let h = 1; h <= m; h++) season[h - 1] = state[(n - 1 + h) % m];
  return { forecast: stats[L] + stats[B] + season[0], level: stats[L], trend: stats[B], season, fitted };
}
