import { ADI_CUTOFF, CV2_CUTOFF, demandPattern } from "./demand-pattern";
import { MUST_NOT_BE_EMPTY } from "./errors";
import { checkNonNegativeInteger, checkPositiveInteger, checkSeries, fail } from "./internal/checks";
import {
  ABS,
  ACT,
  B,
  COUNT,
  L,
  SIGN,
  SSE,
  STATS_LENGTH,
  crostonKernel,
  holtKernel,
  holtWintersKernel,
  sesKernel,
  tsbKernel,
} from "./internal/kernels";
import { isSeasonal } from "./internal/seasonality";
import type { DemandPattern, ForecastMethod } from "./types";

export interface ForecastDemandOptions {
  /** Periods per season for Holt-Winters; default 52 (weekly data, yearly cycle). */
  seasonLength?: number;
  /** Periods at the end of the series used for the rolling-origin backtest; default 13. */
  holdout?: number;
  /** Number of future periods to forecast; default 1. */
  horizon?: number;
  /** Only consider these methods (`zero` is always used for a series without demand). */
  methods?: readonly ForecastMethod[];
}

export interface ForecastParameters {
  alpha?: number;
  beta?: number;
  gamma?: number;
}

export interface BacktestAccuracy {
  /** Number of backtest periods (one-step-ahead forecasts from a rolling origin). */
  periods: number;
  /** Mean absolute error per period. */
  mae: number;
  /** Σ|error| ÷ Σ actual; 0 when both are 0, Infinity when only the actuals are. */
  wape: number;
  /** Mean of (forecast − actual): positive means over-forecasting. */
  bias: number;
}

export interface DemandForecast {
  method: ForecastMethod;
  parameters: ForecastParameters;
  pattern: DemandPattern;
  seasonal: boolean;
  /** Mean forecast demand per period over the horizon (the next period when horizon = 1). */
  forecast: number;
  /** Forecast demand for each of the next `horizon` periods, never negative. */
  forecasts: number[];
  /** Standard deviation of one-step-ahead forecast errors per period (in-sample RMSE). */
  sd: number;
  /** Backtest accuracy of the chosen method; null when the series is too short (< 3 periods). */
  accuracy: BacktestAccuracy | null;
}

interface Candidate {
  method: ForecastMethod;
  alpha: number;
  beta: number;
  gamma: number;
}

const c = (method: ForecastMethod, alpha: number, beta = 0, gamma = 0): Candidate => ({ method, alpha, beta, gamma });

// Small fixed grids instead of an optimiser: cheap, deterministic and good enough to rank
// methods. Order matters: on equal backtest error the earlier (simpler) candidate wins.
const SMOOTH: readonly Candidate[] = [c("ses", 0.1), c("ses", 0.2), c("ses", 0.4), c("holt", 0.2, 0.05), c("holt", 0.4, 0.1)];
const SEASONAL: readonly Candidate[] = [c("holt-winters", 0.2, 0.01, 0.2), c("holt-winters", 0.1, 0.01, 0.3)];
const SBA = c("sba", 0.1);
const TSB = c("tsb", 0.1, 0.1);
const CROSTON = c("croston", 0.1);
const ONLY_SBA: readonly Candidate[] = [SBA];
const ONLY_TSB: readonly Candidate[] = [TSB];
const ONLY_CROSTON: readonly Candidate[] = [CROSTON];
const INTERMITTENT: readonly Candidate[] = [SBA, TSB, CROSTON];
/** Relative distance to a Syntetos–Boylan cut-off within which the pattern is in doubt. */
const DOUBT = 0.1;
const DEFAULT_HOLDOUT = 13;
const DEFAULT_SEASON = 52;

// Scratch state reused by every call (JavaScript runs one call at a time), so that choosing a
// method for 100,000 series allocates nothing per candidate.
const stats = new Float64Array(STATS_LENGTH);
let season = new Float64Array(DEFAULT_SEASON);
const candidates: Candidate[] = [];

function addCandidates(list: readonly Candidate[], methods: readonly ForecastMethod[] | undefined): void {
  for (let i = 0; i < list.length; i++) {
    if (!methods || methods.includes(list[i].method)) candidates.push(list[i]);
  }
}

function run(k: Candidate, y: ArrayLike<number>, n: number, m: number, evalFrom: number): void {
  switch (k.method) {
    case "ses":
      return sesKernel(y, n, k.alpha, evalFrom, null, stats);
    case "holt":
      return holtKernel(y, n, k.alpha, k.beta, evalFrom, null, stats);
    case "holt-winters":
      return holtWintersKernel(y, n, m, k.alpha, k.beta, k.gamma, evalFrom, null, season, stats);
    case "croston":
      return crostonKernel(y, n, k.alpha, 1, evalFrom, null, stats);
    case "sba":
      return crostonKernel(y, n, k.alpha, 1 - k.alpha / 2, evalFrom, null, stats);
    default:
      return tsbKernel(y, n, k.alpha, k.beta, evalFrom, null, stats);
  }
}

/** Forecast for h ≥ 1 periods after the end of the series, from the state of the last run. */
function ahead(k: Candidate, n: number, m: number, h: number): number {
  let f: number;
  if (k.method === "holt") f = stats[L] + h * stats[B];
  else if (k.method === "holt-winters") f = stats[L] + h * stats[B] + season[(n - 1 + h) % m];
  else f = stats[L];
  return f > 0 ? f : 0;
}

function near(value: number, cutoff: number): boolean {
  return Math.abs(value - cutoff) <= DOUBT * cutoff;
}

/**
 * Forecasts demand per period, choosing the method by demand pattern and backtest (docs/domain.md,
 * "Forecasts"):
 * - no demand → `zero` (forecast 0, sd 0);
 * - smooth or erratic → SES (α ∈ {0.1, 0.2, 0.4}) or Holt, plus additive Holt-Winters when at
 *   least two seasons show seasonality, whichever has the lowest backtest MAE;
 * - intermittent → SBA (α 0.1); lumpy → TSB (α 0.1, β 0.1);
 * - when ADI or CV² lies within 10 % of its cut-off (1.32, 0.49) the pattern is in doubt: the
 *   methods of the neighbouring pattern(s) join the candidates and the lowest MAE wins.
 *
 * The backtest is a rolling origin over the last `holdout` periods: each period is forecast one
 * step ahead from the data before it, with the parameters fixed. `sd` is the RMSE of all
 * one-step-ahead errors after the method's warm-up, the σ to use for safety stock. Ties go to the
 * simpler method. Forecasts are never negative.
 *
 * @param series demand per period, oldest first (an array or a typed array); every value finite
 *   and ≥ 0
 * @throws RangeError for an empty series, a negative or non-finite value, bad options, or a
 *   `methods` list that leaves no candidate for the series
 * @example
 * const weekly = [12, 9, 11, 10, 13, 8, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11];
 * const f = forecastDemand(weekly);
 * // f.pattern "smooth", f.method "ses" with α 0.2 (lowest backtest MAE), f.forecast ≈ 10.46,
 * // f.sd ≈ 1.62, f.accuracy ≈ { periods: 13, mae: 1.28, wape: 0.122, bias: 0.33 }
 */
export function forecastDemand(series: ArrayLike<number>, options: ForecastDemandOptions = {}): DemandForecast {
  const m = options.seasonLength ?? DEFAULT_SEASON;
  const horizon = options.horizon ?? 1;
  checkSeries("series", series);
  checkPositiveInteger("seasonLength", m);
  checkPositiveInteger("horizon", horizon);
  if (options.holdout !== undefined) checkNonNegativeInteger("holdout", options.holdout);

  const n = series.length;
  const holdout = Math.max(0, Math.min(options.holdout ?? DEFAULT_HOLDOUT, n - 2));
  const { pattern, adi, cv2 } = demandPattern(series);
  if (pattern === "none") {
    return {
      method: "zero",
      parameters: {},
      pattern,
      seasonal: false,
      forecast: 0,
      forecasts: new Array<number>(horizon).fill(0),
      sd: 0,
      accuracy: holdout > 0 ? { periods: holdout, mae: 0, wape: 0, bias: 0 } : null,
    };
  }

  const evalFrom = n - holdout;
  const seasonal = m >= 2 && evalFrom >= m && isSeasonal(series, n, m);
  if (seasonal && season.length < m) season = new Float64Array(m);

  const frequent = pattern === "smooth" || pattern === "erratic";
  const steady = pattern === "smooth" || pattern === "intermittent";
  const doubtAdi = near(adi, ADI_CUTOFF);
  const doubtCv2 = near(cv2, CV2_CUTOFF);
  const methods = options.methods;
  candidates.length = 0;
  if (frequent || doubtAdi) {
    addCandidates(SMOOTH, methods);
    if (seasonal) addCandidates(SEASONAL, methods);
  }
  if (!frequent || doubtAdi) {
    if (steady || doubtCv2) addCandidates(ONLY_SBA, methods);
    if (!steady || doubtCv2) addCandidates(ONLY_TSB, methods);
    if (doubtAdi || doubtCv2) addCandidates(ONLY_CROSTON, methods);
  }
  // A `methods` filter may remove every candidate the pattern suggests: fall back to the filter.
  if (candidates.length === 0 && methods) {
    addCandidates(SMOOTH, methods);
    if (seasonal) addCandidates(SEASONAL, methods);
    addCandidates(INTERMITTENT, methods);
  }
  if (candidates.length === 0) fail("methods", `${MUST_NOT_BE_EMPTY} for this series`, methods);

  let best = candidates[0];
  if (candidates.length > 1 && holdout > 0) {
    let bestMae = Number.POSITIVE_INFINITY;
    for (let i = 0; i < candidates.length; i++) {
      const k = candidates[i];
      run(k, series, n, m, evalFrom);
      if (stats[ABS] < bestMae) {
        bestMae = stats[ABS];
        best = k;
      }
    }
  }
  run(best, series, n, m, evalFrom);

  const forecasts: number[] = new Array(horizon);
  let total = 0;
  for (let h = 1; h <= horizon; h++) {
    forecasts[h - 1] = ahead(best, n, m, h);
    total += forecasts[h - 1];
  }
  const absErr = stats[ABS];
  const actual = stats[ACT];
  return {
    method: best.method,
    parameters: parametersOf(best),
    pattern,
    seasonal,
    forecast: total / horizon,
    forecasts,
    sd: stats[COUNT] > 0 ? Math.sqrt(stats[SSE] / stats[COUNT]) : 0,
    accuracy:
      holdout > 0
        ? {
            periods: holdout,
            mae: absErr / holdout,
            wape: actual > 0 ? absErr / actual : absErr > 0 ? Number.POSITIVE_INFINITY : 0,
            bias: stats[SIGN] / holdout,
          }
        : null,
  };
}

function parametersOf(k: Candidate): ForecastParameters {
  switch (k.method) {
    case "holt":
    case "tsb":
      return { alpha: k.alpha, beta: k.beta };
    case "holt-winters":
      return { alpha: k.alpha, beta: k.beta, gamma: k.gamma };
    default:
      return { alpha: k.alpha };
  }
}
