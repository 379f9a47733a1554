import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OpenAlertSummary } from "~/services/home/buyer-home.server";
import type { DescribedAlert } from "~/services/notifications/alert-text";
import { formatDay, formatInstant } from "~/utils/format";

/** An open alert with its words (see describeAlert). */
export type OpenAlertItem = OpenAlertSummary & DescribedAlert;

const severityStyles: Record<string, string> = {
  critical: "bg-red-100 text-red-800 ring-red-600/20",
  warning: "bg-amber-100 text-amber-800 ring-amber-600/20",
  info: "bg-sky-100 text-sky-800 ring-sky-600/20",
};

/** Colour and words together, so the severity never rests on colour alone. */
function SeverityBadge({ severity, label }: { severity: string; label: string }) {
  return (
    <span data-severity={severity} className={`badge ${severityStyles[severity] ?? severityStyles.info}`}>
      {label}
    </span>
  );
}

/**
 * Open alerts and to-dos, most urgent first as given: severity, what was found (the link to the
 * alert), what it is about, whose, the to-do's due day, whether it is the reader's, and since when.
 */
export function OpenAlertList({
  tenant,
  items,
  timezone,
  showSubject = true,
  showSupplier = true,
  testId = "open-alerts",
}: {
  tenant: string;
  items: readonly OpenAlertItem[];
  timezone: string;
  showSubject?: boolean;
  showSupplier?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {items.map((a) => (
        <li
          key={a.id}
          data-testid="open-alert"
          data-severity={a.severity}
          className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2"
        >
          <SeverityBadge severity={a.severity} label={a.severityText} />
          <Link to={`/t/${tenant}/alerts/${a.id}`} className="font-medium text-indigo-700 hover:underline">
            {a.what}
          </Link>
          {showSubject ? <span className="font-mono text-xs text-slate-800">{a.subject}</span> : null}
          {showSupplier ? <span className="text-slate-700">{a.supplierName}</span> : null}
          <span className="text-slate-500">{a.ruleName}</span>
          {a.isTodo ? (
            <span className="badge bg-violet-100 text-violet-800 ring-violet-600/20">
              {a.dueDate ? t("home.alertList.todoDue", { day: formatDay(locale, a.dueDate) }) : t("home.alertList.todo")}
            </span>
          ) : null}
          {a.assignedToMe ? (
            <span className="badge bg-indigo-100 text-indigo-800 ring-indigo-600/20">{t("home.alertList.mine")}</span>
          ) : null}
          {a.acknowledged ? <span className="text-slate-600">{t("home.alertList.acknowledged")}</span> : null}
          <span className="whitespace-nowrap text-xs text-slate-500">
            {t("home.alertList.since", { when: formatInstant(locale, timezone, a.openedAt) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
