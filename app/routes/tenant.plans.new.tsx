import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { linesFromPosted, PlanBuilder } from "~/components/plans/plan-builder";
import { requireMembership } from "~/services/auth/guards.server";
import { readPlanBuilderForm, savePlanForm } from "~/services/plans/builder-form.server";
import { openNewPlanBuilder } from "~/services/plans/new-plan-builder.server";
import { PLAN_BUILDER_RULES } from "~/services/plans/plan-line-rules";
import { formErrorData } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Suppliers only: a buyer role asking for the builder gets 404, as for any page not its own. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const agreementId = new URL(args.request.url).searchParams.get("agreement");
  const builder = await openNewPlanBuilder(membership, { agreementId });
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

export default function NewPlan() {
  const { t } = useTranslation();
  const { context, lines, proposedCount, pendingPlans, requestId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("plans.builder.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {proposedCount > 0
            ? t("plans.builder.intro", { days: context.horizonDays })
            : t("plans.builder.noProposal", { days: context.horizonDays })}
        </p>
      </div>
      {pendingPlans > 0 ? (
        <p role="note" className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900">
          {t("plans.builder.pendingPlans", { count: pendingPlans })}
        </p>
      ) : null}
      <PlanBuilder
        formId={`plan-builder-${requestId}`}
        context={context}
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
