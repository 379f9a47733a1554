import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  checkLineDecision,
  currentStep,
  DECISION_REASON_MAX,
  planActionAllowed,
  resolveLineDecision,
  roleMay,
  stepOutcome,
  type LineDecision,
  type LineDecisionCode,
  type PlanWorkflowRole,
} from "~/core";
import { DECISION_QTY_MAX } from "~/core/plan-workflow";
import { recordAudit } from "~/models/audit.server";
import {
  getPlanHeader,
  insertPlanEvent,
  listCurrentLines,
  lockPlan,
  PLAN_ENTITY,
  updatePlan,
  writeLineDecisions,
  type CurrentLine,
  type PlanState,
} from "~/models/plans.server";
import { parseDecimal, QUANTITY_COLUMN, type DecimalProblem } from "~/utils/input/decimal";
import { readText } from "~/utils/input/text";
import { isWholeMultiple, PLAN_NOTE_MAX, readPlanText } from "~/utils/plan-lines";
import { cleanText, PLAN_AUDIT, requireBuyerSide, type PlanWriteResult } from "./common.server";
import {
  PlanConflictError,
  PlanDecisionValidationError,
  PlanForbiddenError,
  PlanNotFoundError,
  PlanValidationError,
  type LineDecisionError,
} from "./errors.server";
import { notifyPlanEvent } from "./notify.server";

/** One line's decision as a form sends it; checked against the line as submitted. */
export interface LineDecisionInput {
  lineNo: number;
  /** IA, IQ, DR or IR. */
  code: string | null;
  /** The new quantity (IQ): a number, or text as the form sends it (read by the strict decimal rule). */
  qty?: number | string | null;
  /** The new arrival date (DR), YYYY-MM-DD. */
  arrivalDate?: string | null;
  reason?: string | null;
}

export interface DecideStepInput {
  planId: string;
  /** The plan's lockVersion when the page was loaded: a decision on a stale page is refused. */
  lockVersion: number;
  /** The decider's role; the plan's current step must be this role's. */
  role: PlanWorkflowRole;
  /** A decision for every line of the current version (ignored with `all`). */
  decisions?: readonly LineDecisionInput[];
  /**
   * The same decision for every line: approve all (IA: as submitted at the first step; at a later
   * step, as the earlier step decided), or reject all (IR) with the comment as every line's reason
   * (a comment of at most 500 characters is then required).
   */
  all?: "IA" | "IR";
  /** A comment for the timeline (optional). */
  comment?: string | null;
}

/**
 * Decides the current step of a plan: every line accepted (IA), accepted with a quantity (IQ) or
 * date change (DR), or rejected (IR), each change and rejection with a reason. Steps happen in
 * order: the buyer decides a submitted plan, the manager a plan in review; anyone else, or the
 * right role at the wrong step, is refused. The plan moves to the next step of its route (the
 * manager is notified) or to its final status with the EDI 855 header code (the supplier is
 * notified). Lines, plan, timeline event, audit row and notifications are written in one
 * transaction; a stale lockVersion — another decision got there first — writes nothing.
 *
 * @throws PlanForbiddenError (a role that never decides: supplier scope, admin);
 *   PlanNotFoundError; PlanConflictError (stale lockVersion; not this role's step);
 *   PlanDecisionValidationError (a line without a decision or with an invalid one; errors name line
 *   and field); PlanValidationError (reject all without a comment, or a comment too long or
 *   holding control characters)
 */
export async function decideStep(db: Database, scope: TenantScope, input: DecideStepInput): Promise<PlanWriteResult> {
  requireBuyerSide(scope, PLAN_AUDIT.decideStep);
  if (!roleMay(input.role, "decide")) {
    throw new PlanForbiddenError(PLAN_AUDIT.decideStep);
  }
  // Rejecting all makes the comment every line's reason: it must fit one.
  const text = readPlanText(input.comment, input.all === "IR" ? DECISION_REASON_MAX : PLAN_NOTE_MAX);
  if (!text.ok) throw new PlanValidationError([], [{ field: "comment", ...text.error }]);
  const comment = text.value;
  if (input.all === "IR" && !comment) throw new PlanValidationError([], [{ field: "comment", code: "required" }]);
  return withTenant(db, scope, async (tx) => {
    const state = await lockPlan(tx, scope, input.planId);
    if (!state) throw new PlanNotFoundError(input.planId);
    if (input.lockVersion !== state.lockVersion) throw conflict("stale", state);
    if (!planActionAllowed(input.role, state.status, "decide")) throw conflict("state", state);
    const step = currentStep(state.status);
    if (!step) throw conflict("state", state);

    const lines = await listCurrentLines(tx, scope, state.id, state.version);
    const inputs = input.all ? applyToAll(lines, input.all, comment) : (input.decisions ?? []);
    const decisions = checkDecisions(lines, inputs);
    const steps = state.route?.steps ?? ["buyer"];
    const outcome = stepOutcome(
      steps,
      step,
      decisions.map((d) => d.code),
    );
    const final = outcome.status !== "in_review";
    const lineDecisions = decisions.map((d, i) => ({ lineNo: lines[i].lineNo, ...d }));

    const lockVersion = await updatePlan(tx, scope, state.id, state.lockVersion, {
      status: outcome.status,
      ...(final ? { decided: true, decisionCode: "decisionCode" in outcome ? outcome.decisionCode : null } : {}),
    });
    if (lockVersion === null) throw conflict("stale", state);
    await writeLineDecisions(tx, scope, { id: state.id, version: state.version }, lineDecisions, final);
    const details = { step, lines: lineDecisions };
    const eventId = await insertPlanEvent(tx, scope, {
      planId: state.id,
      supplierId: state.supplierId,
      version: state.version,
      action: final ? outcome.status : "step_decided",
      fromStatus: state.status,
      toStatus: outcome.status,
      actorUserId: scope.userId,
      actorRole: input.role,
      comment,
      details,
    });
    const decisionCode = "decisionCode" in outcome ? outcome.decisionCode : null;
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: state.supplierId,
      actorUserId: scope.userId,
      action: auditAction(outcome.status),
      entityType: PLAN_ENTITY,
      entityId: state.id,
      before: { status: state.status, version: state.version, lockVersion: state.lockVersion },
      after: {
        status: outcome.status,
        version: state.version,
        lockVersion,
        step,
        decisionCode,
        lines: lineDecisions,
        ...(comment ? { comment } : {}),
      },
    });
    const plan = { id: state.id, supplierId: state.supplierId, number: state.number };
    if (final) {
      await notifyPlanEvent(tx, scope, {
        eventId,
        kind: "plan.decided",
        plan,
        status: outcome.status,
        decisionCode,
        comment,
        roles: ["supplier"],
      });
    } else {
      await notifyPlanEvent(tx, scope, { eventId, kind: "plan.step_reached", plan, status: outcome.status, roles: ["manager"] });
    }
    const header = await getPlanHeader(tx, scope, state.id);
    if (!header) throw new PlanNotFoundError(state.id);
    return { plan: header, replayed: false };
  });
}

/**
 * "Approve all" at the first step accepts every line as submitted; at a later step it confirms
 * what the earlier step decided (a manager approving the buyer's changes and rejections keeps
 * them). "Reject all" rejects every line with the comment as its reason.
 */
function applyToAll(lines: readonly CurrentLine[], all: "IA" | "IR", comment: string | null): LineDecisionInput[] {
  return lines.map((l) => {
    if (all === "IR") return { lineNo: l.lineNo, code: "IR", reason: comment };
    if (!l.decision) return { lineNo: l.lineNo, code: "IA" };
    return {
      lineNo: l.lineNo,
      code: l.decision.code,
      qty: l.decision.code === "IQ" ? l.decision.qty : null,
      arrivalDate: l.decision.code === "DR" ? l.decision.arrivalDate : null,
      reason: l.decision.reason,
    };
  });
}

/** What the review form says of a quantity the strict decimal rule refuses. */
const QTY_CODES: Record<Exclude<DecimalProblem, "required">, { code: string; params?: Record<string, number> }> = {
  invalid: { code: "invalid_number" },
  separator: { code: "number_separator" },
  negative: { code: "not_positive" },
  too_precise: { code: "too_precise" },
  too_large: { code: "too_large", params: { max: DECISION_QTY_MAX } },
};

/**
 * Every line decided once, each decision valid; otherwise every error at once, naming line and
 * field. The quantity and the reason are read by the input rules first (a quantity as a plain
 * decimal, a reason without control characters); the workflow's checks then judge the decision.
 */
function checkDecisions(
  lines: readonly { lineNo: number; qty: number; shipDate: string; arrivalDate: string; packSize: number }[],
  inputs: readonly LineDecisionInput[],
): LineDecision[] {
  const byLine = new Map<number, LineDecisionInput>();
  for (const input of inputs) if (Number.isInteger(input.lineNo)) byLine.set(input.lineNo, input);
  const errors: LineDecisionError[] = [];
  const decisions: LineDecision[] = [];
  for (const line of lines) {
    const input = byLine.get(line.lineNo);
    const own: LineDecisionError[] = [];
    const qty = parseDecimal(input?.qty, QUANTITY_COLUMN);
    if (!qty.ok && qty.problem !== "required") own.push({ line: line.lineNo, field: "qty", ...QTY_CODES[qty.problem] });
    const reason = readText(input?.reason, { max: DECISION_REASON_MAX });
    if (!reason.ok) {
      own.push(
        reason.problem === "too_long"
          ? { line: line.lineNo, field: "reason", code: "too_long", params: { max: DECISION_REASON_MAX } }
          : { line: line.lineNo, field: "reason", code: reason.problem },
      );
    }
    const raw = {
      code: input?.code ?? null,
      qty: qty.ok ? qty.value : null,
      arrivalDate: cleanText(input?.arrivalDate ?? null),
      reason: reason.ok ? reason.value : null,
    };
    // What the input rules refused is reported once, as they said it.
    const problems = checkLineDecision(raw, line).filter((p) => !own.some((e) => e.field === p.field));
    errors.push(...own);
    // A changed quantity must still be whole packs: the supplier cannot ship part of one.
    if (
      raw.code === "IQ" &&
      own.length === 0 &&
      problems.length === 0 &&
      raw.qty !== null &&
      !isWholeMultiple(raw.qty, line.packSize)
    ) {
      errors.push({ line: line.lineNo, field: "qty", code: "not_pack_multiple", params: { packSize: line.packSize } });
      continue;
    }
    for (const p of problems) {
      errors.push({
        line: line.lineNo,
        field: p.field === "code" ? "decision" : p.field,
        code: p.code,
        ...("max" in p && p.max !== undefined ? { params: { max: p.max } } : {}),
      });
    }
    if (own.length === 0 && problems.length === 0) decisions.push(resolveLineDecision(raw.code as LineDecisionCode, raw, line));
  }
  if (lines.length === 0) throw new PlanValidationError([], [{ field: "lines", code: "no_lines" }]);
  if (errors.length) throw new PlanDecisionValidationError(errors);
  return decisions;
}

function auditAction(status: string): string {
  switch (status) {
    case "approved":
      return PLAN_AUDIT.approve;
    case "partially_approved":
      return PLAN_AUDIT.partiallyApprove;
    case "rejected":
      return PLAN_AUDIT.reject;
    default:
      return PLAN_AUDIT.decideStep;
  }
}

const conflict = (reason: "stale" | "state", state: PlanState) =>
  new PlanConflictError(reason, { status: state.status, lockVersion: state.lockVersion });
