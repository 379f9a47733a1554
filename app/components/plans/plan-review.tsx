import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable } from "~/components/charts/chart-figure";
import { formatDay, formatMoney, formatQuantity } from "~/utils/format";

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

export interface DecisionError {
  line: number;
  field: "decision" | "qty" | "arrivalDate" | "reason";
  code: string;
  params?: Record<string, string | number>;
}

type Code = "IA" | "IQ" | "DR" | "IR";
const CODES: Code[] = ["IA", "IQ", "DR", "IR"];

const fieldId = (line: number, field: string) => `decision-${line}-${field}`;

const button =
  "rounded-md px-3 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60";

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
  errors,
  busy,
}: {
  lines: ReviewLine[];
  facts: ReviewFacts[];
  currency: string;
  holdingRate: number;
  totals: { value: number; holdingCost: number };
  canDecide: boolean;
  lockVersion: number;
  errors: DecisionError[];
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const byLine = new Map(facts.map((f) => [f.lineNo, f]));
  const rate = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(holdingRate);
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
      {errors.length > 0 ? (
        <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{t("approvals.review.errorSummary", { count: errors.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map((e) => (
              <li key={`${e.line}-${e.field}`}>
                <a href={`#${fieldId(e.line, e.field)}`} className="underline">
                  {t("approvals.review.lineField", {
                    line: e.line,
                    field: t(`approvals.review.fields.${e.field}`),
                    message: t(`approvals.review.errors.${e.code}`, { ...e.params, defaultValue: e.code }),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="mt-4 space-y-4" data-testid="review-lines">
        {lines.map((line) => (
          <LineReview
            key={line.id}
            line={line}
            facts={byLine.get(line.lineNo) ?? null}
            currency={currency}
            canDecide={canDecide}
            errors={errors.filter((e) => e.line === line.lineNo)}
          />
        ))}
      </ol>
    </>
  );
  if (!canDecide) return <div>{body}</div>;
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      {body}
      <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
        <button
          type="submit"
          name="intent"
          value="decide"
          disabled={busy}
          className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}
        >
          {t("approvals.review.submitStep")}
        </button>
        <button
          type="submit"
          name="intent"
          value="approve-all"
          disabled={busy}
          className={`${button} border border-emerald-400 bg-emerald-50 text-emerald-900 hover:bg-emerald-100`}
        >
          {lines.some((l) => l.decisionCode) ? t("approvals.review.approveDecided") : t("approvals.review.approveAll")}
        </button>
      </div>
    </Form>
  );
}

function LineReview({
  line,
  facts,
  currency,
  canDecide,
  errors,
}: {
  line: ReviewLine;
  facts: ReviewFacts | null;
  currency: string;
  canDecide: boolean;
  errors: DecisionError[];
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const q = (v: number | null | undefined) => formatQuantity(locale, v);
  // A later step starts from the earlier step's decision; the first from the line as submitted.
  const initial: Code = (CODES as string[]).includes(line.decisionCode ?? "") ? (line.decisionCode as Code) : "IA";
  const [code, setCode] = useState<Code>(initial);
  const [qty, setQty] = useState(String(line.decisionCode === "IQ" && line.approvedQty !== null ? line.approvedQty : line.qty));
  const [arrival, setArrival] = useState(
    line.decisionCode === "DR" && line.approvedArrivalDate ? line.approvedArrivalDate : line.arrivalDate,
  );
  // Keep the inputs in step with the loader after a revalidation (another decision, a reload).
  useEffect(() => setCode(initial), [initial]);
  const fieldErrors = (field: DecisionError["field"]) => errors.filter((e) => e.field === field);
  const errorText = (field: DecisionError["field"]) =>
    fieldErrors(field)
      .map((e) => t(`approvals.review.errors.${e.code}`, { ...e.params, defaultValue: e.code }))
      .join(" ");
  const a = facts?.agreement ?? null;
  const describedBy = (field: DecisionError["field"], hint = false) => {
    const id = fieldId(line.lineNo, field);
    if (fieldErrors(field).length) return `${id}-error`;
    return hint ? `${id}-hint` : undefined;
  };

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

      {canDecide ? (
        <fieldset className="mt-2 grid gap-2 sm:grid-cols-4">
          <legend className="sr-only">{t("approvals.review.decision", { line: line.lineNo })}</legend>
          <Field
            id={fieldId(line.lineNo, "decision")}
            label={t("approvals.review.decision", { line: line.lineNo })}
            error={errorText("decision")}
          >
            <select
              id={fieldId(line.lineNo, "decision")}
              name={`code:${line.lineNo}`}
              value={code}
              aria-invalid={fieldErrors("decision").length > 0 || undefined}
              aria-describedby={describedBy("decision")}
              onChange={(e) => {
                const next = e.target.value as Code;
                setCode(next);
                // Each code changes one thing at most: put back what the new code keeps as submitted.
                if (next !== "IQ") setQty(String(line.qty));
                if (next !== "DR") setArrival(line.arrivalDate);
              }}
              className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              {CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`approvals.review.codes.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fieldId(line.lineNo, "qty")} label={t("approvals.review.qty")} error={errorText("qty")}>
            <input
              id={fieldId(line.lineNo, "qty")}
              name={`qty:${line.lineNo}`}
              inputMode="decimal"
              value={qty}
              aria-invalid={fieldErrors("qty").length > 0 || undefined}
              aria-describedby={describedBy("qty")}
              onChange={(e) => {
                setQty(e.target.value);
                // Changing the quantity is what IQ records: choose it for the reviewer.
                if (code === "IA" && Number(e.target.value) !== line.qty) setCode("IQ");
              }}
              className="w-full rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums"
            />
          </Field>
          <Field
            id={fieldId(line.lineNo, "arrivalDate")}
            label={t("approvals.review.arrivalDate")}
            error={errorText("arrivalDate")}
          >
            <input
              id={fieldId(line.lineNo, "arrivalDate")}
              name={`arrival:${line.lineNo}`}
              type="date"
              value={arrival}
              aria-invalid={fieldErrors("arrivalDate").length > 0 || undefined}
              aria-describedby={describedBy("arrivalDate")}
              onChange={(e) => {
                setArrival(e.target.value);
                if (code === "IA" && e.target.value !== line.arrivalDate) setCode("DR");
              }}
              className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          </Field>
          <Field
            id={fieldId(line.lineNo, "reason")}
            label={t("approvals.review.reason")}
            error={errorText("reason")}
            hint={t("approvals.review.reasonHint")}
          >
            <input
              id={fieldId(line.lineNo, "reason")}
              name={`reason:${line.lineNo}`}
              defaultValue={line.decisionReason ?? ""}
              maxLength={500}
              aria-invalid={fieldErrors("reason").length > 0 || undefined}
              aria-describedby={describedBy("reason", true)}
              className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          </Field>
        </fieldset>
      ) : null}

      {facts && facts.projection.length > 0 && a ? (
        <LineProjection line={line.lineNo} facts={facts} min={a.min} max={a.max} />
      ) : null}
    </li>
  );
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p className="mt-0.5 text-xs text-slate-500" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="mt-0.5 text-xs text-red-700" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
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
