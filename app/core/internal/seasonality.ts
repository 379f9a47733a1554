/** Correlation at lag m of the linearly detrended series above which it counts as seasonal. */
export const SEASONAL_CORRELATION = 0.4;

/**
 * Whether at least two full seasons of y[0..n) show seasonality: the Pearson correlation between
 * each period and the same period one season earlier, after removing a least-squares line (so a
 * trend alone does not look seasonal), is at least 0.4 (about 3 standard errors for 52 pairs).
 */
export function isSeasonal(y: ArrayLike<number>, n: number, m: number): boolean {
  if (m < 2 || n < 2 * m) return false;
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (let t = 0; t < n; t++) yMean += y[t];
  yMean /= n;
  let sty = 0;
  let stt = 0;
  for (let t = 0; t < n; t++) {
    sty += (t - tMean) * (y[t] - yMean);
    stt += (t - tMean) * (t - tMean);
  }
  const slope = sty / stt;
  let cross = 0;
  let early = 0;
  let late = 0;
  for (let t = m; t < n; t++) {
    const now = y[t] - yMean - slope * (t - tMean);
    const before = y[t - m] - yMean - slope * (t - m - tMean);
    cross += now * before;
    late += now * now;
    early += before * before;
  }
  if (!(early > 0 && late > 0)) return false;
  return cross / Math.sqrt(early * late) >= SEASONAL_CORRELATION;
}
