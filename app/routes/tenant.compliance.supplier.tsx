import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BandTrendChart } from "~/components/compliance/band-trend-chart";
import { ComplianceHeader } from "~/components/compliance/compliance-header";
import { ExportLinks } from "~/components/compliance/export-links";
import { KpiPanel } from "~/components/compliance/kpi-panel";
import { WorstAgreements } from "~/components/compliance/worst-agreements";
import { requireMembership } from "~/services/auth/guards.server";
import { complianceAsOf, loadSupplierScorecard } from "~/services/compliance/kpis.server";
import { COMPLIANCE_ROLES, parsePeriodQuery, periodSearch } from "~/utils/compliance-query";
import { isUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Supplier scorecard" }];

/** One supplier's scorecard for the buyer's side; an unknown supplier is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, COMPLIANCE_ROLES);
  const supplierId = args.params.supplierId ?? "";
  if (!isUuid(supplierId)) throw new Response("Not found", { status: 404 });
  const { query, request, errors } = parsePeriodQuery(new URL(args.request.url).searchParams, complianceAsOf(membership));
  const scorecard = await loadSupplierScorecard(membership, supplierId, request);
  if (!scorecard) throw new Response("Not found", { status: 404 });
  return { scorecard, query, errors, currency: membership.tenant.currency };
}

export default function SupplierScorecardPage() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { scorecard, query, errors, currency } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="text-sm">
        <Link to={`/t/${tenant}/compliance/suppliers?${periodSearch(query)}`} className="text-indigo-700 hover:underline">
          ← {t("compliance.scorecard.back")}
        </Link>
      </p>
      <ComplianceHeader
        title={t("compliance.scorecard.title", { name: scorecard.supplier.name })}
        subtitle={t("compliance.subtitle")}
        tenant={tenant!}
        periods={scorecard.periods}
        query={query}
        errors={errors}
        actions={
          <>
            <ExportLinks tenant={tenant!} table="kpis" search={`${periodSearch(query)}&supplier=${scorecard.supplier.id}`} label={t("compliance.dashboard.kpisTitle")} />
            <ExportLinks tenant={tenant!} table="weekly" search={`${periodSearch(query)}&supplier=${scorecard.supplier.id}`} label={t("compliance.trend.tableTitle")} />
            <ExportLinks tenant={tenant!} table="worst" search={`${periodSearch(query)}&supplier=${scorecard.supplier.id}`} label={t("compliance.scorecard.worstTitle")} />
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
      />
      <div className="mt-6">
        <BandTrendChart trend={scorecard.trend} />
      </div>
      <WorstAgreements tenant={tenant!} rows={scorecard.worst} currency={currency} />
    </div>
  );
}
