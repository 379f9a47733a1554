import { withTenant } from "@db/scope";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { getPlan, type PlanDetail } from "~/models/plans/read.server";
import type { Membership } from "~/services/auth/guards.server";
import { todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { type BuilderLineValues, urgencyByAgreement } from "./builder-lines";
import { movePastShipDates } from "./past-ship-dates";
import { requireSupplier } from "~/services/auth/scope-sides.server";

/** What the buyer's side asked for when it sent the plan back: its comment and the line decisions. */
export interface ChangesAsked {
  version: number;
  comment: string | null;
  role: string | null;
  occurredAt: string | null;
  lines: {
    lineNo: number;
    sku: string;
    siteCode: string;
    qty: number;
    arrivalDate: string;
    decisionCode: string;
    approvedQty: number | null;
    approvedArrivalDate: string | null;
    reason: string | null;
  }[];
}

/**
 * The builder for a draft of the scope's supplier (a new one, or a revision after changes were
 * requested): the plan, its lines as editable text, the context the browser checks and projects
 * them in, and each agreement's urgency. `plan.status` tells the page whether it is still a
 * draft. A revision also gets what was asked of it, and its ship dates already past moved to
 * today (`movedShipDates` says which). Null for a malformed id, no such plan, or another supplier's: the same answer,
 * which confirms nothing.
 *
 * @throws AppError forbidden without a supplier scope
 */
export async function openDraftBuilder(membership: Membership, planId: string) {
  const { scope } = membership;
  requireSupplier(scope, "plan.update");
  if (!isUuid(planId)) return null;
  return withTenant(getDb(), scope, async (tx) => {
    const detail = await getPlan(tx, scope, planId);
    if (!detail) return null;
    const clock = await getPlanningClock(tx, scope);
    const today = todayIn(clock.timeZone);
    const context = await loadPlanningContext(tx, scope, { today, horizonDays: clock.horizonDays });
    const typed: BuilderLineValues[] = detail.lines.map((l) => ({
      agreementId: l.agreementId,
      qty: String(l.qty),
      shipDate: l.shipDate,
      arrivalDate: l.arrivalDate,
      reason: l.reason ?? "",
      proposedQty: l.proposedQty,
      exceedsMaxCause: null,
    }));
    const revision = detail.plan.version > 1 && detail.plan.status === "draft";
    const { lines, moved } = revision ? movePastShipDates(typed, today) : { lines: typed, moved: [] };
    return {
      plan: detail.plan,
      context,
      lines,
      urgency: urgencyByAgreement(context),
      movedShipDates: moved,
      asked: revision ? changesAsked(detail) : null,
    };
  });
}

/**
 * The version before a revision: the comment it was sent back with, and the decisions recorded on
 * its lines. The approval of that version is over, so its line decisions are what the supplier is
 * asked to act on.
 */
export function changesAsked(detail: PlanDetail): ChangesAsked | null {
  const version = detail.plan.version - 1;
  if (version < 1) return null;
  const sentBack = detail.events.filter((e) => e.version === version && e.action === "changes_requested").at(-1);
  const lines = detail.allLines
    .filter((l) => l.version === version && l.decisionCode !== null)
    .map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      siteCode: l.siteCode,
      qty: l.qty,
      arrivalDate: l.arrivalDate,
      decisionCode: l.decisionCode!,
      approvedQty: l.approvedQty,
      approvedArrivalDate: l.approvedArrivalDate,
      reason: l.decisionReason,
    }));
  if (!sentBack && lines.length === 0) return null;
  return {
    version,
    comment: sentBack?.comment ?? null,
    role: sentBack?.actorRole ?? null,
    occurredAt: sentBack?.occurredAt ?? null,
    lines,
  };
}
