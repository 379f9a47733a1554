import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A chart with its text alternative. The chart is drawn in the browser only (it measures its
 * container); the caption, a one-sentence summary and the data as a table are always in the
 * page, so screen readers and the server render have the same facts. The drawing itself is
 * hidden from assistive technology: the table says it better.
 */
export function ChartFigure({
  id,
  title,
  summary,
  table,
  children,
}: {
  id: string;
  title: string;
  /** One sentence that states what the chart shows (read out before the table). */
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <figure aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption>
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{summary}</p>
      </figcaption>
      <div aria-hidden="true" className="mt-3 h-64" data-testid={`${id}-chart`}>
        {mounted ? children : null}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-indigo-700 hover:underline">{t("agreement.showTable")}</summary>
        <div className="mt-2 max-h-72 overflow-y-auto">{table}</div>
      </details>
    </figure>
  );
}

/** A plain table for a chart's data: the first column names the row, the others are numbers. */
export function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <table className="min-w-full text-xs">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left text-slate-600">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={`px-2 py-1 ${i > 0 ? "text-right" : ""}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])} className="border-t border-slate-100">
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="px-2 py-1 text-left font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="px-2 py-1 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
