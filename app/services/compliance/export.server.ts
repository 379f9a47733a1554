import type { ComplianceKpis } from "~/core";
import type { Membership } from "~/services/auth/guards.server";
import { KPI_KEYS, KPI_META, type KpiKey } from "~/core/kpi-meta";
import { parsePeriodQuery } from "./period-query";
import type { CsvCell } from "~/utils/csv";
import { AppError } from "~/utils/app-error";
import { isUuid } from "~/utils/ids";
import { complianceAsOf, loadKpiReport, loadSupplierRanking, loadSupplierScorecard } from "./kpis.server";
import { loadHealth, loadMatrix } from "./portfolio.server";

/**
 * Every compliance table as rows for a file (CSV or Excel): the same figures as the pages, all
 * rows rather than the first ones shown, in the user's language. Numbers stay numbers: shares in
 * per cent with two decimals, money with two, hours with one.
 */
export const EXPORT_TABLES = [
  "kpis",
  "weekly",
  "suppliers",
  "worst",
  "cells",
  "transitions",
  "movers",
  "dead",
  "overstock",
  "at-risk",
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
/** What a supplier may export: its own scorecard's tables. */
const SUPPLIER_TABLES: readonly ExportTable[] = ["kpis", "weekly", "worst"];

export interface ExportSheet {
  /** File and sheet name, without extension. */
  name: string;
  header: string[];
  rows: CsvCell[][];
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

const round = (value: number | null, decimals: number) => {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** A KPI as a number for a spreadsheet, in the unit its column header names. */
function kpiNumber(key: KpiKey, value: number | null): number | null {
  switch (KPI_META[key].kind) {
    case "share":
      return round(value === null ? null : value * 100, 2);
    case "money":
      return round(value, 2);
    case "turns":
    case "hours":
      return round(value, 2);
    case "days":
      return round(value, 1);
  }
}

function kpiHeader(t: Translate, key: KpiKey): string {
  const unit = { share: " (%)", money: "", turns: " (×)", hours: " (h)", days: "" }[KPI_META[key].kind];
  return `${t(`compliance.kpi.${key}.label`)}${unit}`;
}

/**
 * The sheet of `table`. Throws AppError not_found when this member may not have it: suppliers only
 * their own scorecard's tables, whatever supplier the URL names; invalid, naming the first thing
 * wrong with the period, when the period is wrong.
 */
export async function buildComplianceExport(
  membership: Membership,
  table: string,
  params: URLSearchParams,
  t: Translate,
): Promise<ExportSheet> {
  if (!EXPORT_TABLES.includes(table as ExportTable)) throw AppError.notFound();
  const isSupplier = membership.scope.supplierId !== null;
  if (isSupplier && !SUPPLIER_TABLES.includes(table as ExportTable)) throw AppError.notFound();
  const asOf = complianceAsOf(membership);
  const { request, errors } = parsePeriodQuery(params, asOf);
  const periodError = Object.values(errors)[0];
  if (periodError) throw new AppError("invalid", { message: { key: periodError.key, params: periodError.values } });
  const requested = params.get("supplier");
  const supplierId = isSupplier ? membership.scope.supplierId! : requested && isUuid(requested) ? requested : undefined;
  const slug = membership.tenant.slug;

  switch (table as ExportTable) {
    case "kpis":
    case "weekly": {
      let name = `compliance-${slug}`;
      let report;
      if (supplierId) {
        const scorecard = await loadSupplierScorecard(membership, asOf, supplierId, request);
        if (!scorecard) throw AppError.notFound();
        report = scorecard;
        name = `scorecard-${scorecard.supplier.code}`;
      } else {
        report = await loadKpiReport(membership, asOf, request);
      }
      const period = `${report.periods.current.from}_${report.periods.current.to}`;
      if (table === "kpis") {
        return {
          name: `${name}-kpis-${period}`,
          header: [
            t("compliance.export.kpi"),
            t("compliance.export.current"),
            t("compliance.export.previous"),
            t("compliance.export.unit"),
          ],
          rows: KPI_KEYS.map((key) => [
            t(`compliance.kpi.${key}.label`),
            kpiNumber(key, report.kpis.current[key]),
            kpiNumber(key, report.kpis.previous[key]),
            t(`compliance.export.units.${KPI_META[key].kind}`),
          ]),
        };
      }
      return {
        name: `${name}-weekly-${period}`,
        header: [t("compliance.trend.week"), ...KPI_KEYS.map((key) => kpiHeader(t, key))],
        rows: report.trend.map((w) => [w.week, ...KPI_KEYS.map((key) => kpiNumber(key, w.kpis[key]))]),
      };
    }
    case "suppliers": {
      const ranking = await loadSupplierRanking(membership, asOf, request);
      return {
        name: `suppliers-${slug}-${ranking.periods.current.from}_${ranking.periods.current.to}`,
        header: [
          t("compliance.export.supplierCode"),
          t("compliance.ranking.supplier"),
          t("compliance.ranking.agreements"),
          ...KPI_KEYS.map((key) => kpiHeader(t, key)),
          t("compliance.export.previousBandCompliance"),
        ],
        rows: ranking.rows.map((row) => [
          row.supplier.code,
          row.supplier.name,
          row.agreements,
          ...KPI_KEYS.map((key) => kpiNumber(key, (row.kpis as ComplianceKpis)[key])),
          kpiNumber("bandCompliance", row.previousBandCompliance),
        ]),
      };
    }
    case "worst": {
      if (!supplierId) throw AppError.notFound();
      const scorecard = await loadSupplierScorecard(membership, asOf, supplierId, request);
      if (!scorecard) throw AppError.notFound();
      return {
        name: `scorecard-${scorecard.supplier.code}-agreements-${scorecard.periods.current.from}_${scorecard.periods.current.to}`,
        header: [
          t("compliance.export.sku"),
          t("compliance.scorecard.item"),
          t("compliance.scorecard.site"),
          t("compliance.export.snapshotDays"),
          `${t("compliance.scorecard.inBand")} (%)`,
          `${t("compliance.scorecard.belowMin")} (%)`,
          t("compliance.scorecard.stockoutDays"),
          `${t("compliance.scorecard.aboveMax")} (%)`,
          t("compliance.scorecard.averageValue"),
        ],
        rows: scorecard.worst.map((w) => [
          w.sku,
          w.itemName,
          w.siteName,
          w.snapshotDays,
          round((w.inBandDays / w.snapshotDays) * 100, 2),
          round((w.belowMinDays / w.snapshotDays) * 100, 2),
          w.stockoutDays,
          round((w.aboveMaxDays / w.snapshotDays) * 100, 2),
          round(w.averageStockValue, 2),
        ]),
      };
    }
    case "cells":
    case "transitions":
    case "movers": {
      const matrix = await loadMatrix(membership, asOf, request, { allMovers: table === "movers" });
      const period = `${matrix.periods.current.from}_${matrix.periods.current.to}`;
      if (table === "cells") {
        return {
          name: `abc-xyz-${slug}-${period}`,
          header: [
            t("compliance.export.cell"),
            t("compliance.matrix.count"),
            t("compliance.export.averageStockValue"),
            t("compliance.export.consumptionValue"),
            `${t("compliance.kpi.bandCompliance.label")} (%)`,
          ],
          rows: matrix.cells.map((c) => [
            c.cell,
            c.agreements,
            round(c.averageStockValue, 2),
            round(c.consumptionValue, 2),
            kpiNumber("bandCompliance", c.bandCompliance),
          ]),
        };
      }
      if (table === "transitions") {
        return {
          name: `class-changes-${slug}-${period}`,
          header: [t("compliance.matrix.from"), t("compliance.matrix.to"), t("compliance.matrix.count")],
          rows: matrix.movers.transitions.map((m) => [m.from, m.to, m.agreements]),
        };
      }
      return {
        name: `class-movers-${slug}-${period}`,
        header: [
          t("compliance.export.sku"),
          t("compliance.matrix.item"),
          t("compliance.matrix.site"),
          t("compliance.matrix.supplier"),
          t("compliance.matrix.from"),
          t("compliance.matrix.to"),
          t("compliance.matrix.annualValue"),
        ],
        rows: matrix.movers.rows.map((m) => [
          m.sku,
          m.itemName,
          m.siteName,
          m.supplierName,
          m.from,
          m.to,
          round(m.annualValue, 2),
        ]),
      };
    }
    case "dead":
    case "overstock": {
      const health = await loadHealth(membership, { all: true });
      const section = table === "dead" ? health.dead : health.overstock;
      return {
        name: `${table === "dead" ? "dead-stock" : "overstock"}-${slug}-${health.asOf}`,
        header: [
          t("compliance.export.sku"),
          t("compliance.health.item"),
          t("compliance.health.site"),
          t("compliance.health.supplier"),
          t("compliance.health.onHand"),
          t("compliance.health.max"),
          t("compliance.health.value"),
          t("compliance.health.aboveMaxValue"),
          t("compliance.health.lastConsumed"),
          t("compliance.export.asOf"),
        ],
        rows: section.rows.map((r) => [
          r.sku,
          r.itemName,
          r.siteName,
          r.supplierName,
          r.onHand,
          r.maxQty,
          round(r.value, 2),
          round(r.aboveMaxValue, 2),
          r.lastConsumedOn ?? t("compliance.health.never"),
          r.asOfDay,
        ]),
      };
    }
    case "at-risk": {
      const health = await loadHealth(membership, { all: true });
      return {
        name: `at-risk-${slug}-${health.asOf}`,
        header: [
          t("compliance.export.sku"),
          t("compliance.health.item"),
          t("compliance.health.site"),
          t("compliance.health.supplier"),
          t("compliance.health.onHand"),
          t("compliance.export.inTransit"),
          t("compliance.health.stockout"),
          t("compliance.export.leadTimeDays"),
        ],
        rows: health.atRisk.rows.map((r) => [
          r.sku,
          r.itemName,
          r.siteName,
          r.supplierName,
          r.onHand,
          r.inTransit,
          r.stockoutDate,
          r.leadTimeDays,
        ]),
      };
    }
  }
}
