import { type FieldMetadata, getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, inputClass } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { ShipmentRecord } from "~/services/shipments/notice-page.server";
import { formatQuantity } from "~/utils/format";
import { inputProps } from "./input-props";
import { useShipmentMessages } from "./shipment-messages";
import { ProblemSummary, useProblems } from "./problem-summary";

type ReceiptLine = Pick<
  ShipmentRecord,
  "id" | "lineNo" | "sku" | "itemName" | "uom" | "qty" | "shipDate" | "approvedQty" | "lineShippedQty"
>;
type LineFields = FieldMetadata<{
  shipmentId?: string;
  receive?: string;
  receivedQty?: string;
  receivedOn?: string;
  expectRest?: string;
}>;

const lineInput = inputClass.replace("px-3 py-2", "px-2 py-1.5");
const lineError = "mt-1 max-w-xs text-xs text-red-600";

/**
 * The buyer's receipt of a notice: every line in transit, ticked and prefilled with what was
 * shipped and today, each with its own quantity and day; one submission records them all.
 */
export function NoticeReceiptForm({
  formId,
  lines,
  today,
  lastResult,
}: {
  formId: string;
  lines: readonly ReceiptLine[];
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "receive" });
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: {
      lines: lines.map((l) => ({
        shipmentId: l.id,
        receive: "on",
        receivedQty: String(l.qty),
        receivedOn: today,
        expectRest: undefined as string | undefined,
      })),
    },
  });
  const problems = useProblems(lastResult);
  const fieldList = fields.lines.getFieldList();
  return (
    <section aria-labelledby="receipt-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="receipt-title" className="text-base font-semibold">
        {t("shipments.detail.receipt")}
      </h2>
      <p id="receipt-hint" className="text-slate-600">
        {t("shipments.detail.receiptHint")}
      </p>
      <ProblemSummary
        id="receipt-errors"
        title={t("shipments.detail.receiptErrors", { count: problems.length })}
        problems={problems}
      />
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-3"
        aria-describedby={problems.length > 0 ? "receipt-errors receipt-hint" : "receipt-hint"}
      >
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="receipt-lines">
            <caption className="sr-only">{t("shipments.detail.receiptCaption")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.receive")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.line")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.columns.sku")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("shipments.detail.shipped")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.receivedQty")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.receivedOn")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.expectRest")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((line, i) =>
                fieldList[i] ? <ReceiptRow key={line.id} line={line} index={i} field={fieldList[i]} today={today} /> : null,
              )}
            </tbody>
          </table>
        </div>
        <Button type="submit" name="intent" value="receive" size="md" pending={pending}>
          {t("shipments.detail.receiveSubmit")}
        </Button>
      </Form>
    </section>
  );
}

function ReceiptRow({ line: l, index, field, today }: { line: ReceiptLine; index: number; field: LineFields; today: string }) {
  const { t, i18n } = useTranslation();
  const { errorsOf } = useShipmentMessages();
  const locale = i18n.language;
  const { shipmentId, receive, receivedQty, receivedOn, expectRest } = field.getFieldset();
  const n = l.lineNo ?? index + 1;
  const id = (name: string) => `receipt-${index}-${name}`;
  const errors = {
    shipmentId: errorsOf(shipmentId.name, shipmentId.errors),
    qty: errorsOf(receivedQty.name, receivedQty.errors),
    on: errorsOf(receivedOn.name, receivedOn.errors),
  };
  const short = l.approvedQty !== null && l.lineShippedQty !== null && l.lineShippedQty < l.approvedQty;
  return (
    <tr data-testid="receipt-line" className="align-top">
      <td className="px-3 py-2">
        <input type="hidden" name={shipmentId.name} value={l.id} />
        <input
          {...inputProps(receive, "checkbox", id("receive"))}
          aria-invalid={errors.shipmentId?.length ? true : undefined}
          aria-describedby={errors.shipmentId?.length ? id("shipmentId-error") : undefined}
          className="h-4 w-4 rounded border-slate-300"
        />
        <label htmlFor={id("receive")} className="sr-only">
          {t("shipments.detail.receiveLine", { line: n })}
        </label>
        <ErrorList id={id("shipmentId-error")} errors={errors.shipmentId} className={lineError} />
      </td>
      <td className="px-3 py-2 tabular-nums">{n}</td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs" title={l.itemName}>
        {l.sku}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
        {formatQuantity(locale, l.qty)} <span className="text-xs text-slate-500">{l.uom}</span>
      </td>
      <td className="px-3 py-2">
        <label htmlFor={id("qty")} className="sr-only">
          {t("shipments.detail.receivedQtyFor", { line: n })}
        </label>
        <input
          {...inputProps(receivedQty, "number", id("qty"))}
          inputMode="decimal"
          min="0"
          step="any"
          aria-invalid={errors.qty?.length ? true : undefined}
          aria-describedby={errors.qty?.length ? id("qty-error") : undefined}
          className={`${lineInput} w-32 text-right`}
        />
        <ErrorList id={id("qty-error")} errors={errors.qty} className={lineError} />
      </td>
      <td className="px-3 py-2">
        <label htmlFor={id("on")} className="sr-only">
          {t("shipments.detail.receivedOnFor", { line: n })}
        </label>
        <input
          {...inputProps(receivedOn, "date", id("on"))}
          min={l.shipDate}
          max={today}
          aria-invalid={errors.on?.length ? true : undefined}
          aria-describedby={errors.on?.length ? id("on-error") : undefined}
          className={`${lineInput} w-40`}
        />
        <ErrorList id={id("on-error")} errors={errors.on} className={lineError} />
      </td>
      <td className="px-3 py-2">
        {short ? (
          <>
            <input
              {...inputProps(expectRest, "checkbox", id("rest"))}
              aria-describedby={id("rest-hint")}
              className="h-4 w-4 rounded border-slate-300"
            />
            <label htmlFor={id("rest")} className="sr-only">
              {t("shipments.detail.expectRestFor", { line: n })}
            </label>
            <p id={id("rest-hint")} className="mt-1 text-xs text-slate-500">
              {t("shipments.detail.expectRestHint", {
                rest: formatQuantity(locale, (l.approvedQty ?? 0) - (l.lineShippedQty ?? 0)),
              })}
            </p>
          </>
        ) : null}
      </td>
    </tr>
  );
}
