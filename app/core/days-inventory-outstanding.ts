import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * Days inventory outstanding DIO = days in the period ÷ turnover (docs/domain.md): for a year,
 * 365 ÷ turnover. A turnover of 0 (nothing consumed) gives Infinity: the stock never turns.
 *
 * @param p.turnover inventory turnover over the period (≥ 0)
 * @param p.days days in the period (> 0), default 365
 * @throws RangeError naming the parameter for a negative turnover or non-positive days
 * @example
 * daysInventoryOutstanding({ turnover: 4 });            // 91.25
 * daysInventoryOutstanding({ turnover: 1.5, days: 90 }); // 60
 */
export function daysInventoryOutstanding(p: { turnover: number; days?: number }): number {
  const days = p.days ?? 365;
  checkNonNegative("turnover", p.turnover);
  checkPositive("days", days);
  return p.turnover === 0 ? Number.POSITIVE_INFINITY : days / p.turnover;
}
