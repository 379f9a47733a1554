import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BandProposalRecord } from "~/services/agreements/proposal-lists.server";
import { formatInstant, formatQuantity } from "~/utils/format";
import type { BandProposalView } from "./band-proposal-section";

/** A proposal in the proposals list: with the agreement it is for. */
export type ProposalRow = BandProposalView & Pick<BandProposalRecord, "agreementId" | "sku" | "siteCode">;

/** A list of band proposals, each linking to its agreement; the supplier column for the buyer's side only. */
export function ProposalTable({
  rows,
  isSupplier,
  tenant,
  timezone,
  testId,
}: {
  rows: ProposalRow[];
  isSupplier: boolean;
  tenant: string;
  timezone: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
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
