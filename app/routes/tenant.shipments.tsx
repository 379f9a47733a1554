import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { CheckboxField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { StatusBadge } from "~/components/shipments/status-badge";
import { Button } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { loadShipmentList } from "~/services/shipments/shipment-list.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { pageField } from "~/utils/input/decimal-field";

const PAGE_SIZE = 50;
/** A notice's states, as the list filters them (the notices model says the same). */
const NOTICE_STATUSES = ["in_transit", "partly_received", "received", "cancelled"] as const;

/** Filters live in the URL; a bad value is ignored. */
const ShipmentsQuery = z.object({
  page: pageField,
  status: z.enum(NOTICE_STATUSES).optional().catch(undefined),
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
  const { notices, suppliers, isSupplier } = await loadShipmentList(membership, query, PAGE_SIZE);
  return { notices, suppliers, query, isSupplier, tenantName: membership.tenant.name, pageSize: PAGE_SIZE };
}

export default function Shipments() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { notices, suppliers, query, isSupplier, tenantName, pageSize } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const hasFilters = Boolean(query.status || query.overdue || query.supplier);
  const columns = isSupplier ? 10 : 11;

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
          {t("shipments.count", { total: new Intl.NumberFormat(locale).format(notices.total) })}
        </p>
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <FilterSelect
          name="status"
          label={t("shipments.status")}
          value={query.status}
          allLabel={t("shipments.allStatuses")}
          options={NOTICE_STATUSES.map((s) => ({ value: s, label: t(`shipments.statuses.${s}`) }))}
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
                {t("shipments.columns.asn")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.plan")}
              </th>
              {!isSupplier ? (
                <th scope="col" className="px-3 py-2">
                  {t("shipments.columns.supplier")}
                </th>
              ) : null}
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
              <th scope="col" className="px-3 py-2 text-right">
                {t("shipments.columns.lines")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("shipments.columns.qty")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("shipments.columns.received")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("shipments.columns.status")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {notices.rows.map((n) => {
              const unit = n.uom ? <span className="text-xs text-slate-500"> {n.uom}</span> : null;
              return (
                <tr
                  key={`${n.supplierId}-${n.asnNumber}`}
                  className="hover:bg-slate-50"
                  data-shipment-id={n.firstShipmentId}
                  data-asn-number={n.asnNumber}
                >
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                    <Link to={`/t/${tenant}/shipments/${n.firstShipmentId}`} className="text-indigo-700 hover:underline">
                      {n.asnNumber}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                    {n.planId ? (
                      <Link to={`/t/${tenant}/plans/${n.planId}`} className="text-indigo-700 hover:underline">
                        {n.planNumber ?? n.planId.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="text-slate-500">{t("shipments.noPlan")}</span>
                    )}
                  </td>
                  {!isSupplier ? <td className="px-3 py-2">{n.supplierName}</td> : null}
                  <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, n.shipDate)}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {n.firstArrival === n.lastArrival
                      ? formatDay(locale, n.firstArrival)
                      : t("shipments.detail.arrivalRange", {
                          from: formatDay(locale, n.firstArrival),
                          to: formatDay(locale, n.lastArrival),
                        })}
                  </td>
                  <td className="px-3 py-2">{n.carrier ?? "—"}</td>
                  <td className="px-3 py-2 font-mono text-xs">{n.tracking ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n.lines}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {formatQuantity(locale, n.qty)}
                    {unit}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {n.receivedQty === null ? "—" : formatQuantity(locale, n.receivedQty)}
                    {n.receivedQty === null ? null : unit}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <StatusBadge status={n.status} overdue={n.overdue} />
                  </td>
                </tr>
              );
            })}
            {notices.rows.length === 0 ? (
              <tr>
                <td colSpan={columns} className="px-3 py-10 text-center text-slate-500">
                  {t("shipments.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={pageSize} total={notices.total} />
    </div>
  );
}
