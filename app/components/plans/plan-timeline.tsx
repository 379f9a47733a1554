import { useTranslation } from "react-i18next";
import type { PlanEventRecord } from "~/services/plans/plan-page.server";
import { formatDay, formatInstant, formatQuantity } from "~/utils/format";

/** An event of the plan's timeline as the page's loader gives it (only what the timeline shows). */
export type PlanEventView = Pick<
  PlanEventRecord,
  "id" | "version" | "action" | "actorRole" | "comment" | "details" | "occurredAt"
>;

/** The plan's timeline, oldest first: who did what, on which version, when, with their comment. */
export function PlanTimeline({ events, timezone }: { events: PlanEventView[]; timezone: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="timeline-title" className="text-base font-semibold">
        {t("plans.page.timeline")}
      </h2>
      {events.length === 0 ? (
        <p className="mt-2 text-slate-500">{t("plans.page.noEvents")}</p>
      ) : (
        <ol className="mt-2 space-y-2 border-l border-slate-200 pl-4" data-testid="plan-timeline">
          {events.map((e) => (
            <li key={e.id}>
              <p>
                <span className="font-medium">
                  {t("plans.eventBy", {
                    action: t(`plans.events.${e.action}`, { defaultValue: e.action }),
                    role: t(`plans.roles.${e.actorRole ?? "system"}`, { defaultValue: e.actorRole ?? "" }),
                  })}
                </span>{" "}
                <span className="text-slate-500">
                  · {t("plans.versionValue", { version: e.version })} · {formatInstant(locale, timezone, e.occurredAt)}
                </span>
              </p>
              {e.comment ? <p className="mt-0.5 whitespace-pre-line text-slate-700">{e.comment}</p> : null}
              <StepDetails details={e.details} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A step decision's lines in the timeline: "Line 2: IQ 120 · Dec 3, 2026 — reason". */
function StepDetails({ details }: { details: unknown }) {
  const { t, i18n } = useTranslation();
  const lines = (details as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  const locale = i18n.language;
  return (
    <ul className="mt-0.5 text-xs text-slate-600">
      {(lines as { lineNo: number; code: string; qty: number; arrivalDate: string; reason: string | null }[]).map((l) => (
        <li key={l.lineNo}>
          {t("plans.builder.line", { line: l.lineNo })}: <span className="font-mono font-semibold">{l.code}</span>
          {l.code !== "IR" ? ` ${formatQuantity(locale, l.qty)} · ${formatDay(locale, l.arrivalDate)}` : ""}
          {l.reason ? ` — ${l.reason}` : ""}
        </li>
      ))}
    </ul>
  );
}
