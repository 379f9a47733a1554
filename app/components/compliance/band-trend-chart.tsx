import { useTranslation } from "react-i18next";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure, DataTable } from "~/components/charts/chart-figure";
import type { WeekKpis } from "~/services/compliance/pages.server";
import { formatDay, formatPercent } from "~/utils/format";

const AXIS = { fontSize: 11, fill: "#475569" };
const SERIES = [
  { key: "bandCompliance", color: "#059669" },
  { key: "belowMinShare", color: "#d97706" },
  { key: "stockoutRate", color: "#dc2626" },
  { key: "aboveMaxShare", color: "#4f46e5" },
] as const;

/** Band compliance, below min, stockout and above max by week, with a summary and its table. */
export function BandTrendChart({ trend, id = "band-trend" }: { trend: readonly WeekKpis[]; id?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const measured = trend.filter((w) => w.kpis.bandCompliance !== null);
  let summary = t("compliance.trend.summaryEmpty");
  if (measured.length > 0) {
    const worst = measured.reduce((a, b) => (b.kpis.bandCompliance! < a.kpis.bandCompliance! ? b : a));
    summary = t("compliance.trend.summary", {
      count: trend.length,
      first: formatPercent(locale, measured[0].kpis.bandCompliance),
      last: formatPercent(locale, measured[measured.length - 1].kpis.bandCompliance),
      worstWeek: formatDay(locale, worst.week),
      worst: formatPercent(locale, worst.kpis.bandCompliance),
    });
  }
  const data = trend.map((w) => ({
    week: formatDay(locale, w.week),
    ...Object.fromEntries(SERIES.map((s) => [s.key, w.kpis[s.key] === null ? null : Math.round(w.kpis[s.key]! * 1000) / 10])),
  }));
  return (
    <ChartFigure
      id={id}
      title={t("compliance.trend.title")}
      summary={summary}
      table={
        <DataTable
          caption={t("compliance.trend.caption")}
          columns={[t("compliance.trend.week"), ...SERIES.map((s) => t(`compliance.kpi.${s.key}.label`))]}
          rows={trend.map((w) => [formatDay(locale, w.week), ...SERIES.map((s) => formatPercent(locale, w.kpis[s.key]))])}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="week" tick={AXIS} minTickGap={24} />
          <YAxis tick={AXIS} domain={[0, 100]} unit="%" width={44} />
          <Tooltip formatter={(value) => `${value}%`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={t(`compliance.kpi.${s.key}.label`)}
              stroke={s.color}
              strokeWidth={s.key === "bandCompliance" ? 2.5 : 1.5}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
