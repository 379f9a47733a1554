import { useTranslation } from "react-i18next";

const styles: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-500/20",
  submitted: "bg-indigo-100 text-indigo-800 ring-indigo-600/20",
  in_review: "bg-indigo-100 text-indigo-800 ring-indigo-600/20",
  approved: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
  partially_approved: "bg-teal-100 text-teal-800 ring-teal-600/20",
  rejected: "bg-red-100 text-red-800 ring-red-600/20",
  changes_requested: "bg-amber-100 text-amber-800 ring-amber-600/20",
  withdrawn: "bg-slate-100 text-slate-500 ring-slate-500/20",
};

/** A plan's status in words and colour (never colour alone). */
export function PlanStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      data-plan-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status] ?? styles.draft}`}
    >
      {t(`plans.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}
