import type { Database } from "@db/client";
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
} from "~/models/plans/write.server";
import { requireBuyerSide } from "~/services/auth/scope-sides.server";
import { AppError } from "~/utils/app-error";
import { readText } from "~/utils/input/text";
import { PLAN_AUDIT, planConflict, type PlanWriteResult } from "./common.server";

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
  return withTenant(db, scope, async (tx) => {
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

    const lockVersion = await updatePlan(tx, scope, state.id, state.lockVersion, {});
    if (lockVersion === null) throw planConflict("stale", state);
    await writeLineDecisions(tx, scope, { id: state.id, version: state.version }, decisions, false);
    const details = { step, code: input.code, lines: decisions };
    await insertPlanEvent(tx, scope, {
      planId: state.id,
      supplierId: state.supplierId,
      version: state.version,
      action: "lines_decided",
      fromStatus: state.status,
      toStatus: state.status,
      actorUserId: scope.userId,
      actorRole: input.role,
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
      after: { status: state.status, version: state.version, lockVersion, step, selection: true, lines: decisions },
    });
    const header = await getPlanHeader(tx, scope, state.id);
    if (!header) throw AppError.notFound();
    return { plan: header, replayed: false };
  });
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
    numbers.add(Number(text));
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
