import { useTranslation } from "react-i18next";

const styles: Record<string, string> = {
  in_transit: "bg-sky-100 text-sky-800 ring-sky-600/20",
  partly_received: "bg-indigo-100 text-indigo-800 ring-indigo-600/20",
  received: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-500/20",
  overdue: "bg-amber-100 text-amber-800 ring-amber-600/20",
};

const badge = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** A notice's or a line's state in words, and "overdue" beside it when it is. */
export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span data-shipment-status={status} className={`${badge} ${styles[status] ?? styles.cancelled}`}>
        {t(`shipments.statuses.${status}`, { defaultValue: status })}
      </span>
      {overdue ? <span className={`${badge} ml-1 ${styles.overdue}`}>{t("shipments.overdue")}</span> : null}
    </>
  );
}
