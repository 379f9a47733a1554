import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ComplianceTabs } from "~/components/compliance/compliance-tabs";
import { ExportLinks } from "~/components/compliance/export-links";
import { requireMembership } from "~/services/auth/guards.server";
import { loadHealthPage } from "~/services/compliance/pages.server";
import { HEALTH_ROWS_SHOWN } from "~/services/compliance/rows-shown";
import { COMPLIANCE_ROLES, periodSearch } from "~/services/compliance/period-query";
import { formatDay, formatMoney, formatPercent, formatQuantity } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Inventory health" }];

/** Dead stock, overstock and stock at risk now, each with its total and its largest rows. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, COMPLIANCE_ROLES);
  return loadHealthPage(membership, new URL(args.request.url).searchParams);
}

function Section({
  id,
  title,
  summary,
  more,
  actions,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  more: string | null;
  actions: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="mt-8" data-testid={`health-${id}`}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      <p className="mt-1 text-sm text-slate-600" data-testid={`health-${id}-summary`}>
        {summary}
        {more ? ` ${more}` : ""}
      </p>
      {children}
    </section>
  );
}

export default function InventoryHealth() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { tenant } = useParams();
  const { health, query, currency } = useLoaderData<typeof loader>();
  const money = (value: number | null) => formatMoney(locale, currency, value);
  const more = (total: number) =>
    total > HEALTH_ROWS_SHOWN ? t("compliance.health.shown", { shown: HEALTH_ROWS_SHOWN, count: total }) : null;
  const period = periodSearch(query);
  const exportsOf = (table: string, label: string) => (
    <ExportLinks tenant={tenant!} table={table} search={period} label={label} />
  );
  const itemCell = (agreementId: string, sku: string, itemName: string) => (
    <td>
      <Link to={`/t/${tenant}/inventory/${agreementId}`} className="font-medium text-indigo-700 hover:underline">
        {sku}
      </Link>
      <span className="ml-2 text-slate-600">{itemName}</span>
    </td>
  );
  const none = (
    <p className="mt-2 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("compliance.health.none")}</p>
  );
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">{t("compliance.health.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        {t("compliance.health.subtitle", { asOf: formatDay(locale, health.asOf) })}
      </p>
      <ComplianceTabs tenant={tenant!} search={period} />

      <Section
        id="dead"
        title={t("compliance.health.deadTitle")}
        summary={t("compliance.health.deadSummary", {
          count: health.dead.total,
          value: money(health.dead.totalValue),
          days: health.deadStockDays,
          share: formatPercent(locale, health.stockValue > 0 ? health.dead.totalValue / health.stockValue : null),
        })}
        more={more(health.dead.total)}
        actions={exportsOf("dead", t("compliance.health.deadTitle"))}
      >
        {health.dead.rows.length === 0 ? (
          none
        ) : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="data-table min-w-full text-sm" data-testid="dead-stock">
              <caption className="sr-only">{t("compliance.health.deadCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("compliance.health.item")}</th>
                  <th scope="col">{t("compliance.health.site")}</th>
                  <th scope="col">{t("compliance.health.supplier")}</th>
                  <th scope="col" className="num">
                    {t("compliance.health.onHand")}
                  </th>
                  <th scope="col" className="num">
                    {t("compliance.health.value")}
                  </th>
                  <th scope="col">{t("compliance.health.lastConsumed")}</th>
                </tr>
              </thead>
              <tbody>
                {health.dead.rows.map((r) => (
                  <tr key={r.agreementId}>
                    {itemCell(r.agreementId, r.sku, r.itemName)}
                    <td>{r.siteName}</td>
                    <td>{r.supplierName}</td>
                    <td className="num">{formatQuantity(locale, r.onHand)}</td>
                    <td className="num">{money(r.value)}</td>
                    <td className="nowrap">
                      {r.lastConsumedOn ? formatDay(locale, r.lastConsumedOn) : t("compliance.health.never")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section
        id="overstock"
        title={t("compliance.health.overstockTitle")}
        summary={t("compliance.health.overstockSummary", {
          count: health.overstock.total,
          value: money(health.overstock.totalValue),
        })}
        more={more(health.overstock.total)}
        actions={
          <span className="flex items-center gap-3">
            <Link to={`/t/${tenant}/inventory?status=above_max`} className="text-sm text-indigo-700 hover:underline">
              {t("compliance.health.openAll")}
            </Link>
            {exportsOf("overstock", t("compliance.health.overstockTitle"))}
          </span>
        }
      >
        {health.overstock.rows.length === 0 ? (
          none
        ) : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="data-table min-w-full text-sm" data-testid="overstock">
              <caption className="sr-only">{t("compliance.health.overstockCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("compliance.health.item")}</th>
                  <th scope="col">{t("compliance.health.site")}</th>
                  <th scope="col">{t("compliance.health.supplier")}</th>
                  <th scope="col" className="num">
                    {t("compliance.health.onHand")}
                  </th>
                  <th scope="col" className="num">
                    {t("compliance.health.max")}
                  </th>
                  <th scope="col" className="num">
                    {t("compliance.health.aboveMaxValue")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {health.overstock.rows.map((r) => (
                  <tr key={r.agreementId}>
                    {itemCell(r.agreementId, r.sku, r.itemName)}
                    <td>{r.siteName}</td>
                    <td>{r.supplierName}</td>
                    <td className="num">{formatQuantity(locale, r.onHand)}</td>
                    <td className="num">{formatQuantity(locale, r.maxQty)}</td>
                    <td className="num">{money(r.aboveMaxValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section
        id="at-risk"
        title={t("compliance.health.atRiskTitle")}
        summary={t("compliance.health.atRiskSummary", { count: health.atRisk.total })}
        more={more(health.atRisk.total)}
        actions={
          <span className="flex items-center gap-3">
            <Link to={`/t/${tenant}/inventory?risk=lead-time&sort=stockout`} className="text-sm text-indigo-700 hover:underline">
              {t("compliance.health.openAll")}
            </Link>
            {exportsOf("at-risk", t("compliance.health.atRiskTitle"))}
          </span>
        }
      >
        {health.atRisk.rows.length === 0 ? (
          none
        ) : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="data-table min-w-full text-sm" data-testid="at-risk">
              <caption className="sr-only">{t("compliance.health.atRiskCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("compliance.health.item")}</th>
                  <th scope="col">{t("compliance.health.site")}</th>
                  <th scope="col">{t("compliance.health.supplier")}</th>
                  <th scope="col" className="num">
                    {t("compliance.health.onHand")}
                  </th>
                  <th scope="col">{t("compliance.health.stockout")}</th>
                  <th scope="col" className="num">
                    {t("compliance.health.leadTime")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {health.atRisk.rows.map((r) => (
                  <tr key={r.agreementId}>
                    {itemCell(r.agreementId, r.sku, r.itemName)}
                    <td>{r.siteName}</td>
                    <td>{r.supplierName}</td>
                    <td className="num">{formatQuantity(locale, r.onHand)}</td>
                    <td className="nowrap">{formatDay(locale, r.stockoutDate)}</td>
                    <td className="num">{t("compliance.health.leadTimeDays", { count: r.leadTimeDays })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
