import { useTranslation } from "react-i18next";
import type { LineEffect, PlanningAgreement } from "~/core";
import { Field, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import type { BuilderLineValues } from "~/services/plans/builder-lines";
import { formatDay, formatQuantity } from "~/utils/format";
import { type BuilderLineField, labelKeyOf, lineFieldName } from "./plan-builder-messages";

/** A line as the builder edits it: text fields exactly as typed (the builder services' lines). */
export type BuilderLine = BuilderLineValues;

const compact =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40 aria-[invalid]:border-red-500";

/**
 * One line of the builder: its agreement with the terms, quantity, dates and reason, each with
 * its messages (already formatted and encoded), and what the line does to projected stock.
 */
export function PlanBuilderLine({
  index,
  line,
  agreements,
  agreement,
  errors,
  effect,
  stockoutDate,
  onChange,
  onRemove,
}: {
  index: number;
  line: BuilderLine;
  agreements: readonly PlanningAgreement[];
  agreement: PlanningAgreement | undefined;
  errors: Partial<Record<BuilderLineField, string[]>>;
  effect: LineEffect | undefined;
  /** The agreement's stockout left after the plan, shown on its last line. */
  stockoutDate: string | null;
  onChange: (patch: Partial<BuilderLine>) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const n = index + 1;
  const props = (field: BuilderLineField) => {
    const name = lineFieldName(index, field);
    return { id: name, name, className: compact };
  };
  const options = agreements.map((a) => ({ value: a.agreementId, label: `${a.sku} · ${a.siteCode} — ${a.itemName}` }));
  if (!agreement) options.unshift({ value: line.agreementId, label: t("plans.builder.chooseAgreement") });
  else if (!agreements.includes(agreement))
    options.unshift({ value: agreement.agreementId, label: `${agreement.sku} · ${agreement.siteCode} — ${agreement.itemName}` });

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3" data-testid="plan-line" data-line={n}>
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold">{t("plans.builder.line", { line: n })}</h3>
        <Button variant="secondary" size="sm" onClick={onRemove}>
          {t("plans.builder.remove", { line: n })}
        </Button>
      </div>
      <div className="mt-2 grid gap-3 sm:grid-cols-12">
        <SelectField
          className="sm:col-span-4"
          label={t(labelKeyOf("agreementId"))}
          selectProps={{
            ...props("agreementId"),
            value: line.agreementId,
            onChange: (e) => onChange({ agreementId: e.target.value, proposedQty: null, exceedsMaxCause: null }),
          }}
          options={options}
          errors={errors.agreementId}
          hint={
            agreement
              ? t("plans.builder.terms", {
                  min: formatQuantity(locale, agreement.min),
                  max: formatQuantity(locale, agreement.max),
                  moq: formatQuantity(locale, agreement.moq),
                  pack: formatQuantity(locale, agreement.packSize),
                  lead: formatQuantity(locale, agreement.leadTimeDays),
                })
              : null
          }
        />
        <Field
          className="sm:col-span-2"
          label={t(labelKeyOf("qty"))}
          inputProps={{
            ...props("qty"),
            className: `${compact} text-right tabular-nums`,
            inputMode: "decimal",
            value: line.qty,
            onChange: (e) => onChange({ qty: e.target.value }),
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
              onChange: (e) => onChange({ [field]: e.target.value }),
            }}
            errors={errors[field]}
          />
        ))}
        <div className="sm:col-span-2" aria-live="polite" data-testid="line-effect">
          <p className="text-sm font-medium text-slate-700">{t("agreement.projected")}</p>
          {effect ? (
            <p className="mt-1 text-sm tabular-nums" title={t("plans.builder.effectCounts")}>
              {t("plans.builder.effect", {
                before: formatQuantity(locale, effect.onHandBefore, 0),
                after: formatQuantity(locale, effect.onHandAfter, 0),
              })}
            </p>
          ) : (
            <p className="mt-1 text-xs text-slate-500">{t("plans.builder.effectNone")}</p>
          )}
          {effect?.pushesAboveMax ? (
            <p className="text-xs font-medium text-sky-800">
              {t("plans.builder.aboveMax", { date: formatDay(locale, effect.aboveMaxDate ?? effect.arrivalDate) })}
            </p>
          ) : null}
          {stockoutDate ? (
            <p className="text-xs font-medium text-red-700">
              {t("plans.builder.stockoutAfter", { date: formatDay(locale, stockoutDate) })}
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
            onChange: (e) => onChange({ reason: e.target.value }),
          }}
          errors={errors.reason}
          hint={
            line.exceedsMaxCause
              ? t("plans.builder.exceedsMax", { cause: t(`plans.builder.causes.${line.exceedsMaxCause}`) })
              : null
          }
        />
        {line.proposedQty !== null ? <input type="hidden" name={`lines[${index}].proposedQty`} value={line.proposedQty} /> : null}
      </div>
    </li>
  );
}
