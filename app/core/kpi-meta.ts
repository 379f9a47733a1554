import type { ComplianceKpis } from "./compliance-kpis";

/**
 * What each compliance KPI measures in (its unit's kind) and which way is better: the facts the
 * pages, their arrows and the exports read the same way (docs/domain.md, KPIs).
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
