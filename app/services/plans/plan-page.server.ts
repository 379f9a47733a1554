import { allowedPlanActions, type PlanWorkflowRole } from "~/core";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { loadPlanForReview } from "./review.server";
import { compactProjection, pageOfLines, type ReviewQuery } from "./review-page";

// The shapes the plan page's components receive, declared once where they are built.
export type { PlanDetail, PlanEventRecord, PlanHeader, PlanLineRecord, PlanRoute } from "~/models/plans/read.server";
export type { LineReview, PlanReview } from "./review.server";
export type { ReviewPaging, ReviewProblem } from "./review-page";

/**
 * What the plan page shows: the plan with one page of its lines (all of them, or those with one
 * problem), its history and timeline, the review of those lines for the buyer's side, and the
 * actions the member's role may take on it now. Null when the plan is not visible to the member
 * (unknown, another supplier's or another tenant's: the page's one 404).
 */
export async function loadPlanPage(membership: Membership, planId: string, query: ReviewQuery = { page: 1, problem: null }) {
  const found = await loadPlanForReview(getDb(), membership.scope, planId);
  if (!found) return null;
  return planPageOf(found, membership.role as PlanWorkflowRole, query);
}

/**
 * The page's data from the plan and its review: the review is worked out for every line (the
 * filters count them, the totals add them up) but only the page's lines are sent, each
 * projection as two series, so that a plan of hundreds of lines is a page of a few hundred
 * kilobytes.
 */
export function planPageOf(
  { detail, review }: NonNullable<Awaited<ReturnType<typeof loadPlanForReview>>>,
  role: PlanWorkflowRole,
  query: ReviewQuery,
) {
  const { lines, paging } = pageOfLines(detail.lines, review?.lines ?? null, query);
  const shown = new Set(lines.map((l) => l.lineNo));
  const position = new Map(detail.lines.map((l, i) => [l.lineNo, i]));
  return {
    ...detail,
    // Each line's place in the plan: the review form's fields are named by it (`lines[57].code`).
    lines: lines.map((l) => ({ ...l, position: position.get(l.lineNo) ?? 0 })),
    // Earlier versions only: the current one is `lines`.
    allLines: detail.allLines.filter((l) => l.version !== detail.plan.version),
    paging,
    review: review ? { ...review, lines: review.lines.filter((l) => shown.has(l.lineNo)).map(compactProjection) } : null,
    actions: allowedPlanActions(role, detail.plan.status),
  };
}
