import { type FieldMetadata, getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable } from "~/components/charts/chart-figure";
import { Field, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { decodeMessage } from "~/utils/app-error";
import { formatDay, formatMoney, formatQuantity } from "~/utils/format";
import type { PlanActionReply } from "./plan-form-reply";

/** A line of the plan as the review shows it (the plan page's loader data). */
export interface ReviewLine {
  id: string;
  lineNo: number;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  siteName: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  proposedQty: number | null;
  reason: string | null;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  decisionCode: string | null;
  decisionReason: string | null;
}

/** What the review service computed for a line (app/services/plans/review.server.ts). */
export interface ReviewFacts {
  lineNo: number;
  agreement: {
    min: number;
    max: number;
    onHand: number;
    forecastDaily: number;
    leadTimeDays: number;
    packSize: number;
    cell: string | null;
    recommendedMin: number | null;
    recommendedMax: number | null;
  } | null;
  projection: { date: string; without: number; withLine: number }[];
  asDecided: boolean;
  value: number;
  holdingCost: number;
  daysHeld: number;
  aboveMaxDate: string | null;
  stockoutDate: string | null;
}

type Code = "IA" | "IQ" | "DR" | "IR";
const CODES: Code[] = ["IA", "IQ", "DR", "IR"];

/** A line's decision as the review form holds it (`lines[0].code`…). */
interface DecisionValues {
  code: string;
  qty: string;
  arrival: string;
  reason: string;
}

/** The review form's fields, by the name the errors call them (approvals.review.fields.*). */
const PARTS = [
  ["decision", "code"],
  ["qty", "qty"],
  ["arrivalDate", "arrival"],
  ["reason", "reason"],
] as const;

const fieldId = (line: number, part: string) => `decision-${line}-${part}`;

/** What the form starts from: a later step from the earlier step's decision, the first from the line as submitted. */
function initialDecision(line: ReviewLine): DecisionValues {
  const code = (CODES as string[]).includes(line.decisionCode ?? "") ? (line.decisionCode as Code) : "IA";
  return {
    code,
    qty: String(line.decisionCode === "IQ" && line.approvedQty !== null ? line.approvedQty : line.qty),
    arrival: line.decisionCode === "DR" && line.approvedArrivalDate ? line.approvedArrivalDate : line.arrivalDate,
    reason: line.decisionReason ?? "",
  };
}

/**
 * The review of a plan for the role whose step it is: every line with its agreement's facts, what
 * it does to projected stock (with a chart and its table), its value and holding-cost impact, and
 * the decision controls (EDI 855 codes). Without the decide permission it shows the facts only.
 */
export function PlanReview({
  lines,
  facts,
  currency,
  holdingRate,
  totals,
  canDecide,
  lockVersion,
  lastResult,
}: {
  lines: ReviewLine[];
  facts: ReviewFacts[];
  currency: string;
  holdingRate: number;
  totals: { value: number; holdingCost: number };
  canDecide: boolean;
  lockVersion: number;
  /** The review form's refused reply, if it was the one submitted. */
  lastResult: PlanActionReply | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const pending = useIsPending();
  const [form, fields] = useForm<{ lines: DecisionValues[] }>({
    id: "plan-review",
    lastResult,
    defaultValue: { lines: lines.map(initialDecision) },
    shouldRevalidate: "onSubmit",
  });
  const lineFields = fields.lines.getFieldList();
  const byLine = new Map(facts.map((f) => [f.lineNo, f]));
  const rate = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(holdingRate);
  const message = (text: string) => {
    const m = decodeMessage(text);
    return t(m.key, m.params);
  };
  // Every line's errors, each linked to its field.
  const summary = canDecide
    ? lines.flatMap((line, i) => {
        const fieldset = lineFields[i]?.getFieldset();
        if (!fieldset) return [];
        return PARTS.flatMap(([part, name]) =>
          (fieldset[name].errors ?? []).map((text) => ({ line: line.lineNo, part, text: message(text) })),
        );
      })
    : [];
  const body = (
    <>
      <p className="text-sm text-slate-700" data-testid="review-totals">
        {t("approvals.review.totals", {
          value: formatMoney(locale, currency, totals.value),
          cost: formatMoney(locale, currency, totals.holdingCost),
          rate,
        })}
      </p>
      {canDecide ? <p className="mt-1 text-sm text-slate-600">{t("approvals.review.intro")}</p> : null}
      {summary.length > 0 ? (
        <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{t("approvals.review.errorSummary", { count: summary.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {summary.map((e, i) => (
              <li key={`${e.line}-${e.part}-${i}`}>
                <a href={`#${fieldId(e.line, e.part)}`} className="underline">
                  {t("approvals.review.lineField", {
                    line: e.line,
                    field: t(`approvals.review.fields.${e.part}`),
                    message: e.text,
                  })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="mt-4 space-y-4" data-testid="review-lines">
        {lines.map((line, i) => (
          <LineReview
            key={line.id}
            line={line}
            facts={byLine.get(line.lineNo) ?? null}
            currency={currency}
            decision={canDecide ? lineFields[i] : undefined}
          />
        ))}
      </ol>
    </>
  );
  if (!canDecide) return <div>{body}</div>;
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      {body}
      <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" name="intent" value="decide" size="md" pending={pending}>
          {t("approvals.review.submitStep")}
        </Button>
        <Button type="submit" name="intent" value="approve-all" variant="secondary" size="md" pending={pending}>
          {lines.some((l) => l.decisionCode) ? t("approvals.review.approveDecided") : t("approvals.review.approveAll")}
        </Button>
      </div>
    </Form>
  );
}

function LineReview({
  line,
  facts,
  currency,
  decision,
}: {
  line: ReviewLine;
  facts: ReviewFacts | null;
  currency: string;
  /** The line's decision fields, for the role whose step it is. */
  decision: FieldMetadata<DecisionValues> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const q = (v: number | null | undefined) => formatQuantity(locale, v);
  const a = facts?.agreement ?? null;

  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid={`review-line-${line.lineNo}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">
          {t("plans.builder.line", { line: line.lineNo })} · <span className="font-mono text-xs">{line.sku}</span> {line.itemName}{" "}
          · <span title={line.siteName}>{line.siteCode}</span>
        </h3>
        {facts ? (
          <p className="text-sm text-slate-700">
            {t("approvals.review.value", { value: formatMoney(locale, currency, facts.value) })} ·{" "}
            <span data-testid={`holding-${line.lineNo}`}>
              {t("approvals.review.holding", { cost: formatMoney(locale, currency, facts.holdingCost), days: q(facts.daysHeld) })}
            </span>
          </p>
        ) : null}
      </div>
      <p className="mt-1 text-sm">
        {q(line.qty)} {line.uom} · {formatDay(locale, line.shipDate)} → {formatDay(locale, line.arrivalDate)}
        {line.proposedQty !== null ? ` · ${t("plans.builder.proposedQty", { qty: q(line.proposedQty) })}` : ""}
        {line.reason ? <span className="text-slate-600"> · “{line.reason}”</span> : null}
      </p>
      {a ? (
        <p className="mt-1 text-xs text-slate-600">
          {t("approvals.review.facts", {
            onHand: q(a.onHand),
            min: q(a.min),
            max: q(a.max),
            forecast: q(a.forecastDaily),
            lead: q(a.leadTimeDays),
            pack: q(a.packSize),
          })}
          {a.cell ? ` · ${t("approvals.review.cell", { cell: a.cell })}` : ""}
          {a.recommendedMin !== null && a.recommendedMax !== null
            ? ` · ${t("approvals.review.recommended", { min: q(a.recommendedMin), max: q(a.recommendedMax) })}`
            : ""}
        </p>
      ) : null}
      {facts ? (
        <p className="mt-1 flex flex-wrap gap-2 text-xs">
          {facts.aboveMaxDate ? (
            <span className="badge bg-amber-100 text-amber-900">
              {t("approvals.review.aboveMax", { date: formatDay(locale, facts.aboveMaxDate) })}
            </span>
          ) : null}
          {facts.stockoutDate ? (
            <span className="badge bg-red-100 text-red-800">
              {t("approvals.review.stockout", { date: formatDay(locale, facts.stockoutDate) })}
            </span>
          ) : null}
          {!facts.aboveMaxDate && !facts.stockoutDate ? (
            <span className="badge bg-emerald-100 text-emerald-900">{t("approvals.review.inBand")}</span>
          ) : null}
        </p>
      ) : null}
      {facts?.asDecided ? (
        <p className="mt-1 text-xs text-slate-600">
          {t("approvals.review.asDecided", {
            qty: q(line.approvedQty ?? line.qty),
            date: formatDay(locale, line.approvedArrivalDate ?? line.arrivalDate),
          })}
        </p>
      ) : null}
      {line.decisionCode ? (
        <p className="mt-1 text-xs text-slate-600">
          {t("approvals.review.buyerDecided", {
            code: t(`approvals.review.codes.${line.decisionCode}`, { defaultValue: line.decisionCode }),
          })}
          {line.decisionReason ? ` · “${line.decisionReason}”` : ""}
        </p>
      ) : null}

      {decision ? <DecisionFields line={line} field={decision} /> : null}

      {facts && facts.projection.length > 0 && a ? (
        <LineProjection line={line.lineNo} facts={facts} min={a.min} max={a.max} />
      ) : null}
    </li>
  );
}

/**
 * A line's decision: its code (EDI 855), and the quantity, arrival and reason it changes. Each code
 * changes one thing at most, and changing the quantity or the arrival chooses the code that
 * records it.
 */
function DecisionFields({ line, field }: { line: ReviewLine; field: FieldMetadata<DecisionValues> }) {
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

/** The line's projection with and without it, as a small chart and its table (the text alternative). */
function LineProjection({ line, facts, min, max }: { line: number; facts: ReviewFacts; min: number; max: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const q = (v: number) => formatQuantity(locale, v);
  const withs = facts.projection.map((p) => p.withLine);
  const withouts = facts.projection.map((p) => p.without);
  const summary = t("approvals.review.projectionSummary", {
    days: facts.projection.length,
    lowWith: q(Math.min(...withs)),
    lowWithout: q(Math.min(...withouts)),
    highWith: q(Math.max(...withs)),
    highWithout: q(Math.max(...withouts)),
    min: q(min),
    max: q(max),
  });
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-indigo-700 hover:underline">{t("approvals.review.showProjection")}</summary>
      <figure className="mt-2" aria-labelledby={`projection-${line}-title`}>
        <figcaption>
          <p id={`projection-${line}-title`} className="text-xs font-semibold">
            {t("approvals.review.projection", { line })}
          </p>
          <p className="text-xs text-slate-600">{summary}</p>
        </figcaption>
        <div aria-hidden="true" className="mt-2 h-44">
          {mounted ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={facts.projection} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis
                  dataKey="date"
                  tick={{ fontSize: 10 }}
                  tickFormatter={(d: string) => formatDay(locale, d)}
                  minTickGap={24}
                />
                <YAxis tick={{ fontSize: 10 }} width={48} />
                <Tooltip labelFormatter={(d) => formatDay(locale, String(d))} />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <ReferenceLine y={min} stroke="#f59e0b" strokeDasharray="4 2" />
                <ReferenceLine y={max} stroke="#f59e0b" strokeDasharray="4 2" />
                <Line
                  type="stepAfter"
                  dataKey="without"
                  name={t("approvals.review.withoutLine")}
                  stroke="#94a3b8"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="stepAfter"
                  dataKey="withLine"
                  name={t("approvals.review.withLine")}
                  stroke="#4f46e5"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          ) : null}
        </div>
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer text-indigo-700 hover:underline">{t("agreement.showTable")}</summary>
          <div className="mt-1 max-h-60 overflow-y-auto">
            <DataTable
              caption={t("approvals.review.projection", { line })}
              columns={[t("approvals.review.date"), t("approvals.review.withoutLine"), t("approvals.review.withLine")]}
              rows={facts.projection.map((p) => [formatDay(locale, p.date), q(p.without), q(p.withLine)])}
            />
          </div>
        </details>
      </figure>
    </details>
  );
}
