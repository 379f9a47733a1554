import { inverseNormalCdf } from "./inverse-normal-cdf";
import { checkNonNegative, checkProbability } from "./internal/checks";
import { leadTimeDemandSd } from "./internal/lead-time-demand-sd";

export interface SafetyStockParams {
  /** Cycle service level: the probability of no stockout in a replenishment cycle, in (0, 1). */
  serviceLevel: number;
  /** Mean demand per period, d̄ (≥ 0). */
  demandMean: number;
  /**
   * Standard deviation of demand per period, σd (≥ 0), taken as independent from period to
   * period. Forecast errors are not (see `forecastErrorSd`): to cover a forecast model's spread of
   * lead-time demand, pass `forecastErrorSd(f, LT) ÷ √LT`.
   */
  demandSd: number;
  /** Mean lead time LT, in the same periods as the demand (≥ 0). */
  leadTime: number;
  /** Standard deviation of the lead time, σLT, in periods (≥ 0, default 0). */
  leadTimeSd?: number;
}

/**
 * Safety stock for a cycle service level (docs/domain.md, "Formulas"):
 * SS = z · √(LT·σd² + d̄²·σLT²) with z = Φ⁻¹(serviceLevel), never negative (a service level below
 * 0.5 gives 0, not a negative stock). Demand and lead time must use the same period.
 *
 * @throws RangeError naming the parameter when `serviceLevel` is outside (0, 1) or any other
 *   value is negative or not finite
 * @example
 * // Chopra & Meindl (Supply Chain Management, Example 12-6, Dell): d̄ = 2,500/day, σd = 500,
 * // LT = 7 days, σLT = 7 days, CSL = 0.90 → σL = 17,550 and SS ≈ 22,491.
 * safetyStock({ serviceLevel: 0.9, demandMean: 2500, demandSd: 500, leadTime: 7, leadTimeSd: 7 });
 * // 22491.1…
 */
export function safetyStock(p: SafetyStockParams): number {
  const leadTimeSd = p.leadTimeSd ?? 0;
  checkProbability("serviceLevel", p.serviceLevel);
  checkNonNegative("demandMean", p.demandMean);
  checkNonNegative("demandSd", p.demandSd);
  checkNonNegative("leadTime", p.leadTime);
  checkNonNegative("leadTimeSd", leadTimeSd);

  const sigmaL = leadTimeDemandSd(p.demandMean, p.demandSd, p.leadTime, leadTimeSd);
  return Math.max(0, inverseNormalCdf(p.serviceLevel) * sigmaL);
}
