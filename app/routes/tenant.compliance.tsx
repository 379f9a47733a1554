import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BandTrendChart } from "~/components/compliance/band-trend-chart";
import { ComplianceHeader } from "~/components/compliance/compliance-header";
import { ExportLinks } from "~/components/compliance/export-links";
import { KpiPanel } from "~/components/compliance/kpi-panel";
import { requireMembership } from "~/services/auth/guards.server";
import { loadDashboardPage } from "~/services/compliance/pages.server";
import { COMPLIANCE_ROLES, periodSearch } from "~/services/compliance/period-query";

export const meta: MetaFunction = () => [{ title: "VMI compliance" }];

/**
 * The manager's compliance dashboard: tenant-wide KPIs of the period beside the previous period's,
 * with weekly trends, all read from the rollups. Suppliers have their own scorecard instead.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, COMPLIANCE_ROLES);
  return loadDashboardPage(membership, new URL(args.request.url).searchParams);
}

export default function ComplianceDashboard() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { report, query, errors, currency } = useLoaderData<typeof loader>();
  const period = periodSearch(query);
  const empty = report.trend.every((w) => w.kpis.bandCompliance === null);
  return (
    <div>
      <ComplianceHeader
        title={t("compliance.title")}
        subtitle={t("compliance.subtitle")}
        tenant={tenant!}
        periods={report.periods}
        query={query}
        period={period}
        errors={errors}
        actions={
          <>
            <ExportLinks tenant={tenant!} table="kpis" search={period} label={t("compliance.dashboard.kpisTitle")} />
            <ExportLinks tenant={tenant!} table="weekly" search={period} label={t("compliance.trend.tableTitle")} />
          </>
        }
      />
      {empty ? (
        <p className="mt-6 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          {t("compliance.dashboard.empty")}
        </p>
      ) : null}
      <KpiPanel
        current={report.kpis.current}
        previous={report.kpis.previous}
        trend={report.trend}
        currency={currency}
        holdingRate={report.holdingRate}
        deadStockDays={report.deadStockDays}
        days={{ current: report.periods.current.days, previous: report.periods.previous.days }}
      />
      <div className="mt-6">
        <BandTrendChart trend={report.trend} />
      </div>
    </div>
  );
}
