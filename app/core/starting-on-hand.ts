import { dayNumber } from "./day-number";
import type { PlanningAgreement } from "./planning-context";

/**
 * Stock at the start of today: a snapshot of today (an ERP's export of current stock) or of
 * yesterday as it stands, or an older one less the forecast demand of the days since (never
 * below 0). No snapshot at all counts as 0.
 *
 * @example
 * startingOnHand({ ...agreement, onHand: 100, onHandDay: "2026-03-09", forecastDaily: 10 }, "2026-03-10"); // 100
 * startingOnHand({ ...agreement, onHand: 100, onHandDay: "2026-03-07", forecastDaily: 10 }, "2026-03-10"); // 80
 */
export function startingOnHand(
  agreement: Pick<PlanningAgreement, "onHand" | "onHandDay" | "forecastDaily">,
  today: string,
): number {
  if (agreement.onHand === null || agreement.onHandDay === null) return 0;
  const gap = dayNumber(today) - dayNumber(agreement.onHandDay) - 1;
  const start = agreement.onHand - (gap > 0 ? gap * agreement.forecastDaily : 0);
  return start > 0 ? start : 0;
}
