import type { RuleNames } from "~/services/alerts/rules-page.server";
import type { AlertCondition, AlertRule } from "~/services/alerts/rule-schema";
import { formatQuantity } from "~/utils/format";

/**
 * A rule in words, for the rules pages: its condition with its thresholds ("Projected stockout
 * within the lead time", "On hand below 110 % of safety stock"), its scope, recipients, channels
 * and cool-down. Texts under `alertRules` (see app/locales/en/alert-rules.ts for the parameters).
 */

type Translate = (key: string, options?: Record<string, unknown>) => string;

const days = (t: Translate, locale: string, n: number) =>
  t("alertRules.units.days", { count: n, value: formatQuantity(locale, n) });

/** A unit phrase with its number formatted for the reader ("1,000 days", "110 %"). */
export function unitPhrases(t: Translate, locale: string) {
  return {
    days: (n: number) => days(t, locale, n),
    hours: (n: number) => t("alertRules.units.hours", { count: n, value: formatQuantity(locale, n) }),
    percent: (n: number) => t("alertRules.units.percent", { value: formatQuantity(locale, n) }),
    horizon: (h: "lead_time" | number) => (h === "lead_time" ? t("alertRules.units.leadTime") : days(t, locale, h)),
  };
}

/** The condition with its thresholds, in a phrase. */
export function describeCondition(t: Translate, condition: AlertCondition, locale: string): string {
  const u = unitPhrases(t, locale);
  const params: Record<string, string> = {};
  if ("horizon" in condition) params.horizon = u.horizon(condition.horizon);
  if ("percent" in condition) params.percent = u.percent(condition.percent);
  if ("days" in condition) params.days = u.days(condition.days);
  if ("hours" in condition) params.hours = u.hours(condition.hours);
  return t(`alertRules.describe.${condition.kind}`, params);
}

const namesOf = (ids: readonly string[], options: readonly { id: string; code: string }[], unknown: string) =>
  ids.map((id) => options.find((o) => o.id === id)?.code ?? unknown).join(", ");

/** Which agreements the rule watches, in short lines (everything, when no list narrows it). */
export function scopeLines(t: Translate, scope: AlertRule["scope"], names: RuleNames): string[] {
  const unknown = t("alertRules.list.unknownRecord");
  const lines: string[] = [];
  if (scope.cells.length) lines.push(t("alertRules.list.cells", { cells: scope.cells.join(", ") }));
  if (scope.supplierIds.length)
    lines.push(t("alertRules.list.suppliers", { names: namesOf(scope.supplierIds, names.suppliers, unknown) }));
  if (scope.siteIds.length) lines.push(t("alertRules.list.sites", { names: namesOf(scope.siteIds, names.sites, unknown) }));
  return lines.length ? lines : [t("alertRules.list.everything")];
}

/** Who is told: the roles, and the named people (by name for administrators, else how many). */
export function recipientLines(t: Translate, recipients: AlertRule["recipients"], names: RuleNames): string[] {
  const lines = recipients.roles.map((role) => t(`alertRules.roles.${role}`));
  if (recipients.userIds.length === 0) return lines;
  if (names.people.length === 0) {
    lines.push(t("alertRules.list.namedPeople", { count: recipients.userIds.length }));
    return lines;
  }
  for (const id of recipients.userIds) {
    const person = names.people.find((p) => p.userId === id);
    lines.push(person ? person.name : t("alertRules.list.unknownRecord"));
  }
  return lines;
}

/** How they are told: in the app, and the e-mail choice. */
export function channelLines(t: Translate, channels: AlertRule["channels"]): string[] {
  const lines = channels.inApp ? [t("alertRules.channels.inApp")] : [];
  if (channels.email !== "none") lines.push(t(`alertRules.channels.email.${channels.email}`));
  return lines;
}

/** A cool-down in minutes, with hours beside it when it is a whole number of them. */
export function cooldownText(t: Translate, minutes: number, locale: string): string {
  if (minutes === 0) return t("alertRules.list.noCooldown");
  const text = t("alertRules.units.minutes", { value: formatQuantity(locale, minutes) });
  return minutes % 60 === 0 ? `${text} (${unitPhrases(t, locale).hours(minutes / 60)})` : text;
}
