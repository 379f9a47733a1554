import { checkNonNegative, fail } from "./internal/checks";
import type { ErrorGrowth } from "./forecast-demand";

/**
 * Standard deviation of the total forecast error over the next `periods` periods: the spread of
 * demand over a lead time around its forecast, under the model `forecastDemand` chose (Hyndman,
 * Koehler, Ord & Snyder 2008, §6.1). The error of the forecast h periods ahead carries every
 * shock since the origin, εₕ + c₁εₕ₋₁ + … + cₕ₋₁ε₁ with cⱼ = α·(1 + β·(φ + … + φʲ)), so the
 * errors of successive periods are correlated and their sum over L periods has variance
 * σ²·Σₖ₌₀^{L−1} Cₖ² with Cₖ = 1 + c₁ + … + cₖ: more than the L·σ² of independent periods, the
 * more so the faster the level moves. A fraction of a period adds that fraction of the next
 * term. With α = 0 it is σ·√L.
 *
 * @param forecast the `sd` (one-step σ) and `errorGrowth` of a `forecastDemand` result
 * @param periods horizon in periods, ≥ 0 (fractions allowed: a lead time of 12 days is 12/7 weeks)
 * @throws RangeError when `periods` or `sd` is negative or not finite, or a growth parameter is
 *   outside [0, 1] (φ in (0, 1])
 * @example
 * // SES with α 0.5 and σ 10 over 3 periods: C = 1, 1.5, 2 → √(1 + 2.25 + 4) · 10
 * forecastErrorSd({ sd: 10, errorGrowth: { alpha: 0.5, beta: 0, phi: 1 } }, 3); // 26.93 (√3·10 = 17.32 if independent)
 */
export function forecastErrorSd(forecast: { sd: number; errorGrowth: ErrorGrowth }, periods: number): number {
  const { sd, errorGrowth } = forecast;
  checkNonNegative("sd", sd);
  checkNonNegative("periods", periods);
  const { alpha, beta, phi } = errorGrowth ?? {};
  if (!(alpha >= 0 && alpha <= 1)) fail("errorGrowth.alpha", "must be in [0, 1]", alpha);
  if (!(beta >= 0 && beta <= 1)) fail("errorGrowth.beta", "must be in [0, 1]", beta);
  if (!(phi > 0 && phi <= 1)) fail("errorGrowth.phi", "must be in (0, 1]", phi);

  const whole = Math.floor(periods);
  let variance = 0;
  let cumulative = 1; // C₀
  let damped = 0; // φ + … + φʲ
  let power = 1;
  for (let k = 0; k < whole; k++) {
    variance += cumulative * cumulative;
    power *= phi;
    damped += power;
    cumulative += alpha * (1 + beta * damped);
  }
  variance += (periods - whole) * cumulative * cumulative;
  return sd * Math.sqrt(variance);
}
