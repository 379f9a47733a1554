import { wholeNumber } from "~/utils/input/decimal";
import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { currentStep, DECISION_REASON_MAX, planActionAllowed, roleMay, type PlanWorkflowRole } from "~/core";
import { recordAudit } from "~/models/audit.server";
import { getPlanHeader, PLAN_ENTITY } from "~/models/plans/read.server";
import {
  insertPlanEvent,
  listCurrentLines,
  lockPlan,
  updatePlan,
  writeLineDecisions,
  type LineDecisionValues,
  type PlanState,
} from "~/models/plans/write.server";
import { requireBuyerSide } from "~/services/auth/scope-sides.server";
import { AppError, type Message } from "~/utils/app-error";
import { readText } from "~/utils/input/text";
import { PLAN_AUDIT, planConflict, type PlanWriteResult } from "./common.server";
import { decisionFieldName, lineProblems, type ReviewFormDecision } from "./decide.server";
import { alertsFollowPlan } from "./follow-alerts.server";

/** The review form's fields of a decision for a selection of lines. */
export const SELECTION_FIELDS = { lines: "selected", reason: "selectionReason" } as const;

/** At most this many lines are decided by one selection (a plan's lines, and then some). */
export const SELECTION_MAX = 1000;

export interface DecideSelectionInput {
  planId: string;
  /** The plan's lockVersion when the page was loaded: a decision on a stale page is refused. */
  lockVersion: number;
  role: PlanWorkflowRole;
  /** The selected lines' numbers, as the form sends them (text read strictly as whole numbers). */
  lines: readonly (string | number)[];
  /**
   * Accept (IA: as submitted, or as an earlier step decided) or reject (IR, with `reason` as each
   * line's reason) every selected line.
   */
  code: "IA" | "IR";
  reason?: string | null;
}

/**
 * Records one decision for a selection of lines of the current step, all or none: a line number
 * that is not a line of the plan's current version, a reject without a reason, or a stale page
 * refuses the whole selection and writes nothing. The step is not completed: the lines keep the
 * decision (pending, as an earlier step's would be) until the step is decided — "approve all"
 * then keeps what the selections recorded and accepts the rest. The decision is in the timeline
 * (the buyer's side only) and the audit log.
 *
 * @throws AppError forbidden (a role that never decides); not_found; conflict "stale" or "state";
 *   invalid on `selected` (no line, or a line not in the plan) or `selectionReason`
 */
export async function decideSelection(db: Database, scope: TenantScope, input: DecideSelectionInput): Promise<PlanWriteResult> {
  requireBuyerSide(scope, PLAN_AUDIT.decideStep);
  if (!roleMay(input.role, "decide")) throw AppError.forbidden(PLAN_AUDIT.decideStep);
  const wanted = readLineNumbers(input.lines);
  const reason = readReason(input.reason, input.code === "IR");
  const result = await withTenant(db, scope, async (tx) => {
    const state = await lockPlan(tx, scope, input.planId);
    if (!state) throw AppError.notFound();
    if (input.lockVersion !== state.lockVersion) throw planConflict("stale", state);
    if (!planActionAllowed(input.role, state.status, "decide")) throw planConflict("state", state);
    const step = currentStep(state.status);
    if (!step) throw planConflict("state", state);

    const lines = await listCurrentLines(tx, scope, state.id, state.version);
    const byNo = new Map(lines.map((l) => [l.lineNo, l]));
    const unknown = wanted.filter((n) => !byNo.has(n));
    if (unknown.length > 0) {
      throw invalid(SELECTION_FIELDS.lines, "approvals.review.selection.unknownLines", { lines: unknown.join(", ") });
    }
    const decisions = wanted.map((lineNo): LineDecisionValues => {
      const line = byNo.get(lineNo)!;
      if (input.code === "IR") return { lineNo, code: "IR", qty: 0, arrivalDate: line.arrivalDate, reason };
      // Accepting at a later step keeps what the earlier step decided, as "approve all" does.
      const earlier = line.decision;
      if (earlier && step !== "buyer") {
        return {
          lineNo,
          code: earlier.code as LineDecisionValues["code"],
          qty: earlier.qty ?? line.qty,
          arrivalDate: earlier.arrivalDate ?? line.arrivalDate,
          reason: earlier.reason,
        };
      }
      return { lineNo, code: "IA", qty: line.qty, arrivalDate: line.arrivalDate, reason: null };
    });

    return recordPending(tx, scope, state, { role: input.role, step, code: input.code, reason, decisions });
  });
  await alertsFollowPlan(db, scope, result.plan.id);
  return result;
}

/**
 * Records the decisions of the lines a page of the review form shows (`lines[57].code`…, by the
 * line's position in the plan; positions the page did not show are absent), each read and checked
 * as the step's decision checks it, all or none, without completing the step: as a selection's,
 * the decisions are kept until "approve all" finishes it. Every line's errors come at once under
 * the form's field names.
 *
 * @throws AppError as decideSelection; invalid, by field (`lines[57].reason`), or on the form when
 *   the page sent no line
 */
export async function recordPageDecisions(db: Database, scope: TenantScope, input: RecordPageInput): Promise<PlanWriteResult> {
  requireBuyerSide(scope, PLAN_AUDIT.decideStep);
  if (!roleMay(input.role, "decide")) throw AppError.forbidden(PLAN_AUDIT.decideStep);
  return withTenant(db, scope, async (tx) => {
    const state = await lockPlan(tx, scope, input.planId);
    if (!state) throw AppError.notFound();
    if (input.lockVersion !== state.lockVersion) throw planConflict("stale", state);
    if (!planActionAllowed(input.role, state.status, "decide")) throw planConflict("state", state);
    const step = currentStep(state.status);
    if (!step) throw planConflict("state", state);
    const lines = await listCurrentLines(tx, scope, state.id, state.version);
    const fieldErrors: Record<string, Message[]> = {};
    const decisions: LineDecisionValues[] = [];
    input.lines.slice(0, lines.length).forEach((entry, position) => {
      if (!entry) return;
      const line = lines[position];
      const found = lineProblems(line, { ...entry, lineNo: line.lineNo });
      if ("decision" in found) {
        decisions.push({ lineNo: line.lineNo, ...found.decision } as LineDecisionValues);
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
    if (decisions.length === 0) throw AppError.invalid({ formErrors: [{ key: "approvals.review.selection.none" }] });
    return recordPending(tx, scope, state, { role: input.role, step, code: null, reason: null, decisions });
  });
}

export interface RecordPageInput {
  planId: string;
  lockVersion: number;
  role: PlanWorkflowRole;
  /** The form's lines by position in the plan; a position the page did not show is absent. */
  lines: readonly (ReviewFormDecision | undefined)[];
}

/** Writes decisions kept pending for the step, with a timeline event (the buyer's side's) and an audit row. */
async function recordPending(
  tx: Tx,
  scope: TenantScope,
  state: PlanState,
  what: {
    role: PlanWorkflowRole;
    step: string;
    code: "IA" | "IR" | null;
    reason: string | null;
    decisions: LineDecisionValues[];
  },
): Promise<PlanWriteResult> {
  const { decisions, reason, step } = what;
  const lockVersion = await updatePlan(tx, scope, state.id, state.lockVersion, {});
  if (lockVersion === null) throw planConflict("stale", state);
  await writeLineDecisions(tx, scope, { id: state.id, version: state.version }, decisions, false);
  const details = { step, ...(what.code ? { code: what.code } : {}), lines: decisions };
  await insertPlanEvent(tx, scope, {
    planId: state.id,
    supplierId: state.supplierId,
    version: state.version,
    action: "lines_decided",
    fromStatus: state.status,
    toStatus: state.status,
    actorUserId: scope.userId,
    actorRole: what.role,
    comment: reason,
    details,
  });
  await recordAudit(tx, {
    tenantId: scope.tenantId,
    supplierId: state.supplierId,
    actorUserId: scope.userId,
    action: PLAN_AUDIT.decideStep,
    entityType: PLAN_ENTITY,
    entityId: state.id,
    before: { status: state.status, version: state.version, lockVersion: state.lockVersion },
    after: { status: state.status, version: state.version, lockVersion, step, pending: true, lines: decisions },
  });
  const header = await getPlanHeader(tx, scope, state.id);
  if (!header) throw AppError.notFound();
  return { plan: header, replayed: false };
}

/** The selected line numbers, each a whole number written plainly; none, or anything else, refuses the form. */
function readLineNumbers(values: readonly (string | number)[]): number[] {
  if (values.length === 0) throw invalid(SELECTION_FIELDS.lines, "approvals.review.selection.none");
  if (values.length > SELECTION_MAX)
    throw invalid(SELECTION_FIELDS.lines, "approvals.review.selection.tooMany", { max: SELECTION_MAX });
  const numbers = new Set<number>();
  for (const value of values) {
    const text = String(value);
    if (!/^[1-9]\d{0,5}$/.test(text)) throw invalid(SELECTION_FIELDS.lines, "approvals.review.selection.badLine");
    numbers.add(wholeNumber(text)!);
  }
  return [...numbers].sort((a, b) => a - b);
}

function readReason(value: string | null | undefined, required: boolean): string | null {
  const text = readText(value, { max: DECISION_REASON_MAX });
  if (!text.ok) {
    throw invalid(
      SELECTION_FIELDS.reason,
      `approvals.review.errors.${text.problem}`,
      text.problem === "too_long" ? { max: DECISION_REASON_MAX } : undefined,
    );
  }
  const reason = text.value?.trim() || null;
  if (required && !reason) throw invalid(SELECTION_FIELDS.reason, "approvals.review.selection.reasonRequired");
  return reason;
}

const invalid = (field: string, key: string, params?: Record<string, string | number>) =>
  AppError.invalid({ fieldErrors: { [field]: [{ key, ...(params ? { params } : {}) }] } });
