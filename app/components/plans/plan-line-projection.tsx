import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable } from "~/components/charts/chart-figure";
import type { LineReview } from "~/services/plans/plan-page.server";
import { formatDay, formatQuantity } from "~/utils/format";

/**
 * The line's projection with and without it, as a small chart and its table (the text
 * alternative). Both series count the plan's other lines for the item; the summary's lowest and
 * highest are the numbers the badges beside it are read from.
 */
export function LineProjection({ line, facts, min, max }: { line: number; facts: LineReview; min: number; max: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // The chart and its table are drawn when opened: a plan of hundreds of lines would otherwise
  // send and lay out hundreds of them.
  const [open, setOpen] = useState(false);
  const q = (v: number) => formatQuantity(locale, v);
  const withs = facts.projection.map((p) => p.withLine);
  const withouts = facts.projection.map((p) => p.without);
  const summary = t("plans.projection.summary", {
    days: facts.projection.length,
    lowWith: q(Math.min(...withs)),
    lowWithout: q(Math.min(...withouts)),
    highWith: q(Math.max(...withs)),
    highWithout: q(Math.max(...withouts)),
    min: q(min),
    max: q(max),
  });
  return (
    <details className="mt-2 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-indigo-700 hover:underline">{t("approvals.review.showProjection")}</summary>
      <figure className="mt-2" aria-labelledby={`projection-${line}-title`}>
        <figcaption>
          <p id={`projection-${line}-title`} className="text-xs font-semibold">
            {t("approvals.review.projection", { line })}
          </p>
          <p className="text-xs text-slate-600">{summary}</p>
        </figcaption>
        <div aria-hidden="true" className="mt-2 h-44">
          {mounted && open ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={facts.projection} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis
                  dataKey="date"
                  tick={{ fontSize: 10 }}
                  tickFormatter={(d: string) => formatDay(locale, d)}
                  minTickGap={24}
                />
                <YAxis tick={{ fontSize: 10 }} width={56} tickFormatter={(v: number) => q(v)} />
                <Tooltip labelFormatter={(d) => formatDay(locale, String(d))} />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <ReferenceLine y={min} stroke="#f59e0b" strokeDasharray="4 2" />
                <ReferenceLine y={max} stroke="#f59e0b" strokeDasharray="4 2" />
                <Line
                  type="stepAfter"
                  dataKey="without"
                  name={t("plans.projection.withoutLine")}
                  stroke="#94a3b8"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="stepAfter"
                  dataKey="withLine"
                  name={t("plans.projection.withLine")}
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
          {open ? (
            <div className="mt-1 max-h-60 overflow-y-auto">
              <DataTable
                caption={t("approvals.review.projection", { line })}
                columns={[t("approvals.review.date"), t("plans.projection.withoutLine"), t("plans.projection.withLine")]}
                rows={facts.projection.map((p) => [formatDay(locale, p.date), q(p.without), q(p.withLine)])}
              />
            </div>
          ) : null}
        </details>
      </figure>
    </details>
  );
}
