import { useTranslation } from "react-i18next";

/**
 * Links that download one compliance table as CSV or Excel, with the page's period (and, for a
 * scorecard, its supplier). Plain links: the browser downloads, no script needed.
 */
export function ExportLinks({ tenant, table, search, label }: { tenant: string; table: string; search: string; label: string }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-1 text-sm" data-testid={`export-${table}`}>
      <span className="text-xs text-slate-500" aria-hidden="true">
        {label}
      </span>
      {(["csv", "xlsx"] as const).map((format) => (
        <a
          key={format}
          href={`/t/${tenant}/compliance/export?table=${table}&format=${format}&${search}`}
          download
          aria-label={t("compliance.export.as", { table: label, format: t(`compliance.export.${format}`) })}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          ⤓ {t(`compliance.export.${format}`)}
        </a>
      ))}
    </span>
  );
}
