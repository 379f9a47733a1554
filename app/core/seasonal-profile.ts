import { MUST_NOT_BE_EMPTY } from "./errors";
import { checkPositiveInteger, checkSeries, fail } from "./internal/checks";
import { profileInto } from "./internal/profile";

export { SEASONAL_RELIABILITY } from "./internal/profile";

/**
 * A multiplicative seasonal profile from several aligned series (the same item at several sites,
 * or one series with several seasons): `seasonLength` indices of mean 1, index p for the periods
 * t with t mod seasonLength = p, or null when the series show no seasonality.
 *
 * - Each series is measured against its own baseline: a line through its mean with the slope of
 *   its change over one season when it holds at least two seasons (and the line stays above a
 *   quarter of its mean), else its mean, so that a trend alone does not look seasonal. Series
 *   without demand are left out.
 * - Raw index p = Σ demand ÷ Σ baseline over every series' periods of phase p (series weigh by
 *   their volume, so a small noisy site moves the profile little).
 * - Seasonality is judged on the ratios demand ÷ baseline, one row per series and season: the
 *   reliability of the phase means, 1 − (within-phase variance ÷ between-phase variance) (a one-way
 *   analysis of variance), must be at least 4/7 — what the correlation of 0.4 between two seasons
 *   of one series gives. More series or seasons make a weaker pattern reliable.
 * - Indices are shrunk towards 1 by that reliability (the share of their spread that is not
 *   noise), kept above 0.01 and scaled to mean 1.
 *
 * @param series aligned series (element t of every series is the same calendar period), each
 *   non-empty with values finite and ≥ 0; when together they leave a phase of the season
 *   uncovered, or hold just one value per phase, the result is null
 * @param seasonLength periods per season, an integer ≥ 2
 * @throws RangeError for an empty list, an invalid series or season length
 * @example
 * // Two sites whose demand is high in the first half of a four-period season, low in the second.
 * seasonalProfile([[12, 11, 4, 5, 13, 12, 5, 4], [25, 22, 9, 8, 24, 23, 8, 10]], 4);
 * // ≈ [1.53, 1.39, 0.53, 0.55]; a flat series, or one season of a single series, gives null
 */
export function seasonalProfile(series: readonly ArrayLike<number>[], seasonLength: number): number[] | null {
  const m = seasonLength;
  checkPositiveInteger("seasonLength", m);
  if (m < 2) fail("seasonLength", "must be ≥ 2", m);
  if (!Array.isArray(series) || series.length === 0) fail("series", MUST_NOT_BE_EMPTY, series);
  series.forEach((s, j) => checkSeries(`series[${j}]`, s));

  const profile: number[] = new Array(m);
  return profileInto(series, m, profile) ? profile : null;
}
