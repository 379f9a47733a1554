import { KPI_META, type KpiKey } from "~/core/kpi-meta";
import { formatMoney, formatPercent, formatQuantity } from "~/utils/format";

/**
 * How each compliance KPI reads: its text in the user's language (numbers) and the tenant's
 * currency (money), and how it moved against the previous period. Presentation only: the pages
 * and their components use it; the exports write plain numbers (app/services/compliance).
 */

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A KPI's value as a user reads it; "—" when there was nothing to measure. */
export function formatKpi(t: Translate, locale: string, currency: string, key: KpiKey, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return t("compliance.value.none");
  switch (KPI_META[key].kind) {
    case "share":
      return formatPercent(locale, value);
    case "turns":
      return t("compliance.value.turns", { value: formatQuantity(locale, value, 1) });
    case "days":
      return t("compliance.value.days", { value: formatQuantity(locale, value, 0) });
    case "money":
      return formatMoney(locale, currency, value);
    case "hours":
      return value >= 48
        ? t("compliance.value.daysFromHours", { value: formatQuantity(locale, value / 24, 1) })
        : t("compliance.value.hours", { value: formatQuantity(locale, value, 1) });
  }
}

export type ChangeDirection = "better" | "worse" | "same";

/** How the KPI moved against the previous period, and the change in its own unit. */
export function kpiChange(
  t: Translate,
  locale: string,
  currency: string,
  key: KpiKey,
  current: number | null,
  previous: number | null,
): { direction: ChangeDirection; text: string } | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = current - previous;
  const { kind, better } = KPI_META[key];
  const tolerance = kind === "share" ? 0.0005 : Math.abs(previous) * 0.0005;
  const direction: ChangeDirection =
    Math.abs(delta) <= tolerance ? "same" : delta > 0 === (better === "higher") ? "better" : "worse";
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const magnitude = Math.abs(delta);
  const amount =
    kind === "share"
      ? t("compliance.change.points", { value: formatQuantity(locale, magnitude * 100, 1) })
      : formatKpi(t, locale, currency, key, magnitude);
  return { direction, text: `${sign}${amount}` };
}
