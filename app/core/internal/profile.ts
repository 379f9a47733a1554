/**
 * The computation behind `seasonalProfile`, without checks and without allocating once the
 * scratch arrays have grown to the season length: `forecastDemand` runs it on every series of two
 * seasons or more.
 */

/**
 * Reliability the profile must reach to count as seasonal: what a correlation of 0.4 between two
 * seasons gives (2·0.4 / 1.4, Spearman–Brown), the threshold of the lag-one-season correlation
 * test for a single series with two seasons (about 3 standard errors for 52 pairs).
 */
export const SEASONAL_RELIABILITY = 4 / 7;
/** Smallest index kept, so that deseasonalising never divides by zero. */
const MIN_INDEX = 0.01;

let demand = new Float64Array(52);
let base = new Float64Array(52);
let count = new Float64Array(52);
let sum = new Float64Array(52);
let squares = new Float64Array(52);

/**
 * Writes the profile of the aligned series into `out` (m indices of mean 1) and returns true, or
 * returns false when they show no seasonality. See `seasonalProfile` for the rules.
 */
export function profileInto(series: readonly ArrayLike<number>[], m: number, out: { [index: number]: number }): boolean {
  if (demand.length < m) {
    demand = new Float64Array(m);
    base = new Float64Array(m);
    count = new Float64Array(m);
    sum = new Float64Array(m);
    squares = new Float64Array(m);
  }
  for (let p = 0; p < m; p++) {
    demand[p] = 0;
    base[p] = 0;
    count[p] = 0;
    sum[p] = 0;
    squares[p] = 0;
  }
  for (let j = 0; j < series.length; j++) {
    const y = series[j];
    const n = y.length;
    let mean = 0;
    for (let t = 0; t < n; t++) mean += y[t];
    mean /= n;
    if (!(mean > 0)) continue;
    const slope = n >= 2 * m ? trendSlope(y, n, m) : 0;
    const tMean = (n - 1) / 2;
    const flat = Math.min(mean + slope * (0 - tMean), mean + slope * (n - 1 - tMean)) < 0.25 * mean;
    for (let t = 0, p = 0; t < n; t++, p = p + 1 === m ? 0 : p + 1) {
      const baseline = flat ? mean : mean + slope * (t - tMean);
      const ratio = y[t] / baseline;
      demand[p] += y[t];
      base[p] += baseline;
      count[p] += 1;
      sum[p] += ratio;
      squares[p] += ratio * ratio;
    }
  }
  let total = 0;
  let grand = 0;
  for (let p = 0; p < m; p++) {
    if (count[p] === 0) return false;
    total += count[p];
    grand += sum[p];
  }
  grand /= total;
  let between = 0;
  let within = 0;
  for (let p = 0; p < m; p++) {
    const phaseMean = sum[p] / count[p];
    between += count[p] * (phaseMean - grand) * (phaseMean - grand);
    within += squares[p] - count[p] * phaseMean * phaseMean;
  }
  const dfWithin = total - m;
  // Rounding noise in the ratios of a flat series is no season.
  if (dfWithin < 1 || !(between > 1e-12 * total * grand * grand)) return false;
  const reliability = within > 0 ? 1 - within / dfWithin / (between / (m - 1)) : 1;
  if (reliability < SEASONAL_RELIABILITY) return false;

  let mean = 0;
  for (let p = 0; p < m; p++) {
    const raw = base[p] > 0 ? demand[p] / base[p] : 1;
    const index = 1 + reliability * (raw - 1);
    out[p] = index > MIN_INDEX ? index : MIN_INDEX;
    mean += out[p];
  }
  mean /= m;
  for (let p = 0; p < m; p++) out[p] /= mean;
  return true;
}

/**
 * The trend per period from the change over one season (mean of (yₜ − yₜ₋ₘ) ÷ m): a stable seasonal
 * pattern cancels out of it, where a straight line fitted through two seasons would lean with it.
 */
function trendSlope(y: ArrayLike<number>, n: number, m: number): number {
  let change = 0;
  for (let t = m; t < n; t++) change += y[t] - y[t - m];
  return change / ((n - m) * m);
}
