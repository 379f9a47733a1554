import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ResolvedPeriods } from "~/core";
import type { PeriodQuery } from "~/services/compliance/pages.server";
import { formatDay } from "~/utils/format";
import { ComplianceTabs } from "./compliance-tabs";
import { type PeriodErrors, PeriodPicker } from "./period-picker";

/** Title, sections (for buyer roles), the period picker and the period's dates, then the page. */
export function ComplianceHeader({
  title,
  subtitle,
  tenant,
  periods,
  query,
  period,
  errors,
  tabs = true,
  hidden,
  actions,
}: {
  title: string;
  subtitle: string;
  tenant: string;
  periods: ResolvedPeriods;
  query: PeriodQuery;
  /** The period's part of a URL (periodSearch), carried to the other sections. */
  period: string;
  errors: PeriodErrors;
  tabs?: boolean;
  hidden?: Record<string, string>;
  actions?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { current, previous } = periods;
  return (
    <header>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{subtitle}</p>
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {tabs ? <ComplianceTabs tenant={tenant} search={period} /> : null}
      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <PeriodPicker query={query} errors={errors} hidden={hidden} />
        <p className="mt-3 text-sm font-medium" data-testid="period-range">
          {t("compliance.period.range", {
            from: formatDay(locale, current.from),
            to: formatDay(locale, current.to),
            count: current.weeks,
            lastDay: formatDay(locale, current.lastDay),
          })}
        </p>
        <p className="text-xs text-slate-500" data-testid="period-previous">
          {t("compliance.period.previous", { from: formatDay(locale, previous.from), to: formatDay(locale, previous.to) })}
        </p>
      </div>
    </header>
  );
}
