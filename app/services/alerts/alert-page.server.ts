import { withTenant } from "@db/scope";
import { alertPeopleNames, getAlert, listAlertEvents, listAssignableMembers } from "~/models/alerts.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { addDays, todayIn } from "~/utils/dates";
import { ALERT_DAYS_AHEAD_MAX, type AlertAction } from "./action-rules";
import {
  acknowledgeAlert,
  type AlertActionResult,
  assignAlert,
  commentOnAlert,
  resolveAlert,
  snoozeAlert,
} from "./actions.server";
import { pageInstant } from "./alerts-page.server";

export type { AlertFacts } from "./alerts-page.server";

/**
 * One alert's page: the alert in full with what it is about (its agreement, plan or shipment),
 * its history with who did what, whom it may be assigned to, and its actions while it is open.
 * Not found (null) for an alert the member does not see: another supplier's is an unknown one.
 */
export async function loadAlertPage(membership: Membership, alertId: string) {
  const scope = membership.scope;
  const today = todayIn(membership.tenant.timezone);
  return withTenant(getDb(), scope, async (tx) => {
    const alert = await getAlert(tx, scope, alertId);
    if (!alert) return null;
    const open = alert.closedAt === null;
    const [events, names, assignable] = await Promise.all([
      listAlertEvents(tx, scope, alert.id),
      alertPeopleNames(tx, [alert.id]),
      open ? listAssignableMembers(tx, alert.id) : Promise.resolve([]),
    ]);
    const nameOf = (userId: unknown) => (typeof userId === "string" ? (names.get(userId) ?? null) : null);
    return {
      alert: { ...alert, assigneeName: nameOf(alert.assigneeUserId) },
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        at: e.at,
        actorName: nameOf(e.actorUserId),
        /** By a person (null: by the rules, as they opened, kept or closed it). */
        byPerson: e.actorUserId !== null,
        until: typeof e.detail.until === "string" ? e.detail.until : null,
        dueDate: typeof e.detail.dueDate === "string" ? e.detail.dueDate : null,
        assigneeName: nameOf(e.detail.assigneeUserId),
        comment: typeof e.detail.comment === "string" ? e.detail.comment : null,
      })),
      assignable: assignable.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
      open,
      isSupplier: scope.supplierId !== null,
      isAdmin: membership.role === "admin",
      today,
      /** The date inputs' bounds: a snooze from tomorrow, a due date from today, a year ahead at most. */
      bounds: { snoozeMin: addDays(today, 1), dueMin: today, max: addDays(today, ALERT_DAYS_AHEAD_MAX) },
      /** What the forms offer first: a snooze to tomorrow, a to-do due in a week. */
      defaults: { until: addDays(today, 1), dueDate: addDays(today, 7) },
      now: pageInstant(),
      timezone: membership.tenant.timezone,
    };
  });
}

export type AlertPageData = NonNullable<Awaited<ReturnType<typeof loadAlertPage>>>;

/** Does what the form asks, as the member; the toast to show afterwards. */
export async function actOnAlert(
  membership: Membership,
  alertId: string,
  action: AlertAction,
): Promise<AlertActionResult & { toast: string }> {
  const db = getDb();
  const scope = membership.scope;
  const today = todayIn(membership.tenant.timezone);
  switch (action.intent) {
    case "acknowledge":
      return { ...(await acknowledgeAlert(db, scope, { alertId })), toast: "alerts.toasts.acknowledged" };
    case "snooze":
      return { ...(await snoozeAlert(db, scope, { alertId, until: action.until, today })), toast: "alerts.toasts.snoozed" };
    case "assign":
      return {
        ...(await assignAlert(db, scope, { alertId, assignee: action.assignee, dueDate: action.dueDate, today })),
        toast: "alerts.toasts.assigned",
      };
    case "resolve":
      return { ...(await resolveAlert(db, scope, { alertId, comment: action.resolution })), toast: "alerts.toasts.resolved" };
    case "comment":
      return { ...(await commentOnAlert(db, scope, { alertId, comment: action.comment })), toast: "alerts.toasts.commented" };
  }
}
