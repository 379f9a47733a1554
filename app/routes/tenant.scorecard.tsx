import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BandTrendChart } from "~/components/compliance/band-trend-chart";
import { ComplianceHeader } from "~/components/compliance/compliance-header";
import { ExportLinks } from "~/components/compliance/export-links";
import { KpiPanel } from "~/components/compliance/kpi-panel";
import { WorstAgreements } from "~/components/compliance/worst-agreements";
import { requireMembership } from "~/services/auth/guards.server";
import { complianceAsOf, loadSupplierScorecard } from "~/services/compliance/kpis.server";
import { parsePeriodQuery, periodSearch } from "~/utils/compliance-query";

export const meta: MetaFunction = () => [{ title: "Your scorecard" }];

/** A supplier's own scorecard: the supplier comes from the membership, never from the URL. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const { query, request, errors } = parsePeriodQuery(new URL(args.request.url).searchParams, complianceAsOf(membership));
  const scorecard = await loadSupplierScorecard(membership, membership.scope.supplierId!, request);
  if (!scorecard) throw new Response("Not found", { status: 404 });
  return { scorecard, query, errors, currency: membership.tenant.currency, tenantName: membership.tenant.name };
}

export default function OwnScorecard() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { scorecard, query, errors, currency, tenantName } = useLoaderData<typeof loader>();
  return (
    <div>
      <ComplianceHeader
        title={t("compliance.scorecard.ownTitle")}
        subtitle={t("compliance.scorecard.subtitle", { name: scorecard.supplier.name, tenant: tenantName })}
        tenant={tenant!}
        periods={scorecard.periods}
        query={query}
        errors={errors}
        actions={
          <>
            <ExportLinks tenant={tenant!} table="kpis" search={periodSearch(query)} label={t("compliance.dashboard.kpisTitle")} />
            <ExportLinks tenant={tenant!} table="weekly" search={periodSearch(query)} label={t("compliance.trend.tableTitle")} />
            <ExportLinks tenant={tenant!} table="worst" search={periodSearch(query)} label={t("compliance.scorecard.worstTitle")} />
          </>
        }
        tabs={false}
      />
      <KpiPanel
        current={scorecard.kpis.current}
        previous={scorecard.kpis.previous}
        trend={scorecard.trend}
        currency={currency}
        holdingRate={scorecard.holdingRate}
        deadStockDays={scorecard.deadStockDays}
      />
      <div className="mt-6">
        <BandTrendChart trend={scorecard.trend} />
      </div>
      <WorstAgreements tenant={tenant!} rows={scorecard.worst} currency={currency} />
    </div>
  );
}
