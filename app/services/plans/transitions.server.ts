import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import {
  copyLines,
  countDecidedLines,
  getPlanHeader,
  insertPlanEvent,
  lockPlan,
  PLAN_ENTITY,
  updatePlan,
  type PlanPatch,
  type PlanState,
  type PlanStatus,
} from "~/models/plans.server";
import { PLAN_NOTE_MAX } from "~/utils/plan-lines";
import { actorRoleOf, cleanText, PLAN_AUDIT, requireBuyerSide, requireSupplier, type PlanWriteResult } from "./common.server";
import { PlanConflictError, PlanNotFoundError, PlanValidationError } from "./errors.server";

export interface PlanTransitionInput {
  planId: string;
  /** The plan's lockVersion when the page was loaded. */
  lockVersion: number;
}

/**
 * States a supplier may withdraw from: anything before a decision — a draft it no longer wants
 * (so that abandoned drafts leave its start page), or a plan submitted and not yet decided on.
 */
export const WITHDRAWABLE: readonly PlanStatus[] = ["draft", "submitted", "in_review"];

/**
 * The supplier takes its plan back before any decision: a draft, or a plan submitted or in review
 * while no line of the current version has been decided.
 *
 * @throws PlanForbiddenError without a supplier scope; PlanNotFoundError (also another
 *   supplier's plan); PlanConflictError (stale lockVersion; any other state; a line decided)
 */
export async function withdrawPlan(db: Database, scope: TenantScope, input: PlanTransitionInput): Promise<PlanWriteResult> {
  requireSupplier(scope, PLAN_AUDIT.withdraw);
  return transition(db, scope, input, {
    audit: PLAN_AUDIT.withdraw,
    event: "withdrawn",
    allowed: WITHDRAWABLE,
    check: async (tx, state) => {
      if ((await countDecidedLines(tx, scope, state.id, state.version)) > 0) throw conflict("state", state);
    },
    patch: () => ({ status: "withdrawn" }),
  });
}

export interface RequestChangesInput extends PlanTransitionInput {
  /** What the supplier should change; required. */
  comment: string;
  /** The actor's role for the timeline (admin, manager or buyer); "buyer" when absent. */
  role?: string;
}

/**
 * A buyer sends a submitted plan back to its supplier for changes (the minimal buyer action; the
 * approval workflow with line decisions comes with issue 5).
 *
 * @throws PlanForbiddenError for a supplier scope; PlanValidationError without a comment;
 *   PlanNotFoundError; PlanConflictError (stale lockVersion; not submitted or in review)
 */
export async function requestChanges(db: Database, scope: TenantScope, input: RequestChangesInput): Promise<PlanWriteResult> {
  requireBuyerSide(scope, PLAN_AUDIT.requestChanges);
  const comment = cleanText(input.comment);
  if (!comment) throw new PlanValidationError([], [{ field: "comment", code: "required" }]);
  if (comment.length > PLAN_NOTE_MAX) throw new PlanValidationError([], [{ field: "comment", code: "too_long", params: { max: PLAN_NOTE_MAX } }]);
  return transition(db, scope, input, {
    audit: PLAN_AUDIT.requestChanges,
    event: "changes_requested",
    allowed: ["submitted", "in_review"],
    comment,
    role: input.role,
    patch: () => ({ status: "changes_requested", decided: true }),
  });
}

/**
 * The supplier revises a plan sent back for changes: the next version, a draft, starts as a copy
 * of the current version's lines (which stay as history). Edit it with saveDraft and resubmit it
 * with submitPlan on the same planId; it keeps its number.
 *
 * @throws PlanForbiddenError without a supplier scope; PlanNotFoundError; PlanConflictError
 *   (stale lockVersion; not changes_requested)
 */
export async function revisePlan(db: Database, scope: TenantScope, input: PlanTransitionInput): Promise<PlanWriteResult> {
  requireSupplier(scope, PLAN_AUDIT.revise);
  return transition(db, scope, input, {
    audit: PLAN_AUDIT.revise,
    event: "revised",
    allowed: ["changes_requested"],
    patch: (state) => ({ status: "draft", version: state.version + 1, decided: false }),
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
  check?: (tx: Tx, state: PlanState) => Promise<void>;
  patch: (state: PlanState) => PlanPatch & { status: PlanStatus };
  after?: (tx: Tx, state: PlanState) => Promise<void>;
}

async function transition(
  db: Database,
  scope: TenantScope,
  input: PlanTransitionInput,
  spec: TransitionSpec,
): Promise<PlanWriteResult> {
  return withTenant(db, scope, async (tx) => {
    const state = await lockPlan(tx, scope, input.planId);
    if (!state) throw new PlanNotFoundError(input.planId);
    if (input.lockVersion !== state.lockVersion) throw conflict("stale", state);
    if (!spec.allowed.includes(state.status)) throw conflict("state", state);
    await spec.check?.(tx, state);
    const patch = spec.patch(state);
    const lockVersion = await updatePlan(tx, scope, state.id, state.lockVersion, patch);
    if (lockVersion === null) throw conflict("stale", state);
    await spec.after?.(tx, state);
    const version = patch.version ?? state.version;
    await insertPlanEvent(tx, scope, {
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
    const plan = await getPlanHeader(tx, scope, state.id);
    if (!plan) throw new PlanNotFoundError(state.id);
    return { plan, replayed: false };
  });
}

const conflict = (reason: "stale" | "state", state: PlanState) =>
  new PlanConflictError(reason, { status: state.status, lockVersion: state.lockVersion });
