import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  checkLineDecision,
  currentStep,
  DECISION_REASON_MAX,
  isWholeMultiple,
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
import { getPlanHeader, PLAN_ENTITY } from "~/models/plans/read.server";
import {
  insertPlanEvent,
  listCurrentLines,
  lockPlan,
  updatePlan,
  writeLineDecisions,
  type CurrentLine,
  type PlanState,
} from "~/models/plans/write.server";
import { parseDecimal, QUANTITY_COLUMN, type DecimalProblem } from "~/utils/input/decimal";
import { readText } from "~/utils/input/text";
import { AppError, type Message } from "~/utils/app-error";
import { cleanText, PLAN_AUDIT, planConflict, readComment, type PlanWriteResult } from "./common.server";
import { notifyPlanEvent } from "./notify.server";
import { PLAN_NOTE_MAX } from "./plan-line-schema";
import { requireBuyerSide } from "~/services/auth/scope-sides.server";
import { alertsFollowPlan } from "./follow-alerts.server";

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

/** A decision as the review form lists it: one per line of the current version, in line order. */
export type ReviewFormDecision = Omit<LineDecisionInput, "lineNo">;

/** The review form's field of each part of a line's decision (`lines[0].code`…). */
export const DECISION_FIELDS = { decision: "code", qty: "qty", arrivalDate: "arrival", reason: "reason" } as const;

type DecisionPart = keyof typeof DECISION_FIELDS;

/** The review form's name of a field of the line at `position` (0 for the first line). */
export const decisionFieldName = (position: number, part: DecisionPart) => `lines[${position}].${DECISION_FIELDS[part]}`;

export interface DecideStepInput {
  planId: string;
  /** The plan's lockVersion when the page was loaded: a decision on a stale page is refused. */
  lockVersion: number;
  /** The decider's role; the plan's current step must be this role's. */
  role: PlanWorkflowRole;
  /** A decision for every line of the current version, by line number (ignored with `all`). */
  decisions?: readonly LineDecisionInput[];
  /**
   * The same as the review form sends it: a decision for every line of the current version, in
   * line order (ignored with `all`; used instead of `decisions` when given).
   */
  lines?: readonly ReviewFormDecision[];
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
 * @throws AppError forbidden (a role that never decides: supplier scope, admin); not_found;
 *   conflict "stale" (stale lockVersion) or "state" (not this role's step); invalid, with every
 *   line's errors at once under the review form's field names (`lines[0].reason`), or on
 *   `comment` (reject all without one, or one too long or holding control characters)
 */
export async function decideStep(db: Database, scope: TenantScope, input: DecideStepInput): Promise<PlanWriteResult> {
  requireBuyerSide(scope, PLAN_AUDIT.decideStep);
  if (!roleMay(input.role, "decide")) throw AppError.forbidden(PLAN_AUDIT.decideStep);
  // Rejecting all makes the comment every line's reason: it must fit one.
  const rejectAll = input.all === "IR";
  const comment = readComment(input.comment, rejectAll ? DECISION_REASON_MAX : PLAN_NOTE_MAX, rejectAll);
  const result = await withTenant(db, scope, async (tx) => {
    const state = await lockPlan(tx, scope, input.planId);
    if (!state) throw AppError.notFound();
    if (input.lockVersion !== state.lockVersion) throw conflict("stale", state);
    if (!planActionAllowed(input.role, state.status, "decide")) throw conflict("state", state);
    const step = currentStep(state.status);
    if (!step) throw conflict("state", state);

    const lines = await listCurrentLines(tx, scope, state.id, state.version);
    const inputs = input.all
      ? applyToAll(lines, input.all, comment)
      : input.lines
        ? input.lines.slice(0, lines.length).map((d, i) => ({ ...d, lineNo: lines[i].lineNo }))
        : (input.decisions ?? []);
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
    if (!header) throw AppError.notFound();
    return { plan: header, replayed: false };
  });
  await alertsFollowPlan(db, scope, result.plan.id);
  return result;
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

/** One problem with a line's decision: the part of the decision, and what is wrong (an approvals.review.errors code). */
export interface DecisionProblem {
  part: DecisionPart;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Every line decided once, each decision valid; otherwise every error at once, each under the
 * review form's name of its line's field. The quantity and the reason are read by the input rules
 * first (a quantity as a plain decimal, a reason without control characters); the workflow's
 * checks then judge the decision.
 */
function checkDecisions(
  lines: readonly { lineNo: number; qty: number; shipDate: string; arrivalDate: string; packSize: number }[],
  inputs: readonly LineDecisionInput[],
): LineDecision[] {
  if (lines.length === 0) throw AppError.invalid({ formErrors: [{ key: "plans.errors.no_lines" }] });
  const byLine = new Map<number, LineDecisionInput>();
  for (const input of inputs) if (Number.isInteger(input.lineNo)) byLine.set(input.lineNo, input);
  const fieldErrors: Record<string, Message[]> = {};
  const decisions: LineDecision[] = [];
  lines.forEach((line, position) => {
    const found = lineProblems(line, byLine.get(line.lineNo));
    if ("decision" in found) {
      decisions.push(found.decision);
      return;
    }
    for (const p of found.problems) {
      (fieldErrors[decisionFieldName(position, p.part)] ??= []).push({
        key: `approvals.review.errors.${p.code}`,
        ...(p.params ? { params: p.params } : {}),
      });
    }
  });
  if (Object.keys(fieldErrors).length > 0) throw AppError.invalid({ fieldErrors });
  return decisions;
}

/** One line's decision read and checked as the review form sends it: the decision, or what is wrong by part. */
export function lineProblems(
  line: { lineNo: number; qty: number; shipDate: string; arrivalDate: string; packSize: number },
  input: LineDecisionInput | undefined,
): { decision: LineDecision } | { problems: DecisionProblem[] } {
  const own: DecisionProblem[] = [];
  const qty = parseDecimal(input?.qty, QUANTITY_COLUMN);
  if (!qty.ok && qty.problem !== "required") own.push({ part: "qty", ...QTY_CODES[qty.problem] });
  const reason = readText(input?.reason, { max: DECISION_REASON_MAX });
  if (!reason.ok) {
    own.push(
      reason.problem === "too_long"
        ? { part: "reason", code: "too_long", params: { max: DECISION_REASON_MAX } }
        : { part: "reason", code: reason.problem },
    );
  }
  const raw = {
    code: input?.code ?? null,
    qty: qty.ok ? qty.value : null,
    arrivalDate: cleanText(input?.arrivalDate ?? null),
    reason: reason.ok ? reason.value : null,
  };
  // What the input rules refused is reported once, as they said it.
  const problems: DecisionProblem[] = checkLineDecision(raw, line)
    .map((p) => ({
      part: p.field === "code" ? ("decision" as const) : p.field,
      code: p.code,
      ...("max" in p && p.max !== undefined ? { params: { max: p.max } } : {}),
    }))
    .filter((p) => !own.some((e) => e.part === p.part));
  if (own.length > 0 || problems.length > 0) return { problems: [...own, ...problems] };
  // A changed quantity must still be whole packs: the supplier cannot ship part of one.
  if (raw.code === "IQ" && raw.qty !== null && !isWholeMultiple(raw.qty, line.packSize)) {
    return { problems: [{ part: "qty", code: "not_pack_multiple", params: { packSize: line.packSize } }] };
  }
  return { decision: resolveLineDecision(raw.code as LineDecisionCode, raw, line) };
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

const conflict = (reason: "stale" | "state", state: PlanState) => planConflict(reason, state);
