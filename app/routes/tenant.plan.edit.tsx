import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withTenant } from "@db/scope";
import { type BuilderLine, linesFromPosted, PlanBuilder } from "~/components/plans/plan-builder";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { getPlan } from "~/models/plans.server";
import { requireMembership } from "~/services/auth/guards.server";
import { handlePlanForm, type PlanFormActionData } from "~/services/plan-forms/plan-form-action.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";

/** Editing a draft (a new one, or a revision after changes were requested): its supplier only. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = args.params.planId ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  const loaded = await withTenant(getDb(), membership.scope, async (tx) => {
    const detail = await getPlan(tx, membership.scope, planId);
    if (!detail) return null;
    const clock = await getPlanningClock(tx, membership.scope);
    const context = await loadPlanningContext(tx, membership.scope, {
      today: todayIn(clock.timeZone),
      horizonDays: clock.horizonDays,
    });
    return { detail, context };
  });
  if (!loaded) throw new Response("Not found", { status: 404 });
  const { detail, context } = loaded;
  // Only a draft is edited here; anything else is shown on its page.
  if (detail.plan.status !== "draft") throw redirect(`/t/${membership.tenant.slug}/plans/${planId}`);
  const lines: BuilderLine[] = detail.lines.map((l) => ({
    agreementId: l.agreementId,
    qty: String(l.qty),
    shipDate: l.shipDate,
    arrivalDate: l.arrivalDate,
    reason: l.reason ?? "",
    proposedQty: l.proposedQty,
    exceedsMaxCause: null,
  }));
  return { plan: detail.plan, context, lines, requestId: randomUUID() };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = args.params.planId ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  return handlePlanForm(membership, args.request, planId);
}

export default function EditPlan() {
  const { t } = useTranslation();
  const { plan, context, lines, requestId } = useLoaderData<typeof loader>();
  const result = useActionData<PlanFormActionData>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">
        {plan.number
          ? t("plans.builder.reviseTitle", { number: plan.number, version: plan.version })
          : t("plans.builder.editTitle")}
      </h1>
      {result?.conflict ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("plans.page.conflict")}
        </p>
      ) : null}
      <PlanBuilder
        context={context}
        initialLines={result ? linesFromPosted(result.lines) : lines}
        initialNote={result?.note ?? plan.note ?? ""}
        requestId={requestId}
        lockVersion={plan.lockVersion}
        serverErrors={result?.serverErrors ?? []}
        planErrors={result?.planErrors ?? []}
      />
    </div>
  );
}
