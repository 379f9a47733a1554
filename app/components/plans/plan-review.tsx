import { type FieldMetadata, getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { LineReview as ReviewFacts, PlanReview as PlanReviewFacts } from "~/services/plans/plan-page.server";
import { decodeMessage } from "~/utils/app-error";
import { formatDay, formatMoney, formatQuantity } from "~/utils/format";
import { DecisionFields, fieldId, initialDecision, PARTS, type DecisionValues, type ReviewLine } from "./plan-decision-fields";
import type { PlanActionReply } from "./plan-form-reply";
import { LineProjection } from "./plan-line-projection";
import { ReviewFilters, ReviewPager, SelectionForm, SelectLine } from "./plan-review-paging";
import type { ReviewPaging } from "~/services/plans/plan-page.server";
import { expandProjection } from "./projection-series";

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
  paging,
  selectionResult,
}: {
  lines: (ReviewLine & { position?: number })[];
  facts: ReviewFacts[];
  currency: string;
  holdingRate: number;
  totals: PlanReviewFacts["totals"];
  canDecide: boolean;
  lockVersion: number;
  /** The review form's refused reply, if it was the one submitted. */
  lastResult: PlanActionReply | undefined;
  /** Which lines of the plan `lines` are: a page, maybe of one problem only. */
  paging: ReviewPaging;
  /** The selection form's refused reply, if it was the one submitted. */
  selectionResult: PlanActionReply | undefined;
}) {
  // A page of the lines cannot send the step's decision on every line: its lines are decided by
  // selection, and the step finished with "approve all" (which keeps what was recorded).
  const lineByLine = canDecide && !paging.partial;
  const selecting = canDecide && paging.partial;
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const pending = useIsPending();
  const [form, fields] = useForm<{ lines: DecisionValues[] }>({
    id: "plan-review",
    lastResult,
    // By each line's place in the plan, so that a page's fields are named as the plan's lines are.
    defaultValue: { lines: byPosition(lines) },
    shouldRevalidate: "onSubmit",
  });
  const lineFields = fields.lines.getFieldList();
  const byLine = new Map(facts.map((f) => [f.lineNo, expandProjection(f)]));
  const rate = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(holdingRate);
  const message = (text: string) => {
    const m = decodeMessage(text);
    return t(m.key, m.params);
  };
  // Every line's errors, each linked to its field.
  const summary = canDecide
    ? lines.flatMap((line, i) => {
        const fieldset = lineFields[positionOf(line, i)]?.getFieldset();
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
      {lineByLine ? <p className="mt-1 text-sm text-slate-600">{t("approvals.review.intro")}</p> : null}
      {selecting ? (
        <p className="mt-1 text-sm text-slate-600">
          {t("approvals.review.selection.pagedNote")}{" "}
          <span data-testid="decided-count">
            {t("approvals.review.selection.decidedCount", { count: paging.decided, total: paging.total })}
          </span>
        </p>
      ) : null}
      <div className="mt-3 space-y-2">
        <ReviewFilters paging={paging} />
        <ReviewPager paging={paging} />
      </div>
      {selecting ? (
        <div className="mt-3">
          <SelectionForm
            key={lockVersion}
            lockVersion={lockVersion}
            lineNos={lines.map((l) => l.lineNo)}
            lastResult={selectionResult}
          />
        </div>
      ) : null}
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
            decision={canDecide ? lineFields[positionOf(line, i)] : undefined}
            selectable={selecting}
          />
        ))}
      </ol>
      {paging.pages > 1 ? (
        <div className="mt-3">
          <ReviewPager paging={paging} />
        </div>
      ) : null}
    </>
  );
  if (!canDecide) return <div>{body}</div>;
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      {body}
      <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
        {lineByLine ? (
          <Button type="submit" name="intent" value="decide" size="md" pending={pending}>
            {t("approvals.review.submitStep")}
          </Button>
        ) : (
          <Button type="submit" name="intent" value="record-page" size="md" pending={pending}>
            {t("approvals.review.selection.recordPage")}
          </Button>
        )}
        <Button type="submit" name="intent" value="approve-all" variant="secondary" size="md" pending={pending}>
          {paging.decided === 0
            ? t("approvals.review.approveAll")
            : paging.decided < paging.total && selecting
              ? t("approvals.review.selection.finish")
              : t("approvals.review.approveDecided")}
        </Button>
      </div>
    </Form>
  );
}

/** A line's place in the plan (the loader sends it for a page of the lines), else its place on the page. */
const positionOf = (line: ReviewLine & { position?: number }, index: number) => line.position ?? index;

/** The form's starting decisions, each at its line's place in the plan. */
function byPosition(lines: readonly (ReviewLine & { position?: number })[]): DecisionValues[] {
  const values: DecisionValues[] = [];
  lines.forEach((line, i) => {
    values[positionOf(line, i)] = initialDecision(line);
  });
  return values;
}

function LineReview({
  line,
  facts,
  currency,
  decision,
  selectable,
}: {
  line: ReviewLine;
  facts: ReviewFacts | null;
  currency: string;
  /** The line's decision fields, for the role whose step it is. */
  decision: FieldMetadata<DecisionValues> | undefined;
  /** Whether the line has a checkbox of the selection form. */
  selectable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const q = (v: number | null | undefined) => formatQuantity(locale, v);
  const a = facts?.agreement ?? null;

  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid={`review-line-${line.lineNo}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">
          {selectable ? <SelectLine line={line.lineNo} /> : null}
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
      {facts ? <ProjectionBadges facts={facts} min={a?.min ?? 0} max={a?.max ?? 0} /> : null}
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
 * What the line's projection says, each badge read off the same numbers the projection's summary
 * and table show (stock with the line and the rest of the plan).
 */
function ProjectionBadges({ facts, min, max }: { facts: ReviewFacts; min: number; max: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const day = (d: string) => formatDay(locale, d);
  const q = (v: number) => formatQuantity(locale, v);
  if (facts.projection.length === 0) return null;
  return (
    <p className="mt-1 flex flex-wrap gap-2 text-xs" data-testid={`badges-${facts.lineNo}`}>
      {facts.stockoutDate ? (
        <span className="badge bg-red-100 text-red-800">{t("plans.projection.stockout", { date: day(facts.stockoutDate) })}</span>
      ) : facts.belowMinDate ? (
        <span className="badge bg-amber-100 text-amber-900">
          {t("plans.projection.belowMin", { date: day(facts.belowMinDate), min: q(min), lowest: q(facts.lowest) })}
        </span>
      ) : null}
      {facts.aboveMaxDate ? (
        <span className="badge bg-amber-100 text-amber-900">
          {t("plans.projection.aboveMax", { date: day(facts.aboveMaxDate), max: q(max), highest: q(facts.highest) })}
        </span>
      ) : facts.otherAboveMaxDate ? (
        <span className="badge bg-slate-100 text-slate-800">
          {t("plans.projection.otherAboveMax", { date: day(facts.otherAboveMaxDate), max: q(max), highest: q(facts.highest) })}
        </span>
      ) : null}
      {facts.inBand ? (
        <span className="badge bg-emerald-100 text-emerald-900">
          {t("plans.projection.inBand", { days: facts.projection.length, lowest: q(facts.lowest), highest: q(facts.highest) })}
        </span>
      ) : null}
    </p>
  );
}
