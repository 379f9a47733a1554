import { useTranslation } from "react-i18next";
import type { PlanRoute } from "~/services/plans/plan-page.server";
import { formatMoney } from "~/utils/format";

type Reason = { code: string; line?: number | null; cell?: string; value?: number; threshold?: number; why?: string };

/**
 * Where the plan's approval stands: the steps policy gave it at submission, which one it waits
 * for, and why it took that route.
 */
export function PlanRouteSummary({ route, status, currency }: { route: PlanRoute | null; status: string; currency: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (!route) return null;
  // Submitted waits for the first step; in review for the second; anything later is past both.
  const waitingAt = status === "submitted" ? 0 : status === "in_review" ? 1 : -1;
  const decided = !["submitted", "in_review"].includes(status);
  const reasons = (route.reasons as Reason[]).map((r) => reasonText(r));

  function reasonText(r: Reason): string {
    const money = (v: number | undefined) => formatMoney(locale, currency, v ?? 0);
    if (r.code === "not-auto-approvable") {
      return t(
        `approvals.route.reasons.not-auto-approvable.${r.line === null && r.why === "cell" ? "empty" : (r.why ?? "cell")}`,
        {
          line: r.line ?? "",
          defaultValue: r.code,
        },
      );
    }
    return t(`approvals.route.reasons.${r.code}`, {
      line: r.line ?? "",
      cell: r.cell ?? "",
      value: money(r.value),
      threshold: money(r.threshold),
      defaultValue: r.code,
    });
  }

  return (
    <section
      aria-labelledby="route-title"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="plan-route"
    >
      <h2 id="route-title" className="text-base font-semibold">
        {t("approvals.route.title")}
      </h2>
      {route.autoApproved ? (
        <p className="mt-1">{t("approvals.route.auto")}</p>
      ) : (
        <ol className="mt-2 flex flex-wrap items-center gap-2">
          {route.steps.map((step, i) => {
            const state = i === waitingAt ? "current" : decided || i < waitingAt ? "done" : "later";
            return (
              <li key={step} className="flex items-center gap-2" aria-current={state === "current" ? "step" : undefined}>
                {i > 0 ? (
                  <span aria-hidden="true" className="text-slate-400">
                    →
                  </span>
                ) : null}
                <span
                  className={`badge ${state === "current" ? "bg-indigo-100 text-indigo-800" : state === "done" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-600"}`}
                >
                  {t(`approvals.route.steps.${step}`)}
                  {state === "current"
                    ? ` · ${t("approvals.route.current")}`
                    : state === "done"
                      ? ` · ${t("approvals.route.done")}`
                      : ""}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {reasons.length ? (
        <ul className="mt-2 list-disc pl-5 text-slate-700">
          {reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
