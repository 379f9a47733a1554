import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type BuilderLine, linesFromPosted, PlanBuilder } from "~/components/plans/plan-builder";
import { requireMembership } from "~/services/auth/guards.server";
import { handlePlanForm, type PlanFormActionData } from "~/services/plan-forms/plan-form-action.server";
import { proposePlan } from "~/services/plans/index.server";
import { withTenant } from "@db/scope";
import { listPlans } from "~/models/plans.server";
import { getDb } from "~/utils/db.server";
import { addDays } from "~/utils/dates";
import { smallestOrderable } from "~/utils/plan-lines";

/** Suppliers only: a buyer role asking for the builder gets 404, as for any page not its own. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const proposal = await proposePlan(getDb(), membership.scope);
  // Plans awaiting a decision are not inbound yet: the proposal does not count them, so say so.
  const pending = await withTenant(getDb(), membership.scope, (tx) =>
    listPlans(tx, membership.scope, { status: ["submitted", "in_review"], page: 1, pageSize: 1 }),
  );
  const only = new URL(args.request.url).searchParams.get("agreement");
  const proposed = proposal.lines.filter((l) => !only || l.agreementId === only);
  const lines: BuilderLine[] = proposed.map((l) => ({
    agreementId: l.agreementId,
    qty: String(l.qty),
    shipDate: l.shipDate,
    arrivalDate: l.arrivalDate,
    reason: "",
    proposedQty: l.proposedQty,
    exceedsMaxCause: l.exceedsMaxCause,
  }));
  // Asked to plan one agreement that the proposal leaves alone: start with its smallest order.
  const chosen = only ? proposal.context.agreements.find((a) => a.agreementId === only) : undefined;
  if (chosen && lines.length === 0) {
    lines.push({
      agreementId: chosen.agreementId,
      qty: String(smallestOrderable(chosen.moq, chosen.packSize)),
      shipDate: proposal.today,
      arrivalDate: addDays(proposal.today, Math.ceil(chosen.leadTimeDays)),
      reason: "",
      proposedQty: null,
      exceedsMaxCause: null,
    });
  }
  return {
    context: proposal.context,
    lines,
    proposedCount: proposal.lines.length,
    pendingPlans: pending.total,
    // One id per rendering of the form: the same form posted twice creates one plan.
    requestId: randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  return handlePlanForm(membership, args.request, null);
}

export default function NewPlan() {
  const { t } = useTranslation();
  const { context, lines, proposedCount, pendingPlans, requestId } = useLoaderData<typeof loader>();
  const result = useActionData<PlanFormActionData>();
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
      {result?.conflict ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("plans.page.conflict")}
        </p>
      ) : null}
      <PlanBuilder
        context={context}
        initialLines={result ? linesFromPosted(result.lines) : lines}
        initialNote={result?.note ?? ""}
        requestId={requestId}
        lockVersion={null}
        serverErrors={result?.serverErrors ?? []}
        planErrors={result?.planErrors ?? []}
      />
    </div>
  );
}
