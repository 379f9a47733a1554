import { useTranslation } from "react-i18next";
import type { ComplianceKpis } from "~/core";
import { formatKpi, kpiChange } from "./kpi-format";
import { KPI_KEYS, type KpiKey } from "~/core/kpi-meta";
import type { WeekKpis } from "~/services/compliance/pages.server";
import { formatDay, formatPercent } from "~/utils/format";
import { Sparkline } from "./sparkline";

interface PanelProps {
  current: ComplianceKpis;
  previous: ComplianceKpis;
  trend: readonly WeekKpis[];
  currency: string;
  holdingRate: number;
  deadStockDays: number;
  /** Days with facts of the current and the previous period (the current may still be running). */
  days: { current: number; previous: number };
}

/**
 * A KPI that adds up over the days (holding cost) is compared, and drawn week by week, at the
 * same number of days: a period or week still running would otherwise look cheaper, "better".
 */
const ACCRUING: ReadonlySet<KpiKey> = new Set<KpiKey>(["holdingCost"]);

const CHANGE_STYLE = {
  better: "text-emerald-700",
  worse: "text-red-700",
  same: "text-slate-500",
} as const;

/**
 * The period's KPIs, each beside the previous period's and with its weekly trend. Each card
 * explains its KPI on hover and on keyboard focus (the explanation is its accessible description);
 * the trend lines' values are in the table below the cards.
 */
export function KpiPanel({ current, previous, trend, currency, holdingRate, deadStockDays, days }: PanelProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const helpValues = { days: deadStockDays, rate: formatPercent(locale, holdingRate, 0) };
  return (
    <section aria-labelledby="kpis-title" className="mt-6">
      <h2 id="kpis-title" className="sr-only">
        {t("compliance.dashboard.kpisTitle")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="kpis">
        {KPI_KEYS.map((key) => {
          const accruing = ACCRUING.has(key) && days.current !== days.previous;
          const before = accruing && previous[key] !== null ? (previous[key] * days.current) / days.previous : previous[key];
          const change = kpiChange(t, locale, currency, key, current[key], before);
          const weekly = trend.map((w) => (ACCRUING.has(key) && w.kpis[key] !== null ? (w.kpis[key] * 7) / w.days : w.kpis[key]));
          const label = t(`compliance.kpi.${key}.label`);
          return (
            <li key={key}>
              <div
                // Focusable so that keyboard users reach the explanation a pointer gets on hover.
                // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
                tabIndex={0}
                aria-describedby={`kpi-${key}-help`}
                data-testid={`kpi-${key}`}
                className="group relative h-full rounded-lg border border-slate-200 bg-white p-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
              >
                <p className="text-sm font-medium text-slate-600">{label}</p>
                <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="kpi-value">
                  {formatKpi(t, locale, currency, key, current[key])}
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  {accruing
                    ? t("compliance.change.previousSameDays", {
                        value: formatKpi(t, locale, currency, key, before),
                        days: days.current,
                      })
                    : t("compliance.change.previous", { value: formatKpi(t, locale, currency, key, previous[key]) })}
                </p>
                <p className={`text-xs ${change ? CHANGE_STYLE[change.direction] : "text-slate-500"}`} data-testid="kpi-change">
                  {change
                    ? t("compliance.change.delta", { delta: change.text, direction: t(`compliance.change.${change.direction}`) })
                    : t("compliance.change.noPrevious")}
                </p>
                <Sparkline values={weekly} className="mt-2 text-indigo-600" />
                <div
                  id={`kpi-${key}-help`}
                  role="tooltip"
                  className="pointer-events-none absolute left-2 right-2 top-full z-10 mt-1 hidden rounded-md bg-slate-900 p-2 text-xs text-white shadow-lg group-hover:block group-focus:block"
                >
                  {t(`compliance.kpi.${key}.help`, helpValues)}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <WeeklyKpiTable trend={trend} currency={currency} />
    </section>
  );
}

/** Every KPI by week: the text alternative of the trend lines, and a table of its own. */
export function WeeklyKpiTable({
  trend,
  currency,
  keys = KPI_KEYS,
}: {
  trend: readonly WeekKpis[];
  currency: string;
  keys?: readonly KpiKey[];
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <details className="mt-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer text-indigo-700 hover:underline">{t("compliance.trend.showWeeks")}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="data-table min-w-full text-xs" data-testid="weekly-kpis">
          <caption className="sr-only">{t("compliance.trend.tableTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("compliance.trend.week")}</th>
              {keys.map((key) => (
                <th key={key} scope="col" className="num">
                  {t(`compliance.kpi.${key}.label`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="nowrap font-normal">
                  {formatDay(locale, w.week)}
                </th>
                {keys.map((key) => (
                  <td key={key} className="num">
                    {formatKpi(t, locale, currency, key, w.kpis[key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
