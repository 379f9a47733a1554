import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PeriodQuery, SupplierScorecard } from "~/services/compliance/pages.server";
import { BandTrendChart } from "./band-trend-chart";
import { ComplianceHeader } from "./compliance-header";
import { ExportLinks } from "./export-links";
import type { PeriodErrors } from "./period-picker";
import { KpiPanel } from "./kpi-panel";
import { WorstAgreements } from "./worst-agreements";

/** What a scorecard page shows of the service's scorecard. */
export type ScorecardData = Pick<SupplierScorecard, "periods" | "kpis" | "trend" | "holdingRate" | "deadStockDays" | "worst">;

/**
 * A supplier's scorecard: its KPIs beside the previous period's, the weekly band compliance, the
 * agreements furthest from their bands, and the exports of each. The buyer's side and the
 * supplier itself see the same page under different headings.
 */
export function ScorecardView({
  title,
  subtitle,
  tenant,
  scorecard,
  query,
  errors,
  period,
  currency,
  exportSearch,
  tabs,
}: {
  title: string;
  subtitle: string;
  tenant: string;
  scorecard: ScorecardData;
  query: PeriodQuery;
  errors: PeriodErrors;
  /** The period's part of a URL (periodSearch). */
  period: string;
  currency: string;
  /** The period, and for the buyer's side the supplier, of the export links. */
  exportSearch: string;
  tabs: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <ComplianceHeader
        title={title}
        subtitle={subtitle}
        tenant={tenant}
        periods={scorecard.periods}
        query={query}
        period={period}
        errors={errors}
        tabs={tabs}
        actions={
          <>
            <ExportLinks tenant={tenant} table="kpis" search={exportSearch} label={t("compliance.dashboard.kpisTitle")} />
            <ExportLinks tenant={tenant} table="weekly" search={exportSearch} label={t("compliance.trend.tableTitle")} />
            <ExportLinks tenant={tenant} table="worst" search={exportSearch} label={t("compliance.scorecard.worstTitle")} />
          </>
        }
      />
      <KpiPanel
        current={scorecard.kpis.current}
        previous={scorecard.kpis.previous}
        trend={scorecard.trend}
        currency={currency}
        holdingRate={scorecard.holdingRate}
        deadStockDays={scorecard.deadStockDays}
        days={{ current: scorecard.periods.current.days, previous: scorecard.periods.previous.days }}
      />
      <div className="mt-6">
        <BandTrendChart trend={scorecard.trend} />
      </div>
      <WorstAgreements tenant={tenant} rows={scorecard.worst} currency={currency} />
    </>
  );
}
