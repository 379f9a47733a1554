import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { getPlanHeader, PLAN_ENTITY, type PlanStatus } from "~/models/plans/read.server";
import { copyLines, insertPlanEvent, lockPlan, updatePlan, type PlanPatch, type PlanState } from "~/models/plans/write.server";
import { AppError } from "~/utils/app-error";
import { planActionAllowed, planWorkflowStatuses, roleMay, type PlanWorkflowRole } from "~/core";
import { actorRoleOf, PLAN_AUDIT, planConflict, readComment, type PlanWriteResult } from "./common.server";
import { notifyPlanEvent } from "./notify.server";
import { PLAN_NOTE_MAX } from "./plan-line-schema";
import { requireBuyerSide, requireSupplier } from "~/services/auth/scope-sides.server";
import { alertsFollowPlan } from "./follow-alerts.server";

export interface PlanTransitionInput {
  planId: string;
  /** The plan's lockVersion when the page was loaded. */
  lockVersion: number;
}

/**
 * States a supplier may withdraw from: anything before a decision — a draft it no longer wants
 * (so that abandoned drafts leave its start page), or a plan submitted and not yet decided on
 * (the state machine's `withdraw`; in review means the buyer has decided its step).
 */
export const WITHDRAWABLE: readonly PlanStatus[] = planWorkflowStatuses.filter((s) =>
  planActionAllowed("supplier", s, "withdraw"),
);

/**
 * The supplier takes its plan back before any decision: a draft, or a plan submitted and not yet
 * decided by the buyer (a step's decision moves the plan on, so a submitted plan has none).
 *
 * @throws AppError forbidden without a supplier scope; not_found (also another supplier's plan);
 *   conflict "stale" (stale lockVersion) or "state" (any other state)
 */
export async function withdrawPlan(db: Database, scope: TenantScope, input: PlanTransitionInput): Promise<PlanWriteResult> {
  requireSupplier(scope, PLAN_AUDIT.withdraw);
  return transition(db, scope, input, {
    audit: PLAN_AUDIT.withdraw,
    event: "withdrawn",
    allowed: WITHDRAWABLE,
    patch: () => ({ status: "withdrawn" }),
  });
}

export interface RequestChangesInput extends PlanTransitionInput {
  /** What the supplier should change; required. */
  comment: string;
  /** The actor's role: the plan's current step must be this role's (buyer: submitted; manager: in review). */
  role: PlanWorkflowRole;
}

/**
 * The role whose step it is sends the plan back to its supplier for changes, with a comment; the
 * supplier's members are notified. Decisions a buyer's step left on the lines are cleared by the
 * revision (the next version starts undecided).
 *
 * @throws AppError forbidden for a supplier scope or a role that never decides; invalid on
 *   `comment` without one, or with one too long or holding control characters; not_found;
 *   conflict "stale" (stale lockVersion) or "state" (not this role's step)
 */
export async function requestChanges(db: Database, scope: TenantScope, input: RequestChangesInput): Promise<PlanWriteResult> {
  requireBuyerSide(scope, PLAN_AUDIT.requestChanges);
  if (!roleMay(input.role, "request_changes")) throw AppError.forbidden(PLAN_AUDIT.requestChanges);
  const comment = readComment(input.comment, PLAN_NOTE_MAX, true)!;
  return transition(db, scope, input, {
    audit: PLAN_AUDIT.requestChanges,
    event: "changes_requested",
    allowed: planWorkflowStatuses.filter((s) => planActionAllowed(input.role, s, "request_changes")),
    comment,
    role: input.role,
    patch: () => ({ status: "changes_requested", decided: true }),
    notify: (tx, eventId, state) =>
      notifyPlanEvent(tx, scope, {
        eventId,
        kind: "plan.changes_requested",
        plan: state,
        status: "changes_requested",
        comment,
        roles: ["supplier"],
      }),
  });
}

/**
 * The supplier revises a plan sent back for changes: the next version, a draft, starts as a copy
 * of the current version's lines (which stay as history). Edit it with saveDraft and resubmit it
 * with submitPlan on the same planId; it keeps its number.
 *
 * @throws AppError forbidden without a supplier scope; not_found; conflict "stale" (stale
 *   lockVersion) or "state" (not changes_requested)
 */
export async function revisePlan(db: Database, scope: TenantScope, input: PlanTransitionInput): Promise<PlanWriteResult> {
  requireSupplier(scope, PLAN_AUDIT.revise);
  return transition(db, scope, input, {
    audit: PLAN_AUDIT.revise,
    event: "revised",
    allowed: ["changes_requested"],
    patch: (state) => ({ status: "draft", version: state.version + 1, decided: false, route: null, decisionCode: null }),
    after: async (tx, state) => {
      await copyLines(tx, scope, { id: state.id, supplierId: state.supplierId }, state.version, state.version + 1);
    },
  });
}

interface TransitionSpec {
  audit: string;
  event: string;
  allowed: readonly PlanStatus[];
  comment?: string;
  role?: string;
  patch: (state: PlanState) => PlanPatch & { status: PlanStatus };
  after?: (tx: Tx, state: PlanState) => Promise<void>;
  /** Tells the people concerned, with the timeline event's id. */
  notify?: (tx: Tx, eventId: string, state: PlanState) => Promise<unknown>;
}

async function transition(
  db: Database,
  scope: TenantScope,
  input: PlanTransitionInput,
  spec: TransitionSpec,
): Promise<PlanWriteResult> {
  const result = await withTenant(db, scope, async (tx) => {
    const state = await lockPlan(tx, scope, input.planId);
    if (!state) throw AppError.notFound();
    if (input.lockVersion !== state.lockVersion) throw conflict("stale", state);
    if (!spec.allowed.includes(state.status)) throw conflict("state", state);
    const patch = spec.patch(state);
    const lockVersion = await updatePlan(tx, scope, state.id, state.lockVersion, patch);
    if (lockVersion === null) throw conflict("stale", state);
    await spec.after?.(tx, state);
    const version = patch.version ?? state.version;
    const eventId = await insertPlanEvent(tx, scope, {
      planId: state.id,
      supplierId: state.supplierId,
      version,
      action: spec.event,
      fromStatus: state.status,
      toStatus: patch.status,
      actorUserId: scope.userId,
      actorRole: actorRoleOf(scope, spec.role),
      comment: spec.comment ?? null,
    });
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: state.supplierId,
      actorUserId: scope.userId,
      action: spec.audit,
      entityType: PLAN_ENTITY,
      entityId: state.id,
      before: { status: state.status, version: state.version, lockVersion: state.lockVersion },
      after: { status: patch.status, version, lockVersion, ...(spec.comment ? { comment: spec.comment } : {}) },
    });
    await spec.notify?.(tx, eventId, state);
    const plan = await getPlanHeader(tx, scope, state.id);
    if (!plan) throw AppError.notFound();
    return { plan, replayed: false };
  });
  await alertsFollowPlan(db, scope, result.plan.id);
  return result;
}

const conflict = (reason: "stale" | "state", state: PlanState) => planConflict(reason, state);
