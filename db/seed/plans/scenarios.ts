import { PLAN_AUDIT } from "../../../app/services/plans/common.server";
import type { PlanStatus } from "../../schema";

/**
 * What happens to each demo plan: the transitions the plan services make (and the status and
 * audit action of each), and the scenarios every supplier with a demo sign-in plays, placed in
 * time relative to today.
 */

/**
 * Timeline actions: the supplier's, the buyer's step of a two-step route (`step_decided`: in
 * review, waiting for the manager), requests for changes and final decisions.
 */
export type PlanAction =
  | "created"
  | "submitted"
  | "resubmitted"
  | "step_decided"
  | "changes_requested"
  | "revised"
  | "withdrawn"
  | "approved"
  | "partially_approved"
  | "rejected";

/** Audit action of each transition: the plan services' (PLAN_AUDIT), then the buyer's side. */
export const PLAN_AUDIT_ACTIONS: Readonly<Record<PlanAction, string>> = {
  created: PLAN_AUDIT.create,
  submitted: PLAN_AUDIT.submit,
  resubmitted: PLAN_AUDIT.submit,
  withdrawn: PLAN_AUDIT.withdraw,
  changes_requested: PLAN_AUDIT.requestChanges,
  revised: PLAN_AUDIT.revise,
  step_decided: "plan.decide_step",
  approved: "plan.approve",
  partially_approved: "plan.partially_approve",
  rejected: "plan.reject",
};

/** The status each transition leads to. */
export const PLAN_ACTION_STATUS: Readonly<Record<PlanAction, PlanStatus>> = {
  created: "draft",
  submitted: "submitted",
  resubmitted: "submitted",
  step_decided: "in_review",
  changes_requested: "changes_requested",
  revised: "draft",
  withdrawn: "withdrawn",
  approved: "approved",
  partially_approved: "partially_approved",
  rejected: "rejected",
};

export const DECISIONS: readonly PlanAction[] = ["approved", "partially_approved", "rejected"];
export const SUPPLIER_ACTIONS: readonly PlanAction[] = ["created", "submitted", "resubmitted", "revised", "withdrawn"];

export interface Scenario {
  /** Stable name: part of every id and random stream of the plan. */
  key: string;
  /** Days before today of the last transition. */
  daysAgo: number;
  steps: readonly PlanAction[];
  /**
   * Routed to a buyer, then a manager (it has an A-class line): the buyer decides its step
   * (`step_decided`), the manager decides the plan. Otherwise routed to a buyer alone (no A-class
   * line, some line outside CX/CY, value under the manager threshold).
   */
  manager?: boolean;
  /**
   * How the buyer decides its step of a two-step route: every line as submitted (the default),
   * one line changed, or mixed (changes and rejections).
   */
  buyer?: "accept" | "change" | "mixed";
  /** Its first line ships yesterday, so it is in transit today whatever the lead time. */
  inTransit?: boolean;
  /** How many lines (distinct agreements) version 1 has; 2 to 6 when absent. */
  lines?: readonly [number, number];
}

/**
 * Every supplier's plan history, oldest decisions first. Per supplier: 3 drafts (2 never
 * submitted), 2 submitted, 2 in review, 7 approved, 3 partially approved, 2 rejected, 2 changes
 * requested, 2 withdrawn; five of them reach version 2. Six go to a manager: two wait for the
 * manager's step; the manager approves two (one with the buyer's change: AC), approves part of
 * one and rejects one after the buyer accepted it.
 */
export const PLAN_SCENARIOS: readonly Scenario[] = [
  { key: "approved-1", daysAgo: 150, steps: ["submitted", "approved"] },
  { key: "partial-1", daysAgo: 138, steps: ["submitted", "partially_approved"], lines: [3, 6] },
  { key: "rejected-1", daysAgo: 128, steps: ["submitted", "rejected"] },
  { key: "approved-2", daysAgo: 118, steps: ["submitted", "step_decided", "approved"], manager: true },
  { key: "withdrawn-1", daysAgo: 97, steps: ["submitted", "withdrawn"] },
  { key: "approved-3", daysAgo: 82, steps: ["created", "submitted", "changes_requested", "revised", "resubmitted", "approved"] },
  {
    key: "partial-2",
    daysAgo: 68,
    steps: ["created", "submitted", "step_decided", "partially_approved"],
    manager: true,
    lines: [3, 6],
  },
  { key: "approved-4", daysAgo: 52, steps: ["created", "submitted", "approved"] },
  { key: "rejected-2", daysAgo: 40, steps: ["submitted", "step_decided", "rejected"], manager: true, buyer: "change" },
  { key: "withdrawn-2", daysAgo: 31, steps: ["created", "submitted", "withdrawn"] },
  { key: "approved-5", daysAgo: 25, steps: ["submitted", "step_decided", "approved"], manager: true, buyer: "change" },
  { key: "changes-1", daysAgo: 18, steps: ["submitted", "changes_requested", "revised", "resubmitted", "changes_requested"] },
  { key: "partial-3", daysAgo: 15, steps: ["submitted", "partially_approved"], lines: [3, 6] },
  { key: "approved-6", daysAgo: 11, steps: ["submitted", "approved"] },
  { key: "changes-2", daysAgo: 7, steps: ["submitted", "changes_requested"] },
  { key: "approved-7", daysAgo: 4, steps: ["submitted", "approved"], inTransit: true },
  { key: "review-1", daysAgo: 3, steps: ["submitted", "step_decided"], manager: true, buyer: "mixed", lines: [3, 6] },
  { key: "draft-revised", daysAgo: 3, steps: ["submitted", "changes_requested", "revised"] },
  { key: "review-2", daysAgo: 2, steps: ["created", "submitted", "step_decided"], manager: true },
  { key: "submitted-1", daysAgo: 2, steps: ["submitted"] },
  { key: "draft-1", daysAgo: 2, steps: ["created"] },
  { key: "submitted-2", daysAgo: 1, steps: ["submitted", "changes_requested", "revised", "resubmitted"] },
  { key: "draft-2", daysAgo: 1, steps: ["created"], lines: [1, 3] },
];

/**
 * The transitions a scenario makes in a tenant. Without a manager to decide the second step, a
 * manager scenario that ends in a decision is played as a buyer's plan (no step, no A-class line);
 * those that wait in review keep their two-step route (they wait for a manager to be appointed).
 */
export function scenarioActions(scenario: Scenario, hasManager: boolean): readonly PlanAction[] {
  return twoStep(scenario, hasManager) ? scenario.steps : scenario.steps.filter((action) => action !== "step_decided");
}

/** Whether a scenario's plan goes to a buyer, then a manager, in a tenant. */
export function twoStep(scenario: Scenario, hasManager: boolean): boolean {
  return scenario.manager === true && (hasManager || scenario.steps[scenario.steps.length - 1] === "step_decided");
}
