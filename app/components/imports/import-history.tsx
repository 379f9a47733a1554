import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ImportRecord } from "~/services/imports/pipeline.server";
import { formatInstant, formatQuantity } from "~/utils/format";
import { ImportStatusBadge } from "./import-status-badge";

type Row = Omit<ImportRecord, "createdAt" | "committedAt"> & { createdAt: string | Date; committedAt: string | Date | null };

/** The company's latest imports, newest first: who, when, the file, the kind, the counts and the status. */
export function ImportHistory({ tenant, rows, timezone }: { tenant: string; rows: readonly Row[]; timezone: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const n = (value: number) => formatQuantity(locale, value, 0);
  return (
    <section aria-labelledby="import-history-title">
      <h2 id="import-history-title" className="text-base font-semibold">
        {t("imports.history.title")}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("imports.history.empty")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-history">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase text-slate-500">
              <tr>
                {(["when", "who", "file", "kind", "rows", "inserted", "updated", "unchanged", "errors", "status"] as const).map(
                  (c) => (
                    <th key={c} scope="col" className="px-3 py-2">
                      {t(`imports.history.columns.${c}`)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-2">{formatInstant(locale, timezone, r.createdAt)}</td>
                  <td className="px-3 py-2">{r.createdByName ?? "—"}</td>
                  <td className="max-w-xs truncate px-3 py-2">
                    <Link to={`/t/${tenant}/imports/${r.id}`} className="text-indigo-700 hover:underline">
                      {r.fileName}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{t(`imports.kinds.${r.kind}`)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(r.rowsTotal)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(r.toInsert)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(r.toUpdate)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(r.unchanged)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(r.errorRows)}</td>
                  <td className="px-3 py-2">
                    <ImportStatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
