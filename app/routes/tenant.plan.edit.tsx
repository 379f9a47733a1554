import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { linesFromPosted, PlanBuilder } from "~/components/plans/plan-builder";
import { PlanRevisionNotes } from "~/components/plans/plan-revision-notes";
import { requireMembership } from "~/services/auth/guards.server";
import { readPlanBuilderForm, savePlanForm } from "~/services/plans/builder-form.server";
import { openDraftBuilder } from "~/services/plans/draft-builder.server";
import { PLAN_BUILDER_RULES } from "~/services/plans/plan-line-rules";
import { isUuid } from "~/utils/ids";
import { formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Editing a draft (a new one, or a revision after changes were requested): its supplier only. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = args.params.planId ?? "";
  const builder = await openDraftBuilder(membership, planId);
  invariantFound(builder);
  // Only a draft is edited here; anything else is shown on its page.
  if (builder.plan.status !== "draft") throw redirect(`/t/${membership.tenant.slug}/plans/${planId}`);
  return { ...builder, requestId: randomUUID(), timezone: membership.tenant.timezone };
}

/** Saves the draft or submits it, then shows it on its page with a toast. */
export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = args.params.planId ?? "";
  invariantFound(isUuid(planId));
  const submission = await readPlanBuilderForm(args.request);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { planUrl, toast } = await savePlanForm(membership, planId, submission.value);
    return redirectWithToast(args.request, planUrl, toast);
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function EditPlan() {
  const { t } = useTranslation();
  const { plan, context, urgency, lines, requestId, asked, movedShipDates, timezone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">
        {plan.number
          ? t("plans.builder.reviseTitle", { number: plan.number, version: plan.version })
          : t("plans.builder.editTitle")}
      </h1>
      <PlanRevisionNotes asked={asked} moved={lastResult ? [] : movedShipDates} timezone={timezone} />
      <PlanBuilder
        formId={`plan-builder-${requestId}`}
        context={context}
        urgency={urgency}
        initialLines={lastResult ? linesFromPosted(lastResult.initialValue?.lines) : lines}
        initialNote={lastResult ? String(lastResult.initialValue?.note ?? "") : (plan.note ?? "")}
        requestId={requestId}
        lockVersion={plan.lockVersion}
        lastResult={lastResult}
        rules={PLAN_BUILDER_RULES}
      />
    </div>
  );
}
