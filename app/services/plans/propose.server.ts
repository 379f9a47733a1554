import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  dayNumber,
  isoDate,
  proposalWindowDays,
  proposeReplenishment,
  startingOnHand,
  type ProposalHorizon,
  type PlanningAgreement,
  type PlanningContext,
  type Receipt,
} from "~/core";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { todayIn } from "~/utils/dates";
import { requireSupplier } from "~/services/auth/scope-sides.server";

/** A line of the core's proposal, ready to become a plan line input. */
export interface ProposedPlanLine {
  agreementId: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  /** What the core proposed (stored with the line, so a buyer sees what the supplier changed). */
  proposedQty: number;
  reason: null;
  /** Even the smallest orderable quantity lifts stock above max: submission will need a reason. */
  exceedsMax: boolean;
  /** Why: the MOQ, or a pack larger than the room under max. */
  exceedsMaxCause: "moq" | "pack-size" | null;
}

export interface PlanProposal {
  today: string;
  horizonDays: number;
  /** How far ahead the lines reach (see `proposalWindowDays`). */
  horizon: ProposalHorizon;
  /** By SKU, site, then ship date. */
  lines: ProposedPlanLine[];
  /** The context the lines were computed from, for the builder's live checks and projections. */
  context: PlanningContext;
}

/**
 * The core's proposal for every active agreement of the supplier that needs stock within the
 * horizon (tenant setting horizonDays): stock at the start of today, the forecast, in-transit
 * shipments and accepted lines of decided plans, the band, lead time, MOQ and pack size. Only
 * the lines arriving within `horizon` are kept (default `8w`, every line of an 8-week horizon;
 * the builder asks for `now`, what must be decided today).
 *
 * @throws AppError forbidden without a supplier scope (buyer roles do not plan as a supplier)
 */
export async function proposePlan(
  db: Database,
  scope: TenantScope,
  options: { today?: string; horizon?: ProposalHorizon } = {},
): Promise<PlanProposal> {
  requireSupplier(scope, "plan.propose");
  return withTenant(db, scope, async (tx) => {
    const clock = await getPlanningClock(tx, scope);
    const today = options.today ?? todayIn(clock.timeZone);
    const context = await loadPlanningContext(tx, scope, { today, horizonDays: clock.horizonDays });
    const horizon = options.horizon ?? "8w";
    const start = dayNumber(today);
    const lines = context.agreements
      .filter((a) => a.status === "active")
      .flatMap((a) => {
        const window = proposalWindowDays(a, horizon, context.horizonDays);
        return proposeFor(a, context).filter((l) => dayNumber(l.arrivalDate) - start < window);
      });
    return { today, horizonDays: clock.horizonDays, horizon, lines, context };
  });
}

/** The proposal for one agreement (pure; exported for tests). */
export function proposeFor(agreement: PlanningAgreement, context: PlanningContext): ProposedPlanLine[] {
  const start = dayNumber(context.today);
  const receipts: Receipt[] = agreement.inbound
    .filter((r) => r.qty > 0)
    .map((r) => ({ day: Math.max(0, dayNumber(r.date) - start), quantity: r.qty }));
  const proposal = proposeReplenishment({
    onHand: startingOnHand(agreement, context.today),
    demand: agreement.forecastDaily,
    days: context.horizonDays,
    receipts,
    min: agreement.min,
    max: agreement.max,
    leadTime: agreement.leadTimeDays,
    moq: agreement.moq,
    packSize: agreement.packSize,
  });
  return proposal.lines.map((l) => ({
    agreementId: agreement.agreementId,
    qty: l.quantity,
    shipDate: isoDate(start + l.shipDay),
    arrivalDate: isoDate(start + l.arrivalDay),
    proposedQty: l.quantity,
    reason: null,
    exceedsMax: l.exceedsMax,
    exceedsMaxCause: l.reason,
  }));
}
