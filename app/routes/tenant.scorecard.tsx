import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScorecardView } from "~/components/compliance/scorecard-view";
import { requireMembership } from "~/services/auth/guards.server";
import { loadScorecardPage } from "~/services/compliance/pages.server";
import { periodSearch } from "~/services/compliance/period-query";
import { invariantFound } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Your scorecard" }];

/** A supplier's own scorecard: the supplier comes from the membership, never from the URL. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const page = await loadScorecardPage(membership, membership.scope.supplierId!, new URL(args.request.url).searchParams);
  invariantFound(page);
  return page;
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
        period={periodSearch(query)}
        currency={currency}
        exportSearch={periodSearch(query)}
        tabs={false}
      />
    </div>
  );
}
