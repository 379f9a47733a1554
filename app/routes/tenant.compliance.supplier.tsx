import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScorecardView } from "~/components/compliance/scorecard-view";
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
  const asOf = complianceAsOf(membership);
  const { query, request, errors } = parsePeriodQuery(new URL(args.request.url).searchParams, asOf);
  const scorecard = await loadSupplierScorecard(membership, asOf, supplierId, request);
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
      <ScorecardView
        title={t("compliance.scorecard.title", { name: scorecard.supplier.name })}
        subtitle={t("compliance.subtitle")}
        tenant={tenant!}
        scorecard={scorecard}
        query={query}
        errors={errors}
        currency={currency}
        exportSearch={`${periodSearch(query)}&supplier=${scorecard.supplier.id}`}
        tabs
      />
    </div>
  );
}
