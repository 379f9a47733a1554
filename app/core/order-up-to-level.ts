import { inverseNormalCdf } from "./inverse-normal-cdf";
import { checkNonNegative, checkProbability } from "./internal/checks";

export interface OrderUpToLevelParams {
  /** Mean demand per period, d̄ (≥ 0). */
  demandMean: number;
  /** Standard deviation of demand per period, σd (≥ 0). */
  demandSd: number;
  /** Review period R in the same periods (≥ 0). */
  reviewPeriod: number;
  /** Lead time LT in the same periods (≥ 0). */
  leadTime: number;
  /** Cycle service level in (0, 1). */
  serviceLevel: number;
}

/**
 * Order-up-to level for periodic review every R periods (docs/domain.md):
 * S = d̄·(R + LT) + z·σd·√(R + LT), z = Φ⁻¹(serviceLevel). The safety part z·σd·√(R + LT) is
 * never negative, as everywhere else in this core: below a 0.5 service level it counts as 0.
 *
 * @throws RangeError naming the parameter when `serviceLevel` is outside (0, 1) or another value
 *   is negative or not finite
 * @example
 * // Chopra & Meindl, periodic review (Lego): d̄ = 2,500/week, σd = 500, R = 4, LT = 2 weeks,
 * // CSL = 0.90 → 15,000 + 1.2816 × 1,224.7 ≈ 16,570.
 * orderUpToLevel({ demandMean: 2500, demandSd: 500, reviewPeriod: 4, leadTime: 2,
 *   serviceLevel: 0.9 }); // 16569.5…
 */
export function orderUpToLevel(p: OrderUpToLevelParams): number {
  checkNonNegative("demandMean", p.demandMean);
  checkNonNegative("demandSd", p.demandSd);
  checkNonNegative("reviewPeriod", p.reviewPeriod);
  checkNonNegative("leadTime", p.leadTime);
  checkProbability("serviceLevel", p.serviceLevel);
  const protection = p.reviewPeriod + p.leadTime;
  const safety = Math.max(0, inverseNormalCdf(p.serviceLevel) * p.demandSd * Math.sqrt(protection));
  return p.demandMean * protection + safety;
}
