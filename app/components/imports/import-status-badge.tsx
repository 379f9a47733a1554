import { useTranslation } from "react-i18next";

const COLOURS: Record<string, string> = {
  checking: "bg-sky-100 text-sky-900",
  previewed: "bg-amber-100 text-amber-900",
  committing: "bg-sky-100 text-sky-900",
  committed: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  discarded: "bg-slate-100 text-slate-700",
};

export function ImportStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${COLOURS[status] ?? COLOURS.discarded}`} data-status={status}>
      {t(`imports.status.${status}`)}
    </span>
  );
}
