import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { withTenant } from "@db/scope";
import { Pagination } from "~/components/pagination";
import { StatusBadge } from "~/components/status-badge";
import { listInventory, listLocations, listSuppliers } from "~/models/inventory.server";
import { requireMembership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { stockStatuses } from "~/utils/stock-status";

const PAGE_SIZE = 50;

/** Filters live in the URL so that a view can be shared; a bad value is simply ignored. */
const InventoryQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  supplier: z.uuid().optional().catch(undefined),
  site: z.uuid().optional().catch(undefined),
  status: z.enum(stockStatuses).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const url = new URL(args.request.url);
  const query = InventoryQuery.parse(Object.fromEntries(url.searchParams));
  const isSupplier = membership.role === "supplier";
  const result = await withTenant(getDb(), membership.scope, async (tx) => {
    const [inventory, suppliers, sites] = await Promise.all([
      listInventory(tx, membership.scope, {
        supplierId: isSupplier ? undefined : query.supplier,
        locationId: query.site,
        status: query.status,
        search: query.q || undefined,
        page: query.page,
        pageSize: PAGE_SIZE,
      }),
      isSupplier ? Promise.resolve([]) : listSuppliers(tx, membership.scope),
      listLocations(tx, membership.scope),
    ]);
    return { inventory, suppliers, sites };
  });
  return {
    tenantName: membership.tenant.name,
    isSupplier,
    query,
    pageSize: PAGE_SIZE,
    ...result,
  };
}

const select =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40";

export default function Inventory() {
  const { t, i18n } = useTranslation();
  const { inventory, suppliers, sites, query, isSupplier, tenantName, pageSize } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const hasFilters = Boolean(query.supplier || query.site || query.status || query.q);

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("inventory.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupplier ? t("inventory.supplierSubtitle", { tenant: tenantName }) : t("inventory.subtitle")}
          </p>
        </div>
        <p className="text-sm text-slate-500">
          {t("inventory.count", { total: new Intl.NumberFormat(locale).format(inventory.total) })}
        </p>
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <div className="flex flex-col">
          <label htmlFor="q" className="text-xs font-medium text-slate-600">
            {t("inventory.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} className={`${select} w-56`} />
        </div>
        {!isSupplier ? (
          <div className="flex flex-col">
            <label htmlFor="supplier" className="text-xs font-medium text-slate-600">
              {t("inventory.supplier")}
            </label>
            <select id="supplier" name="supplier" defaultValue={query.supplier ?? ""} className={select}>
              <option value="">{t("inventory.allSuppliers")}</option>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex flex-col">
          <label htmlFor="site" className="text-xs font-medium text-slate-600">
            {t("inventory.site")}
          </label>
          <select id="site" name="site" defaultValue={query.site ?? ""} className={select}>
            <option value="">{t("inventory.allSites")}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} · {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col">
          <label htmlFor="status" className="text-xs font-medium text-slate-600">
            {t("inventory.status")}
          </label>
          <select id="status" name="status" defaultValue={query.status ?? ""} className={select}>
            <option value="">{t("inventory.allStatuses")}</option>
            {stockStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t("inventory.filter")}
        </button>
        {hasFilters ? (
          <Link to="?" className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
            {t("inventory.clear")}
          </Link>
        ) : null}
      </Form>

      <div
        className={`mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white ${navigation.state === "loading" ? "opacity-60" : ""}`}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="inventory-table">
          <caption className="sr-only">{t("inventory.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("inventory.sku")}</th>
              <th scope="col" className="px-3 py-2">{t("inventory.item")}</th>
              <th scope="col" className="px-3 py-2">{t("inventory.site")}</th>
              {!isSupplier ? <th scope="col" className="px-3 py-2">{t("inventory.supplier")}</th> : null}
              <th scope="col" className="px-3 py-2 text-right">{t("inventory.onHand")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("inventory.min")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("inventory.max")}</th>
              <th scope="col" className="px-3 py-2">{t("inventory.status")}</th>
              <th scope="col" className="px-3 py-2">{t("inventory.asOf")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {inventory.rows.map((row) => (
              <tr key={row.agreementId} className="hover:bg-slate-50">
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.sku}</td>
                <td className="px-3 py-2">{row.itemName}</td>
                <td className="whitespace-nowrap px-3 py-2" title={row.siteName}>{row.siteCode}</td>
                {!isSupplier ? <td className="px-3 py-2">{row.supplierName}</td> : null}
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                  {formatQuantity(locale, row.onHand)} <span className="text-xs text-slate-500">{row.uom}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatQuantity(locale, row.minQty)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatQuantity(locale, row.maxQty)}</td>
                <td className="px-3 py-2"><StatusBadge status={row.status} /></td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-500">{formatDay(locale, row.asOf)}</td>
              </tr>
            ))}
            {inventory.rows.length === 0 ? (
              <tr>
                <td colSpan={isSupplier ? 8 : 9} className="px-3 py-10 text-center text-slate-500">
                  {t("inventory.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={pageSize} total={inventory.total} />
    </div>
  );
}
