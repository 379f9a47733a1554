import { checkNonNegative, checkPositive } from "./internal/checks";

export interface EconomicOrderQuantityParams {
  /** Annual demand D, units per year (≥ 0). */
  annualDemand: number;
  /** Fixed cost per order S: ordering, transport, receiving (≥ 0). */
  orderCost: number;
  /** Holding cost per unit-year H = unit cost × annual holding rate (> 0). */
  holdingCostPerUnit: number;
}

/**
 * Economic order quantity EOQ = √(2·D·S ÷ H) (Harris 1913; docs/domain.md).
 *
 * @throws RangeError naming the parameter when `holdingCostPerUnit` is not > 0 or another value
 *   is negative or not finite
 * @example
 * // Chopra & Meindl, Example 11-1 (Best Buy): D = 12,000/yr, S = $4,000, H = 20 % × $500 = $100
 * economicOrderQuantity({ annualDemand: 12000, orderCost: 4000, holdingCostPerUnit: 100 });
 * // 979.79… (the book rounds to 980)
 */
export function economicOrderQuantity(p: EconomicOrderQuantityParams): number {
  checkNonNegative("annualDemand", p.annualDemand);
  checkNonNegative("orderCost", p.orderCost);
  checkPositive("holdingCostPerUnit", p.holdingCostPerUnit);
  return Math.sqrt((2 * p.annualDemand * p.orderCost) / p.holdingCostPerUnit);
}
