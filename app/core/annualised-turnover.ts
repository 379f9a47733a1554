import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * Annualised turnover = turnover × 365 ÷ days in the period (docs/domain.md, "KPIs").
 *
 * @throws RangeError for a negative turnover or non-positive days
 * @example
 * annualisedTurnover({ turnover: 1.5, days: 90 }); // 6.083…
 */
export function annualisedTurnover(p: { turnover: number; days: number }): number {
  checkNonNegative("turnover", p.turnover);
  checkPositive("days", p.days);
  return (p.turnover * 365) / p.days;
}
