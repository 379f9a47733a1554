import type { ComplianceKpis } from "~/core";
import { formatMoney, formatPercent, formatQuantity } from "./format";

/**
 * How each compliance KPI reads: its unit, which way is better, and its text in the user's
 * language (numbers) and the tenant's currency (money). Shared by the pages and the exports.
 */
export const KPI_KEYS = [
  "bandCompliance",
  "belowMinShare",
  "stockoutRate",
  "aboveMaxShare",
  "onTimeDelivery",
  "fillRate",
  "annualisedTurnover",
  "dio",
  "deadStockRatio",
  "holdingCost",
  "decisionMedianHours",
  "decisionP90Hours",
] as const satisfies readonly (keyof ComplianceKpis)[];

export type KpiKey = (typeof KPI_KEYS)[number];

/** Rows the pages show of the long lists (the exports hold them all). */
export const MOVERS_SHOWN = 100;
export const HEALTH_ROWS_SHOWN = 50;
export type KpiKind = "share" | "turns" | "days" | "money" | "hours";

export const KPI_META: Readonly<Record<KpiKey, { kind: KpiKind; better: "higher" | "lower" }>> = {
  bandCompliance: { kind: "share", better: "higher" },
  belowMinShare: { kind: "share", better: "lower" },
  stockoutRate: { kind: "share", better: "lower" },
  aboveMaxShare: { kind: "share", better: "lower" },
  onTimeDelivery: { kind: "share", better: "higher" },
  fillRate: { kind: "share", better: "higher" },
  annualisedTurnover: { kind: "turns", better: "higher" },
  dio: { kind: "days", better: "lower" },
  deadStockRatio: { kind: "share", better: "lower" },
  holdingCost: { kind: "money", better: "lower" },
  decisionMedianHours: { kind: "hours", better: "lower" },
  decisionP90Hours: { kind: "hours", better: "lower" },
};

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
