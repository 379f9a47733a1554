import { withTenant } from "@db/scope";
import { smallestOrderable } from "~/core";
import { listPlans } from "~/models/plans/read.server";
import type { Membership } from "~/services/auth/guards.server";
import { addDays } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import type { BuilderLineValues } from "./builder-lines";
import { proposePlan } from "./propose.server";

/**
 * The builder for a new plan: the core's proposal as editable lines (only the agreement's when
 * `agreementId` is given, its smallest order when the proposal leaves it alone), the context the
 * browser checks and projects them in, and how many of the supplier's plans await a decision
 * (their lines are not inbound yet, so the proposal does not count them).
 *
 * @throws AppError forbidden without a supplier scope
 */
export async function openNewPlanBuilder(membership: Membership, options: { agreementId?: string | null } = {}) {
  const db = getDb();
  const { scope } = membership;
  const proposal = await proposePlan(db, scope);
  const pending = await withTenant(db, scope, (tx) =>
    listPlans(tx, scope, { status: ["submitted", "in_review"], page: 1, pageSize: 1 }),
  );
  const only = options.agreementId || null;
  const lines: BuilderLineValues[] = proposal.lines
    .filter((l) => !only || l.agreementId === only)
    .map((l) => ({
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
  return { context: proposal.context, lines, proposedCount: proposal.lines.length, pendingPlans: pending.total };
}
