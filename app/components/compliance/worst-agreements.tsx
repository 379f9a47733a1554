import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { WorstAgreement } from "~/services/compliance/pages.server";
import { formatMoney, formatPercent, formatQuantity } from "~/utils/format";

/** A supplier's agreements furthest from their bands in the period, each linked to its page. */
export function WorstAgreements({
  tenant,
  rows,
  currency,
}: {
  tenant: string;
  rows: readonly WorstAgreement[];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const share = (days: number, total: number) => formatPercent(locale, total > 0 ? days / total : null);
  return (
    <section aria-labelledby="worst-title" className="mt-6">
      <h2 id="worst-title" className="text-lg font-semibold">
        {t("compliance.scorecard.worstTitle")}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          {t("compliance.scorecard.worstEmpty")}
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="data-table min-w-full text-sm" data-testid="worst-agreements">
            <caption className="sr-only">{t("compliance.scorecard.worstCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("compliance.scorecard.item")}</th>
                <th scope="col">{t("compliance.scorecard.site")}</th>
                <th scope="col" className="num">
                  {t("compliance.scorecard.inBand")}
                </th>
                <th scope="col" className="num">
                  {t("compliance.scorecard.belowMin")}
                </th>
                <th scope="col" className="num">
                  {t("compliance.scorecard.stockoutDays")}
                </th>
                <th scope="col" className="num">
                  {t("compliance.scorecard.aboveMax")}
                </th>
                <th scope="col" className="num">
                  {t("compliance.scorecard.averageValue")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.agreementId}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link
                      to={`/t/${tenant}/inventory/${row.agreementId}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {row.sku}
                    </Link>
                    <span className="ml-2 text-slate-600">{row.itemName}</span>
                  </th>
                  <td>{row.siteName}</td>
                  <td className="num">{share(row.inBandDays, row.snapshotDays)}</td>
                  <td className="num">{share(row.belowMinDays, row.snapshotDays)}</td>
                  <td className="num">{formatQuantity(locale, row.stockoutDays, 0)}</td>
                  <td className="num">{share(row.aboveMaxDays, row.snapshotDays)}</td>
                  <td className="num">{formatMoney(locale, currency, row.averageStockValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
