import { FIT_LENGTH, FIT_LEVEL, FIT_LEVEL0, FIT_SSE, FIT_TREND, FIT_TREND0, type Profile, etsFit } from "./ets";
import { brentMinimise, nelderMead } from "./minimise";

/**
 * Fits the non-seasonal exponential smoothing models to a series (deseasonalised by a profile when
 * one is given) and chooses one by AICc, as R's ets() does:
 *
 * - ETS(A,N,N): α by Brent's method on [0.0001, 0.9999];
 * - ETS(A,Ad,N): α, β (Holt's form) and φ ∈ [0.8, 0.98] by Nelder–Mead from the ETS(A,N,N) α,
 *   unless the errors of ETS(A,N,N) look like white noise (`trendLikely`: a trend model then
 *   rarely clears the AICc margin, and most series are spared the two trend fits);
 * - ETS(A,A,N): α and β by Nelder–Mead from the damped fit, whenever the damped one is fitted;
 * - both trends also try the trend that does not move (α and β at their lower bounds, φ at its
 *   upper one: a fixed line through the data), a common least-squares optimum that a search
 *   starting from a moving level does not reach, as the level's fit tries α at its bound;
 *
 * each with the initial state that minimises the squared one-step errors (see ets.ts).
 * AICc = n·ln(SSE/n) + 2k + 2k(k + 1)/(n − k − 1), k = smoothing parameters + initial states + 1
 * (the variance): 3, 6 and 5. A model needs n > k + 1 periods.
 *
 * Choice: in the order no trend, damped trend, linear trend, a model replaces the one chosen so
 * far only when its AICc is lower by more than 2 (differences below 2 are within noise, Burnham &
 * Anderson). Trends are extrapolated only when the data insist.
 */

export interface EtsChoice {
  trend: boolean;
  /** φ < 1 for a damped trend, 1 for a linear one or none. */
  phi: number;
  alpha: number;
  /** Holt's β (0 without trend). */
  beta: number;
  level0: number;
  trend0: number;
  /** State after the last period. */
  level: number;
  slope: number;
  sse: number;
  /** Number of estimated parameters, the variance included. */
  k: number;
}

const ALPHA_LO = 1e-4;
const ALPHA_HI = 0.9999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;
/** Evaluations allowed per model: enough for the SSE's flat minimum, few enough to stay fast. */
const SES_EVALS = 10;
const DAMPED_EVALS = 24;
const LINEAR_EVALS = 12;
/** AICc margin a more elaborate model must win by. */
const MARGIN = 2;

const fit = new Float64Array(FIT_LENGTH);
const point = new Float64Array(3);
const LO3 = [ALPHA_LO, ALPHA_LO, PHI_LO];
const HI3 = [ALPHA_HI, ALPHA_HI, PHI_HI];
const STEP3 = [0.1, 0.1, 0.05];
const STEP2 = [0.05, 0.05];
/** α and β at their lower bounds, φ at its upper one: the trend that does not move. */
const FIXED_TREND = new Float64Array([ALPHA_LO, ALPHA_LO, PHI_HI]);

// The series being fitted, for the objective functions (set before every fit).
// (deseasonalised, copied so that the inner loops read one kind of array).
let work = new Float64Array(104);
let length = 0;

const sesObjective = (alpha: number) => etsFit(work, length, false, alpha, 0, 1, fit);
const dampedObjective = (p: Float64Array) => etsFit(work, length, true, p[0], p[1], p[2], fit);
const linearObjective = (p: Float64Array) => etsFit(work, length, true, p[0], p[1], 1, fit);

/**
 * Whether the errors of simple exponential smoothing at α look like a trend: a trend the level
 * keeps lagging behind leaves one-step errors whose mean is away from 0 (beyond one standard
 * error) or that follow one another (lag-one correlation beyond two standard errors). Errors
 * like white noise skip the trend fits (on the forecast benchmark this changed no accuracy figure
 * by more than a rounding, and made the forecasts a quarter faster).
 */
function trendLikely(alpha: number, n: number): boolean {
  etsFit(work, n, false, alpha, 0, 1, fit);
  let level = fit[FIT_LEVEL0];
  let sum = 0;
  let squares = 0;
  let lagged = 0;
  let previous = 0;
  for (let t = 0; t < n; t++) {
    const e = work[t] - level;
    sum += e;
    squares += e * e;
    lagged += e * previous;
    previous = e;
    level += alpha * e;
  }
  if (!(squares > 0)) return false;
  return Math.abs(sum) > Math.sqrt(squares) || lagged / squares > 2 / Math.sqrt(n);
}

/** AICc of a fit with SSE `sse` and k parameters over n periods; Infinity when n ≤ k + 1. */
export function aicc(sse: number, n: number, k: number): number {
  if (n <= k + 1) return Number.POSITIVE_INFINITY;
  return n * Math.log(sse / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}

function record(out: EtsChoice, trend: boolean, alpha: number, beta: number, phi: number, k: number): void {
  // Re-run at the chosen parameters: the scratch holds the last evaluation, not the best.
  etsFit(work, length, trend, alpha, beta, phi, fit);
  out.trend = trend;
  out.phi = phi;
  out.alpha = alpha;
  out.beta = trend ? beta : 0;
  out.level0 = fit[FIT_LEVEL0];
  out.trend0 = trend ? fit[FIT_TREND0] : 0;
  out.level = fit[FIT_LEVEL];
  out.slope = trend ? fit[FIT_TREND] : 0;
  out.sse = fit[FIT_SSE];
  out.k = k;
}

/**
 * Fits and chooses (see the module's comment); the choice is written into `out`. `withLevel` and
 * `withTrend` say whether the model without trend and the trend models may be chosen (at least
 * one must be true).
 */
export function selectEts(
  y: ArrayLike<number>,
  n: number,
  profile: Profile,
  m: number,
  out: EtsChoice,
  withLevel = true,
  withTrend = true,
): void {
  if (work.length < n) work = new Float64Array(n);
  for (let t = 0, p = 0; t < n; t++, p = p + 1 === m ? 0 : p + 1) work[t] = profile === null ? y[t] : y[t] / profile[p];
  length = n;

  let alpha = brentMinimise(sesObjective, ALPHA_LO, ALPHA_HI, 1e-3, SES_EVALS);
  let sesSse = sesObjective(alpha);
  // Brent's bracket closes on a bound only slowly, and a level that should not move at all (α at
  // its lower bound) is common in steady demand: look there too.
  const still = sesObjective(ALPHA_LO);
  if (still <= sesSse) {
    alpha = ALPHA_LO;
    sesSse = still;
  }
  // Without the level-only model, any trend model beats it.
  let bestScore = withLevel ? aicc(sesSse, n, 3) : Number.POSITIVE_INFINITY;
  let trend = false;
  let bestAlpha = alpha;
  let bestBeta = 0;
  let bestPhi = 1;
  let bestK = 3;

  if (withTrend && (!withLevel || (n > 7 && sesSse > 0 && trendLikely(alpha, n)))) {
    point[0] = alpha;
    point[1] = 0.1;
    point[2] = 0.95;
    let dampedSse = nelderMead(dampedObjective, point, 3, LO3, HI3, STEP3, 1e-4, DAMPED_EVALS);
    // A trend that does not move (α and β at their lower bounds: a fixed line, the regression of
    // demand on time) is a common least-squares optimum that Nelder–Mead from a moving level does
    // not reach: look there too, as for the level.
    const fixedDamped = dampedObjective(FIXED_TREND);
    if (fixedDamped < dampedSse) {
      point.set(FIXED_TREND);
      dampedSse = fixedDamped;
    }
    const dampedScore = aicc(dampedSse, n, 6);
    if (dampedScore < bestScore - MARGIN || !withLevel) {
      bestScore = dampedScore;
      trend = true;
      bestAlpha = point[0];
      bestBeta = point[1];
      bestPhi = point[2];
      bestK = 6;
    }
    // Always fitted with the damped trend: the damped fit may settle on a moving level with φ
    // inside its bounds while the fixed line fits better than both.
    let linearSse = nelderMead(linearObjective, point, 2, LO3, HI3, STEP2, 1e-4, LINEAR_EVALS);
    const fixedLinear = linearObjective(FIXED_TREND);
    if (fixedLinear < linearSse) {
      point[0] = ALPHA_LO;
      point[1] = ALPHA_LO;
      linearSse = fixedLinear;
    }
    const linearScore = aicc(linearSse, n, 5);
    if (linearScore < bestScore - MARGIN) {
      bestScore = linearScore;
      trend = true;
      bestAlpha = point[0];
      bestBeta = point[1];
      bestPhi = 1;
      bestK = 5;
    }
  }
  record(out, trend, bestAlpha, bestBeta, bestPhi, bestK);
}
