import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * Supplier fill rate = received ÷ approved quantity (docs/domain.md, "KPIs"), summed over the plan
 * lines of the period by the caller. Over-delivery gives a rate above 1; it is not capped, so
 * that the KPI shows it.
 *
 * @throws RangeError for a negative received quantity or an approved quantity that is not > 0
 * @example
 * fillRate({ received: 940, approved: 1000 }); // 0.94
 */
export function fillRate(p: { received: number; approved: number }): number {
  checkNonNegative("received", p.received);
  checkPositive("approved", p.approved);
  return p.received / p.approved;
}
