import { useTranslation } from "react-i18next";
import type { AlertPageData } from "~/services/alerts/alert-page.server";
import { formatDay, formatInstant } from "~/utils/format";

/**
 * An alert's history, oldest first: when, who (a person, or the alert rules as they opened, kept
 * or closed it), what, and the comment a person wrote.
 */
export function AlertHistory({ events, timezone }: { events: AlertPageData["events"]; timezone: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section aria-labelledby="alert-history-heading" className="space-y-2">
      <h2 id="alert-history-heading" className="text-lg font-semibold">
        {t("alerts.history.heading")}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="data-table" data-testid="alert-history">
          <caption className="sr-only">{t("alerts.history.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col">{t("alerts.history.when")}</th>
              <th scope="col">{t("alerts.history.who")}</th>
              <th scope="col">{t("alerts.history.event")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id} data-event-kind={e.kind}>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatInstant(locale, timezone, e.at)}</time>
                </td>
                <td>{e.byPerson ? (e.actorName ?? t("alerts.state.someone")) : t("alerts.history.rules")}</td>
                <td>
                  {t(`alerts.history.kinds.${e.kind}`, {
                    date: formatDay(locale, e.until ?? e.dueDate),
                    name: e.assigneeName ?? t("alerts.state.someone"),
                  })}
                  {e.comment ? <p className="mt-1 whitespace-pre-line text-slate-700">{e.comment}</p> : null}
                </td>
              </tr>
            ))}
            {events.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-3 py-6 text-center text-slate-500">
                  {t("alerts.history.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
