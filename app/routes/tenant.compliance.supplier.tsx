import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScorecardView } from "~/components/compliance/scorecard-view";
import { requireMembership } from "~/services/auth/guards.server";
import { loadScorecardPage } from "~/services/compliance/pages.server";
import { COMPLIANCE_ROLES, periodSearch } from "~/services/compliance/period-query";
import { isUuid } from "~/utils/ids";
import { invariantFound } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Supplier scorecard" }];

/** One supplier's scorecard for the buyer's side; an unknown supplier is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, COMPLIANCE_ROLES);
  const supplierId = args.params.supplierId ?? "";
  invariantFound(isUuid(supplierId));
  const page = await loadScorecardPage(membership, supplierId, new URL(args.request.url).searchParams);
  invariantFound(page);
  return page;
}

export default function SupplierScorecardPage() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { scorecard, query, errors, currency } = useLoaderData<typeof loader>();
  const period = periodSearch(query);
  return (
    <div>
      <p className="text-sm">
        <Link to={`/t/${tenant}/compliance/suppliers?${period}`} className="text-indigo-700 hover:underline">
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
        period={period}
        currency={currency}
        exportSearch={`${period}&supplier=${scorecard.supplier.id}`}
        tabs
      />
    </div>
  );
}
