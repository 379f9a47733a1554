import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ComplianceHeader } from "~/components/compliance/compliance-header";
import { ExportLinks } from "~/components/compliance/export-links";
import { requireMembership } from "~/services/auth/guards.server";
import { loadMatrixPage } from "~/services/compliance/pages.server";
import { MOVERS_SHOWN } from "~/services/compliance/rows-shown";
import { COMPLIANCE_ROLES, periodSearch } from "~/services/compliance/period-query";
import { formatDay, formatMoney, formatPercent } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "ABC-XYZ matrix" }];

/** The nine ABC-XYZ cells of the period, each opening the inventory list filtered to it, and the movers. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, COMPLIANCE_ROLES);
  return loadMatrixPage(membership, new URL(args.request.url).searchParams);
}

const RANK: Record<string, number> = { A: 0, B: 1, C: 2, X: 0, Y: 1, Z: 2 };

/** Up when the value class rises (C → A) or demand steadies (Z → X); the value class decides first. */
function moveDirection(from: string, to: string): "up" | "down" {
  const byValue = RANK[to[0]] - RANK[from[0]];
  if (byValue !== 0) return byValue < 0 ? "up" : "down";
  return RANK[to[1]] - RANK[from[1]] < 0 ? "up" : "down";
}

export default function ComplianceMatrix() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { tenant } = useParams();
  const { matrix, query, errors, currency } = useLoaderData<typeof loader>();
  const { current, previous } = matrix.periods;
  const cells = new Map(matrix.cells.map((cell) => [cell.cell, cell]));
  const period = periodSearch(query);
  const maxValue = Math.max(1, ...matrix.cells.map((c) => c.averageStockValue));
  return (
    <div>
      <ComplianceHeader
        title={t("compliance.matrix.title")}
        subtitle={t("compliance.matrix.subtitle")}
        tenant={tenant!}
        periods={matrix.periods}
        query={query}
        period={period}
        errors={errors}
        actions={
          <>
            <ExportLinks tenant={tenant!} table="cells" search={period} label={t("compliance.matrix.title")} />
            <ExportLinks tenant={tenant!} table="transitions" search={period} label={t("compliance.matrix.transitionsLabel")} />
            <ExportLinks tenant={tenant!} table="movers" search={period} label={t("compliance.matrix.moversTitle")} />
          </>
        }
      />
      <div className="mt-6 overflow-x-auto">
        <table className="w-full border-separate border-spacing-2 text-sm" data-testid="abc-xyz-matrix">
          <caption className="sr-only">{t("compliance.matrix.caption")}</caption>
          <thead>
            <tr>
              <td />
              {(["X", "Y", "Z"] as const).map((xyz) => (
                <th key={xyz} scope="col" className="text-left font-semibold text-slate-700">
                  {t(`compliance.matrix.xyz${xyz}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(["A", "B", "C"] as const).map((abc) => (
              <tr key={abc}>
                <th scope="row" className="w-28 text-left font-semibold text-slate-700">
                  {t(`compliance.matrix.abc${abc}`)}
                </th>
                {(["X", "Y", "Z"] as const).map((xyz) => {
                  const cell = cells.get(`${abc}${xyz}`)!;
                  // The fill shows where the stock value sits; the text says it.
                  const intensity = Math.round((cell.averageStockValue / maxValue) * 100);
                  return (
                    <td key={xyz} className="align-top">
                      <Link
                        to={`/t/${tenant}/inventory?class=${cell.cell}`}
                        aria-label={t("compliance.matrix.open", { cell: cell.cell })}
                        data-testid={`cell-${cell.cell}`}
                        className="block rounded-lg border border-slate-200 p-3 hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-600"
                        style={{ backgroundColor: `color-mix(in srgb, #6366f1 ${Math.round(intensity * 0.25)}%, white)` }}
                      >
                        <span className="block text-lg font-semibold">{cell.cell}</span>
                        <span className="block text-slate-700">
                          {t("compliance.matrix.agreements", { count: cell.agreements })}
                        </span>
                        <span className="block text-slate-600">
                          {t("compliance.matrix.stockValue", { value: formatMoney(locale, currency, cell.averageStockValue) })}
                        </span>
                        <span className="block text-slate-600">
                          {t("compliance.matrix.consumptionValue", {
                            value: formatMoney(locale, currency, cell.consumptionValue),
                          })}
                        </span>
                        <span className="block text-slate-600">
                          {t("compliance.matrix.compliance", { value: formatPercent(locale, cell.bandCompliance) })}
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matrix.unclassified ? (
        <p className="mt-2 text-sm text-slate-600">
          {t("compliance.matrix.unclassified", { count: matrix.unclassified.agreements })}
        </p>
      ) : null}

      <section aria-labelledby="movers-title" className="mt-8">
        <h2 id="movers-title" className="text-lg font-semibold">
          {t("compliance.matrix.moversTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600" data-testid="movers-summary">
          {t(matrix.movers.total > 0 ? "compliance.matrix.moversSummary" : "compliance.matrix.moversNone", {
            count: matrix.movers.total,
            from: formatDay(locale, previous.lastDay),
            to: formatDay(locale, current.lastDay),
          })}
          {matrix.movers.total > MOVERS_SHOWN
            ? ` ${t("compliance.matrix.moversShown", { shown: MOVERS_SHOWN, count: matrix.movers.total })}`
            : ""}
        </p>
        {matrix.movers.total > 0 ? (
          <div className="mt-3 grid gap-4 lg:grid-cols-[minmax(0,18rem)_1fr]">
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="data-table min-w-full text-sm" data-testid="class-transitions">
                <caption className="sr-only">{t("compliance.matrix.transitionsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("compliance.matrix.from")}</th>
                    <th scope="col">{t("compliance.matrix.to")}</th>
                    <th scope="col" className="num">
                      {t("compliance.matrix.count")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {matrix.movers.transitions.map((move) => (
                    <tr key={`${move.from}-${move.to}`}>
                      <td>{move.from}</td>
                      <td>
                        {move.to}{" "}
                        <span className="text-xs text-slate-500">
                          ({t(`compliance.matrix.${moveDirection(move.from, move.to)}`)})
                        </span>
                      </td>
                      <td className="num">{move.agreements}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="data-table min-w-full text-sm" data-testid="class-movers">
                <caption className="sr-only">{t("compliance.matrix.movesCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("compliance.matrix.item")}</th>
                    <th scope="col">{t("compliance.matrix.site")}</th>
                    <th scope="col">{t("compliance.matrix.supplier")}</th>
                    <th scope="col">{t("compliance.matrix.from")}</th>
                    <th scope="col">{t("compliance.matrix.to")}</th>
                    <th scope="col" className="num">
                      {t("compliance.matrix.annualValue")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {matrix.movers.rows.map((row) => (
                    <tr key={row.agreementId}>
                      <td>
                        <Link
                          to={`/t/${tenant}/inventory/${row.agreementId}`}
                          className="font-medium text-indigo-700 hover:underline"
                        >
                          {row.sku}
                        </Link>
                        <span className="ml-2 text-slate-600">{row.itemName}</span>
                      </td>
                      <td>{row.siteName}</td>
                      <td>{row.supplierName}</td>
                      <td>{row.from}</td>
                      <td>{row.to}</td>
                      <td className="num">{formatMoney(locale, currency, row.annualValue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}
