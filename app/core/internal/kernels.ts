/**
 * One-pass forecasting kernels shared by the public methods (which want fitted values) and by
 * `forecastDemand` (which runs many of them per series and must not allocate). Each kernel walks
 * the series once, producing the one-step-ahead forecast of every period from the data before it
 * (a rolling origin), and accumulates into `stats`:
 *
 *   stats[ABS]   Σ|f − y| over t ≥ evalFrom     (backtest)
 *   stats[SIGN]  Σ(f − y) over t ≥ evalFrom
 *   stats[ACT]   Σ y      over t ≥ evalFrom
 *   stats[SSE]   Σ(f − y)² over the in-sample periods after the method's warm-up
 *   stats[COUNT] number of those periods
 *   stats[L], stats[B]  final level (or size, or Croston ratio) and trend (or probability)
 *
 * Forecasts used for errors are clamped at 0: demand is never negative.
 */
export const ABS = 0;
export const SIGN = 1;
export const ACT = 2;
export const SSE = 3;
export const COUNT = 4;
export const L = 5;
export const B = 6;
export const STATS_LENGTH = 7;

type Fitted = { [index: number]: number } | null;

function reset(stats: Float64Array): void {
  stats.fill(0);
}

function record(stats: Float64Array, t: number, f: number, y: number, evalFrom: number, warmUp: number): void {
  const e = f - y;
  if (t >= evalFrom) {
    stats[ABS] += e < 0 ? -e : e;
    stats[SIGN] += e;
    stats[ACT] += y;
  }
  if (t >= warmUp) {
    stats[SSE] += e * e;
    stats[COUNT] += 1;
  }
}

/** Simple exponential smoothing, level initialised at y[0]; final level in stats[L]. */
export function sesKernel(
  y: ArrayLike<number>,
  n: number,
  alpha: number,
  evalFrom: number,
  fitted: Fitted,
  stats: Float64Array,
): void {
  reset(stats);
  let level = y[0];
  if (fitted) fitted[0] = level;
  for (let t = 1; t < n; t++) {
    if (fitted) fitted[t] = level;
    record(stats, t, level, y[t], evalFrom, 1);
    level += alpha * (y[t] - level);
  }
  stats[L] = level;
}

/** Holt's linear trend: level y[0], trend y[1] − y[0]; errors counted from t = 2. */
export function holtKernel(
  y: ArrayLike<number>,
  n: number,
  alpha: number,
  beta: number,
  evalFrom: number,
  fitted: Fitted,
  stats: Float64Array,
): void {
  if (fitted) fitted[0] = y[0];
  holtSmooth(y, n, 1, y[0], n > 1 ? y[1] - y[0] : 0, alpha, beta, evalFrom, 2, fitted, stats);
}

/**
 * Holt's recursion from period `from` on, starting from the given level and trend (the state
 * just before `from`): fₜ = ℓ + b, ℓ ← fₜ + α(yₜ − fₜ), b ← b + β(Δℓ − b). Periods before
 * `warmUp` are not scored (with the default start, period 1 is fitted by construction).
 */
export function holtSmooth(
  y: ArrayLike<number>,
  n: number,
  from: number,
  level: number,
  trend: number,
  alpha: number,
  beta: number,
  evalFrom: number,
  warmUp: number,
  fitted: Fitted,
  stats: Float64Array,
): void {
  reset(stats);
  for (let t = from; t < n; t++) {
    const f = level + trend;
    if (fitted) fitted[t] = f;
    if (t >= warmUp) record(stats, t, f > 0 ? f : 0, y[t], evalFrom, warmUp);
    const previous = level;
    level = f + alpha * (y[t] - f);
    trend += beta * (level - previous - trend);
  }
  stats[L] = level;
  stats[B] = trend;
}

/**
 * Additive Holt-Winters with season length m (n ≥ m): level = mean of the first season, trend 0,
 * seasonals y[i] − level for the first season (nothing after the first season is looked at
 * before it is forecast). Final seasonals are left in `season`, indexed by t mod m.
 */
export function holtWintersKernel(
  y: ArrayLike<number>,
  n: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  evalFrom: number,
  fitted: Fitted,
  season: Float64Array,
  stats: Float64Array,
): void {
  let level = 0;
  for (let i = 0; i < m; i++) level += y[i];
  level /= m;
  for (let i = 0; i < m; i++) {
    season[i] = y[i] - level;
    if (fitted) fitted[i] = y[i];
  }
  holtWintersSmooth(y, n, m, m, level, 0, alpha, beta, gamma, evalFrom, fitted, season, stats);
}

/**
 * The additive Holt-Winters recursion (Winters' form, as R's `HoltWinters`) from period `from`
 * on, starting from the given level and trend and the seasonals in `season` (indexed by t mod m):
 * ℓ ← (ℓ + b) + α(y − s − ℓ − b), b ← b + β(Δℓ − b), s ← s + γ(y − ℓ_new − s).
 */
export function holtWintersSmooth(
  y: ArrayLike<number>,
  n: number,
  m: number,
  from: number,
  level: number,
  trend: number,
  alpha: number,
  beta: number,
  gamma: number,
  evalFrom: number,
  fitted: Fitted,
  season: Float64Array,
  stats: Float64Array,
): void {
  reset(stats);
  for (let t = from; t < n; t++) {
    const i = t % m;
    const f = level + trend + season[i];
    if (fitted) fitted[t] = f;
    record(stats, t, f > 0 ? f : 0, y[t], evalFrom, m);
    const previous = level;
    const base = level + trend;
    level = base + alpha * (y[t] - season[i] - base);
    trend += beta * (level - previous - trend);
    season[i] += gamma * (y[t] - level - season[i]);
  }
  stats[L] = level;
  stats[B] = trend;
}

/**
 * Croston's method (classic) or the Syntetos–Boylan approximation (factor 1 − α/2): size z =
 * first non-zero demand, interval p = its 1-based position, both smoothed with α at each demand.
 * The forecast before the first demand is 0. Final forecast z/p·factor in stats[L].
 */
export function crostonKernel(
  y: ArrayLike<number>,
  n: number,
  alpha: number,
  factor: number,
  evalFrom: number,
  fitted: Fitted,
  stats: Float64Array,
): void {
  reset(stats);
  let size = 0;
  let interval = 0;
  let last = -1;
  for (let t = 0; t < n; t++) {
    const f = last < 0 ? 0 : (size / interval) * factor;
    if (fitted) fitted[t] = f;
    if (t >= 1) record(stats, t, f, y[t], evalFrom, 1);
    if (y[t] > 0) {
      if (last < 0) {
        size = y[t];
        interval = t + 1;
      } else {
        size += alpha * (y[t] - size);
        interval += alpha * (t - last - interval);
      }
      last = t;
    }
  }
  stats[L] = last < 0 ? 0 : (size / interval) * factor;
}

/**
 * Teunter–Syntetos–Babai: probability p = (y[0] ≠ 0) smoothed every period with β, size z = first
 * non-zero demand smoothed with α when demand occurs; forecast p·z. Final p·z in stats[L], p in
 * stats[B].
 */
export function tsbKernel(
  y: ArrayLike<number>,
  n: number,
  alpha: number,
  beta: number,
  evalFrom: number,
  fitted: Fitted,
  stats: Float64Array,
): void {
  reset(stats);
  let size = 0;
  for (let t = 0; t < n; t++) {
    if (y[t] > 0) {
      size = y[t];
      break;
    }
  }
  let probability = y[0] > 0 ? 1 : 0;
  if (fitted) fitted[0] = probability * size;
  for (let t = 1; t < n; t++) {
    const f = probability * size;
    if (fitted) fitted[t] = f;
    record(stats, t, f, y[t], evalFrom, 1);
    if (y[t] > 0) {
      probability += beta * (1 - probability);
      size += alpha * (y[t] - size);
    } else {
      probability -= beta * probability;
    }
  }
  stats[L] = probability * size;
  stats[B] = probability;
}
