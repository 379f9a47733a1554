import { economicOrderQuantity } from "./economic-order-quantity";
import { MUST_BE_ORDERED } from "./errors";
import { inverseNormalCdf } from "./inverse-normal-cdf";
import { checkNonNegative, checkPositive, checkProbability, fail } from "./internal/checks";
import { leadTimeDemandSd } from "./internal/lead-time-demand-sd";
import { solveNormalLoss } from "./internal/solve-normal-loss";
import { isBelow, stepsAtMost } from "./internal/tolerance";
import { roundUpToMultiple } from "./round-up-to-multiple";
import type { ReviewMode } from "./types";

/** What the safety stock protects: a cycle service level, a fill rate, or nothing (CZ). */
export type ServiceTarget = { kind: "cycle"; serviceLevel: number } | { kind: "fill-rate"; fillRate: number } | { kind: "none" };

export interface RecommendBandParams {
  /** Mean forecast demand per period (e.g. `forecastDemand(...).forecast`), ≥ 0. */
  demandMean: number;
  /** Standard deviation of demand (forecast error) per period, ≥ 0. */
  demandSd: number;
  /** Lead time in the same periods, ≥ 0. */
  leadTime: number;
  /** Standard deviation of the lead time in periods, ≥ 0 (default 0). */
  leadTimeSd?: number;
  target: ServiceTarget;
  /** `continuous` (default): max = min + lot. `periodic`: max = order-up-to level, at least min + lot. */
  review?: ReviewMode;
  /**
   * Review period in the same periods, > 0; required for periodic review. When given (either
   * mode), the band is at least this many periods of demand wide.
   */
  reviewPeriod?: number;
  /**
   * Most periods of demand the max may hold (a days-of-cover limit in the same periods), > 0;
   * none by default. The width floors still apply above it.
   */
  maxCover?: number;
  /** Periods per year, to annualise demand for the EOQ (52 for weekly, 365 for daily). */
  periodsPerYear: number;
  /** Fixed cost per order, ≥ 0. */
  orderCost: number;
  /** Holding cost per unit-year = unit cost × holding rate, > 0. */
  holdingCostPerUnit: number;
  /** Minimum order quantity, ≥ 0 (default 0). */
  moq?: number;
  /** Pack size, > 0 (default 1). */
  packSize?: number;
}

export interface RecommendedBand {
  /** Safety stock in units (unrounded). */
  safetyStock: number;
  /** Safety factor k = SS ÷ σL (0 without uncertainty). */
  safetyFactor: number;
  /** Reorder point d̄·LT + SS, rounded up to a whole unit: the recommended min. */
  min: number;
  /** Recommended max, see `recommendBand`. */
  max: number;
  /** Economic order quantity (unrounded). */
  eoq: number;
  /** Lot: max(EOQ, MOQ) rounded up to the pack size. */
  lot: number;
  /** Periodic review: the order-up-to level d̄·(R + LT) + z·σd·√(R + LT), whole units; else null. */
  orderUpTo: number | null;
  /** The max by its formula alone (min + lot, or the order-up-to level), before the cap and floors. */
  formulaMax: number;
  /** The cover cap in units, d̄ × maxCover; null without `maxCover`. */
  cap: number | null;
  /** Whether the cap lowered the max (a width floor may have raised it again, see `floor`). */
  capped: boolean;
  /** The band's least width: one pack and one review period of demand, rounded up to packs; 0 without demand. */
  minWidth: number;
  /** The floor that raised the max to min + `minWidth`, or null when none did. */
  floor: "pack" | "review-period" | null;
}

/**
 * Recommended band for an agreement (docs/domain.md, "Formulas").
 * - Safety stock: the formula of `safetyStock` (cycle service level) or of
 *   `safetyStockForFillRate` with Q = the lot (fill rate), or 0 for `{ kind: "none" }`.
 * - min = reorder point = d̄·LT + SS, rounded UP to a whole unit.
 * - Continuous review: lot = max(EOQ, MOQ, one pack when there is demand) rounded up to the pack
 *   size, max = min + lot, so a lot delivered at min never lands above max. EOQ uses
 *   D = d̄ × periodsPerYear.
 * - Periodic review every R periods: max = order-up-to level d̄·(R + LT) + z·σd·√(R + LT)
 *   (rounded up to a whole unit; z from the cycle service level, 0 for other targets), but never
 *   below min + lot: with short reviews the order-up-to level sits a day's demand above min, and
 *   an order of the MOQ, or of the economic quantity, placed at min would overshoot it.
 * - Cover cap (`maxCover`): a max above d̄ × maxCover comes down to min plus the most whole packs
 *   that stay within it (a lot of a cheap item can be years of demand nobody would hold).
 * - Width floors, with demand: max − min is at least one pack and, when `reviewPeriod` is given,
 *   at least d̄ × reviewPeriod, rounded up to packs; they win over the cap, so that a band always
 *   leaves room for one real order between two reviews. Without demand the band is 0–0.
 *
 * @throws RangeError naming the parameter for any invalid input
 * @example
 * // 100 units/week, σ 30, LT 2 weeks, CSL 0.95, S 50, H 2/unit-year, MOQ 300, pack 48
 * recommendBand({ demandMean: 100, demandSd: 30, leadTime: 2, periodsPerYear: 52,
 *   target: { kind: "cycle", serviceLevel: 0.95 }, orderCost: 50, holdingCostPerUnit: 2,
 *   moq: 300, packSize: 48 });
 * // SS = 1.645 × 30 × √2 = 69.8 → min 270; EOQ = √(2·5200·50 / 2) = 509.9 → lot 528
 * // → { min: 270, max: 798, lot: 528, … }
 */
export function recommendBand(p: RecommendBandParams): RecommendedBand {
  const leadTimeSd = p.leadTimeSd ?? 0;
  const moq = p.moq ?? 0;
  const packSize = p.packSize ?? 1;
  const review = p.review ?? "continuous";
  checkNonNegative("demandMean", p.demandMean);
  checkNonNegative("demandSd", p.demandSd);
  checkNonNegative("leadTime", p.leadTime);
  checkNonNegative("leadTimeSd", leadTimeSd);
  checkPositive("periodsPerYear", p.periodsPerYear);
  checkNonNegative("moq", moq);
  checkPositive("packSize", packSize);
  if (p.target === null || typeof p.target !== "object") {
    fail("target", 'must be { kind: "cycle" | "fill-rate" | "none", … }', p.target);
  }
  if (p.target.kind === "cycle") checkProbability("target.serviceLevel", p.target.serviceLevel);
  else if (p.target.kind === "fill-rate") checkProbability("target.fillRate", p.target.fillRate);
  else if (p.target.kind !== "none")
    fail("target.kind", `${MUST_BE_ORDERED} "cycle", "fill-rate" or "none"`, (p.target as { kind: unknown }).kind);
  if (review === "periodic") checkPositive("reviewPeriod", p.reviewPeriod as number);
  else if (review !== "continuous") fail("review", 'must be "continuous" or "periodic"', review);
  if (p.reviewPeriod !== undefined) checkPositive("reviewPeriod", p.reviewPeriod);
  if (p.maxCover !== undefined) checkPositive("maxCover", p.maxCover);

  const eoq = economicOrderQuantity({
    annualDemand: p.demandMean * p.periodsPerYear,
    orderCost: p.orderCost,
    holdingCostPerUnit: p.holdingCostPerUnit,
  });
  // With demand, the smallest real order is one pack: a free order (orderCost 0 → EOQ 0) must not
  // yield a zero-width band or an unmeetable fill-rate target.
  const lot = roundUpToMultiple(Math.max(eoq, moq, p.demandMean > 0 ? packSize : 0), packSize);
  // Inputs are checked above, so the formulas of safetyStock and safetyStockForFillRate are
  // applied directly rather than through the public functions (no second round of checks).
  const sigmaL = leadTimeDemandSd(p.demandMean, p.demandSd, p.leadTime, leadTimeSd);
  let ss = 0;
  if (p.target.kind === "cycle") ss = Math.max(0, inverseNormalCdf(p.target.serviceLevel) * sigmaL);
  else if (p.target.kind === "fill-rate" && lot > 0 && sigmaL > 0) {
    ss = Math.max(0, solveNormalLoss(((1 - p.target.fillRate) * lot) / sigmaL) * sigmaL);
  }

  const min = wholeUnitsUp(p.demandMean * p.leadTime + ss);
  let formulaMax: number;
  let orderUpTo: number | null = null;
  if (review === "periodic") {
    const r = p.reviewPeriod as number;
    const z = p.target.kind === "cycle" ? Math.max(0, inverseNormalCdf(p.target.serviceLevel)) : 0;
    orderUpTo = wholeUnitsUp(p.demandMean * (r + p.leadTime) + z * p.demandSd * Math.sqrt(r + p.leadTime));
    formulaMax = Math.max(min + lot, orderUpTo);
  } else {
    formulaMax = min + lot;
  }

  let max = formulaMax;
  const cap = p.maxCover === undefined ? null : p.demandMean * p.maxCover;
  const capped = cap !== null && isBelow(cap, formulaMax);
  if (capped) max = min + Math.max(0, stepsAtMost(cap - min, packSize)) * packSize;

  const reviewDemand = p.reviewPeriod === undefined ? 0 : p.demandMean * p.reviewPeriod;
  const minWidth = p.demandMean > 0 ? roundUpToMultiple(Math.max(packSize, reviewDemand), packSize) : 0;
  let floor: RecommendedBand["floor"] = null;
  if (isBelow(max - min, minWidth)) {
    max = min + minWidth;
    floor = reviewDemand > packSize ? "review-period" : "pack";
  }
  return {
    safetyStock: ss,
    safetyFactor: sigmaL > 0 ? ss / sigmaL : 0,
    min,
    max,
    eoq,
    lot,
    orderUpTo,
    formulaMax,
    cap,
    capped,
    minWidth,
    floor,
  };
}

function wholeUnitsUp(x: number): number {
  return roundUpToMultiple(x, 1);
}
