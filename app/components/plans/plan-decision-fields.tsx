import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/forms";
import type { PlanLineRecord } from "~/services/plans/plan-page.server";

/** A line of the plan as the review shows it (only what the review reads of the page's lines). */
export type ReviewLine = Pick<
  PlanLineRecord,
  | "id"
  | "lineNo"
  | "sku"
  | "itemName"
  | "uom"
  | "siteCode"
  | "siteName"
  | "qty"
  | "shipDate"
  | "arrivalDate"
  | "proposedQty"
  | "reason"
  | "approvedQty"
  | "approvedArrivalDate"
  | "decisionCode"
  | "decisionReason"
>;

type Code = "IA" | "IQ" | "DR" | "IR";
const CODES: Code[] = ["IA", "IQ", "DR", "IR"];

/** A line's decision as the review form holds it (`lines[0].code`…). */
export interface DecisionValues {
  code: string;
  qty: string;
  arrival: string;
  reason: string;
}

/** The review form's fields, by the name the errors call them (approvals.review.fields.*). */
export const PARTS = [
  ["decision", "code"],
  ["qty", "qty"],
  ["arrivalDate", "arrival"],
  ["reason", "reason"],
] as const;

export const fieldId = (line: number, part: string) => `decision-${line}-${part}`;

/** What the form starts from: a later step from the earlier step's decision, the first from the line as submitted. */
export function initialDecision(line: ReviewLine): DecisionValues {
  const code = (CODES as string[]).includes(line.decisionCode ?? "") ? (line.decisionCode as Code) : "IA";
  return {
    code,
    qty: String(line.decisionCode === "IQ" && line.approvedQty !== null ? line.approvedQty : line.qty),
    arrival: line.decisionCode === "DR" && line.approvedArrivalDate ? line.approvedArrivalDate : line.arrivalDate,
    reason: line.decisionReason ?? "",
  };
}

/**
 * A line's decision: its code (EDI 855), and the quantity, arrival and reason it changes. Each code
 * changes one thing at most, and changing the quantity or the arrival chooses the code that
 * records it.
 */
export function DecisionFields({ line, field }: { line: ReviewLine; field: FieldMetadata<DecisionValues> }) {
  const { t } = useTranslation();
  const fieldset = field.getFieldset();
  const start = initialDecision(line);
  const given = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  // What was posted, after a refusal; otherwise what the loader says.
  const initialCode = given(fieldset.code.initialValue, start.code);
  const [code, setCode] = useState(initialCode);
  const [qty, setQty] = useState(given(fieldset.qty.initialValue, start.qty));
  const [arrival, setArrival] = useState(given(fieldset.arrival.initialValue, start.arrival));
  // Keep the inputs in step with the loader after a revalidation (another decision, a reload).
  useEffect(() => setCode(initialCode), [initialCode]);
  const id = (part: string) => fieldId(line.lineNo, part);
  const compact = "block w-full rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid]:border-red-500";

  return (
    <fieldset className="mt-2 grid gap-2 sm:grid-cols-4">
      <legend className="sr-only">{t("approvals.review.decision", { line: line.lineNo })}</legend>
      <SelectField
        label={t("approvals.review.decision", { line: line.lineNo })}
        errors={fieldset.code.errors}
        options={CODES.map((c) => ({ value: c, label: t(`approvals.review.codes.${c}`) }))}
        selectProps={{
          id: id("decision"),
          name: fieldset.code.name,
          value: code,
          className: compact,
          onChange: (e) => {
            const next = e.target.value;
            setCode(next);
            // Each code changes one thing at most: put back what the new code keeps as submitted.
            if (next !== "IQ") setQty(String(line.qty));
            if (next !== "DR") setArrival(line.arrivalDate);
          },
        }}
      />
      <Field
        label={t("approvals.review.qty")}
        errors={fieldset.qty.errors}
        inputProps={{
          id: id("qty"),
          name: fieldset.qty.name,
          inputMode: "decimal",
          value: qty,
          className: `${compact} text-right tabular-nums`,
          onChange: (e) => {
            setQty(e.target.value);
            // Changing the quantity is what IQ records: choose it for the reviewer.
            if (code === "IA" && Number(e.target.value) !== line.qty) setCode("IQ");
          },
        }}
      />
      <Field
        label={t("approvals.review.arrivalDate")}
        errors={fieldset.arrival.errors}
        inputProps={{
          id: id("arrivalDate"),
          name: fieldset.arrival.name,
          type: "date",
          value: arrival,
          className: compact,
          onChange: (e) => {
            setArrival(e.target.value);
            if (code === "IA" && e.target.value !== line.arrivalDate) setCode("DR");
          },
        }}
      />
      <Field
        label={t("approvals.review.reason")}
        errors={fieldset.reason.errors}
        hint={t("approvals.review.reasonHint")}
        inputProps={{
          id: id("reason"),
          name: fieldset.reason.name,
          defaultValue: given(fieldset.reason.initialValue, start.reason),
          maxLength: 500,
          className: compact,
        }}
      />
    </fieldset>
  );
}
