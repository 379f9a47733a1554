import { checkNonNegative, checkPositive } from "./internal/checks";

export interface StockItem {
  onHand: number;
  unitCost: number;
  /** Days since the item was last consumed; null when it never was. */
  daysSinceLastConsumption: number | null;
}

export interface DeadStock {
  /** Value of stock with no consumption for `thresholdDays` or more. */
  deadValue: number;
  /** Value of all stock. */
  totalValue: number;
  /** deadValue ÷ totalValue; 0 when there is no stock. */
  ratio: number;
  /** Number of items with dead stock on hand. */
  deadItems: number;
}

/**
 * Dead stock (docs/domain.md, "KPIs"): stock on hand with no consumption for 180 days (a setting);
 * ratio = its value ÷ total stock value. Items never consumed count as dead.
 *
 * @throws RangeError for negative quantities, costs or days, or a threshold that is not > 0
 * @example
 * deadStock([
 *   { onHand: 10, unitCost: 5, daysSinceLastConsumption: 200 },
 *   { onHand: 30, unitCost: 5, daysSinceLastConsumption: 3 },
 * ]); // { deadValue: 50, totalValue: 200, ratio: 0.25, deadItems: 1 }
 */
export function deadStock(items: readonly StockItem[], opts: { thresholdDays?: number } = {}): DeadStock {
  const threshold = opts.thresholdDays ?? 180;
  checkPositive("thresholdDays", threshold);
  let dead = 0;
  let total = 0;
  let deadItems = 0;
  for (let i = 0; i < items.length; i++) {
    const { onHand, unitCost, daysSinceLastConsumption: since } = items[i];
    checkNonNegative(`items[${i}].onHand`, onHand);
    checkNonNegative(`items[${i}].unitCost`, unitCost);
    if (since !== null) checkNonNegative(`items[${i}].daysSinceLastConsumption`, since);
    const value = onHand * unitCost;
    total += value;
    if (onHand > 0 && (since === null || since >= threshold)) {
      dead += value;
      deadItems++;
    }
  }
  return { deadValue: dead, totalValue: total, ratio: total > 0 ? dead / total : 0, deadItems };
}
