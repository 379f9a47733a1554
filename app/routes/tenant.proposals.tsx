import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProposalTable } from "~/components/agreements/proposal-table";
import { loadBandProposalLists } from "~/services/agreements/proposal-lists.server";
import { requireMembership } from "~/services/auth/guards.server";

/** Buyer roles see every supplier's proposals, a supplier its own. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const { pending, recent } = await loadBandProposalLists(membership);
  return { pending, recent, isSupplier: membership.role === "supplier", timezone: membership.tenant.timezone };
}

export default function Proposals() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { pending, recent, isSupplier, timezone } = useLoaderData<typeof loader>();
  const table = { tenant, timezone, isSupplier };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("agreement.proposals.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {isSupplier ? t("agreement.proposals.introSupplier") : t("agreement.proposals.introBuyer")}
        </p>
      </div>
      <section aria-labelledby="pending-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="pending-title" className="px-4 pt-4 text-base font-semibold">
          {t("agreement.proposals.pending")}
        </h2>
        {pending.length === 0 ? (
          <p className="px-4 pb-4 pt-2 text-sm text-slate-500">{t("agreement.proposals.nonePending")}</p>
        ) : (
          <div className="mt-2">
            <ProposalTable rows={pending} {...table} testId="pending-proposals" />
          </div>
        )}
      </section>
      <section aria-labelledby="recent-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="recent-title" className="px-4 pt-4 text-base font-semibold">
          {t("agreement.proposals.recent")}
        </h2>
        {recent.length === 0 ? (
          <p className="px-4 pb-4 pt-2 text-sm text-slate-500">{t("agreement.proposals.noneRecent")}</p>
        ) : (
          <div className="mt-2">
            <ProposalTable rows={recent} {...table} testId="recent-proposals" />
          </div>
        )}
      </section>
    </div>
  );
}
