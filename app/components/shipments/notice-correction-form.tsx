import { type FieldMetadata, getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorList, Field, inputClass } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { NoticeSummary, ShipmentRecord } from "~/services/shipments/notice-page.server";
import { formatDay } from "~/utils/format";
import { inputProps } from "./input-props";
import { ProblemSummary, useProblems } from "./problem-summary";
import { useShipmentMessages } from "./shipment-messages";

type CorrectionLine = Pick<
  ShipmentRecord,
  "id" | "lineNo" | "sku" | "uom" | "qty" | "expectedArrival" | "shipDate" | "agreedArrival"
>;
type LineFields = FieldMetadata<{ shipmentId?: string; qty?: string; expectedArrival?: string }>;

const lineInput = inputClass.replace("px-3 py-2", "px-2 py-1.5");
const lineError = "mt-1 max-w-xs text-xs text-red-600";

/** The supplier's correction of a notice none of which is received: carrier, tracking, and each line's quantity and arrival. */
export function NoticeCorrectionForm({
  notice,
  lines,
  limits,
  lastResult,
}: {
  notice: Pick<NoticeSummary, "asnNumber" | "carrier" | "tracking">;
  lines: readonly CorrectionLine[];
  limits: { carrier: number; tracking: number };
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const { errorsOf } = useShipmentMessages();
  const pending = useIsPending({ intent: "correct" });
  const [form, fields] = useForm({
    id: `correct-${notice.asnNumber}`,
    lastResult,
    defaultValue: {
      carrier: notice.carrier ?? "",
      tracking: notice.tracking ?? "",
      lines: lines.map((l) => ({ shipmentId: l.id, qty: String(l.qty), expectedArrival: l.expectedArrival })),
    },
  });
  const problems = useProblems(lastResult);
  const fieldList = fields.lines.getFieldList();
  return (
    <section aria-labelledby="correction-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="correction-title" className="text-base font-semibold">
        {t("shipments.notice.correction")}
      </h2>
      <p id="correction-hint" className="text-slate-600">
        {t("shipments.notice.correctionHint")}
      </p>
      <ProblemSummary
        id="correction-errors"
        title={t("shipments.notice.correctionErrors", { count: problems.length })}
        problems={problems}
      />
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-3"
        aria-describedby={problems.length > 0 ? "correction-errors correction-hint" : "correction-hint"}
      >
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <Field
            label={t("shipments.new.carrier")}
            inputProps={{ ...inputProps(fields.carrier, "text", "correct-carrier"), maxLength: limits.carrier }}
            hint={t("shipments.new.optional", { max: limits.carrier })}
            errors={errorsOf("carrier", fields.carrier.errors)}
          />
          <Field
            label={t("shipments.new.tracking")}
            inputProps={{ ...inputProps(fields.tracking, "text", "correct-tracking"), maxLength: limits.tracking }}
            hint={t("shipments.new.optional", { max: limits.tracking })}
            errors={errorsOf("tracking", fields.tracking.errors)}
          />
        </div>
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="correction-lines">
            <caption className="sr-only">{t("shipments.notice.correctionCaption")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.line")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.columns.sku")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.notice.qty")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shipments.detail.expectedArrival")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((line, i) =>
                fieldList[i] ? <CorrectionRow key={line.id} line={line} index={i} field={fieldList[i]} /> : null,
              )}
            </tbody>
          </table>
        </div>
        <Button type="submit" name="intent" value="correct" size="md" pending={pending}>
          {t("shipments.notice.correctSubmit")}
        </Button>
      </Form>
    </section>
  );
}

function CorrectionRow({ line: l, index, field }: { line: CorrectionLine; index: number; field: LineFields }) {
  const { t, i18n } = useTranslation();
  const { errorsOf } = useShipmentMessages();
  const locale = i18n.language;
  const { shipmentId, qty, expectedArrival } = field.getFieldset();
  const n = l.lineNo ?? index + 1;
  const id = (name: string) => `correct-${index}-${name}`;
  const errors = {
    shipmentId: errorsOf(shipmentId.name, shipmentId.errors),
    qty: errorsOf(qty.name, qty.errors),
    arrival: errorsOf(expectedArrival.name, expectedArrival.errors),
  };
  return (
    <tr data-testid="correction-line" className="align-top">
      <td className="px-3 py-2 tabular-nums">
        <input type="hidden" name={shipmentId.name} value={l.id} />
        {n}
        <ErrorList errors={errors.shipmentId} className={lineError} />
      </td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{l.sku}</td>
      <td className="px-3 py-2">
        <label htmlFor={id("qty")} className="sr-only">
          {t("shipments.notice.qtyFor", { line: n })}
        </label>
        <input
          {...inputProps(qty, "number", id("qty"))}
          inputMode="decimal"
          min="0"
          step="any"
          aria-invalid={errors.qty?.length ? true : undefined}
          aria-describedby={errors.qty?.length ? id("qty-error") : undefined}
          className={`${lineInput} w-32 text-right`}
        />
        <span className="ml-1 text-xs text-slate-500">{l.uom}</span>
        <ErrorList id={id("qty-error")} errors={errors.qty} className={lineError} />
      </td>
      <td className="px-3 py-2">
        <label htmlFor={id("arrival")} className="sr-only">
          {t("shipments.notice.expectedArrivalFor", { line: n })}
        </label>
        <input
          {...inputProps(expectedArrival, "date", id("arrival"))}
          min={l.shipDate}
          aria-invalid={errors.arrival?.length ? true : undefined}
          aria-describedby={errors.arrival?.length ? id("arrival-error") : l.agreedArrival ? id("agreed") : undefined}
          className={`${lineInput} w-40`}
        />
        {l.agreedArrival ? (
          <p id={id("agreed")} className="mt-1 text-xs text-slate-500">
            {t("shipments.new.agreedArrival", { day: formatDay(locale, l.agreedArrival) })}
          </p>
        ) : null}
        <ErrorList id={id("arrival-error")} errors={errors.arrival} className={lineError} />
      </td>
    </tr>
  );
}

/** The supplier's cancellation of a notice none of which is received, behind a confirming box. */
export function NoticeCancelForm({
  asnNumber,
  lastResult,
}: {
  asnNumber: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const { errorsOf } = useShipmentMessages();
  const pending = useIsPending({ intent: "cancel" });
  const [form, fields] = useForm({ id: `cancel-${asnNumber}`, lastResult });
  return (
    <section aria-labelledby="cancel-title" className="space-y-3 rounded-lg border border-red-200 bg-white p-4 text-sm">
      <h2 id="cancel-title" className="text-base font-semibold">
        {t("shipments.notice.cancel")}
      </h2>
      <p className="text-slate-600">{t("shipments.notice.cancelHint")}</p>
      <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-4">
        <CheckboxField
          label={t("shipments.notice.confirm", { asn: asnNumber })}
          inputProps={{ id: "cancel-confirm", name: fields.confirm.name }}
          errors={errorsOf("confirm", fields.confirm.errors)}
        />
        <Button type="submit" name="intent" value="cancel" variant="danger" size="md" pending={pending}>
          {t("shipments.notice.cancelSubmit")}
        </Button>
      </Form>
    </section>
  );
}
