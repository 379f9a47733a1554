import { allowedPlanActions, type PlanWorkflowRole } from "~/core";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { loadPlanForReview } from "./review.server";

// The shapes the plan page's components receive, declared once where they are built.
export type { PlanDetail, PlanEventRecord, PlanHeader, PlanLineRecord, PlanRoute } from "~/models/plans/read.server";
export type { LineReview, PlanReview } from "./review.server";

/**
 * What the plan page shows: the plan with its lines, history and timeline, the review for the
 * buyer's side, and the actions the member's role may take on it now. Null when the plan is not
 * visible to the member (unknown, another supplier's or another tenant's: the page's one 404).
 */
export async function loadPlanPage(membership: Membership, planId: string) {
  const found = await loadPlanForReview(getDb(), membership.scope, planId);
  if (!found) return null;
  return {
    ...found.detail,
    review: found.review,
    actions: allowedPlanActions(membership.role as PlanWorkflowRole, found.detail.plan.status),
  };
}
