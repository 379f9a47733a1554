import { checkSeries } from "./internal/checks";
import { isBelow } from "./internal/tolerance";
import type { DemandPattern } from "./types";

/** Syntetos–Boylan–Croston cut-offs (Syntetos, Boylan & Croston 2005, JORS 56:495–503). */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/**
 * Syntetos–Boylan demand pattern (docs/domain.md). ADI = number of periods ÷ number of periods with
 * demand; CV² = (population sd ÷ mean)² of the non-zero demands only.
 * ADI < 1.32 and CV² < 0.49 → smooth; ADI < 1.32, CV² ≥ 0.49 → erratic; ADI ≥ 1.32, CV² < 0.49 →
 * intermittent; both ≥ → lumpy. A series with no demand is `none`, with `adi: Infinity, cv2: 0`.
 * A value within a relative 1e-12 of a cut-off counts as equal to it (rounding noise).
 *
 * @param series demand per period, every value finite and ≥ 0, at least one value
 * @throws RangeError for an empty series or a negative or non-finite demand
 * @example
 * demandPattern([0, 5, 0, 0, 5, 0]); // { pattern: "intermittent", adi: 3, cv2: 0 }
 * demandPattern([9, 11, 10, 10]);    // { pattern: "smooth", adi: 1, cv2: 0.005 }
 */
export function demandPattern(series: ArrayLike<number>): {
  pattern: DemandPattern;
  adi: number;
  cv2: number;
} {
  checkSeries("series", series);
  const n = series.length;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (series[i] > 0) {
      count++;
      sum += series[i];
    }
  }
  if (count === 0) return { pattern: "none", adi: Number.POSITIVE_INFINITY, cv2: 0 };
  const mu = sum / count;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    if (series[i] > 0) ss += (series[i] - mu) * (series[i] - mu);
  }
  const cv2 = ss / count / (mu * mu);
  const adi = n / count;
  const frequent = isBelow(adi, ADI_CUTOFF);
  const steady = isBelow(cv2, CV2_CUTOFF);
  const pattern: DemandPattern = frequent ? (steady ? "smooth" : "erratic") : steady ? "intermittent" : "lumpy";
  return { pattern, adi, cv2 };
}
