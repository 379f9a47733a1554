import { useTranslation } from "react-i18next";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AgreementView } from "~/services/inventory/agreement-view.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { ChartFigure, DataTable } from "./chart-figure";

const BAND_FILL = "#d1fae5";
const AXIS = { fontSize: 11, fill: "#475569" };

/** Weekly consumption over the history, with the forecast per week drawn ahead of it. */
export function WeeklyDemandChart({
  weekly,
  forecastWeekly,
  forecastMethod,
}: {
  weekly: AgreementView["weekly"];
  forecastWeekly: number | null;
  forecastMethod: string | null;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const total = weekly.reduce((sum, w) => sum + w.qty, 0);
  const data: { label: string; qty: number | null; forecast: number | null }[] = weekly.map((w) => ({
    label: w.weekStart,
    qty: w.qty,
    forecast: null,
  }));
  if (forecastWeekly !== null && weekly.length > 0) {
    const last = Date.parse(`${weekly[weekly.length - 1].weekStart}T00:00:00Z`);
    // The forecast continues from the last week for eight weeks.
    data[data.length - 1].forecast = forecastWeekly;
    for (let w = 1; w <= 8; w++) {
      data.push({ label: new Date(last + w * 7 * 86_400_000).toISOString().slice(0, 10), qty: null, forecast: forecastWeekly });
    }
  }
  const summary =
    forecastWeekly === null
      ? t("agreement.weeklySummaryNoForecast", { weeks: weekly.length, total: formatQuantity(locale, total) })
      : t("agreement.weeklySummary", {
          weeks: weekly.length,
          total: formatQuantity(locale, total),
          forecast: formatQuantity(locale, forecastWeekly, 1),
          method: forecastMethod ?? "",
        });
  return (
    <ChartFigure
      id="weekly-demand"
      title={t("agreement.weeklyTitle")}
      summary={summary}
      table={
        <DataTable
          caption={t("agreement.weeklyTitle")}
          columns={[t("agreement.weekStarting"), t("agreement.consumed")]}
          rows={weekly.map((w) => [formatDay(locale, w.weekStart), formatQuantity(locale, w.qty)])}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickFormatter={(d: string) => formatDay(locale, d)} minTickGap={40} />
          <YAxis tick={AXIS} width={56} tickFormatter={(v: number) => formatQuantity(locale, v)} />
          <Tooltip labelFormatter={(d) => formatDay(locale, String(d))} formatter={(v) => formatQuantity(locale, Number(v), 1)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="qty" name={t("agreement.consumed")} fill="#94a3b8" isAnimationActive={false} />
          <Line
            dataKey="forecast"
            name={t("agreement.forecast")}
            stroke="#4f46e5"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** Closing stock per day with the agreed band shaded. */
export function StockHistoryChart({
  stock,
  min,
  max,
  days,
}: {
  stock: AgreementView["stock"];
  min: number;
  max: number;
  days: number;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const inBand = stock.filter((s) => s.onHand >= min && s.onHand <= max).length;
  const below = stock.filter((s) => s.onHand < min).length;
  const above = stock.filter((s) => s.onHand > max).length;
  const top = Math.max(max * 1.15, ...stock.map((s) => s.onHand));
  return (
    <ChartFigure
      id="stock-history"
      title={t("agreement.stockTitle", { days })}
      summary={t("agreement.stockSummary", {
        days: stock.length,
        inBand,
        below,
        above,
        min: formatQuantity(locale, min),
        max: formatQuantity(locale, max),
      })}
      table={
        <DataTable
          caption={t("agreement.stockTitle", { days })}
          columns={[t("agreement.day"), t("agreement.onHand")]}
          rows={stock.map((s) => [formatDay(locale, s.day), formatQuantity(locale, s.onHand)])}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={stock} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <ReferenceArea y1={min} y2={max} fill={BAND_FILL} fillOpacity={0.7} ifOverflow="extendDomain" />
          <XAxis dataKey="day" tick={AXIS} tickFormatter={(d: string) => formatDay(locale, d)} minTickGap={40} />
          <YAxis tick={AXIS} width={56} domain={[0, niceTop(top)]} tickFormatter={(v: number) => formatQuantity(locale, v)} />
          <Tooltip labelFormatter={(d) => formatDay(locale, String(d))} formatter={(v) => formatQuantity(locale, Number(v))} />
          <Line
            dataKey="onHand"
            name={t("agreement.onHand")}
            stroke="#0f172a"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** A day of the agreement view's projection. */
type ProjectionDay = NonNullable<AgreementView["projection"]>["days"][number];

/** Projected closing stock per day over the horizon, with shipments in transit and draft plans. */
export function ProjectionChart({
  days,
  min,
  max,
  firstStockout,
  firstStockoutWithDrafts,
  hasDrafts,
}: {
  days: ProjectionDay[];
  min: number;
  max: number;
  firstStockout: string | null;
  firstStockoutWithDrafts: string | null;
  hasDrafts: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const top = Math.max(max * 1.15, ...days.map((d) => Math.max(d.onHand, d.withDrafts ?? 0)));
  const summary = [
    firstStockout
      ? t("agreement.projectionStockout", { date: formatDay(locale, firstStockout) })
      : t("agreement.projectionNoStockout", { days: days.length }),
    hasDrafts
      ? firstStockoutWithDrafts
        ? t("agreement.projectionDraftsStockout", { date: formatDay(locale, firstStockoutWithDrafts) })
        : t("agreement.projectionDraftsNoStockout")
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  const columns = [t("agreement.day"), t("agreement.projected"), t("agreement.arriving")];
  if (hasDrafts) columns.push(t("agreement.withDrafts"), t("agreement.draftArriving"));
  return (
    <ChartFigure
      id="projection"
      title={t("agreement.projectionTitle", { days: days.length })}
      summary={summary}
      table={
        <DataTable
          caption={t("agreement.projectionTitle", { days: days.length })}
          columns={columns}
          rows={days.map((d) => {
            const row: (string | number)[] = [
              formatDay(locale, d.day),
              formatQuantity(locale, d.onHand, 1),
              formatQuantity(locale, d.receipt),
            ];
            if (hasDrafts) row.push(formatQuantity(locale, d.withDrafts, 1), formatQuantity(locale, d.draftReceipt));
            return row;
          })}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <ReferenceArea y1={min} y2={max} fill={BAND_FILL} fillOpacity={0.7} ifOverflow="extendDomain" />
          <XAxis dataKey="day" tick={AXIS} tickFormatter={(d: string) => formatDay(locale, d)} minTickGap={40} />
          <YAxis tick={AXIS} width={56} domain={[0, niceTop(top)]} tickFormatter={(v: number) => formatQuantity(locale, v)} />
          <Tooltip labelFormatter={(d) => formatDay(locale, String(d))} formatter={(v) => formatQuantity(locale, Number(v), 1)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="receipt" name={t("agreement.arriving")} fill="#38bdf8" isAnimationActive={false} />
          {hasDrafts ? (
            <Bar dataKey="draftReceipt" name={t("agreement.draftArriving")} fill="#c4b5fd" isAnimationActive={false} />
          ) : null}
          <Line
            dataKey="onHand"
            name={t("agreement.projected")}
            stroke="#0f172a"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
          {hasDrafts ? (
            <Line
              dataKey="withDrafts"
              name={t("agreement.withDrafts")}
              stroke="#7c3aed"
              strokeDasharray="5 3"
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
          ) : null}
          {firstStockout ? <ReferenceLine x={firstStockout} stroke="#dc2626" strokeDasharray="3 3" /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** The axis' top: the highest value rounded up to a round number (12,494 → 13,000), so its ticks read well. */
function niceTop(top: number): number {
  if (!(top > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(top)) / 2;
  return Math.ceil(top / step) * step;
}
