import type { AlertFacts } from "~/services/alerts/alerts-page.server";
import { formatPercent, formatQuantity } from "~/utils/format";

/**
 * An alert's condition in the reader's words, with its value and the limit it crossed: "Projected
 * to run out in 3 days (lead time 5 days)", "On hand 12 below 110% of safety stock (22)", "Plan
 * RP-2026-00012 waiting 30 h (limit 24 h)". An alert without a value says what it is about only.
 * Percentages (band drift, a receipt's or a count's difference) are stored in percent.
 */

/** The translate function of i18next, as far as this module needs it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function describeAlert(t: Translate, locale: string, facts: AlertFacts): string {
  const k = `alerts.what.${facts.condition}`;
  const { value, limitValue: limit } = facts;
  const quantity = (n: number, decimals = 1) => formatQuantity(locale, n, decimals);
  const percent = (n: number) => formatPercent(locale, n / 100, 0);
  const joined = (what: string, suffix: string | null) => (suffix ? t("alerts.what.joined", { what, limit: suffix }) : what);
  const limitDays = () => (limit === null ? null : t("alerts.what.limitDays", { count: limit }));
  const limitPercent = () => (limit === null ? null : t("alerts.what.limit", { limit: percent(limit) }));
  const plan = facts.planNumber ? t("alerts.what.planNamed", { number: facts.planNumber }) : t("alerts.what.thePlan");
  const asn = facts.asnNumber ?? t("alerts.what.theNotice");
  if (value === null) return t(`${k}.plain`, { plan, asn });

  switch (facts.condition) {
    case "projected_stockout":
    case "projected_below_min":
    case "projected_above_max": {
      const days = Math.max(0, Math.round(value));
      const what = days === 0 ? t(`${k}.today`) : t(`${k}.in`, { count: days });
      if (limit === null) return what;
      const horizon = Math.round(limit);
      // A rule looking as far ahead as the agreement's lead time says so.
      const suffix =
        facts.leadTimeDays !== null && horizon === facts.leadTimeDays
          ? t("alerts.what.leadTime", { count: horizon })
          : t("alerts.what.within", { count: horizon });
      return joined(what, suffix);
    }
    case "below_safety_stock": {
      if (limit === null) return t(`${k}.plain`);
      // The limit is a share of the stored safety stock: the share is read back from it.
      if (facts.safetyStock !== null && facts.safetyStock > 0)
        return t(`${k}.percent`, {
          value: quantity(value),
          percent: percent((limit / facts.safetyStock) * 100),
          limit: quantity(limit),
        });
      return t(`${k}.limit`, { value: quantity(value), limit: quantity(limit) });
    }
    case "days_of_cover_below":
    case "no_consumption":
      return joined(t(`${k}.value`, { count: value, value: quantity(value) }), limitDays());
    case "shipment_overdue":
      return joined(t(`${k}.value`, { count: value, value: quantity(value), asn }), limitDays());
    case "plan_waiting":
      return joined(
        t(`${k}.value`, { value: quantity(value, 0), plan }),
        limit === null ? null : t("alerts.what.limitHours", { limit: quantity(limit, 0) }),
      );
    case "band_drift":
    case "stock_discrepancy":
      return joined(t(`${k}.value`, { value: percent(value) }), limitPercent());
    case "receipt_difference":
      return joined(t(`${k}.value`, { value: percent(value), asn }), limitPercent());
  }
}

const relative = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long ago `from` was, as of `now` (both ISO instants): "5 minutes ago", "3 hours ago",
 * "2 days ago". The page passes the instant it was made, so the server and the browser agree.
 */
export function timeAgo(locale: string, from: string, now: string): string {
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    relative.set(locale, format);
  }
  const seconds = Math.min(0, (Date.parse(from) - Date.parse(now)) / 1000);
  if (seconds > -3_600) return format.format(Math.round(seconds / 60), "minute");
  if (seconds > -86_400) return format.format(Math.round(seconds / 3_600), "hour");
  return format.format(Math.round(seconds / 86_400), "day");
}
