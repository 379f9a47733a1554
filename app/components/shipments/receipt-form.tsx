import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { ShipmentRecord } from "~/services/shipments/receipt-form.server";
import { formatQuantity } from "~/utils/format";
import { inputProps } from "./input-props";
import { useShipmentMessages } from "./shipment-messages";

const control =
  "block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500";

/** The buyer's receipt of a shipment in transit: the quantity counted, the day, and whether more will come. */
export function ReceiptForm({
  shipment: s,
  today,
  lastResult,
}: {
  shipment: Pick<ShipmentRecord, "id" | "qty" | "shipDate" | "approvedQty" | "lineShippedQty">;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { errorsOf } = useShipmentMessages();
  const pending = useIsPending({ intent: "receive" });
  const [form, fields] = useForm<{ receivedQty: string; receivedOn: string }, Record<string, unknown>, string[]>({
    id: `receipt-${s.id}`,
    lastResult,
    defaultValue: { receivedQty: String(s.qty), receivedOn: today },
  });

  return (
    <section aria-labelledby="receipt-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="receipt-title" className="text-base font-semibold">
        {t("shipments.detail.receipt")}
      </h2>
      <p className="mt-1 text-slate-600">{t("shipments.detail.receiptHint")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-start gap-4">
        <Field
          label={t("shipments.detail.receivedQty")}
          inputProps={{
            ...inputProps(fields.receivedQty, "number"),
            inputMode: "decimal",
            min: "0",
            step: "any",
            required: true,
            className: `${control} w-40 text-right`,
          }}
          errors={errorsOf("receivedQty", fields.receivedQty.errors)}
        />
        <Field
          label={t("shipments.detail.receivedOn")}
          inputProps={{
            ...inputProps(fields.receivedOn, "date"),
            required: true,
            min: s.shipDate,
            max: today,
            className: `${control} w-44`,
          }}
          errors={errorsOf("receivedOn", fields.receivedOn.errors)}
        />
        {s.approvedQty !== null && s.lineShippedQty !== null && s.lineShippedQty < s.approvedQty ? (
          <CheckboxField
            className="mt-6"
            label={t("shipments.detail.expectRest")}
            inputProps={{ id: "expectRest", name: "expectRest" }}
            hint={t("shipments.detail.expectRestHint", {
              rest: formatQuantity(i18n.language, s.approvedQty - s.lineShippedQty),
            })}
          />
        ) : null}
        <Button type="submit" name="intent" value="receive" size="md" pending={pending} className="mt-6">
          {t("shipments.detail.receiveSubmit")}
        </Button>
      </Form>
    </section>
  );
}
