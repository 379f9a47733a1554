import { Link, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShipmentRecord } from "~/services/shipments/notice-page.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { StatusBadge } from "./status-badge";

export type NoticeLine = Pick<
  ShipmentRecord,
  | "id"
  | "sku"
  | "itemName"
  | "uom"
  | "siteCode"
  | "siteName"
  | "qty"
  | "expectedArrival"
  | "status"
  | "receivedQty"
  | "receivedOn"
  | "overdue"
  | "lineNo"
  | "lineStatus"
  | "agreedArrival"
  | "onTime"
  | "fillRate"
  | "agreementId"
>;

const th = "px-3 py-2";

/** A notice's lines as they stand: what was shipped, when it is expected, and what was received of it. */
export function NoticeLines({ lines }: { lines: readonly NoticeLine[] }) {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const locale = i18n.language;
  const none = t("shipments.detail.none");
  return (
    <section aria-labelledby="notice-lines-title" className="space-y-2">
      <h2 id="notice-lines-title" className="text-base font-semibold">
        {t("shipments.detail.lines")}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="notice-lines">
          <caption className="sr-only">{t("shipments.detail.linesCaption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className={th}>
                {t("shipments.detail.line")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.columns.sku")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.columns.item")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.columns.site")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("shipments.detail.shipped")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.detail.expectedArrival")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.detail.agreedArrival")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.detail.status")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.detail.received")}
              </th>
              <th scope="col" className={th}>
                {t("shipments.detail.onTime")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("shipments.detail.fillRate")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((l) => (
              <tr key={l.id} id={`line-${l.id}`} data-testid="notice-line" data-shipment-id={l.id} className="align-top">
                <td className="px-3 py-2 tabular-nums">{l.lineNo ?? none}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  <Link to={`/t/${tenant}/inventory/${l.agreementId}`} className="text-indigo-700 hover:underline">
                    {l.sku}
                  </Link>
                </td>
                <td className="px-3 py-2">{l.itemName}</td>
                <td className="px-3 py-2" title={l.siteName}>
                  {l.siteCode}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                  {formatQuantity(locale, l.qty)} <span className="text-xs text-slate-500">{l.uom}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.expectedArrival)}</td>
                <td className="whitespace-nowrap px-3 py-2">{l.agreedArrival ? formatDay(locale, l.agreedArrival) : none}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={l.status} overdue={l.overdue} />
                  {l.lineStatus ? (
                    <span className="mt-1 block text-xs text-slate-500">
                      {t("shipments.detail.lineStatus")}:{" "}
                      {t(`plans.lineStatuses.${l.lineStatus}`, { defaultValue: l.lineStatus })}
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  {l.receivedOn
                    ? t("shipments.receivedValue", {
                        qty: formatQuantity(locale, l.receivedQty),
                        day: formatDay(locale, l.receivedOn),
                      })
                    : none}
                </td>
                <td className="px-3 py-2">
                  {l.onTime === null ? none : l.onTime ? t("shipments.onTime.yes") : t("shipments.onTime.no")}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {l.fillRate === null
                    ? none
                    : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(l.fillRate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
