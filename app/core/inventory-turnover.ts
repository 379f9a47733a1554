import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * Inventory turnover = COGS ÷ average inventory value over the same period (docs/domain.md, "KPIs");
 * COGS = consumed quantity × unit cost. For a period shorter than a year, annualise with
 * `annualisedTurnover`.
 *
 * @param p.cogs cost of goods consumed in the period (≥ 0)
 * @param p.averageInventory average inventory value over the period (> 0)
 * @throws RangeError naming the parameter for a negative COGS or a non-positive average inventory
 * @example
 * // Chopra & Meindl, ch. 3: annual sales cost $1,000,000, average inventory $250,000 → 4 turns
 * inventoryTurnover({ cogs: 1_000_000, averageInventory: 250_000 }); // 4
 */
export function inventoryTurnover(p: { cogs: number; averageInventory: number }): number {
  checkNonNegative("cogs", p.cogs);
  checkPositive("averageInventory", p.averageInventory);
  return p.cogs / p.averageInventory;
}
