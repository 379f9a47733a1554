import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScorecardView } from "~/components/compliance/scorecard-view";
import { requireMembership } from "~/services/auth/guards.server";
import { complianceAsOf, loadSupplierScorecard } from "~/services/compliance/kpis.server";
import { parsePeriodQuery, periodSearch } from "~/utils/compliance-query";

export const meta: MetaFunction = () => [{ title: "Your scorecard" }];

/** A supplier's own scorecard: the supplier comes from the membership, never from the URL. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const asOf = complianceAsOf(membership);
  const { query, request, errors } = parsePeriodQuery(new URL(args.request.url).searchParams, asOf);
  const scorecard = await loadSupplierScorecard(membership, asOf, membership.scope.supplierId!, request);
  if (!scorecard) throw new Response("Not found", { status: 404 });
  return { scorecard, query, errors, currency: membership.tenant.currency, tenantName: membership.tenant.name };
}

export default function OwnScorecard() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { scorecard, query, errors, currency, tenantName } = useLoaderData<typeof loader>();
  return (
    <div>
      <ScorecardView
        title={t("compliance.scorecard.ownTitle")}
        subtitle={t("compliance.scorecard.subtitle", { name: scorecard.supplier.name, tenant: tenantName })}
        tenant={tenant!}
        scorecard={scorecard}
        query={query}
        errors={errors}
        currency={currency}
        exportSearch={periodSearch(query)}
        tabs={false}
      />
    </div>
  );
}
