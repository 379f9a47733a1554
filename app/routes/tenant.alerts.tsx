import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertState, SeverityBadge } from "~/components/alerts/alert-badges";
import { describeAlert, timeAgo } from "~/components/alerts/alert-what";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { Button } from "~/components/ui/button";
import {
  ALERT_CONDITIONS,
  ALERT_SEARCH_MAX,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  alertsSearch,
  parseAlertsQuery,
} from "~/services/alerts/alerts-query";
import { loadAlertsPage } from "~/services/alerts/alerts-page.server";
import { requireMembership } from "~/services/auth/guards.server";
import { formatInstant } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Alerts · VMI Portal" }];

/**
 * The alerts and to-dos: every role opens it; a supplier sees its own supplier's alerts only.
 * Filters are a GET form (the view lives in the URL); a search the page refuses is shown beside
 * its field (400) with the rest of the view.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const { query, errors } = parseAlertsQuery(new URL(args.request.url).searchParams);
  const page = await loadAlertsPage(membership, query);
  return data({ ...page, query, errors, tenantName: membership.tenant.name }, { status: errors.q ? 400 : 200 });
}

const CELLS = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"];
const LETTERS = ["A", "B", "C", "X", "Y", "Z"];

export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { rows, total, counts, pageSize, suppliers, sites, isSupplier, today, now, timezone, query, errors, tenantName } =
    useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string;
  const hasFilters = Boolean(query.severity || query.condition || query.supplier || query.site || query.cell || query.q);
  const severityLabel = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, t(`alerts.severities.${s}`)])) as Record<
    string,
    string
  >;
  const columns = isSupplier ? 8 : 9;

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("alerts.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupplier ? t("alerts.supplierSubtitle", { tenant: tenantName }) : t("alerts.subtitle")}
          </p>
        </div>
        <div className="flex items-center gap-4 text-sm">
          {/* The rules behind the alerts: administrators change them, buyers and managers read them. */}
          {!isSupplier ? (
            <Link to={`/t/${tenant}/admin/alert-rules`} className="text-indigo-700 underline hover:text-indigo-900">
              {t("alerts.rulesLink")}
            </Link>
          ) : null}
          <p className="text-slate-500">{t("alerts.count", { total: new Intl.NumberFormat(locale).format(total) })}</p>
        </div>
      </div>

      <nav aria-label={t("alerts.counts.label")} className="mt-4 flex flex-wrap gap-2" data-testid="alert-counts">
        {ALERT_SEVERITIES.map((severity) => {
          const active = query.severity === severity;
          const href = alertsSearch({ ...query, severity: active ? undefined : severity, page: 1 }) || "?";
          return (
            <Link
              key={severity}
              to={href}
              aria-current={active ? "true" : undefined}
              data-severity={severity}
              className={`rounded-full border px-3 py-1 text-sm ${active ? "border-indigo-600 bg-indigo-50 font-semibold" : "border-slate-300 bg-white hover:bg-slate-50"}`}
            >
              {t(`alerts.counts.${severity}`, { count: counts[severity] })}
            </Link>
          );
        })}
      </nav>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" role="search">
        <FilterSelect
          name="status"
          label={t("alerts.filters.status")}
          value={query.status === "open" ? undefined : query.status}
          allLabel={t("alerts.statuses.open")}
          options={ALERT_STATUSES.filter((s) => s !== "open").map((s) => ({ value: s, label: t(`alerts.statuses.${s}`) }))}
        />
        <FilterSelect
          name="severity"
          label={t("alerts.filters.severity")}
          value={query.severity}
          allLabel={t("alerts.filters.anySeverity")}
          options={ALERT_SEVERITIES.map((s) => ({ value: s, label: severityLabel[s] }))}
        />
        <FilterSelect
          name="condition"
          label={t("alerts.filters.condition")}
          value={query.condition}
          allLabel={t("alerts.filters.anyCondition")}
          options={ALERT_CONDITIONS.map((c) => ({ value: c, label: t(`alerts.conditions.${c}`) }))}
        />
        {!isSupplier ? (
          <FilterSelect
            name="supplier"
            label={t("alerts.filters.supplier")}
            value={query.supplier}
            allLabel={t("alerts.filters.allSuppliers")}
            options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <FilterSelect
          name="site"
          label={t("alerts.filters.site")}
          value={query.site}
          allLabel={t("alerts.filters.allSites")}
          options={sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
        />
        <FilterSelect name="cell" label={t("alerts.filters.cell")} value={query.cell} allLabel={t("alerts.filters.anyCell")}>
          <optgroup label={t("alerts.filters.cells")}>
            {CELLS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("alerts.filters.letters")}>
            {LETTERS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </optgroup>
        </FilterSelect>
        <div className="flex flex-col">
          <label htmlFor="q" className="text-xs font-medium text-slate-600">
            {t("alerts.filters.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            maxLength={ALERT_SEARCH_MAX}
            defaultValue={query.q ?? ""}
            aria-invalid={errors.q ? true : undefined}
            aria-describedby={errors.q ? "q-error" : undefined}
            className={`${filterControl} w-56`}
          />
          {errors.q ? (
            <p id="q-error" role="alert" className="mt-1 max-w-56 text-xs text-red-700">
              {t(errors.q.key, errors.q.values)}
            </p>
          ) : null}
        </div>
        <Button type="submit" size="md">
          {t("alerts.filters.filter")}
        </Button>
        {hasFilters || query.status !== "open" ? (
          <Link to="?" className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
            {t("alerts.filters.clear")}
          </Link>
        ) : null}
      </Form>

      <div
        className={`mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white ${navigation.state === "loading" ? "opacity-60" : ""}`}
      >
        <table className="data-table" data-testid="alerts-table">
          <caption className="sr-only">{t("alerts.table.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col">{t("alerts.table.severity")}</th>
              <th scope="col">{t("alerts.table.what")}</th>
              <th scope="col">{t("alerts.table.rule")}</th>
              <th scope="col">{t("alerts.table.item")}</th>
              {!isSupplier ? <th scope="col">{t("alerts.table.supplier")}</th> : null}
              <th scope="col">{t("alerts.table.site")}</th>
              <th scope="col">{t("alerts.table.since")}</th>
              <th scope="col">{t("alerts.table.status")}</th>
              <th scope="col">
                <span className="sr-only">{t("alerts.table.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="alert-row" data-alert-id={row.id}>
                <td>
                  <SeverityBadge severity={row.severity} label={severityLabel[row.severity]} />
                </td>
                <td className="min-w-64">
                  <Link to={`/t/${tenant}/alerts/${row.id}`} className="text-indigo-700 hover:underline">
                    {describeAlert(translate, locale, row)}
                  </Link>
                </td>
                <td className="text-slate-700">{row.ruleName}</td>
                <td>
                  {row.sku ? (
                    <>
                      <span className="font-mono text-xs">{row.sku}</span>
                      <span className="block text-xs text-slate-500">{row.itemName}</span>
                    </>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                {!isSupplier ? <td>{row.supplierName}</td> : null}
                <td className="nowrap" title={row.siteName ?? undefined}>
                  {row.siteCode ?? <span className="text-slate-400">—</span>}
                </td>
                <td className="nowrap">
                  <time dateTime={row.openedAt}>{timeAgo(locale, row.openedAt, now)}</time>
                  <span className="block text-xs text-slate-500">{formatInstant(locale, timezone, row.openedAt)}</span>
                </td>
                <td className="text-sm">
                  <AlertState alert={row} today={today} />
                </td>
                <td>
                  <Link
                    to={`/t/${tenant}/alerts/${row.id}`}
                    className="text-sm text-indigo-700 hover:underline"
                    aria-label={`${t("alerts.table.open")}: ${row.ruleName}`}
                  >
                    {t("alerts.table.open")}
                  </Link>
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns} className="px-3 py-10 text-center text-slate-500" data-testid="alerts-empty">
                  {hasFilters || query.status !== "open" ? t("alerts.empty.filtered") : t("alerts.empty.open")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </div>
  );
}
