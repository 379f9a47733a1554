import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * Holding cost of a period = average inventory value × annual holding rate × period share, with
 * period share = days ÷ 365 (docs/domain.md, "KPIs"; 15–30 % a year is usual).
 *
 * @param p.averageInventoryValue average value of stock over the period, ≥ 0
 * @param p.holdingRate annual holding rate as a fraction (0.25 for 25 %), ≥ 0
 * @param p.days days in the period, > 0 (default 365)
 * @throws RangeError naming the parameter for negative or non-finite inputs
 * @example
 * holdingCost({ averageInventoryValue: 200_000, holdingRate: 0.25, days: 73 }); // 10000
 */
export function holdingCost(p: { averageInventoryValue: number; holdingRate: number; days?: number }): number {
  const days = p.days ?? 365;
  checkNonNegative("averageInventoryValue", p.averageInventoryValue);
  checkNonNegative("holdingRate", p.holdingRate);
  checkPositive("days", days);
  return (p.averageInventoryValue * p.holdingRate * days) / 365;
}
