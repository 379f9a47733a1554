import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { planLineImpacts, statusAwaiting } from "~/core";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { listApprovalQueue, listLinesOfPlans, type ApprovalQueueRow } from "~/models/plans/queue.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { effective } from "./review.server";

export interface ApprovalQueueEntry extends ApprovalQueueRow {
  /** Lines that leave a stockout / lift projected stock above max, projected today. */
  stockoutLines: number;
  aboveMaxLines: number;
}

/**
 * The plans waiting for a step (buyer: submitted; manager: in review), oldest first, each with
 * what its lines do to projected stock today — how many leave a stockout, how many lift stock
 * above max — with the lines as the review page projects them (as an earlier step decided them).
 * One planning context serves the whole queue (waiting plans are not inbound, so no plan's own
 * lines need leaving out).
 */
export async function loadApprovalQueue(
  db: Database,
  scope: TenantScope,
  status: "submitted" | "in_review",
  options: { today?: string } = {},
): Promise<ApprovalQueueEntry[]> {
  return withTenant(db, scope, async (tx) => {
    const rows = await listApprovalQueue(tx, scope, status);
    if (rows.length === 0) return [];
    const lines = await listLinesOfPlans(
      tx,
      scope,
      rows.map((r) => r.id),
    );
    const clock = await getPlanningClock(tx, scope);
    const context = await loadPlanningContext(tx, scope, {
      today: options.today ?? todayIn(clock.timeZone),
      horizonDays: clock.horizonDays,
      agreementIds: lines.map((l) => l.agreementId),
    });
    const byPlan = new Map<string, typeof lines>();
    for (const l of lines) byPlan.set(l.planId, [...(byPlan.get(l.planId) ?? []), l]);
    return rows.map((row) => {
      const impacts = planLineImpacts(
        (byPlan.get(row.id) ?? []).map((l) => ({ line: l.lineNo, agreementId: l.agreementId, ...effective(l) })),
        context,
      );
      return {
        ...row,
        stockoutLines: impacts.filter((i) => i.stockoutDate !== null).length,
        aboveMaxLines: impacts.filter((i) => i.aboveMaxDate !== null).length,
      };
    });
  });
}

/**
 * The approval queue of the member's role: submitted plans for buyers, plans in review for
 * managers; null for a role that decides no step.
 */
export async function loadApprovalsPage(membership: Membership): Promise<ApprovalQueueEntry[] | null> {
  const status = statusAwaiting(membership.role);
  if (!status) return null;
  return loadApprovalQueue(getDb(), membership.scope, status);
}
