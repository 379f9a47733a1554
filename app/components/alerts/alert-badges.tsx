import { useTranslation } from "react-i18next";
import type { AlertListItem } from "~/services/alerts/alerts-page.server";
import { formatDay } from "~/utils/format";

const severityStyles: Record<string, string> = {
  critical: "bg-red-100 text-red-800 ring-red-600/20",
  warning: "bg-amber-100 text-amber-800 ring-amber-600/20",
  info: "bg-sky-100 text-sky-800 ring-sky-600/20",
};

/** Colour and words together, so the severity never rests on colour alone. */
export function SeverityBadge({ severity, label }: { severity: string; label: string }) {
  return (
    <span data-severity={severity} className={`badge ${severityStyles[severity] ?? severityStyles.info}`}>
      {label}
    </span>
  );
}

type StateFacts = Pick<
  AlertListItem,
  "status" | "closedAt" | "closeReason" | "snoozedUntil" | "isTodo" | "assigneeUserId" | "assigneeName" | "dueDate"
>;

/**
 * Where an alert stands, in a few words: closed (and why), or open with whatever applies of
 * acknowledged, snoozed until a later day, and to-do with its assignee and due date.
 */
export function AlertState({ alert, today }: { alert: StateFacts; today: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (alert.closedAt !== null) {
    return (
      <span className="text-slate-600">
        {t("alerts.state.closed")}
        {alert.closeReason ? ` · ${t(`alerts.state.closeReasons.${alert.closeReason}`)}` : ""}
      </span>
    );
  }
  const parts: string[] = [];
  if (alert.status === "acknowledged") parts.push(t("alerts.state.acknowledged"));
  if (alert.snoozedUntil && alert.snoozedUntil > today)
    parts.push(t("alerts.state.snoozedUntil", { date: formatDay(locale, alert.snoozedUntil) }));
  if (alert.isTodo) {
    const date = formatDay(locale, alert.dueDate);
    const assigned = alert.assigneeName ?? (alert.assigneeUserId ? t("alerts.state.someone") : null);
    parts.push(
      assigned
        ? t("alerts.state.assigned", { name: assigned, date })
        : alert.dueDate
          ? t("alerts.state.due", { date })
          : t("alerts.state.todo"),
    );
  }
  if (parts.length === 0) parts.push(t("alerts.state.open"));
  return (
    <span className="flex flex-col gap-0.5">
      {parts.map((p) => (
        <span key={p}>{p}</span>
      ))}
    </span>
  );
}
