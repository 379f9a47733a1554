import { checkNonNegative, checkPositive, fail } from "./internal/checks";
import { recommendBand, type RecommendedBand } from "./recommend-band";
import type { ReviewMode } from "./types";

/**
 * The recommended band of one agreement as the metrics recompute derives it, in the units people
 * read it in (days, units a day), with what is needed to explain it in words. The forecast is
 * weekly, so the core's band is computed in weeks (52 a year); lead time and review period come
 * in days and are divided by 7.
 */

export interface AgreementBandParams {
  /** Forecast demand per week, ≥ 0. */
  weeklyDemand: number;
  /**
   * Standard deviation of weekly forecast error, ≥ 0, as the band scales it over the lead time
   * (σ·√weeks): for a forecast of `forecastDemand`, `forecastErrorSd(f, weeks) ÷ √weeks`, so that
   * the safety stock covers the chosen model's spread of lead-time demand.
   */
  weeklyDemandSd: number;
  /** Lead time in days, ≥ 0. */
  leadTimeDays: number;
  /** Standard deviation of the lead time in days, ≥ 0 (default 0). */
  leadTimeSdDays?: number;
  /** Days between two reviews, > 0: the band is at least this many days of demand wide. */
  reviewPeriodDays: number;
  /** Cycle service level of the safety stock; null for none. */
  serviceLevel: number | null;
  /** Review mode of the agreement's ABC-XYZ cell (default continuous). */
  review?: ReviewMode;
  /** Fixed cost per order, ≥ 0. */
  orderCost: number;
  /**
   * Holding cost per unit-year (unit cost × holding rate), ≥ 0. At 0 there is no cost basis and
   * no EOQ: the lot is then the MOQ or one pack.
   */
  holdingCostPerUnit: number;
  /** Minimum order quantity, ≥ 0 (default 0). */
  moq?: number;
  /** Pack size, > 0 (default 1). */
  packSize?: number;
  /** Days of forecast demand the max may cover at most (the ABC class's limit), > 0; none by default. */
  maxCoverDays?: number;
}

/** Everything a sentence about the band needs, in days and units. */
export interface BandExplanation {
  /** Forecast demand per day (weekly ÷ 7). */
  dailyDemand: number;
  leadTimeDays: number;
  /** Demand over the lead time: dailyDemand × leadTimeDays. */
  leadTimeDemand: number;
  safetyStock: number;
  /** Cycle service level, or null without safety stock. */
  serviceLevel: number | null;
  review: ReviewMode;
  reviewPeriodDays: number;
  /** Demand over one review period: dailyDemand × reviewPeriodDays. */
  reviewPeriodDemand: number;
  /** The order quantity (lot) added to min under continuous review. */
  orderQuantity: number;
  /** The EOQ, or null without a cost basis. */
  eoq: number | null;
  /** Which of the EOQ, the MOQ or one pack set the order quantity (before rounding up to packs). */
  orderQuantityFrom: "eoq" | "moq" | "pack";
  moq: number;
  packSize: number;
  /** Periodic review: the order-up-to level (demand over review period and lead time plus safety); else null. */
  orderUpTo: number | null;
  /** The max by its formula (min + order quantity, or the order-up-to level when higher), before the cap and floors. */
  formulaMax: number;
  /** The cover cap in days and in units, null without one. */
  capDays: number | null;
  cap: number | null;
  capped: boolean;
  /** The band's least width and the floor that raised the max to it, if one did. */
  minWidth: number;
  floor: "pack" | "review-period" | null;
}

export interface AgreementBand extends RecommendedBand {
  explanation: BandExplanation;
}

const DAYS_PER_WEEK = 7;
const WEEKS_PER_YEAR = 52;

/**
 * The recommended band of an agreement (see `recommendBand` for the rules), with its explanation.
 * `eoq` is 0 without a cost basis (the result's `eoq` and the explanation's null).
 *
 * @throws RangeError naming the parameter for any invalid input
 * @example
 * // 175 a week (25 a day), σ 70, lead time 12 days, 95 %, MOQ 900, pack 50, review 7 days, cap 60
 * recommendAgreementBand({ weeklyDemand: 175, weeklyDemandSd: 70, leadTimeDays: 12,
 *   reviewPeriodDays: 7, serviceLevel: 0.95, orderCost: 0, holdingCostPerUnit: 0, moq: 900,
 *   packSize: 50, maxCoverDays: 60 });
 * // min = ⌈12 × 25 + 1.645 × 70 × √(12/7)⌉ = 451; max = 451 + 900 = 1,351 (within 60 × 25 = 1,500)
 */
export function recommendAgreementBand(p: AgreementBandParams): AgreementBand {
  const leadTimeSdDays = p.leadTimeSdDays ?? 0;
  const moq = p.moq ?? 0;
  const packSize = p.packSize ?? 1;
  const review = p.review ?? "continuous";
  checkNonNegative("leadTimeDays", p.leadTimeDays);
  checkNonNegative("leadTimeSdDays", leadTimeSdDays);
  checkPositive("reviewPeriodDays", p.reviewPeriodDays);
  checkNonNegative("holdingCostPerUnit", p.holdingCostPerUnit);
  if (p.maxCoverDays !== undefined) checkPositive("maxCoverDays", p.maxCoverDays);
  if (p.serviceLevel !== null && typeof p.serviceLevel !== "number")
    fail("serviceLevel", "must be a number or null", p.serviceLevel);

  const costed = p.holdingCostPerUnit > 0;
  const band = recommendBand({
    demandMean: p.weeklyDemand,
    demandSd: p.weeklyDemandSd,
    leadTime: p.leadTimeDays / DAYS_PER_WEEK,
    leadTimeSd: leadTimeSdDays / DAYS_PER_WEEK,
    target: p.serviceLevel === null ? { kind: "none" } : { kind: "cycle", serviceLevel: p.serviceLevel },
    review,
    reviewPeriod: p.reviewPeriodDays / DAYS_PER_WEEK,
    maxCover: p.maxCoverDays === undefined ? undefined : p.maxCoverDays / DAYS_PER_WEEK,
    periodsPerYear: WEEKS_PER_YEAR,
    // Without a cost basis the EOQ is undefined: a free order gives EOQ 0, and the lot falls to
    // the MOQ or one pack.
    orderCost: costed ? p.orderCost : 0,
    holdingCostPerUnit: costed ? p.holdingCostPerUnit : 1,
    moq,
    packSize,
  });
  const eoq = costed ? band.eoq : 0;
  const dailyDemand = p.weeklyDemand / DAYS_PER_WEEK;
  const orderQuantityFrom = costed && eoq >= moq && eoq >= packSize ? "eoq" : moq >= packSize ? "moq" : "pack";
  return {
    ...band,
    eoq,
    explanation: {
      dailyDemand,
      leadTimeDays: p.leadTimeDays,
      leadTimeDemand: dailyDemand * p.leadTimeDays,
      safetyStock: band.safetyStock,
      serviceLevel: p.serviceLevel,
      review,
      reviewPeriodDays: p.reviewPeriodDays,
      reviewPeriodDemand: dailyDemand * p.reviewPeriodDays,
      orderQuantity: band.lot,
      eoq: costed ? eoq : null,
      orderQuantityFrom,
      moq,
      packSize,
      orderUpTo: band.orderUpTo,
      formulaMax: band.formulaMax,
      capDays: p.maxCoverDays ?? null,
      cap: band.cap,
      capped: band.capped,
      minWidth: band.minWidth,
      floor: band.floor,
    },
  };
}
