import { alertConditionKinds, alertSeverities, type NotificationKind } from "@db/schema";
import { formatDay, formatQuantity } from "~/utils/format";
import type { NotificationText, Translate } from "./notification-text";

/**
 * The words of an alert: what its condition found (with its value and limit), what it is about
 * (an item at a site, a plan, a shipping notice), and the notifications of alerts (opened,
 * assigned, the daily digest). Shared by the inbox, the e-mails and the pages that list open
 * alerts. Payloads come from SQL functions and the digest job: every field is optional here and a
 * missing or odd one falls back to neutral words.
 */

export const ALERT_NOTIFICATION_KINDS = [
  "alert.opened",
  "alert.assigned",
  "alert.digest",
] as const satisfies readonly NotificationKind[];

/** What an alert's description needs; `parameters` is its rule's condition (the buyer's side only). */
export interface AlertFacts {
  condition?: unknown;
  value?: unknown;
  limit?: unknown;
  parameters?: unknown;
}

/** What an alert is about, as far as known. */
export interface AlertSubjectFacts {
  sku?: unknown;
  itemName?: unknown;
  siteCode?: unknown;
  planNumber?: unknown;
  asnNumber?: unknown;
}

/** Longest payload text shown. */
const MAX_FIELD = 200;
/** Lines of a digest e-mail, whatever a payload claims. */
const DIGEST_LINES_MAX = 50;

const finite = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim().replace(/[\r\n]+/g, " ");
  return trimmed ? trimmed.slice(0, MAX_FIELD) : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The severity in words ("Critical"), or a neutral word. */
export function alertSeverityText(t: Translate, severity: unknown): string {
  const known = oneOf(severity, alertSeverities);
  return known ? t(`notifications.alert.severity.${known}`) : t("notifications.alert.severity.unknown");
}

/** The condition's name ("Projected stockout"), or a neutral word. */
export function alertConditionName(t: Translate, condition: unknown): string {
  const known = oneOf(condition, alertConditionKinds);
  return known ? t(`notifications.alert.condition.${known}`) : t("notifications.alert.condition.unknown");
}

/** Whole numbers (days, hours) and shares (one decimal), in the reader's format. */
const whole = (locale: string, v: number) => formatQuantity(locale, v, 0);
const share = (locale: string, v: number) => formatQuantity(locale, v, 1);

/**
 * What the condition found, in a sentence with its value and limit ("Projected to run out in 3
 * days"); the condition's name when the numbers are missing.
 */
export function alertWhat(t: Translate, facts: AlertFacts, locale = "en"): string {
  const condition = oneOf(facts.condition, alertConditionKinds);
  const value = finite(facts.value);
  const limit = finite(facts.limit);
  if (!condition || value === undefined) return alertConditionName(t, facts.condition);
  const key = `notifications.alert.what.${condition}`;
  switch (condition) {
    case "projected_stockout":
    case "projected_below_min":
    case "projected_above_max": {
      const days = Math.max(0, Math.round(value));
      return days === 0 ? t(`${key}Today`) : t(key, { count: days, days: whole(locale, days) });
    }
    case "below_safety_stock": {
      if (limit === undefined) return alertConditionName(t, condition);
      const parameters = facts.parameters as Record<string, unknown> | null | undefined;
      const percent = finite(parameters?.percent);
      const values = { value: formatQuantity(locale, value), limit: formatQuantity(locale, limit) };
      return percent === undefined ? t(key, values) : t(`${key}Percent`, { ...values, percent: share(locale, percent) });
    }
    case "days_of_cover_below":
    case "no_consumption":
    case "plan_waiting":
    case "shipment_overdue": {
      if (limit === undefined) return alertConditionName(t, condition);
      const shown = condition === "days_of_cover_below" ? share(locale, value) : whole(locale, value);
      return t(key, { count: value, value: shown, limit: share(locale, limit) });
    }
    case "band_drift":
    case "receipt_difference":
    case "stock_discrepancy": {
      if (limit === undefined) return alertConditionName(t, condition);
      return t(key, { value: share(locale, value), limit: share(locale, limit) });
    }
  }
}

/** The item at its site ("FB-100 @ SH-01"), the plan, or the shipping notice; a neutral word otherwise. */
export function alertSubject(t: Translate, facts: AlertSubjectFacts): string {
  const sku = text(facts.sku) ?? text(facts.itemName);
  const site = text(facts.siteCode);
  if (sku) return site ? `${sku} @ ${site}` : sku;
  const plan = text(facts.planNumber);
  if (plan) return t("notifications.alert.subject.plan", { number: plan });
  const asn = text(facts.asnNumber);
  if (asn) return t("notifications.alert.subject.notice", { asn });
  return t("notifications.alert.subject.unknown");
}

/** The texts of "alert.opened", "alert.assigned" and "alert.digest". */
export function alertNotificationText(
  t: Translate,
  kind: (typeof ALERT_NOTIFICATION_KINDS)[number],
  p: Record<string, unknown>,
  locale: string,
): NotificationText {
  if (kind === "alert.digest") return digestText(t, p, locale);
  const values = {
    severity: alertSeverityText(t, p.severity),
    rule: text(p.ruleName) ?? alertConditionName(t, p.condition),
    subject: alertSubject(t, p),
  };
  const todo = p.todo === true;
  const title =
    kind === "alert.assigned"
      ? t("notifications.kind.alert.assigned", values)
      : t(todo ? "notifications.kind.alert.openedTodo" : "notifications.kind.alert.opened", values);
  const details = [alertWhat(t, p, locale)];
  const supplier = text(p.supplierName);
  if (supplier) details.push(t("notifications.alert.detail.supplier", { supplier }));
  if (isDay(p.dueDate)) details.push(t("notifications.alert.detail.due", { day: formatDay(locale, p.dueDate) }));
  const comment = text(p.comment);
  if (comment) details.push(t("notifications.detail.comment", { comment }));
  return { title, details };
}

/** The digest: how many are open, one line per alert listed, and how many more there are. */
function digestText(t: Translate, p: Record<string, unknown>, locale: string): NotificationText {
  const listed = (Array.isArray(p.alerts) ? p.alerts : [])
    .filter((a): a is Record<string, unknown> => typeof a === "object" && a !== null && !Array.isArray(a))
    .slice(0, DIGEST_LINES_MAX);
  const more = Math.max(0, Math.round(finite(p.more) ?? 0));
  const count = Math.max(Math.round(finite(p.count) ?? 0), listed.length + more);
  const title = isDay(p.day)
    ? t("notifications.kind.alert.digest", { count, day: formatDay(locale, p.day), number: whole(locale, count) })
    : t("notifications.kind.alert.digestUndated", { count, number: whole(locale, count) });
  const details = listed.map((a) =>
    t("notifications.alert.detail.digestLine", {
      severity: alertSeverityText(t, a.severity),
      rule: text(a.ruleName) ?? alertConditionName(t, a.condition),
      subject: alertSubject(t, a),
      supplier: text(a.supplierName) ?? t("notifications.fallback.supplier"),
      what: alertWhat(t, a, locale),
    }),
  );
  if (more > 0) details.push(t("notifications.alert.detail.more", { count: more, number: whole(locale, more) }));
  return { title, details };
}

/** An open alert as a page lists it, with its words. */
export interface DescribedAlert {
  /** The severity in words. */
  severityText: string;
  /** What the condition found ("Projected to run out in 3 days"). */
  what: string;
  /** The item at its site, the plan or the shipping notice. */
  subject: string;
}

/** The words of an alert row of a page (its limit is `limitValue` there). */
export function describeAlert(
  t: Translate,
  alert: AlertSubjectFacts & { condition: string; severity: string; value: number | null; limitValue: number | null },
  locale: string,
): DescribedAlert {
  return {
    severityText: alertSeverityText(t, alert.severity),
    what: alertWhat(t, { condition: alert.condition, value: alert.value, limit: alert.limitValue }, locale),
    subject: alertSubject(t, alert),
  };
}
