import { useTranslation } from "react-i18next";

const styles: Record<string, string> = {
  stockout: "bg-red-100 text-red-800 ring-red-600/20",
  below_min: "bg-amber-100 text-amber-800 ring-amber-600/20",
  in_band: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
  above_max: "bg-sky-100 text-sky-800 ring-sky-600/20",
  no_data: "bg-slate-100 text-slate-700 ring-slate-500/20",
};

/** Colour and words together, so the status never rests on colour alone. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <StatusBadgeLabel status={status} label={t(`status.${status}`)} />;
}

/** The badge with its words given: long tables translate each status once, not once per row. */
export function StatusBadgeLabel({ status, label }: { status: string; label: string }) {
  return (
    <span data-status={status} className={`badge ${styles[status] ?? styles.no_data}`}>
      {label}
    </span>
  );
}

const urgencyStyles: Record<string, string> = {
  act_now: "bg-red-100 text-red-800 ring-red-600/20",
  plan_needed: "bg-amber-100 text-amber-800 ring-amber-600/20",
  covered: "bg-sky-100 text-sky-800 ring-sky-600/20",
  ok: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
};

/** How soon to act: red only for what a shipment sent today could no longer prevent. */
export function UrgencyBadge({ urgency, label }: { urgency: string; label: string }) {
  return (
    <span data-urgency={urgency} className={`badge ${urgencyStyles[urgency] ?? urgencyStyles.ok}`}>
      {label}
    </span>
  );
}
