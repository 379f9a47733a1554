/**
 * Additive-error exponential smoothing state-space models without seasonality (Hyndman, Koehler,
 * Ord & Snyder, "Forecasting with Exponential Smoothing", 2008): ETS(A,N,N) (simple exponential
 * smoothing), ETS(A,A,N) (Holt's linear trend) and ETS(A,Ad,N) (damped trend). In the error-correction
 * form, with β in Holt's form (the trend's share of the level's correction, so ETS's β = α·β):
 *
 *   f = ℓ + φ·b,  e = x − f,  ℓ ← f + α·e,  b ← φ·b + α·β·e
 *
 * (φ = 1 for Holt, b ≡ 0 without trend). The series seen by the model is xₜ = yₜ ÷ profile[t mod m]
 * when a multiplicative seasonal profile is given (Holt-Winters with fixed seasonal indices), else
 * yₜ.
 *
 * The one-step errors are linear in the initial state (ℓ₀, b₀), so for given smoothing parameters
 * the initial state that minimises the sum of squared errors is a least-squares solution: `etsFit`
 * runs the recursion once from a rough start, carrying how every forecast depends on the start,
 * and returns the SSE at the best start (as R's ets() estimates the initial states, at the cost of
 * one pass). Nothing is allocated.
 */

import { ABS, ACT, B, COUNT, L, SIGN, SSE } from "./kernels";

/** Indices into the `fit` array filled by etsFit. */
export const FIT_SSE = 0;
export const FIT_LEVEL0 = 1;
export const FIT_TREND0 = 2;
export const FIT_LEVEL = 3;
export const FIT_TREND = 4;
export const FIT_LENGTH = 5;

/** A multiplicative seasonal profile: index of period t is profile[t mod m]. */
export type Profile = ArrayLike<number> | null;

/**
 * SSE of the one-step errors of the model over x[0 … n) at the best initial state (x already
 * deseasonalised); fills `fit` with the SSE, that initial state and the final state (level and
 * trend after period n − 1). Without trend, β and φ are ignored.
 */
export function etsFit(
  x: Float64Array,
  n: number,
  trend: boolean,
  alpha: number,
  beta: number,
  phi: number,
  fit: Float64Array,
): number {
  return trend ? trendFit(x, n, alpha, alpha * beta, phi, fit) : levelFit(x, n, alpha, fit);
}

// A rough start: the first period, no trend. The least-squares correction makes the result
// independent of it (it only keeps the numbers small, and a constant series exact).

function levelFit(x: Float64Array, n: number, alpha: number, fit: Float64Array): number {
  const start = x[0];
  const keep = 1 - alpha;
  let level = start;
  // ∂level/∂ℓ₀ along the recursion.
  let u = 1;
  let see = 0;
  let seu = 0;
  let suu = 0;
  for (let t = 0; t < n; t++) {
    const e = x[t] - level;
    see += e * e;
    seu += e * u;
    suu += u * u;
    level += alpha * e;
    u *= keep;
  }
  const dl = suu > 0 ? seu / suu : 0;
  const sse = see - dl * seu;
  fit[FIT_SSE] = sse > 0 ? sse : 0;
  fit[FIT_LEVEL0] = start + dl;
  fit[FIT_TREND0] = 0;
  fit[FIT_LEVEL] = level + u * dl;
  fit[FIT_TREND] = 0;
  return fit[FIT_SSE];
}

function trendFit(x: Float64Array, n: number, alpha: number, betaStar: number, phi: number, fit: Float64Array): number {
  const start = x[0];
  const keep = 1 - alpha;
  let level = start;
  let slope = 0;
  // ∂(level, slope)/∂ℓ₀ and ∂(level, slope)/∂b₀ along the recursion.
  let pl = 1;
  let pb = 0;
  let ql = 0;
  let qb = 1;
  let see = 0;
  let seu = 0;
  let sev = 0;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  for (let t = 0; t < n; t++) {
    const f = level + phi * slope;
    const e = x[t] - f;
    const u = pl + phi * pb;
    const v = ql + phi * qb;
    see += e * e;
    seu += e * u;
    sev += e * v;
    suu += u * u;
    suv += u * v;
    svv += v * v;
    level = f + alpha * e;
    slope = phi * slope + betaStar * e;
    pl = keep * u;
    pb = phi * pb - betaStar * u;
    ql = keep * v;
    qb = phi * qb - betaStar * v;
  }
  // The errors at start + (δℓ, δb) are e − u·δℓ − v·δb: solve the 2 × 2 normal equations.
  let dl = 0;
  let db = 0;
  const det = suu * svv - suv * suv;
  if (det > 1e-10 * suu * svv) {
    dl = (seu * svv - sev * suv) / det;
    db = (sev * suu - seu * suv) / det;
  } else if (suu > 0) {
    dl = seu / suu;
  }
  const sse = see - dl * seu - db * sev;
  fit[FIT_SSE] = sse > 0 ? sse : 0;
  fit[FIT_LEVEL0] = start + dl;
  fit[FIT_TREND0] = db;
  fit[FIT_LEVEL] = level + pl * dl + ql * db;
  fit[FIT_TREND] = slope + pb * dl + qb * db;
  return fit[FIT_SSE];
}

/**
 * The fitted model run once more from its initial state, for the backtest and the fitted values:
 * period t's forecast is (ℓ + φb)·s_t, clamped at 0; over t ≥ evalFrom it accumulates the absolute
 * and signed errors and the actuals into `stats` (as the kernels of kernels.ts do), and over every
 * period the squared errors of the model's own series (deseasonalised, unclamped) into stats[SSE].
 * Final level and trend in stats[L] and stats[B].
 */
export function etsRun(
  y: ArrayLike<number>,
  n: number,
  profile: Profile,
  m: number,
  alpha: number,
  beta: number,
  phi: number,
  level0: number,
  trend0: number,
  evalFrom: number,
  fitted: { [index: number]: number } | null,
  stats: Float64Array,
): void {
  stats.fill(0);
  const betaStar = alpha * beta;
  let level = level0;
  let slope = trend0;
  for (let t = 0; t < n; t++) {
    const index = profile === null ? 1 : profile[t % m];
    const f = level + phi * slope;
    const x = y[t] / index;
    const e = x - f;
    const forecast = f * index > 0 ? f * index : 0;
    if (fitted) fitted[t] = forecast;
    if (t >= evalFrom) {
      const error = forecast - y[t];
      stats[ABS] += error < 0 ? -error : error;
      stats[SIGN] += error;
      stats[ACT] += y[t];
    }
    stats[SSE] += e * e;
    stats[COUNT] += 1;
    level = f + alpha * e;
    slope = phi * slope + betaStar * e;
  }
  stats[L] = level;
  stats[B] = slope;
}
