import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ParsedPeriod, PeriodQuery } from "~/services/compliance/pages.server";

/** What is wrong with the period the page's URL gave, by field (an i18n key and its values). */
export type PeriodErrors = ParsedPeriod["errors"];

/**
 * The period of a compliance page: a GET form, so the period lives in the URL (shareable, and
 * kept when moving between the compliance pages). The dates count when "Custom dates" is chosen.
 */
export function PeriodPicker({
  query,
  errors,
  hidden = {},
}: {
  query: PeriodQuery;
  errors: PeriodErrors;
  /** Other parameters of the page to keep (e.g. the sort of a table). */
  hidden?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const errorOf = (field: "weeks" | "from" | "to") => {
    const error = errors[field];
    return error ? t(error.key, error.values) : null;
  };
  const field = (name: "from" | "to") => {
    const error = errorOf(name);
    return (
      <div>
        <label htmlFor={`period-${name}`} className="block text-xs font-medium text-slate-700">
          {t(`compliance.period.${name}`)}
        </label>
        <input
          id={`period-${name}`}
          name={name}
          type="date"
          defaultValue={query[name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `period-${name}-error` : "period-hint"}
          className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        {error ? (
          <p id={`period-${name}-error`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  const weeksError = errorOf("weeks");
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("compliance.period.legend")}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor="period-weeks" className="block text-xs font-medium text-slate-700">
          {t("compliance.period.preset")}
        </label>
        <select
          id="period-weeks"
          name="weeks"
          defaultValue={query.weeks}
          aria-invalid={weeksError ? true : undefined}
          aria-describedby={weeksError ? "period-weeks-error" : undefined}
          className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          <option value="4">{t("compliance.period.weeks4")}</option>
          <option value="13">{t("compliance.period.weeks13")}</option>
          <option value="52">{t("compliance.period.weeks52")}</option>
          <option value="custom">{t("compliance.period.custom")}</option>
        </select>
        {weeksError ? (
          <p id="period-weeks-error" className="mt-1 text-xs text-red-700">
            {weeksError}
          </p>
        ) : null}
      </div>
      {field("from")}
      {field("to")}
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        {t("compliance.period.apply")}
      </button>
      <p id="period-hint" className="w-full text-xs text-slate-500">
        {t("compliance.period.wholeWeeks")}
      </p>
    </Form>
  );
}
