import { roleMay, type PlanWorkflowRole } from "~/core";
import type { Membership } from "~/services/auth/guards.server";
import { AppError, isAppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { decideStep } from "./decide.server";
import { decideSelection, recordPageDecisions } from "./decide-selection.server";
import { requestChanges, revisePlan, withdrawPlan } from "./transitions.server";

/** The intents of the plan page's buttons that record a step's decision. */
export const DECIDING_INTENTS = [
  "decide",
  "approve-all",
  "reject-all",
  "approve-selected",
  "reject-selected",
  "record-page",
] as const;

/** One line of the review form (`lines[0].code`…), as typed: a decision code, a quantity, an arrival, a reason. */
export interface ReviewFormLine {
  code?: string;
  qty?: string;
  arrival?: string;
  reason?: string;
}

/**
 * What the plan page's forms ask, by the button pressed: withdraw and revise (the supplier), the
 * review's decisions line by line or approve all, and the comment's request changes or reject
 * all. `lockVersion` is the plan's as the page was loaded (-1 for none: refused as stale). Text
 * comes as typed: the services read it by the input rules and name what is wrong by field.
 */
export type PlanAction =
  | { intent: "withdraw" | "revise" | "approve-all"; lockVersion: number }
  | { intent: "decide" | "record-page"; lockVersion: number; lines?: readonly (ReviewFormLine | undefined)[] }
  | { intent: "reject-all" | "request-changes"; lockVersion: number; comment?: string }
  | {
      intent: "approve-selected" | "reject-selected";
      lockVersion: number;
      selected?: readonly string[];
      selectionReason?: string;
    };

/** Where the page goes after an action: back to the plan with a message, or on to the builder. */
export type PlanActionOutcome = { to: "plan"; toast: string; params?: Record<string, number> } | { to: "edit" };

/** Whether the member's role takes the action at all: the page answers 404 otherwise, before reading the form. */
export function mayTakeAction(membership: Membership, intent: string): boolean {
  const deciding = (DECIDING_INTENTS as readonly string[]).includes(intent);
  return !deciding || roleMay(membership.role as PlanWorkflowRole, "decide");
}

/**
 * Takes the plan page's action on the member's plan. An action the member's side may not take is
 * the same 404 as a plan that does not exist.
 *
 * @throws AppError not_found (also for a forbidden action); conflict (stale page, or not allowed
 *   in the plan's state); invalid (field errors under the page's field names)
 */
export async function actOnPlan(membership: Membership, planId: string, action: PlanAction): Promise<PlanActionOutcome> {
  try {
    return await act(membership, planId, action);
  } catch (error) {
    if (isAppError(error, "forbidden")) throw AppError.notFound();
    throw error;
  }
}

async function act(membership: Membership, planId: string, action: PlanAction): Promise<PlanActionOutcome> {
  const db = getDb();
  const scope = membership.scope;
  const role = membership.role as PlanWorkflowRole;
  const input = { planId, lockVersion: action.lockVersion };
  switch (action.intent) {
    case "withdraw":
      await withdrawPlan(db, scope, input);
      return { to: "plan", toast: "plans.page.withdrawn" };
    case "revise":
      await revisePlan(db, scope, input);
      return { to: "edit" };
    case "request-changes":
      await requestChanges(db, scope, { ...input, role, comment: action.comment ?? "" });
      return { to: "plan", toast: "plans.page.changesRequested" };
    case "decide":
      return decided(await decideStep(db, scope, { ...input, role, lines: (action.lines ?? []).map(decisionOf) }));
    case "approve-all":
      return decided(await decideStep(db, scope, { ...input, role, all: "IA" }));
    case "reject-all":
      return decided(await decideStep(db, scope, { ...input, role, all: "IR", comment: action.comment ?? "" }));
    case "record-page": {
      const lines = (action.lines ?? []).map((l) => (l ? decisionOf(l) : undefined));
      await recordPageDecisions(db, scope, { ...input, role, lines });
      return { to: "plan", toast: "approvals.done.pageRecorded", params: { count: lines.filter(Boolean).length } };
    }
    case "approve-selected":
    case "reject-selected": {
      const code = action.intent === "approve-selected" ? "IA" : "IR";
      const selected = action.selected ?? [];
      await decideSelection(db, scope, { ...input, role, lines: selected, code, reason: action.selectionReason ?? null });
      return {
        to: "plan",
        toast: code === "IA" ? "approvals.done.selectionApproved" : "approvals.done.selectionRejected",
        params: { count: new Set(selected).size },
      };
    }
  }
}

/** After a step's decision: the plan waits for the next step, or is decided. */
const decided = ({ plan }: { plan: { status: string } }): PlanActionOutcome => ({
  to: "plan",
  toast: plan.status === "in_review" ? "approvals.done.stepDone" : "approvals.done.decided",
});

const decisionOf = (line: ReviewFormLine | undefined) => ({
  code: line?.code?.trim() || null,
  qty: line?.qty?.trim() || null,
  arrivalDate: line?.arrival?.trim() || null,
  reason: line?.reason ?? null,
});
