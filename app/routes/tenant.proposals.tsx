import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BandProposalRecord } from "~/models/band-proposals.server";
import { loadBandProposalLists } from "~/services/agreements/proposal-lists.server";
import { requireMembership } from "~/services/auth/guards.server";
import { formatInstant, formatQuantity } from "~/utils/format";

/** Buyer roles see every supplier's proposals, a supplier its own. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const { pending, recent } = await loadBandProposalLists(membership);
  return { pending, recent, isSupplier: membership.role === "supplier", timezone: membership.tenant.timezone };
}

function ProposalTable({ rows, isSupplier, testId }: { rows: BandProposalRecord[]; isSupplier: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { timezone } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  const band = (min: number | null, max: number | null, d = 2) =>
    min === null || max === null
      ? "—"
      : t("agreement.bandValue", { min: formatQuantity(locale, min, d), max: formatQuantity(locale, max, d) });
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{t("agreement.proposals.caption")}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("agreement.proposals.sku")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("agreement.proposals.site")}
            </th>
            {isSupplier ? null : (
              <th scope="col" className="px-3 py-2">
                {t("agreement.proposals.supplier")}
              </th>
            )}
            <th scope="col" className="px-3 py-2 text-right">
              {t("agreement.proposals.bandThen")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("agreement.proposals.proposed")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("agreement.proposals.recommended")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("agreement.proposals.reason")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("agreement.proposals.status")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("agreement.proposals.when")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((p) => (
            <tr key={p.id} data-proposal-id={p.id}>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                <Link
                  to={`/t/${tenant}/inventory/${p.agreementId}`}
                  className="text-indigo-700 hover:underline"
                  aria-label={t("agreement.proposals.open", { sku: p.sku, site: p.siteCode })}
                >
                  {p.sku}
                </Link>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{p.siteCode}</td>
              {isSupplier ? null : <td className="px-3 py-2">{p.supplierName}</td>}
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{band(p.currentMin, p.currentMax)}</td>
              <td className="whitespace-nowrap px-3 py-2 text-right font-medium tabular-nums">
                {band(p.proposedMin, p.proposedMax)}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-600">
                {band(p.recommendedMin, p.recommendedMax, 0)}
              </td>
              <td className="max-w-xs px-3 py-2 text-slate-700">
                <span className="line-clamp-2" title={p.reason}>
                  {p.reason}
                </span>
              </td>
              <td className="px-3 py-2">{t(`agreement.proposal.statuses.${p.status}`, { defaultValue: p.status })}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatInstant(locale, timezone, p.decidedAt ?? p.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Proposals() {
  const { t } = useTranslation();
  const { pending, recent, isSupplier } = useLoaderData<typeof loader>();
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
            <ProposalTable rows={pending} isSupplier={isSupplier} testId="pending-proposals" />
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
            <ProposalTable rows={recent} isSupplier={isSupplier} testId="recent-proposals" />
          </div>
        )}
      </section>
    </div>
  );
}
