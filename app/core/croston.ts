import { checkSeries, checkSmoothing } from "./internal/checks";
import { crostonKernel, tsbKernel, L, STATS_LENGTH } from "./internal/kernels";

export const DEFAULT_CROSTON_ALPHA = 0.1;
export const DEFAULT_TSB_BETA = 0.1;

export interface CrostonOptions {
  /** Smoothing constant for sizes (and, in classic/SBA, intervals), in (0, 1]; default 0.1. */
  alpha?: number;
  /** `classic` (Croston 1972), `sba` (Syntetos & Boylan 2005) or `tsb` (Teunter et al. 2011). */
  variant?: "classic" | "sba" | "tsb";
  /**
   * TSB only: smoothing constant for the probability of demand, in (0, 1]; default 0.1. Checked
   * for every variant (classic and SBA ignore it), so a bad value never passes unnoticed.
   */
  beta?: number;
}

/**
 * Forecast of mean demand per period for intermittent demand (docs/domain.md, "Forecasts").
 * - classic: size z = first non-zero demand, interval p = its 1-based position; at each later
 *   non-zero demand z ← z + α(y − z), p ← p + α(q − p) with q the periods since the last demand;
 *   forecast z/p (as R's `forecast::croston`).
 * - sba: (1 − α/2)·z/p, which removes Croston's positive bias.
 * - tsb: probability p₀ = (y₀ ≠ 0) updated every period, p ← p + β·(1[y > 0] − p); size z =
 *   first non-zero demand, updated with α when demand occurs; forecast p·z.
 * A series of zeros forecasts 0.
 *
 * @throws RangeError for an empty series, a negative or non-finite value, or α/β outside (0, 1]
 *   (β is checked for every variant)
 * @example
 * // demands 6 at t = 1 and 4 at t = 4 (0-based): z = 6, p = 2; then z = 6 + 0.1·(4 − 6) = 5.8,
 * // p = 2 + 0.1·(3 − 2) = 2.1 → 5.8 / 2.1 = 2.7619…
 * croston([0, 6, 0, 0, 4, 0]);                    // { forecast: 2.761904761904762 }
 * croston([0, 6, 0, 0, 4, 0], { variant: "sba" }); // { forecast: 2.623809523809524 } (× 0.95)
 */
export function croston(series: ArrayLike<number>, opts: CrostonOptions = {}): { forecast: number } {
  const alpha = opts.alpha ?? DEFAULT_CROSTON_ALPHA;
  const variant = opts.variant ?? "classic";
  const beta = opts.beta ?? DEFAULT_TSB_BETA;
  checkSeries("series", series);
  checkSmoothing("alpha", alpha);
  checkSmoothing("beta", beta);
  const stats = new Float64Array(STATS_LENGTH);
  const n = series.length;
  if (variant === "tsb") {
    tsbKernel(series, n, alpha, beta, n, null, stats);
  } else if (variant === "classic" || variant === "sba") {
    crostonKernel(series, n, alpha, variant === "sba" ? 1 - alpha / 2 : 1, n, null, stats);
  } else {
    throw new RangeError(`variant must be "classic", "sba" or "tsb" (got ${JSON.stringify(variant)})`);
  }
  return { forecast: stats[L] };
}
