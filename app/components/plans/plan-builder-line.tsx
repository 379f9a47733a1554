import { BUILDER_VIEW_CONTROLS } from "./plan-builder-filters";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { PlanningAgreement, Urgency } from "~/core";
import { Field, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import type { BuilderLineValues } from "~/services/plans/builder-lines";
import { formatDay, formatQuantity } from "~/utils/format";
import { type BuilderLineField, labelKeyOf, lineFieldName, messageOfError, useBuilderMessages } from "./plan-builder-messages";
import type { LineChecks } from "./use-builder-checks";

/** A line as the builder edits it: text fields exactly as typed (the builder services' lines). */
export type BuilderLine = BuilderLineValues;

/** A line in the builder's state: its values, whether it is in the plan, and whether it was added here. */
export interface KeyedLine extends BuilderLine {
  key: number;
  /** Edited since the page was shown: what the server said about it no longer applies. */
  touched: boolean;
  included: boolean;
  /** Added in the builder: its item can be chosen, and it can be discarded. */
  added: boolean;
}

const compact =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40 aria-[invalid]:border-red-500";

const URGENCY_CLASS: Record<Urgency, string> = {
  act_now: "bg-red-100 text-red-800",
  plan_needed: "bg-amber-100 text-amber-900",
  covered: "bg-sky-100 text-sky-900",
  ok: "bg-slate-100 text-slate-700",
};

export const agreementLabel = (a: PlanningAgreement) => `${a.sku} · ${a.siteCode} — ${a.itemName}`;

/**
 * One line of the builder: whether it is in the plan, its item with the terms, quantity, dates
 * and reason, each with its messages, and what the line does to projected stock. A line left out
 * of the plan shows what was proposed and posts nothing. Rendered again only when its own values,
 * checks or number change.
 */
export const PlanBuilderLine = memo(function PlanBuilderLine({
  index,
  line,
  agreements,
  agreement,
  urgency,
  checks,
  serverErrors,
  onChange,
  onToggle,
  onDiscard,
}: {
  /** Its position among the lines posted (0-based); null when it is not in the plan. */
  index: number | null;
  line: KeyedLine;
  /** What an added line may choose from. */
  agreements: readonly PlanningAgreement[];
  agreement: PlanningAgreement | undefined;
  urgency: Urgency | undefined;
  checks: LineChecks | undefined;
  /** What the server said about the posted line, until it is edited (formatted, encoded). */
  serverErrors: Partial<Record<BuilderLineField, string[]>> | undefined;
  onChange: (key: number, patch: Partial<BuilderLine>) => void;
  onToggle: (key: number) => void;
  onDiscard: (key: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const messages = useBuilderMessages();
  const locale = i18n.language;
  const included = index !== null;
  const errors: Partial<Record<BuilderLineField, string[]>> = {};
  const seen = new Set<string>();
  const addError = (field: BuilderLineField, encoded: string) => {
    if (seen.has(`${field}|${encoded}`)) return;
    seen.add(`${field}|${encoded}`);
    (errors[field] ??= []).push(encoded);
  };
  if (included) {
    for (const [field, list] of Object.entries(serverErrors ?? {})) for (const m of list) addError(field as BuilderLineField, m);
    for (const e of checks?.errors ?? []) addError(e.field, messages.format(messageOfError(e)));
  }
  const props = (field: BuilderLineField) => {
    const name = included ? lineFieldName(index, field) : undefined;
    return { id: name ?? `line-${line.key}-${field}`, name, className: compact, disabled: !included };
  };
  const effect = checks?.effect;
  const change = (patch: Partial<BuilderLine>) => onChange(line.key, patch);
  const options = agreements.map((a) => ({ value: a.agreementId, label: agreementLabel(a) }));
  if (!agreement) options.unshift({ value: line.agreementId, label: t("plans.builder.chooseAgreement") });
  else if (!agreements.includes(agreement)) options.unshift({ value: agreement.agreementId, label: agreementLabel(agreement) });
  const terms = agreement
    ? t("plans.builder.terms", {
        min: formatQuantity(locale, agreement.min),
        max: formatQuantity(locale, agreement.max),
        moq: formatQuantity(locale, agreement.moq),
        pack: formatQuantity(locale, agreement.packSize),
        lead: formatQuantity(locale, agreement.leadTimeDays),
      })
    : null;

  return (
    <li
      className={`rounded-lg border p-3 ${included ? "border-slate-200 bg-white" : "border-dashed border-slate-300 bg-slate-50"}`}
      data-testid="plan-line"
      data-line={included ? index + 1 : undefined}
      data-included={included}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm font-semibold">
          <input
            type="checkbox"
            form={BUILDER_VIEW_CONTROLS}
            className="h-4 w-4"
            checked={included}
            onChange={() => onToggle(line.key)}
            aria-label={t("plans.builder.include")}
          />
          {included ? t("plans.builder.line", { line: index + 1 }) : t("plans.builder.excluded")}
        </label>
        <div className="flex items-center gap-2 text-xs">
          {urgency ? (
            <span className={`rounded px-1.5 py-0.5 font-medium ${URGENCY_CLASS[urgency]}`}>
              {t(`inventory.urgencies.${urgency}`)}
            </span>
          ) : null}
          {agreement?.metrics?.abc ? <span className="text-slate-500">{agreement.metrics.abc}</span> : null}
          {line.added ? (
            <Button variant="secondary" size="sm" onClick={() => onDiscard(line.key)}>
              {t("plans.builder.discard")}
            </Button>
          ) : null}
        </div>
      </div>
      <div className="mt-2 grid gap-3 sm:grid-cols-12">
        {line.added || !agreement ? (
          <SelectField
            className="sm:col-span-4"
            label={t(labelKeyOf("agreementId"))}
            selectProps={{
              ...props("agreementId"),
              value: line.agreementId,
              onChange: (e) => change({ agreementId: e.target.value, proposedQty: null, exceedsMaxCause: null }),
            }}
            options={options}
            errors={errors.agreementId}
            hint={terms}
          />
        ) : (
          <div className="sm:col-span-4">
            <p className="text-sm font-medium text-slate-700">{t(labelKeyOf("agreementId"))}</p>
            <p className="mt-1 text-sm" data-testid="line-agreement" data-agreement-id={agreement.agreementId}>
              {agreementLabel(agreement)}
            </p>
            {errors.agreementId ? (
              <p className="text-sm text-red-600">{errors.agreementId.map(messages.text).join(" ")}</p>
            ) : null}
            <p className="mt-1 text-xs text-slate-500">{terms}</p>
            {included ? <input type="hidden" name={lineFieldName(index, "agreementId")} value={line.agreementId} /> : null}
          </div>
        )}
        <Field
          className="sm:col-span-2"
          label={t(labelKeyOf("qty"))}
          inputProps={{
            ...props("qty"),
            className: `${compact} text-right tabular-nums`,
            inputMode: "decimal",
            value: line.qty,
            onChange: (e) => change({ qty: e.target.value }),
          }}
          errors={errors.qty}
          hint={
            line.proposedQty !== null ? t("plans.builder.proposedQty", { qty: formatQuantity(locale, line.proposedQty) }) : null
          }
        />
        {(["shipDate", "arrivalDate"] as const).map((field) => (
          <Field
            key={field}
            className="sm:col-span-2"
            label={t(labelKeyOf(field))}
            inputProps={{
              ...props(field),
              type: "date",
              value: line[field],
              onChange: (e) => change({ [field]: e.target.value }),
            }}
            errors={errors[field]}
          />
        ))}
        <div className="sm:col-span-2" aria-live="polite" data-testid="line-effect">
          <p className="text-sm font-medium text-slate-700">{t("agreement.projected")}</p>
          {effect && included ? (
            <p className="mt-1 text-sm tabular-nums" title={t("plans.builder.effectCounts")}>
              {t("plans.builder.effect", {
                before: formatQuantity(locale, effect.onHandBefore, 0),
                after: formatQuantity(locale, effect.onHandAfter, 0),
              })}
            </p>
          ) : (
            <p className="mt-1 text-xs text-slate-500">{t("plans.builder.effectNone")}</p>
          )}
          {effect?.pushesAboveMax && included ? (
            <p className="text-xs font-medium text-sky-800">
              {t("plans.builder.aboveMax", { date: formatDay(locale, effect.aboveMaxDate ?? effect.arrivalDate) })}
            </p>
          ) : null}
          {checks?.stockoutDate && included ? (
            <p className="text-xs font-medium text-red-700">
              {t("plans.builder.stockoutAfter", { date: formatDay(locale, checks.stockoutDate) })}
            </p>
          ) : null}
        </div>
        <Field
          className="sm:col-span-12"
          label={t(labelKeyOf("reason"))}
          inputProps={{
            ...props("reason"),
            value: line.reason,
            placeholder: t("plans.builder.reasonPlaceholder"),
            onChange: (e) => change({ reason: e.target.value }),
          }}
          errors={errors.reason}
          hint={
            line.exceedsMaxCause
              ? t("plans.builder.exceedsMax", { cause: t(`plans.builder.causes.${line.exceedsMaxCause}`) })
              : null
          }
        />
        {included && line.proposedQty !== null ? (
          <input type="hidden" name={`lines[${index}].proposedQty`} value={line.proposedQty} />
        ) : null}
      </div>
    </li>
  );
});

/** A line in the plan that is not on screen: posted all the same, as hidden fields. */
export const HiddenPlanLine = memo(function HiddenPlanLine({ index, line }: { index: number; line: BuilderLine }) {
  return (
    <>
      {(["agreementId", "qty", "shipDate", "arrivalDate", "reason"] as const).map((field) => (
        <input key={field} type="hidden" name={lineFieldName(index, field)} value={line[field]} />
      ))}
      {line.proposedQty !== null ? <input type="hidden" name={`lines[${index}].proposedQty`} value={line.proposedQty} /> : null}
    </>
  );
});
