import { ADI_CUTOFF, CV2_CUTOFF, demandPattern } from "./demand-pattern";
import { MUST_NOT_BE_EMPTY } from "./errors";
import { checkNonNegativeInteger, checkPositiveInteger, checkSeries, fail } from "./internal/checks";
import { etsRun } from "./internal/ets";
import { type EtsChoice, selectEts } from "./internal/ets-select";
import { ABS, ACT, B, COUNT, L, SIGN, SSE, STATS_LENGTH, crostonKernel, tsbKernel } from "./internal/kernels";
import { profileInto } from "./internal/profile";
import type { DemandPattern, ForecastMethod } from "./types";

export interface ForecastDemandOptions {
  /** Periods per season; default 52 (weekly data, yearly cycle). */
  seasonLength?: number;
  /** Periods at the end of the series used for the rolling-origin backtest; default 13. */
  holdout?: number;
  /** Number of future periods to forecast; default 1. */
  horizon?: number;
  /** Only consider these methods (`zero` is always used for a series without demand). */
  methods?: readonly ForecastMethod[];
  /**
   * A seasonal profile borrowed from the series' group (the same item at other sites, or its
   * category; see `seasonalProfile`): `seasonLength` multiplicative indices of mean 1, aligned to
   * the series' start (period t has index profile[t mod seasonLength]). Used only when the series
   * is too short for its own seasonality (fewer than two seasons).
   */
  seasonProfile?: ArrayLike<number>;
}

export interface ForecastParameters {
  alpha?: number;
  /** Holt's β: the trend's share of the level's correction. */
  beta?: number;
  /** Seasonal smoothing; 0 for the fixed seasonal profile of `holt-winters`. */
  gamma?: number;
  /** Trend damping: < 1 for a damped trend, 1 for a linear one. */
  phi?: number;
  /** The estimated state before the first period (exponential smoothing methods). */
  initial?: { level: number; trend: number };
}

/**
 * How the chosen model's forecast errors add up over several periods (Hyndman et al. 2008, §6.1):
 * the error of the forecast j periods ahead carries the shock of each period since the origin
 * with weight cⱼ = α·(1 + β·(φ + φ² + … + φʲ)) (Holt's β; β = 0 without trend). See
 * `forecastErrorSd`.
 */
export interface ErrorGrowth {
  alpha: number;
  beta: number;
  phi: number;
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
  /** Where the seasonal profile came from: the series' own history, its group's, or none. */
  seasonSource: "own" | "group" | null;
  /** Mean forecast demand per period over the horizon (the next period when horizon = 1). */
  forecast: number;
  /** Forecast demand for each of the next `horizon` periods, never negative. */
  forecasts: number[];
  /**
   * Standard deviation of the chosen model's one-step-ahead forecast error per period (residual
   * sum of squares ÷ (periods − estimated parameters)), at the seasonal level of the horizon.
   */
  sd: number;
  /** How errors grow over several periods, for the spread of lead-time demand. */
  errorGrowth: ErrorGrowth;
  /** Backtest accuracy of the chosen method; null when the series is too short (< 3 periods). */
  accuracy: BacktestAccuracy | null;
}

type Family = "ets" | "sba" | "tsb" | "croston";

/** Relative distance to a Syntetos–Boylan cut-off within which the pattern is in doubt. */
const DOUBT = 0.1;
const DEFAULT_HOLDOUT = 13;
const DEFAULT_SEASON = 52;
/** Smoothing constants of the intermittent methods (R's croston() uses α = 0.1 too). */
const INTERMITTENT_ALPHA = 0.1;
const TSB_BETA = 0.1;

// Scratch state reused by every call (JavaScript runs one call at a time).
const stats = new Float64Array(STATS_LENGTH);
const families: Family[] = [];
const choice: EtsChoice = { trend: false, phi: 1, alpha: 0, beta: 0, level0: 0, trend0: 0, level: 0, slope: 0, sse: 0, k: 0 };
let profile: ArrayLike<number> | null = null;
let ownProfile = new Float64Array(DEFAULT_SEASON);
const NONE: ArrayLike<number> = [];
const single: ArrayLike<number>[] = [NONE];

function allowed(methods: readonly ForecastMethod[] | undefined, method: ForecastMethod): boolean {
  return !methods || methods.includes(method);
}

function near(value: number, cutoff: number): boolean {
  return Math.abs(value - cutoff) <= DOUBT * cutoff;
}

function runIntermittent(family: Family, y: ArrayLike<number>, n: number, evalFrom: number): void {
  if (family === "tsb") tsbKernel(y, n, INTERMITTENT_ALPHA, TSB_BETA, evalFrom, null, stats);
  else crostonKernel(y, n, INTERMITTENT_ALPHA, family === "sba" ? 1 - INTERMITTENT_ALPHA / 2 : 1, evalFrom, null, stats);
}

function runEts(y: ArrayLike<number>, n: number, m: number, evalFrom: number): void {
  etsRun(
    y,
    n,
    profile,
    m,
    choice.alpha,
    choice.beta,
    choice.trend ? choice.phi : 1,
    choice.level0,
    choice.trend0,
    evalFrom,
    null,
    stats,
  );
}

/**
 * Forecasts demand per period (docs/domain.md, "Forecasts"; docs/decisions/036-fitted-forecasts.md):
 * - no demand → `zero` (forecast 0, sd 0);
 * - smooth or erratic → exponential smoothing fitted as R's ets() fits it: ETS(A,N,N) (`ses`),
 *   damped or linear trend (`holt`, φ < 1 or 1), parameters and initial state by least squares
 *   on the one-step errors, chosen by AICc: no trend unless a damped trend is lower by more than
 *   2, a linear trend only when lower again by more than 2 (smaller differences are noise);
 * - seasonal (`holt-winters`, multiplicative with a fixed profile): when the series holds two
 *   seasons whose profile is reliable (`seasonalProfile` of the series alone), or is shorter
 *   than two seasons and `seasonProfile` is given, the series is deseasonalised by the profile,
 *   the models above are fitted and chosen on it, and the forecasts are reseasonalised;
 * - intermittent → SBA (α 0.1); lumpy → TSB (α 0.1, β 0.1);
 * - when ADI or CV² lies within 10 % of its cut-off (1.32, 0.49) the pattern is in doubt: the
 *   methods of the neighbouring pattern(s) join, and the lowest backtest MAE wins.
 *
 * The backtest is a rolling origin over the last `holdout` periods: each period is forecast one
 * step ahead from the data before it, with the fitted parameters. Forecasts are never negative.
 * `sd` is the chosen model's one-step σ; with `errorGrowth`, `forecastErrorSd` gives the spread
 * of demand over several periods (a lead time) under the same model.
 *
 * @param series demand per period, oldest first (an array or a typed array); every value finite
 *   and ≥ 0
 * @throws RangeError for an empty series, a negative or non-finite value, bad options, or a
 *   `methods` list that leaves no candidate for the series
 * @example
 * const weekly = [12, 9, 11, 10, 13, 8, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11];
 * const f = forecastDemand(weekly);
 * // f.pattern "smooth", f.method "ses" (no trend earns its parameters), α = 0.0001 (its lower
 * // bound: the level does not move), so the forecast is the mean: f.forecast ≈ 10.50,
 * // f.sd ≈ 1.47, f.accuracy.mae ≈ 1.12
 */
export function forecastDemand(series: ArrayLike<number>, options: ForecastDemandOptions = {}): DemandForecast {
  const m = options.seasonLength ?? DEFAULT_SEASON;
  const horizon = options.horizon ?? 1;
  checkSeries("series", series);
  checkPositiveInteger("seasonLength", m);
  checkPositiveInteger("horizon", horizon);
  if (options.holdout !== undefined) checkNonNegativeInteger("holdout", options.holdout);
  if (options.seasonProfile !== undefined) checkProfile(options.seasonProfile, m);

  const n = series.length;
  const holdout = Math.max(0, Math.min(options.holdout ?? DEFAULT_HOLDOUT, n - 2));
  const { pattern, adi, cv2 } = demandPattern(series);
  if (pattern === "none") {
    return {
      method: "zero",
      parameters: {},
      pattern,
      seasonal: false,
      seasonSource: null,
      forecast: 0,
      forecasts: new Array<number>(horizon).fill(0),
      sd: 0,
      errorGrowth: { alpha: 0, beta: 0, phi: 1 },
      accuracy: holdout > 0 ? { periods: holdout, mae: 0, wape: 0, bias: 0 } : null,
    };
  }

  const evalFrom = n - holdout;
  const methods = options.methods;
  const frequent = pattern === "smooth" || pattern === "erratic";
  const steady = pattern === "smooth" || pattern === "intermittent";
  const doubtAdi = near(adi, ADI_CUTOFF);
  const doubtCv2 = near(cv2, CV2_CUTOFF);
  const smoothing = allowed(methods, "ses") || allowed(methods, "holt");
  const seasonalAllowed = allowed(methods, "holt-winters");
  families.length = 0;
  let seasonSource: DemandForecast["seasonSource"] = null;
  profile = null;
  if (frequent || doubtAdi) {
    if (seasonalAllowed && m >= 2) {
      if (n >= 2 * m) {
        if (ownProfile.length < m) ownProfile = new Float64Array(m);
        single[0] = series;
        profile = profileInto(single, m, ownProfile) ? ownProfile : null;
        single[0] = NONE; // hold no reference to the caller's series
      } else if (options.seasonProfile) profile = options.seasonProfile;
      if (profile) seasonSource = n >= 2 * m ? "own" : "group";
    }
    if (profile || smoothing) families.push("ets");
  }
  if (!frequent || doubtAdi) {
    if ((steady || doubtCv2) && allowed(methods, "sba")) families.push("sba");
    if ((!steady || doubtCv2) && allowed(methods, "tsb")) families.push("tsb");
    if ((doubtAdi || doubtCv2) && allowed(methods, "croston")) families.push("croston");
  }
  // A `methods` filter may remove every candidate the pattern suggests: fall back to the filter.
  if (families.length === 0 && methods) {
    if (smoothing) families.push("ets");
    for (const f of ["sba", "tsb", "croston"] as const) if (allowed(methods, f)) families.push(f);
  }
  if (families.length === 0) fail("methods", `${MUST_NOT_BE_EMPTY} for this series`, methods);

  const withEts = families[0] === "ets";
  if (withEts) {
    const trendOnly = !profile && !allowed(methods, "ses");
    const levelOnly = !profile && !allowed(methods, "holt");
    selectEts(series, n, profile, m, choice, !trendOnly, !levelOnly);
  }
  let best: Family = families[0];
  if (families.length > 1 && holdout > 0) {
    let bestMae = Number.POSITIVE_INFINITY;
    for (let i = 0; i < families.length; i++) {
      if (families[i] === "ets") runEts(series, n, m, evalFrom);
      else runIntermittent(families[i], series, n, evalFrom);
      if (stats[ABS] < bestMae) {
        bestMae = stats[ABS];
        best = families[i];
      }
    }
  }
  if (best !== "ets") {
    profile = null;
    seasonSource = null;
  }
  if (best === "ets") runEts(series, n, m, evalFrom);
  else runIntermittent(best, series, n, evalFrom);

  const forecasts: number[] = new Array(horizon);
  let total = 0;
  let indexTotal = 0;
  let damped = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    let f = stats[L];
    if (best === "ets") {
      phiPower *= choice.phi;
      damped += phiPower;
      const index = profile === null ? 1 : profile[(n + h - 1) % m];
      f = (stats[L] + (choice.trend ? damped * stats[B] : 0)) * index;
      indexTotal += index;
    }
    forecasts[h - 1] = f > 0 ? f : 0;
    total += forecasts[h - 1];
  }
  const absErr = stats[ABS];
  const actual = stats[ACT];
  let sd: number;
  let errorGrowth: ErrorGrowth;
  if (best === "ets") {
    const dof = n > choice.k ? n - choice.k : n;
    sd = Math.sqrt(choice.sse / dof) * (indexTotal / horizon);
    errorGrowth = { alpha: choice.alpha, beta: choice.trend ? choice.beta : 0, phi: choice.trend ? choice.phi : 1 };
  } else {
    sd = stats[COUNT] > 0 ? Math.sqrt(stats[SSE] / stats[COUNT]) : 0;
    // The level of the intermittent methods moves only when demand occurs (Croston, SBA), or every
    // period through the probability (TSB): per period it moves about as a level smoothed with α/ADI.
    const perPeriod = INTERMITTENT_ALPHA / adi;
    errorGrowth = { alpha: best === "tsb" ? Math.max(TSB_BETA, perPeriod) : perPeriod, beta: 0, phi: 1 };
  }
  return {
    method: best === "ets" ? (profile ? "holt-winters" : choice.trend ? "holt" : "ses") : best,
    parameters: parametersOf(best),
    pattern,
    seasonal: profile !== null,
    seasonSource,
    forecast: total / horizon,
    forecasts,
    sd,
    errorGrowth,
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

function parametersOf(family: Family): ForecastParameters {
  if (family === "tsb") return { alpha: INTERMITTENT_ALPHA, beta: TSB_BETA };
  if (family !== "ets") return { alpha: INTERMITTENT_ALPHA };
  const initial = { level: choice.level0, trend: choice.trend0 };
  if (!choice.trend) return profile ? { alpha: choice.alpha, gamma: 0, initial } : { alpha: choice.alpha, initial };
  return profile
    ? { alpha: choice.alpha, beta: choice.beta, phi: choice.phi, gamma: 0, initial }
    : { alpha: choice.alpha, beta: choice.beta, phi: choice.phi, initial };
}

function checkProfile(p: ArrayLike<number>, m: number): void {
  if (p == null || p.length !== m) fail("seasonProfile", `must hold ${m} indices, one per period of the season`, p);
  for (let i = 0; i < m; i++) {
    if (!(typeof p[i] === "number" && Number.isFinite(p[i]) && p[i] > 0))
      fail(`seasonProfile[${i}]`, "must be a finite number > 0", p[i]);
  }
}
