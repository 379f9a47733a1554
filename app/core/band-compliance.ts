import { MUST_NOT_BE_EMPTY } from "./errors";
import { checkBand } from "./internal/check-band";
import { checkFinite, fail } from "./internal/checks";

export interface StockSnapshot {
  /** On hand at the end of the day (may be ≤ 0 in ERP data: that is a stockout). */
  onHand: number;
  /** The band in force that day. */
  min: number;
  max: number;
}

export interface BandCompliance {
  /** Number of agreement-days. */
  days: number;
  /** Share with min ≤ on hand ≤ max. */
  inBand: number;
  /** Share with on hand < min (stockouts included when min > 0). */
  belowMin: number;
  /** Share with on hand ≤ 0: the stockout rate (OOS). */
  stockedOut: number;
  /** Share with on hand > max. */
  aboveMax: number;
}

/**
 * Band compliance KPI (docs/domain.md, "KPIs") over agreement-day snapshots: shares of days in band,
 * below min, stocked out (on hand ≤ 0) and above max. inBand + belowMin + aboveMax = 1; the
 * stockout share overlaps the others (with min 0, an empty day is both in band and stocked out).
 *
 * @throws RangeError for no snapshots, a non-finite on hand, or an invalid band
 * @example
 * bandCompliance([
 *   { onHand: 50, min: 20, max: 100 }, { onHand: 10, min: 20, max: 100 },
 *   { onHand: 0, min: 20, max: 100 },  { onHand: 120, min: 20, max: 100 },
 * ]);
 * // { days: 4, inBand: 0.25, belowMin: 0.5, stockedOut: 0.25, aboveMax: 0.25 }
 */
export function bandCompliance(snapshots: readonly StockSnapshot[]): BandCompliance {
  if (!Array.isArray(snapshots) || snapshots.length === 0) fail("snapshots", MUST_NOT_BE_EMPTY, snapshots);
  let inBand = 0;
  let below = 0;
  let out = 0;
  let above = 0;
  for (let i = 0; i < snapshots.length; i++) {
    const { onHand, min, max } = snapshots[i];
    checkFinite(`snapshots[${i}].onHand`, onHand);
    checkBand(min, max, `snapshots[${i}].`);
    if (onHand < min) below++;
    else if (onHand > max) above++;
    else inBand++;
    if (onHand <= 0) out++;
  }
  const n = snapshots.length;
  return { days: n, inBand: inBand / n, belowMin: below / n, stockedOut: out / n, aboveMax: above / n };
}
