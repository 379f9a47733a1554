import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { CheckboxField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { Button } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { loadShipmentList } from "~/services/shipments/shipment-list.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { pageField } from "~/utils/input/decimal-field";

const PAGE_SIZE = 50;
const SHIPMENT_STATUSES = ["in_transit", "received"] as const;

/** Filters live in the URL; a bad value is ignored. */
const ShipmentsQuery = z.object({
  page: pageField,
  status: z.enum(SHIPMENT_STATUSES).optional().catch(undefined),
  overdue: z
    .string()
    .optional()
    .transform((v) => v === "1")
    .catch(false),
  supplier: z.uuid().optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const query = ShipmentsQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const { shipments, suppliers, isSupplier } = await loadShipmentList(membership, query, PAGE_SIZE);
  return { shipments, suppliers, query, isSupplier, tenantName: membership.tenant.name, pageSize: PAGE_SIZE };
}

const statusStyles: Record<string, string> = {
  in_transit: "bg-sky-100 text-sky-800 ring-sky-600/20",
  received: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
  overdue: "bg-amber-100 text-amber-800 ring-amber-600/20",
};

const badge = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

export default function Shipments() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { shipments, suppliers, query, isSupplier, tenantName, pageSize } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const hasFilters = Boolean(query.status || query.overdue || query.supplier);
  const columns = isSupplier ? 12 : 13;

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("shipments.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupplier ? t("shipments.supplierSubtitle", { tenant: tenantName }) : t("shipments.subtitle")}
          </p>
        </div>
        <p className="text-sm text-slate-500">
          {t("shipments.count", { total: new Intl.NumberFormat(locale).format(shipments.total) })}
        </p>
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <FilterSelect
          name="status"
          label={t("shipments.status")}
          value={query.status}
          allLabel={t("shipments.allStatuses")}
          options={SHIPMENT_STATUSES.map((s) => ({ value: s, label: t(`shipments.statuses.${s}`) }))}
        />
        {!isSupplier ? (
          <FilterSelect
            name="supplier"
            label={t("shipments.supplier")}
            value={query.supplier}
            allLabel={t("shipments.allSuppliers")}
            options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <CheckboxField
          className="self-end py-1.5"
          label={t("shipments.overdueOnly")}
          inputProps={{ id: "overdue", name: "overdue", value: "1", defaultChecked: query.overdue }}
        />
        <Button type="submit" size="md">
          {t("shipments.filter")}
        </Button>
        {hasFilters ? (
          <Link to="?" className={`${filterControl} border-transparent text-slate-600 hover:underline`}>
            {t("shipments.clear")}
          </Link>
        ) : null}
      </Form>

      <div
        className={`mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white ${navigation.state === "loading" ? "opacity-60" : ""}`}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="shipments-table">
          <caption className="sr-only">{t("shipments.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.plan")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.asn")}
              </th>
              {!isSupplier ? (
                <th scope="col" className="px-3 py-2">
                  {t("shipments.columns.supplier")}
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.sku")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.item")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.site")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("shipments.columns.qty")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.shipDate")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.expectedArrival")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.carrier")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.tracking")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.status")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.received")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.onTime")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shipments.rows.map((s) => (
              <tr key={s.id} className="hover:bg-slate-50" data-shipment-id={s.id}>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  {s.planId ? (
                    <Link to={`/t/${tenant}/plans/${s.planId}`} className="text-indigo-700 hover:underline">
                      {s.planNumber ?? s.planId.slice(0, 8)}
                    </Link>
                  ) : (
                    <span className="text-slate-500">{t("shipments.noPlan")}</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{s.asnNumber}</td>
                {!isSupplier ? <td className="px-3 py-2">{s.supplierName}</td> : null}
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  <Link to={`/t/${tenant}/shipments/${s.id}`} className="text-indigo-700 hover:underline">
                    {s.sku}
                  </Link>
                </td>
                <td className="px-3 py-2">{s.itemName}</td>
                <td className="px-3 py-2" title={s.siteName}>
                  {s.siteCode}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatQuantity(locale, s.qty)} <span className="text-xs text-slate-500">{s.uom}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, s.shipDate)}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, s.expectedArrival)}</td>
                <td className="px-3 py-2">{s.carrier ?? "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{s.tracking ?? "—"}</td>
                <td className="px-3 py-2">
                  <span data-shipment-status={s.status} className={`${badge} ${statusStyles[s.status]}`}>
                    {t(`shipments.statuses.${s.status}`)}
                  </span>
                  {s.overdue ? <span className={`${badge} ml-1 ${statusStyles.overdue}`}>{t("shipments.overdue")}</span> : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  {s.receivedOn
                    ? t("shipments.receivedValue", {
                        qty: formatQuantity(locale, s.receivedQty),
                        day: formatDay(locale, s.receivedOn),
                      })
                    : "—"}
                </td>
                <td className="px-3 py-2">
                  {s.onTime === null ? "—" : s.onTime ? t("shipments.onTime.yes") : t("shipments.onTime.no")}
                </td>
              </tr>
            ))}
            {shipments.rows.length === 0 ? (
              <tr>
                <td colSpan={columns} className="px-3 py-10 text-center text-slate-500">
                  {t("shipments.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={pageSize} total={shipments.total} />
    </div>
  );
}
