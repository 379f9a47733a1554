import { checkNonNegative } from "./internal/checks";

export interface ReorderPointParams {
  /** Mean demand per period, d̄ (≥ 0). */
  demandMean: number;
  /** Lead time LT in the same periods (≥ 0). */
  leadTime: number;
  /** Safety stock in units (≥ 0). */
  safetyStock: number;
}

/**
 * Reorder point ROP = d̄·LT + SS, which is also the recommended band minimum (docs/domain.md).
 *
 * @throws RangeError naming the parameter when a value is negative or not finite
 * @example
 * // Chopra & Meindl, Example 12-1: d̄ = 2,500/week, LT = 2 weeks, SS = 1,000 → ROP = 6,000.
 * reorderPoint({ demandMean: 2500, leadTime: 2, safetyStock: 1000 }); // 6000
 */
export function reorderPoint(p: ReorderPointParams): number {
  checkNonNegative("demandMean", p.demandMean);
  checkNonNegative("leadTime", p.leadTime);
  checkNonNegative("safetyStock", p.safetyStock);
  return p.demandMean * p.leadTime + p.safetyStock;
}
