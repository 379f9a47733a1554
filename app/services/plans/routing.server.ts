import type { Tx } from "@db/client";
import type { TenantScope } from "@db/scope";
import { agreementIndex, approvalRoute, planLineImpacts, type Abc, type PlanningContext, type Xyz } from "~/core";
import { recordAudit } from "~/models/audit.server";
import { PLAN_ENTITY, type PlanRoute } from "~/models/plans/read.server";
import { insertPlanEvent, updatePlan, writeLineDecisions, type LineValues } from "~/models/plans/write.server";
import { getTenantSettings } from "~/models/tenants.server";
import { PLAN_AUDIT, planConflict } from "./common.server";
import { notifyPlanEvent } from "./notify.server";

export interface SubmittedPlan {
  id: string;
  supplierId: string;
  number: string | null;
  version: number;
  lockVersion: number;
}

/**
 * The approval route of a plan being submitted, by policy (app/core approvalRoute): its steps,
 * the reasons and its value. Stored with the submission itself.
 */
export async function planRoute(
  tx: Tx,
  scope: TenantScope,
  lines: readonly LineValues[],
  context: PlanningContext,
): Promise<PlanRoute> {
  const settings = await getTenantSettings(tx, scope);
  const byId = agreementIndex(context);
  const numbered = lines.map((l, i) => ({ line: i + 1, agreementId: l.agreementId, qty: l.qty, arrivalDate: l.arrivalDate }));
  const impacts = new Map(planLineImpacts(numbered, context).map((i) => [i.line, i]));
  const routed = numbered.map((l) => {
    const agreement = byId.get(l.agreementId.toLowerCase());
    const metrics = agreement?.metrics ?? null;
    return {
      abc: isAbc(metrics?.abc) ? metrics.abc : null,
      xyz: isXyz(metrics?.xyz) ? metrics.xyz : null,
      value: l.qty * (agreement?.unitCost ?? 0),
      keepsInBand: impacts.get(l.line)?.keepsInBand ?? false,
    };
  });
  const result = approvalRoute(routed, { ...settings.approval, cells: settings.cells });
  return {
    steps: result.steps,
    autoApproved: result.autoApproved,
    value: result.value,
    reasons: result.reasons,
  };
}

/**
 * What follows a submission, in its transaction: a plan its route approves at submission is
 * approved there and then as a recorded system decision (every line IA, header AD, a timeline
 * event and an audit row with no actor; the supplier's members are notified); any other plan
 * waits for the buyer, and the buyers are notified.
 */
export async function afterSubmission(
  tx: Tx,
  scope: TenantScope,
  plan: SubmittedPlan,
  submittedEventId: string,
  route: PlanRoute,
  lines: readonly LineValues[],
): Promise<void> {
  if (!route.autoApproved) {
    await notifyPlanEvent(tx, scope, {
      eventId: submittedEventId,
      kind: "plan.submitted",
      plan,
      status: "submitted",
      roles: ["buyer"],
    });
    return;
  }

  const lockVersion = await updatePlan(tx, scope, plan.id, plan.lockVersion, {
    status: "approved",
    decided: true,
    decisionCode: "AD",
  });
  if (lockVersion === null) throw planConflict("stale", { status: "submitted", lockVersion: plan.lockVersion });
  const decisions = lines.map((l, i) => ({
    lineNo: i + 1,
    code: "IA" as const,
    qty: l.qty,
    arrivalDate: l.arrivalDate,
    reason: null,
  }));
  await writeLineDecisions(tx, scope, plan, decisions, true);
  const eventId = await insertPlanEvent(tx, scope, {
    planId: plan.id,
    supplierId: plan.supplierId,
    version: plan.version,
    action: "auto_approved",
    fromStatus: "submitted",
    toStatus: "approved",
    actorUserId: null,
    actorRole: "system",
    details: { step: "system", lines: decisions },
  });
  await recordAudit(tx, {
    tenantId: scope.tenantId,
    supplierId: plan.supplierId,
    actorUserId: null,
    action: PLAN_AUDIT.autoApprove,
    entityType: PLAN_ENTITY,
    entityId: plan.id,
    before: { status: "submitted", version: plan.version, lockVersion: plan.lockVersion },
    after: {
      status: "approved",
      decisionCode: "AD",
      version: plan.version,
      lockVersion,
      value: route.value,
      reasons: route.reasons,
    },
  });
  await notifyPlanEvent(tx, scope, {
    eventId,
    kind: "plan.decided",
    plan,
    status: "approved",
    decisionCode: "AD",
    roles: ["supplier"],
  });
}

const isAbc = (v: unknown): v is Abc => v === "A" || v === "B" || v === "C";
const isXyz = (v: unknown): v is Xyz => v === "X" || v === "Y" || v === "Z";
