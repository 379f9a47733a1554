import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import type { Tx } from "@db/client";
import { planLineImpacts, statusAwaiting, urgencies, type Urgency } from "~/core";
import { listInventory } from "~/models/inventory.server";
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
  /**
   * The plan's worst problem by its agreements' urgency (the inventory list's: what is coming
   * counted, the waiting plan not): the most urgent one and how many of its agreements have it.
   * Null when none of them has stock data.
   */
  worst: { urgency: Urgency; agreements: number } | null;
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
    const today = options.today ?? todayIn(clock.timeZone);
    const urgencyOf = await urgencyByAgreement(tx, scope, rows, today, clock.horizonDays);
    const context = await loadPlanningContext(tx, scope, {
      today,
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
      const agreements = new Set((byPlan.get(row.id) ?? []).map((l) => l.agreementId));
      return {
        ...row,
        stockoutLines: impacts.filter((i) => i.stockoutDate !== null).length,
        aboveMaxLines: impacts.filter((i) => i.aboveMaxDate !== null).length,
        worst: worstUrgency([...agreements].map((id) => urgencyOf.get(id) ?? null)),
      };
    });
  });
}

/** The urgency of the queue's agreements, as the inventory list judges it (one query per supplier in the queue). */
async function urgencyByAgreement(
  tx: Tx,
  scope: TenantScope,
  rows: readonly ApprovalQueueRow[],
  today: string,
  horizonDays: number,
): Promise<Map<string, Urgency | null>> {
  const byAgreement = new Map<string, Urgency | null>();
  for (const supplierId of new Set(rows.map((r) => r.supplierId))) {
    const { rows: listed } = await listInventory(tx, scope, { supplierId, today, horizonDays, page: 1, pageSize: null });
    for (const r of listed) byAgreement.set(r.agreementId, r.urgency);
  }
  return byAgreement;
}

/** The most urgent of the agreements' urgencies (act now, then plan needed, covered, ok) and how many share it. */
export function worstUrgency(values: readonly (Urgency | null)[]): { urgency: Urgency; agreements: number } | null {
  const known = values.filter((u): u is Urgency => u !== null);
  if (known.length === 0) return null;
  const urgency = known.reduce((a, b) => (urgencies.indexOf(b) < urgencies.indexOf(a) ? b : a));
  return { urgency, agreements: known.filter((u) => u === urgency).length };
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
