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
  const groups = groupReasons(route.reasons as Reason[]);

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
      {groups.length ? (
        <ul className="mt-2 list-disc pl-5 text-slate-700" data-testid="route-reasons">
          {groups.map((g, i) =>
            g.lines.length > 1 ? (
              <li key={i}>
                <details>
                  <summary className="cursor-pointer">
                    {t(`approvals.route.grouped.${g.first.code}`, {
                      count: g.lines.length,
                      cell: g.first.cell ?? "",
                      defaultValue: reasonText(g.first),
                    })}
                  </summary>
                  <p className="mt-1 text-xs text-slate-600">
                    {t("approvals.route.grouped.lines", { lines: g.lines.join(", ") })}
                  </p>
                </details>
              </li>
            ) : (
              <li key={i}>{reasonText(g.first)}</li>
            ),
          )}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * The reasons with one sentence per kind: the lines a kind of reason names are listed under it
 * ("100 lines are A-class items", opening to their numbers) instead of a sentence per line.
 */
function groupReasons(reasons: readonly Reason[]): { first: Reason; lines: number[] }[] {
  const groups = new Map<string, { first: Reason; lines: number[] }>();
  reasons.forEach((r, i) => {
    const key = typeof r.line === "number" ? groupKey(r) : `single-${i}`;
    const group = groups.get(key) ?? { first: r, lines: [] };
    if (typeof r.line === "number") group.lines.push(r.line);
    groups.set(key, group);
  });
  return [...groups.values()];
}

/** The kind of a reason: its code, and the cell or the why that words it. */
const groupKey = (r: Reason) =>
  r.code === "manager-cell"
    ? `manager-cell.${r.cell}`
    : r.code === "not-auto-approvable"
      ? `not-auto-approvable-${r.why ?? "cell"}`
      : r.code;
