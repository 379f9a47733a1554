import { withTenant } from "@db/scope";
import { proposalReasons, smallestOrderable, type ProposalHorizon } from "~/core";
import { listPlans } from "~/models/plans/read.server";
import type { Membership } from "~/services/auth/guards.server";
import { addDays } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { type BuilderLineValues, urgencyByAgreement } from "./builder-lines";
import { proposePlan } from "./propose.server";

/**
 * The builder for a new plan: the core's proposal within `horizon` as editable lines (only the
 * agreement's when `agreementId` is given, its smallest order when the proposal leaves it alone),
 * each line that breaks a plan rule with why (its reason prefilled), the context the browser
 * checks and projects them in, each agreement's urgency, and how many of the supplier's plans
 * await a decision (their lines are not inbound yet, so the proposal does not count them).
 *
 * @throws AppError forbidden without a supplier scope
 */
export async function openNewPlanBuilder(
  membership: Membership,
  options: { agreementId?: string | null; horizon?: ProposalHorizon } = {},
) {
  const db = getDb();
  const { scope } = membership;
  const horizon = options.horizon ?? "now";
  const proposal = await proposePlan(db, scope, { horizon });
  const pending = await withTenant(db, scope, (tx) =>
    listPlans(tx, scope, { status: ["submitted", "in_review"], page: 1, pageSize: 1 }),
  );
  const only = options.agreementId || null;
  const proposed = proposal.lines.filter((l) => !only || l.agreementId === only);
  const quantities = proposed.map((l) => l.qty);
  const lines: BuilderLineValues[] = proposed.map((l) => ({
    agreementId: l.agreementId,
    qty: String(l.qty),
    shipDate: l.shipDate,
    arrivalDate: l.arrivalDate,
    reason: "",
    proposedQty: l.proposedQty,
    exceedsMaxCause: l.exceedsMaxCause,
  }));
  const chosen = only ? proposal.context.agreements.find((a) => a.agreementId === only && a.status !== "ended") : undefined;
  if (chosen && lines.length === 0) {
    lines.push({
      agreementId: chosen.agreementId,
      qty: String(smallestOrderable(chosen.moq, chosen.packSize)),
      shipDate: proposal.today,
      arrivalDate: addDays(proposal.today, Math.ceil(chosen.leadTimeDays)),
      reason: "",
      proposedQty: null,
      exceedsMaxCause: null,
    });
  }
  // The proposal passes its own checks: a line that breaks a rule says why from the start.
  const facts = lines.map((l, i) => ({
    line: i + 1,
    agreementId: l.agreementId,
    qty: i < quantities.length ? quantities[i] : chosen ? smallestOrderable(chosen.moq, chosen.packSize) : 0,
    arrivalDate: l.arrivalDate,
    hasReason: false,
    exceedsMaxCause: l.exceedsMaxCause,
  }));
  for (const r of proposalReasons(facts, proposal.context)) lines[r.line - 1].reasonPrefill = { code: r.code, params: r.params };
  return {
    context: proposal.context,
    lines,
    horizon: proposal.horizon,
    urgency: urgencyByAgreement(proposal.context),
    proposedCount: proposal.lines.length,
    pendingPlans: pending.total,
  };
}
