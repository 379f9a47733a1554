import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ComplianceHeader } from "~/components/compliance/compliance-header";
import { ExportLinks } from "~/components/compliance/export-links";
import { SortHeader } from "~/components/sort-header";
import { requireMembership } from "~/services/auth/guards.server";
import { loadRankingPage } from "~/services/compliance/pages.server";
import { formatKpi, kpiChange } from "~/components/compliance/kpi-format";
import { KPI_KEYS, type KpiKey } from "~/core/kpi-meta";
import { COMPLIANCE_ROLES, periodSearch, type RankingSort } from "~/services/compliance/period-query";
import { formatQuantity } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Supplier ranking" }];

/** Every supplier's KPIs over the period, sortable on any column; worst band compliance first. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, COMPLIANCE_ROLES);
  return loadRankingPage(membership, new URL(args.request.url).searchParams);
}

type Row = Awaited<ReturnType<typeof loader>>["ranking"]["rows"][number];

function sortValue(row: Row, sort: RankingSort): number | string | null {
  if (sort === "supplier") return row.supplier.code;
  if (sort === "agreements") return row.agreements;
  if (sort === "change") {
    const now = row.kpis.bandCompliance;
    return now === null || row.previousBandCompliance === null ? null : now - row.previousBandCompliance;
  }
  return row.kpis[sort];
}

/** Sorted with empty values last in either direction, then by supplier code. */
function sortRows(rows: readonly Row[], sort: RankingSort, dir: "asc" | "desc"): Row[] {
  const factor = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    if (x === null || y === null) return x === y ? a.supplier.code.localeCompare(b.supplier.code) : x === null ? 1 : -1;
    const order = typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number);
    return order !== 0 ? factor * order : a.supplier.code.localeCompare(b.supplier.code);
  });
}

export default function SupplierRanking() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { tenant } = useParams();
  const { ranking, query, errors, sort, dir, currency } = useLoaderData<typeof loader>();
  const period = periodSearch(query);
  const rows = sortRows(ranking.rows, sort, dir);
  const header = (column: RankingSort, label: string, align: "left" | "right" = "right") => {
    const active = sort === column;
    const next = active && dir === "asc" ? "desc" : "asc";
    return (
      <SortHeader
        key={column}
        label={label}
        active={active}
        direction={dir}
        href={`?${period}&sort=${column}&dir=${next}`}
        align={align}
      />
    );
  };
  return (
    <div>
      <ComplianceHeader
        title={t("compliance.ranking.title")}
        subtitle={t("compliance.subtitle")}
        tenant={tenant!}
        periods={ranking.periods}
        query={query}
        period={period}
        errors={errors}
        hidden={{ sort, dir }}
        actions={<ExportLinks tenant={tenant!} table="suppliers" search={period} label={t("compliance.ranking.title")} />}
      />
      <p className="mt-4 text-sm text-slate-500">{t("compliance.ranking.count", { count: rows.length })}</p>
      {rows.length === 0 ? (
        <p className="mt-2 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          {t("compliance.ranking.empty")}
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="data-table compact-table min-w-full" data-testid="supplier-ranking">
            <caption className="sr-only">{t("compliance.ranking.caption")}</caption>
            <thead>
              <tr>
                {header("supplier", t("compliance.ranking.supplier"), "left")}
                {header("agreements", t("compliance.ranking.agreements"))}
                {header("bandCompliance", t("compliance.kpi.bandCompliance.label"))}
                {header("change", t("compliance.ranking.change"))}
                {KPI_KEYS.filter((key) => key !== "bandCompliance").map((key) => header(key, t(`compliance.kpi.${key}.label`)))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const change = kpiChange(
                  t,
                  locale,
                  currency,
                  "bandCompliance",
                  row.kpis.bandCompliance,
                  row.previousBandCompliance,
                );
                const cell = (key: KpiKey) => (
                  <td key={key} className="num">
                    {formatKpi(t, locale, currency, key, row.kpis[key])}
                  </td>
                );
                return (
                  <tr key={row.supplier.id}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link
                        to={`/t/${tenant}/compliance/suppliers/${row.supplier.id}?${period}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {row.supplier.name}
                      </Link>
                      <span className="ml-1 text-xs text-slate-500">{row.supplier.code}</span>
                    </th>
                    <td className="num">{formatQuantity(locale, row.agreements, 0)}</td>
                    {cell("bandCompliance")}
                    <td
                      className={`num nowrap ${change?.direction === "better" ? "text-emerald-700" : change?.direction === "worse" ? "text-red-700" : "text-slate-500"}`}
                    >
                      {change ? change.text : t("compliance.value.none")}
                    </td>
                    {KPI_KEYS.filter((key) => key !== "bandCompliance").map(cell)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
