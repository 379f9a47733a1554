import { useTranslation } from "react-i18next";
import type { PlanLineRecord } from "~/services/plans/plan-page.server";
import { formatDay, formatQuantity } from "~/utils/format";

/** A plan line as the page's loader gives it (only what the table shows). */
export type PlanLineView = Pick<
  PlanLineRecord,
  | "id"
  | "lineNo"
  | "sku"
  | "itemName"
  | "uom"
  | "siteCode"
  | "siteName"
  | "qty"
  | "proposedQty"
  | "shipDate"
  | "arrivalDate"
  | "reason"
  | "status"
  | "approvedQty"
  | "approvedArrivalDate"
  | "decisionCode"
  | "decisionReason"
  | "shippedQty"
  | "receivedQty"
  | "onTime"
  | "fillRate"
>;

/**
 * A version's lines as planned, with each line's decision once one is recorded and its fulfilment
 * once anything has shipped. The headers say which values the supplier submitted and which were
 * approved, since both are quantities and dates side by side.
 */
export function PlanLinesTable({ lines, caption }: { lines: PlanLineView[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const decided = lines.some((l) => l.decisionCode !== null);
  const fulfilled = lines.some((l) => l.shippedQty > 0);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="plan-lines">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              #
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.sku")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.item")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.site")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("plans.page.submittedQty")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("plans.page.proposedQty")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.shipDate")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.submittedArrival")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.reason")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.lineStatus")}
            </th>
            {decided ? (
              <th scope="col" className="px-3 py-2">
                {t("plans.page.approvedColumn")}
              </th>
            ) : null}
            {fulfilled ? (
              <th scope="col" className="px-3 py-2">
                {t("approvals.line.fulfilment")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="px-3 py-2 tabular-nums">{l.lineNo}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{l.sku}</td>
              <td className="px-3 py-2">{l.itemName}</td>
              <td className="px-3 py-2" title={l.siteName}>
                {l.siteCode}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatQuantity(locale, l.qty)} <span className="text-xs text-slate-500">{l.uom}</span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-500">{formatQuantity(locale, l.proposedQty)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.shipDate)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.arrivalDate)}</td>
              <td className="px-3 py-2 text-slate-700">{l.reason ?? ""}</td>
              <td className="px-3 py-2">{t(`plans.lineStatuses.${l.status}`, { defaultValue: l.status })}</td>
              {decided ? (
                <td className="px-3 py-2" data-testid={`line-decision-${l.lineNo}`}>
                  {l.decisionCode ? (
                    <>
                      <span className="font-mono text-xs font-semibold">{l.decisionCode}</span>
                      {l.decisionCode !== "IR" && l.approvedQty !== null ? (
                        <span className="ml-1 tabular-nums">
                          {t("plans.page.approvedValue", {
                            qty: formatQuantity(locale, l.approvedQty),
                            date: formatDay(locale, l.approvedArrivalDate ?? l.arrivalDate),
                          })}
                        </span>
                      ) : null}
                      {l.decisionReason ? <span className="block text-xs text-slate-600">{l.decisionReason}</span> : null}
                    </>
                  ) : null}
                </td>
              ) : null}
              {fulfilled ? (
                <td className="px-3 py-2 text-xs" data-testid={`line-fulfilment-${l.lineNo}`}>
                  {l.shippedQty > 0 ? (
                    <>
                      <span className="tabular-nums">
                        {formatQuantity(locale, l.shippedQty)} / {formatQuantity(locale, l.receivedQty)}
                      </span>
                      {l.onTime !== null ? (
                        <span
                          className={`badge ml-1 ${l.onTime ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-800"}`}
                        >
                          {l.onTime ? t("approvals.line.onTime") : t("approvals.line.late")}
                        </span>
                      ) : null}
                      {l.fillRate !== null ? (
                        <span className="block text-slate-600">
                          {t("approvals.line.fillRate", {
                            rate: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
                              l.fillRate,
                            ),
                          })}
                        </span>
                      ) : null}
                    </>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
