import { dayNumber } from "./day-number";
import { hasAtMostDecimals } from "./decimals";
import { isoDate } from "./iso-date";
import type { ApprovalStep } from "./plan-approval-route";

/**
 * The replenishment plan's state machine (docs/domain.md's lifecycle): who may do what to a
 * plan in which state. The plan services refuse whatever this refuses; pages show only the actions
 * it allows. Pure: the caller passes the role and the plan's state.
 */

export type PlanWorkflowRole = "admin" | "manager" | "buyer" | "supplier";

/** docs/domain.md's plan lifecycle, in order (the database's check constraint keeps the same list). */
export const planWorkflowStatuses = [
  "draft",
  "submitted",
  "in_review",
  "approved",
  "partially_approved",
  "rejected",
  "changes_requested",
  "withdrawn",
] as const;
export type PlanWorkflowStatus = (typeof planWorkflowStatuses)[number];

export type PlanWorkflowAction =
  /** Save a draft's lines and note. */
  | "edit"
  /** Submit a draft (a new plan, or a revision). */
  | "submit"
  /** Take the plan back before any decision. */
  | "withdraw"
  /** Start the next version of a plan sent back for changes. */
  | "revise"
  /** Decide the lines of the current step (accept, change, reject; approve all; reject all). */
  | "decide"
  /** Send the plan back to the supplier with a comment, at the current step. */
  | "request_changes"
  /** Record an ASN against approved lines. */
  | "ship"
  /** Record the receipt of a shipment. */
  | "receive";

export const planWorkflowRoles: readonly PlanWorkflowRole[] = ["admin", "manager", "buyer", "supplier"];
export const planWorkflowActions: readonly PlanWorkflowAction[] = [
  "edit",
  "submit",
  "withdraw",
  "revise",
  "decide",
  "request_changes",
  "ship",
  "receive",
];

/**
 * Which step a plan waits for: submitted → its first step (the buyer), in review → the manager
 * (in review means the buyer's step is done and policy asked for a second one); null otherwise.
 */
export function currentStep(status: PlanWorkflowStatus): ApprovalStep | null {
  if (status === "submitted") return "buyer";
  if (status === "in_review") return "manager";
  return null;
}

/** The role that decides each step. Admins manage the tenant; they do not approve plans. */
const STEP_ROLE: Record<ApprovalStep, PlanWorkflowRole> = { buyer: "buyer", manager: "manager" };

const SUPPLIER_ACTIONS: Partial<Record<PlanWorkflowAction, readonly PlanWorkflowStatus[]>> = {
  edit: ["draft"],
  submit: ["draft"],
  // Before any decision: once the buyer has decided its step, the plan is no longer the
  // supplier's to take back.
  withdraw: ["draft", "submitted"],
  revise: ["changes_requested"],
  ship: ["approved", "partially_approved"],
};

/**
 * Whether `role` may take `action` on a plan in `status`. Steps happen in order: the manager
 * decides only once the buyer's step is done (in review), and the buyer no longer once it is.
 */
export function planActionAllowed(role: PlanWorkflowRole, status: PlanWorkflowStatus, action: PlanWorkflowAction): boolean {
  if (role === "supplier") return SUPPLIER_ACTIONS[action]?.includes(status) ?? false;
  if (action === "decide" || action === "request_changes") {
    const step = currentStep(status);
    return step !== null && STEP_ROLE[step] === role;
  }
  if (action === "receive") return role === "buyer" && (status === "approved" || status === "partially_approved");
  return false;
}

/** Whether `role` may take `action` on a plan in some state (whether to offer it at all). */
export function roleMay(role: PlanWorkflowRole, action: PlanWorkflowAction): boolean {
  return planWorkflowStatuses.some((status) => planActionAllowed(role, status, action));
}

/** The status of the plans waiting for `role`'s approval step (its queue); null for a role with none. */
export function statusAwaiting(role: PlanWorkflowRole): "submitted" | "in_review" | null {
  if (planActionAllowed(role, "submitted", "decide")) return "submitted";
  if (planActionAllowed(role, "in_review", "decide")) return "in_review";
  return null;
}

/** Every action `role` may take on a plan in `status`, in the order of `planWorkflowActions`. */
export function allowedPlanActions(role: PlanWorkflowRole, status: PlanWorkflowStatus): PlanWorkflowAction[] {
  return planWorkflowActions.filter((action) => planActionAllowed(role, status, action));
}

// ---------------------------------------------------------------------------------------------
// Line decisions (EDI 855) and the plan's outcome

/** EDI 855 line codes: accept (IA), accept with quantity change (IQ), date change (DR), reject (IR). */
export type LineDecisionCode = "IA" | "IQ" | "DR" | "IR";
export const lineDecisionCodes: readonly LineDecisionCode[] = ["IA", "IQ", "DR", "IR"];

/** EDI 855 header codes: AD accepted as submitted, AC accepted with changes, RD rejected. */
export type PlanDecisionCode = "AC" | "AD" | "RD";

export interface LineDecision {
  code: LineDecisionCode;
  /** Accepted quantity: the line's own for IA and DR, the new one for IQ, 0 for IR. */
  qty: number;
  /** Accepted arrival date (ISO): the line's own except for DR. */
  arrivalDate: string;
  reason: string | null;
}

export interface DecidedLine {
  qty: number;
  arrivalDate: string;
}

export type LineDecisionProblem =
  | { field: "code"; code: "required" }
  | { field: "qty"; code: "required" | "not_positive" | "unchanged" | "changed" | "too_precise" }
  | { field: "qty"; code: "too_large"; max: number }
  | { field: "arrivalDate"; code: "required" | "invalid_date" | "unchanged" | "changed" | "before_ship_date" }
  | { field: "arrivalDate"; code: "too_late"; max: string }
  | { field: "reason"; code: "required" | "too_long"; max?: number };

export const DECISION_REASON_MAX = 500;
/** Quantities are stored with 4 decimals, up to 10¹² (as plan lines are). */
export const DECISION_QTY_MAX = 1e12;
export const DECISION_QTY_DECIMALS = 4;
/** A rescheduled arrival may be at most this many days after the line's ship date. */
export const DECISION_MAX_TRANSIT_DAYS = 365;

/** Whether `value` is a real calendar day written YYYY-MM-DD (not 2026-02-30, not year 99999). */
function isCalendarDay(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

const addDaysTo = (day: string, days: number) => isoDate(dayNumber(day) + days);

/**
 * Checks one line decision against the line as submitted. IA takes the line as it is; IQ changes
 * the quantity only (positive, different); DR changes the arrival date only (different, not before
 * the ship date, a real calendar day at most a year after shipping); IR rejects it. A changed
 * quantity is positive, at most 10¹², with at most 4 decimals. Every change and every rejection
 * needs a reason; acceptance as submitted does not. Returns the problems, each naming its field;
 * none means the decision stands.
 */
export function checkLineDecision(
  decision: { code: string | null; qty: number | null; arrivalDate: string | null; reason: string | null },
  line: DecidedLine & { shipDate: string },
): LineDecisionProblem[] {
  const problems: LineDecisionProblem[] = [];
  const reason = decision.reason?.trim() ?? "";
  if (reason.length > DECISION_REASON_MAX) problems.push({ field: "reason", code: "too_long", max: DECISION_REASON_MAX });
  switch (decision.code) {
    case "IA":
      if (decision.qty !== null && decision.qty !== line.qty) problems.push({ field: "qty", code: "changed" });
      if (decision.arrivalDate !== null && decision.arrivalDate !== line.arrivalDate)
        problems.push({ field: "arrivalDate", code: "changed" });
      break;
    case "IQ":
      if (decision.qty === null || !Number.isFinite(decision.qty)) problems.push({ field: "qty", code: "required" });
      else if (decision.qty <= 0) problems.push({ field: "qty", code: "not_positive" });
      else if (decision.qty > DECISION_QTY_MAX) problems.push({ field: "qty", code: "too_large", max: DECISION_QTY_MAX });
      else if (!hasAtMostDecimals(decision.qty, DECISION_QTY_DECIMALS)) problems.push({ field: "qty", code: "too_precise" });
      else if (decision.qty === line.qty) problems.push({ field: "qty", code: "unchanged" });
      if (decision.arrivalDate !== null && decision.arrivalDate !== line.arrivalDate)
        problems.push({ field: "arrivalDate", code: "changed" });
      if (!reason) problems.push({ field: "reason", code: "required" });
      break;
    case "DR":
      if (decision.arrivalDate === null || decision.arrivalDate === "") problems.push({ field: "arrivalDate", code: "required" });
      else if (!isCalendarDay(decision.arrivalDate)) problems.push({ field: "arrivalDate", code: "invalid_date" });
      else if (decision.arrivalDate === line.arrivalDate) problems.push({ field: "arrivalDate", code: "unchanged" });
      else if (decision.arrivalDate < line.shipDate) problems.push({ field: "arrivalDate", code: "before_ship_date" });
      else if (decision.arrivalDate > addDaysTo(line.shipDate, DECISION_MAX_TRANSIT_DAYS)) {
        problems.push({ field: "arrivalDate", code: "too_late", max: addDaysTo(line.shipDate, DECISION_MAX_TRANSIT_DAYS) });
      }
      if (decision.qty !== null && decision.qty !== line.qty) problems.push({ field: "qty", code: "changed" });
      if (!reason) problems.push({ field: "reason", code: "required" });
      break;
    case "IR":
      if (!reason) problems.push({ field: "reason", code: "required" });
      break;
    default:
      problems.push({ field: "code", code: "required" });
  }
  return problems;
}

/** The decision a checked input stands for: what is accepted, and when. */
export function resolveLineDecision(
  code: LineDecisionCode,
  input: { qty: number | null; arrivalDate: string | null; reason: string | null },
  line: DecidedLine,
): LineDecision {
  const reason = input.reason?.trim() || null;
  switch (code) {
    case "IQ":
      return { code, qty: input.qty ?? line.qty, arrivalDate: line.arrivalDate, reason };
    case "DR":
      return { code, qty: line.qty, arrivalDate: input.arrivalDate ?? line.arrivalDate, reason };
    case "IR":
      return { code, qty: 0, arrivalDate: line.arrivalDate, reason };
    default:
      return { code, qty: line.qty, arrivalDate: line.arrivalDate, reason };
  }
}

/**
 * Where a completed step takes the plan: to the next step of its route (in review, for the
 * manager), or to its final status with the EDI 855 header code:
 * - every line rejected → rejected, RD;
 * - some rejected → partially approved, AC;
 * - none rejected → approved: AD when every line is accepted as submitted, AC otherwise.
 * A step that rejects every line ends the plan at once: there is nothing left for a next step.
 */
export function stepOutcome(
  steps: readonly ApprovalStep[],
  decidedStep: ApprovalStep,
  codes: readonly LineDecisionCode[],
): { status: "in_review" } | { status: "approved" | "partially_approved" | "rejected"; decisionCode: PlanDecisionCode } {
  const rejected = codes.filter((c) => c === "IR").length;
  const allRejected = codes.length > 0 && rejected === codes.length;
  const next = steps.indexOf(decidedStep) + 1;
  if (!allRejected && next > 0 && next < steps.length) return { status: "in_review" };
  if (allRejected) return { status: "rejected", decisionCode: "RD" };
  if (rejected > 0) return { status: "partially_approved", decisionCode: "AC" };
  return { status: "approved", decisionCode: codes.every((c) => c === "IA") ? "AD" : "AC" };
}
