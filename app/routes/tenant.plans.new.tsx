import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { linesFromPosted, PlanBuilder } from "~/components/plans/plan-builder";
import { type ProposalHorizon, proposalHorizons } from "~/core";
import { requireMembership } from "~/services/auth/guards.server";
import { readPlanBuilderForm, savePlanForm } from "~/services/plans/builder-form.server";
import { openNewPlanBuilder } from "~/services/plans/new-plan-builder.server";
import { PLAN_BUILDER_RULES } from "~/services/plans/plan-line-rules";
import { formErrorData } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

const horizonOf = (value: string | null): ProposalHorizon =>
  (proposalHorizons as readonly (string | null)[]).includes(value) ? (value as ProposalHorizon) : "now";

/** Suppliers only: a buyer role asking for the builder gets 404, as for any page not its own. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const params = new URL(args.request.url).searchParams;
  const builder = await openNewPlanBuilder(membership, {
    agreementId: params.get("agreement"),
    horizon: horizonOf(params.get("horizon")),
  });
  // One id per rendering of the form: the same form posted twice creates one plan.
  return { ...builder, requestId: randomUUID() };
}

/** Saves the new plan as a draft or submits it, then shows it on its page with a toast. */
export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const submission = await readPlanBuilderForm(args.request);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { planUrl, toast } = await savePlanForm(membership, null, submission.value);
    return redirectWithToast(args.request, planUrl, toast);
  } catch (error) {
    return formErrorData(error, submission);
  }
}

/** How far ahead the proposal reaches, as links: each is a new proposal, and the URL says which. */
function HorizonChoice({ horizon }: { horizon: ProposalHorizon }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const hrefOf = (h: ProposalHorizon) => {
    const params = new URLSearchParams(search);
    params.set("horizon", h);
    return `${pathname}?${params.toString()}`;
  };
  return (
    <nav aria-label={t("plans.builder.horizon.label")} className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-700">{t("plans.builder.horizon.label")}</span>
      {proposalHorizons.map((h) => (
        <Link
          key={h}
          to={hrefOf(h)}
          aria-current={h === horizon ? "page" : undefined}
          className={`rounded-md border px-2 py-1 ${h === horizon ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          {t(`plans.builder.horizon.${h}`)}
        </Link>
      ))}
    </nav>
  );
}

export default function NewPlan() {
  const { t } = useTranslation();
  const { context, urgency, lines, horizon, proposedCount, pendingPlans, requestId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intro =
    proposedCount === 0
      ? horizon === "now"
        ? t("plans.builder.noProposalNow")
        : t("plans.builder.noProposal", { days: horizon === "4w" ? 28 : 56 })
      : horizon === "now"
        ? t("plans.builder.introNow")
        : t("plans.builder.introWeeks", { weeks: horizon === "4w" ? 4 : 8 });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("plans.builder.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{intro}</p>
      </div>
      <HorizonChoice horizon={horizon} />
      {pendingPlans > 0 ? (
        <p role="note" className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900">
          {t("plans.builder.pendingPlans", { count: pendingPlans })}
        </p>
      ) : null}
      <PlanBuilder
        // A new proposal (another horizon) is a new form.
        key={horizon}
        formId={`plan-builder-${requestId}`}
        context={context}
        urgency={urgency}
        initialLines={lastResult ? linesFromPosted(lastResult.initialValue?.lines) : lines}
        initialNote={lastResult ? String(lastResult.initialValue?.note ?? "") : ""}
        requestId={requestId}
        lockVersion={null}
        lastResult={lastResult}
        rules={PLAN_BUILDER_RULES}
      />
    </div>
  );
}
