import type { Database, Tx } from "@db/client";
import type { AlertEventKind } from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import {
  type AlertChange,
  getAlert,
  insertAlertEvent,
  listAssignableMembers,
  lockAlert,
  type LockedAlert,
  notifyAlertAssignee,
  updateAlert,
} from "~/models/alerts.server";
import { AppError, type Message } from "~/utils/app-error";
import { daysBetween } from "~/utils/dates";
import { ALERT_DAYS_AHEAD_MAX } from "./action-rules";

/**
 * What people do with an alert: acknowledge it, snooze it to a later day, assign it to someone
 * with a due date (which makes it a to-do, and tells that person), resolve it with a comment, or
 * comment on it. The buyer's side acts on every alert, a supplier's people on their own supplier's
 * (in VMI they are the ones who act); another supplier's alert is not found, as an unknown one is.
 * Each action locks the alert, refuses a closed one, and writes its event of the history in the
 * same transaction. Inputs come read by the form rules (./action-rules); the days are judged here
 * against the company's `today`.
 */

const message = (name: string, params?: Message["params"]): Message =>
  params ? { key: `alerts.errors.${name}`, params } : { key: `alerts.errors.${name}` };

function fieldError(field: string, name: string, params?: Message["params"]): AppError {
  return AppError.invalid({ fieldErrors: { [field]: [message(name, params)] } });
}

/** A day from `earliest` days after today (0: today itself) to at most a year ahead. */
function checkDay(field: string, day: string, today: string, earliest: 0 | 1, tooEarly: string) {
  const ahead = daysBetween(today, day);
  if (ahead < earliest) throw fieldError(field, tooEarly);
  if (ahead > ALERT_DAYS_AHEAD_MAX) throw fieldError(field, "tooFarAhead", { days: ALERT_DAYS_AHEAD_MAX });
}

/** The alert, locked; the 404 when the scope does not see it, the conflict when it is closed. */
async function openAlert(tx: Tx, scope: TenantScope, alertId: string): Promise<LockedAlert> {
  const alert = await lockAlert(tx, scope, alertId);
  if (!alert) throw AppError.notFound();
  if (alert.status === "closed" || alert.closedAt !== null) throw AppError.conflict("closed", message("closed"));
  return alert;
}

async function act(
  tx: Tx,
  scope: TenantScope,
  alert: LockedAlert,
  kind: AlertEventKind,
  detail: Record<string, unknown>,
  change: AlertChange | null,
): Promise<string> {
  if (change) await updateAlert(tx, scope, alert.id, change);
  return insertAlertEvent(tx, scope, { alertId: alert.id, supplierId: alert.supplierId, kind, detail });
}

export interface AlertActionResult {
  alertId: string;
  eventId: string;
}

/** Seen and being handled: it stays open (and counted) until its condition clears or someone resolves it. */
export async function acknowledgeAlert(db: Database, scope: TenantScope, input: { alertId: string }): Promise<AlertActionResult> {
  return withTenant(db, scope, async (tx) => {
    const alert = await openAlert(tx, scope, input.alertId);
    if (alert.status === "acknowledged") throw AppError.conflict("acknowledged", message("alreadyAcknowledged"));
    const eventId = await act(tx, scope, alert, "acknowledged", {}, { status: "acknowledged", acknowledgedAt: new Date() });
    return { alertId: alert.id, eventId };
  });
}

/** Out of the open list and the counts until `until` (a day after today, at most a year ahead). */
export async function snoozeAlert(
  db: Database,
  scope: TenantScope,
  input: { alertId: string; until: string; today: string },
): Promise<AlertActionResult> {
  checkDay("until", input.until, input.today, 1, "untilTooEarly");
  return withTenant(db, scope, async (tx) => {
    const alert = await openAlert(tx, scope, input.alertId);
    const eventId = await act(tx, scope, alert, "snoozed", { until: input.until }, { snoozedUntil: input.until });
    return { alertId: alert.id, eventId };
  });
}

/**
 * A to-do of `assignee`, due on `dueDate` (from today, at most a year ahead). The person must be
 * an active member who may see the alert, and one the scope may assign to: the buyer's side
 * assigns to its own people and the alert's supplier's, a supplier's member within its own
 * supplier. The assignee is told in the inbox and by e-mail (unless assigning to oneself).
 */
export async function assignAlert(
  db: Database,
  scope: TenantScope,
  input: { alertId: string; assignee: string; dueDate: string; today: string },
): Promise<AlertActionResult & { told: number }> {
  checkDay("dueDate", input.dueDate, input.today, 0, "dueTooEarly");
  return withTenant(db, scope, async (tx) => {
    const alert = await openAlert(tx, scope, input.alertId);
    const members = await listAssignableMembers(tx, alert.id);
    if (!members.some((m) => m.userId === input.assignee)) throw fieldError("assignee", "assignee");
    const eventId = await act(
      tx,
      scope,
      alert,
      "assigned",
      { assigneeUserId: input.assignee, dueDate: input.dueDate },
      { assigneeUserId: input.assignee, dueDate: input.dueDate, isTodo: true },
    );
    const row = await getAlert(tx, scope, alert.id);
    const told = await notifyAlertAssignee(tx, alert.id, eventId, {
      alertId: alert.id,
      ruleName: row?.ruleName ?? null,
      condition: row?.condition ?? null,
      severity: row?.severity ?? null,
      value: row?.value ?? null,
      limit: row?.limitValue ?? null,
      sku: row?.sku ?? null,
      itemName: row?.itemName ?? null,
      siteCode: row?.siteCode ?? null,
      supplierName: row?.supplierName ?? null,
      planNumber: row?.planNumber ?? null,
      asnNumber: row?.asnNumber ?? null,
      dueDate: input.dueDate,
    });
    return { alertId: alert.id, eventId, told };
  });
}

/** Closed by a person, with what was done (the resolution, also the event's comment). */
export async function resolveAlert(
  db: Database,
  scope: TenantScope,
  input: { alertId: string; comment: string },
): Promise<AlertActionResult> {
  return withTenant(db, scope, async (tx) => {
    const alert = await openAlert(tx, scope, input.alertId);
    const eventId = await act(
      tx,
      scope,
      alert,
      "resolved",
      { comment: input.comment },
      { status: "closed", closedAt: new Date(), closeReason: "resolved", resolution: input.comment },
    );
    return { alertId: alert.id, eventId };
  });
}

/** A note in the alert's history; nothing else changes. */
export async function commentOnAlert(
  db: Database,
  scope: TenantScope,
  input: { alertId: string; comment: string },
): Promise<AlertActionResult> {
  return withTenant(db, scope, async (tx) => {
    const alert = await openAlert(tx, scope, input.alertId);
    const eventId = await act(tx, scope, alert, "commented", { comment: input.comment }, null);
    return { alertId: alert.id, eventId };
  });
}
