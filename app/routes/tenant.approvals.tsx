import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMembership } from "~/services/auth/guards.server";
import { loadApprovalsPage, type ApprovalQueueEntry } from "~/services/plans/queue.server";
import { formatInstant, formatMoney } from "~/utils/format";
import { invariantFound } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Approvals" }];

/**
 * The plans waiting for the signed-in role's step, oldest first: submitted plans for buyers,
 * plans in review (the buyer's step done) for managers. Other roles decide nothing: 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["buyer", "manager"]);
  const rows = await loadApprovalsPage(membership);
  invariantFound(rows);
  return { rows, role: membership.role, currency: membership.tenant.currency, timezone: membership.tenant.timezone };
}

export default function Approvals() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { rows, role, currency, timezone } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("approvals.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {role === "manager" ? t("approvals.subtitleManager") : t("approvals.subtitleBuyer")}
          </p>
        </div>
        <p className="text-sm text-slate-500" data-testid="approvals-count">
          {t("approvals.count", { count: rows.length })}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">{t("approvals.empty")}</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="data-table min-w-full text-sm" data-testid="approvals">
            <caption className="sr-only">{t("approvals.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("approvals.plan")}</th>
                <th scope="col">{t("approvals.supplier")}</th>
                <th scope="col">{t("approvals.waitingSince")}</th>
                <th scope="col" className="num">
                  {t("approvals.lines")}
                </th>
                <th scope="col" className="num">
                  {t("approvals.value")}
                </th>
                <th scope="col" title={t("approvals.problems.urgencyHint")}>
                  {t("approvals.problem")}
                </th>
                <th scope="col">{t("approvals.steps")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">
                    <Link to={`/t/${tenant}/plans/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                      {r.number}
                    </Link>
                  </td>
                  <td>{r.supplierName}</td>
                  <td className="nowrap">{formatInstant(locale, timezone, r.waitingSince)}</td>
                  <td className="num">{r.lineCount}</td>
                  <td className="num">{formatMoney(locale, currency, r.value)}</td>
                  <td data-testid={`problem-${r.id}`}>
                    <WorstProblem row={r} />
                  </td>
                  <td className="nowrap text-slate-600">{r.steps.map((s) => t(`approvals.route.steps.${s}`)).join(" → ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * The plan's worst problem by how soon its items need stock: red only for what must be acted on
 * now, amber for items that need a plan; a stockout that what is coming covers is not red. With
 * none of those, whether the plan lifts stock above max.
 */
function WorstProblem({ row }: { row: ApprovalQueueEntry }) {
  const { t } = useTranslation();
  const worst = row.worst;
  if (worst?.urgency === "act_now") {
    return (
      <span className="badge bg-red-100 text-red-800" data-urgency="act_now">
        {t("approvals.problems.actNow", { count: worst.agreements })}
      </span>
    );
  }
  if (worst?.urgency === "plan_needed") {
    return (
      <span className="badge bg-amber-100 text-amber-900" data-urgency="plan_needed">
        {t("approvals.problems.planNeeded", { count: worst.agreements })}
      </span>
    );
  }
  if (row.aboveMaxLines > 0) {
    return (
      <span className="badge bg-amber-100 text-amber-900">{t("approvals.problems.aboveMax", { count: row.aboveMaxLines })}</span>
    );
  }
  if (worst?.urgency === "covered") {
    return (
      <span className="badge bg-slate-100 text-slate-700" data-urgency="covered">
        {t("approvals.problems.covered")}
      </span>
    );
  }
  return <span className="text-slate-500">{t("approvals.problems.none")}</span>;
}
