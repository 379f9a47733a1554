import { checkNonNegative, checkProbability, fail } from "./internal/checks";
import { leadTimeDemandSd } from "./internal/lead-time-demand-sd";
import { solveNormalLoss } from "./internal/solve-normal-loss";

export interface FillRateSafetyStockParams {
  /** Fill rate β: the share of demand met from stock, in (0, 1). */
  fillRate: number;
  /** Mean demand per period, d̄ (≥ 0). */
  demandMean: number;
  /** Standard deviation of demand per period, σd (≥ 0). */
  demandSd: number;
  /** Mean lead time LT, in the same periods as the demand (≥ 0). */
  leadTime: number;
  /** Standard deviation of the lead time, in periods (≥ 0, default 0). */
  leadTimeSd?: number;
  /** Order quantity Q per replenishment, in units (≥ 0; > 0 when lead-time demand varies). */
  orderQuantity: number;
}

/**
 * Safety stock for a fill rate β with order quantity Q (docs/domain.md, "Formulas"):
 * σL = √(LT·σd² + d̄²·σLT²); find k with σL·G(k) = (1 − β)·Q, G the standard normal loss
 * function; SS = max(0, k·σL). Returns 0 when σL = 0 (no uncertainty to buffer), whatever Q,
 * so zero demand with Q = 0 is valid; and 0 when the root k is negative (the lot alone already
 * meets the fill rate).
 *
 * Q = 0 with σL > 0 is refused: the equation asks for G(k) = 0, i.e. k = ∞ (a fill rate is the
 * share of each cycle's Q met from stock, and there is no cycle). Substituting another formula
 * (such as the cycle-service one with z = Φ⁻¹(β)) would silently change what the service target
 * means, so the caller must pass the lot it actually orders.
 *
 * @throws RangeError naming the parameter when `fillRate` is outside (0, 1), `orderQuantity` is
 *   negative, or 0 while σL > 0, or any value is negative or not finite
 * @example
 * // Chopra & Meindl, Example 12-5 (Lego at Walmart): d̄ = 2,500/week, σd = 500, LT = 2 weeks,
 * // Q = 10,000, fill rate 0.975 → ESC = 250, SS ≈ 67 boxes.
 * safetyStockForFillRate({ fillRate: 0.975, demandMean: 2500, demandSd: 500, leadTime: 2,
 *   orderQuantity: 10000 }); // 66.70…
 */
export function safetyStockForFillRate(p: FillRateSafetyStockParams): number {
  const leadTimeSd = p.leadTimeSd ?? 0;
  checkProbability("fillRate", p.fillRate);
  checkNonNegative("demandMean", p.demandMean);
  checkNonNegative("demandSd", p.demandSd);
  checkNonNegative("leadTime", p.leadTime);
  checkNonNegative("leadTimeSd", leadTimeSd);
  checkNonNegative("orderQuantity", p.orderQuantity);

  const sigmaL = leadTimeDemandSd(p.demandMean, p.demandSd, p.leadTime, leadTimeSd);
  if (sigmaL === 0) return 0;
  if (p.orderQuantity === 0) {
    fail("orderQuantity", `must be > 0 when lead-time demand varies (σL = ${sigmaL})`, p.orderQuantity);
  }
  const k = solveNormalLoss(((1 - p.fillRate) * p.orderQuantity) / sigmaL);
  return Math.max(0, k * sigmaL);
}
