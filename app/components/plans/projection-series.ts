import type { LineReview } from "~/services/plans/plan-page.server";
import type { ProjectionSeries } from "~/services/plans/review-page";

/** The line's projection day by day again, as the page's components read it. */
export function expandProjection(facts: LineReview & { series?: ProjectionSeries }): LineReview {
  const series = facts.series;
  if (!series?.from) return facts;
  const start = Date.parse(`${series.from}T00:00:00Z`);
  const projection = series.withLine.map((withLine, d) => ({
    date: new Date(start + d * 86_400_000).toISOString().slice(0, 10),
    without: series.without[d],
    withLine,
  }));
  return { ...facts, projection };
}
