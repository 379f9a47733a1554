import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { isCalendarDate, planWorkflowStatuses as planStatuses } from "~/core";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { PlanStatusBadge } from "~/components/plan-status-badge";
import { Button, buttonClass } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { loadPlanList } from "~/services/plans/plan-list.server";
import { formatDay, formatInstant, formatQuantity } from "~/utils/format";
import { pageField } from "~/utils/input/decimal-field";

const PAGE_SIZE = 50;
const isoDate = z.string().refine(isCalendarDate);

/** Filters live in the URL; a bad value is ignored. */
const PlansQuery = z.object({
  page: pageField,
  status: z.enum(planStatuses).optional().catch(undefined),
  supplier: z.uuid().optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const query = PlansQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const isSupplier = membership.role === "supplier";
  const { plans, suppliers } = await loadPlanList(membership, query, PAGE_SIZE);
  return {
    plans,
    suppliers,
    query,
    isSupplier,
    tenantName: membership.tenant.name,
    timezone: membership.tenant.timezone,
    pageSize: PAGE_SIZE,
  };
}

export default function Plans() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { plans, suppliers, query, isSupplier, tenantName, timezone, pageSize } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const hasFilters = Boolean(query.status || query.supplier || query.from || query.to);

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("plans.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupplier ? t("plans.supplierSubtitle", { tenant: tenantName }) : t("plans.subtitle")}
          </p>
        </div>
        <div className="flex items-center gap-4">
          <p className="text-sm text-slate-500">
            {t("plans.count", { total: new Intl.NumberFormat(locale).format(plans.total) })}
          </p>
          {isSupplier ? (
            <Link to={`/t/${tenant}/plans/new`} className={buttonClass("primary", "md")}>
              {t("plans.newPlan")}
            </Link>
          ) : null}
        </div>
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <FilterSelect
          name="status"
          label={t("plans.status")}
          value={query.status}
          allLabel={t("plans.allStatuses")}
          options={planStatuses.map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))}
        />
        {!isSupplier ? (
          <FilterSelect
            name="supplier"
            label={t("plans.supplier")}
            value={query.supplier}
            allLabel={t("plans.allSuppliers")}
            options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <div className="flex flex-col">
          <label htmlFor="from" className="text-xs font-medium text-slate-600">
            {t("plans.from")}
          </label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className={filterControl} />
        </div>
        <div className="flex flex-col">
          <label htmlFor="to" className="text-xs font-medium text-slate-600">
            {t("plans.to")}
          </label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className={filterControl} />
        </div>
        <Button type="submit" size="md">
          {t("plans.filter")}
        </Button>
        {hasFilters ? (
          <Link to="?" className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
            {t("plans.clear")}
          </Link>
        ) : null}
      </Form>

      <div
        className={`mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white ${navigation.state === "loading" ? "opacity-60" : ""}`}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="plans-table">
          <caption className="sr-only">{t("plans.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("plans.number")}
              </th>
              {!isSupplier ? (
                <th scope="col" className="px-3 py-2">
                  {t("plans.supplier")}
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2">
                {t("plans.status")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("plans.version")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("plans.lines")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("plans.totalQty")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("plans.firstShip")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("plans.lastArrival")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("plans.submitted")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plans.rows.map((p) => (
              <tr key={p.id} className="hover:bg-slate-50">
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  <Link to={`/t/${tenant}/plans/${p.id}`} className="text-indigo-700 hover:underline">
                    {p.number ?? t("plans.draftNumber")}
                  </Link>
                </td>
                {!isSupplier ? <td className="px-3 py-2">{p.supplierName}</td> : null}
                <td className="px-3 py-2">
                  <PlanStatusBadge status={p.status} />
                </td>
                <td className="px-3 py-2">{t("plans.versionValue", { version: p.version })}</td>
                <td className="px-3 py-2 text-right tabular-nums">{p.lineCount}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(locale, p.totalQty)}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, p.firstShipDate)}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, p.lastArrivalDate)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatInstant(locale, timezone, p.submittedAt)}</td>
              </tr>
            ))}
            {plans.rows.length === 0 ? (
              <tr>
                <td colSpan={isSupplier ? 8 : 9} className="px-3 py-10 text-center text-slate-500">
                  {t("plans.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={pageSize} total={plans.total} />
    </div>
  );
}
