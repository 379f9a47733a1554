/**
 * How soon someone must act on an agreement, one word for every screen, so that real risk stands
 * out instead of every projected stockout showing red. Judged over the projection with what is
 * coming (shipments in transit, approved lines not shipped yet), in the window a plan made today
 * covers: lead time + review period.
 * - act_now: projected to stock out before a shipment sent today could arrive (within lead time);
 * - plan_needed: projected to stock out or fall below min within the window, nothing coming covers it;
 * - covered: without what is coming it would stock out or fall below min within the window;
 * - ok: none of these, and always without demand (nothing runs down).
 * app/models/inventory.server.ts computes the same in SQL for the lists.
 */
export const urgencies = ["act_now", "plan_needed", "covered", "ok"] as const;
export type Urgency = (typeof urgencies)[number];

export interface UrgencyInputs {
  /** Stock at the start of today. */
  startOnHand: number;
  forecastDaily: number;
  min: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  /** Days from today of the first projected closing stock ≤ 0 with what is coming, or null. */
  firstOut: number | null;
  /** Days from today of the first projected closing stock below min with what is coming, or null. */
  firstLow: number | null;
}

/**
 * @example
 * urgencyOf({ startOnHand: 10, forecastDaily: 5, min: 20, leadTimeDays: 3, reviewPeriodDays: 7, firstOut: 1, firstLow: 0 }); // "act_now"
 */
export function urgencyOf(u: UrgencyInputs): Urgency {
  if (!(u.forecastDaily > 0)) return "ok";
  const window = u.leadTimeDays + u.reviewPeriodDays;
  if (u.firstOut !== null && u.firstOut < u.leadTimeDays) return "act_now";
  if ((u.firstOut !== null && u.firstOut < window) || (u.firstLow !== null && u.firstLow < window)) return "plan_needed";
  const bareOut = Math.max(0, Math.ceil(u.startOnHand / u.forecastDaily) - 1);
  const bareLow = Math.max(0, Math.floor((u.startOnHand - u.min) / u.forecastDaily));
  return bareOut < window || bareLow < window ? "covered" : "ok";
}
