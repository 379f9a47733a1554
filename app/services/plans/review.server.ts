import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { getPlan, type PlanDetail } from "~/models/plans/read.server";
import { getTenantSettings } from "~/models/tenants.server";
import { todayIn } from "~/utils/dates";
import { reviewLines, type LineReview } from "./review-lines";

export { effective, type LineReview } from "./review-lines";

export interface PlanReview {
  today: string;
  holdingRate: number;
  lines: LineReview[];
  totals: { value: number; holdingCost: number };
}

/**
 * A plan with, for a reviewer on the buyer's side, each current line's agreement facts, its
 * projection with and without it, its value and its holding-cost impact (app/core
 * lineHoldingImpact at the tenant's holding rate). Suppliers get the plan without the review.
 * Null when the plan is not visible to the scope.
 */
export async function loadPlanForReview(
  db: Database,
  scope: TenantScope,
  planId: string,
): Promise<{ detail: PlanDetail; review: PlanReview | null } | null> {
  return withTenant(db, scope, async (tx) => {
    const found = await getPlan(tx, scope, planId);
    if (!found) return null;
    const detail = scope.supplierId ? withoutInternalSteps(found) : found;
    if (scope.supplierId || detail.lines.length === 0) return { detail, review: null };
    const [clock, settings] = await Promise.all([getPlanningClock(tx, scope), getTenantSettings(tx, scope)]);
    const today = todayIn(clock.timeZone);
    const context = await loadPlanningContext(tx, scope, {
      today,
      horizonDays: clock.horizonDays,
      agreementIds: detail.lines.map((l) => l.agreementId),
      excludePlanId: detail.plan.id,
    });
    const lines = reviewLines(detail.lines, context, settings.holdingRate);
    return {
      detail,
      review: {
        today,
        holdingRate: settings.holdingRate,
        lines,
        totals: {
          value: lines.reduce((s, l) => s + l.value, 0),
          holdingCost: round2(lines.reduce((s, l) => s + l.holdingCost, 0)),
        },
      },
    };
  });
}

/**
 * What a supplier sees of the approval: the final decision, not the steps on the way. While the
 * plan waits for a later step its lines show no decision, and a step's line decisions are not in
 * the timeline (the buyer's reasons may be meant for the manager only).
 */
function withoutInternalSteps(detail: PlanDetail): PlanDetail {
  const undecided = <T extends PlanDetail["lines"][number]>(l: T): T =>
    l.status === "pending" ? { ...l, decisionCode: null, approvedQty: null, approvedArrivalDate: null, decisionReason: null } : l;
  return {
    ...detail,
    lines: detail.lines.map(undecided),
    allLines: detail.allLines.map(undecided),
    // A selection's decision is the step's work in progress: not the supplier's to see.
    events: detail.events
      .filter((e) => e.action !== "lines_decided")
      .map((e) => (e.action === "step_decided" ? { ...e, details: null, comment: null } : e)),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
