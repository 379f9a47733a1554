import { withTenant } from "@db/scope";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { getPlan } from "~/models/plans/read.server";
import type { Membership } from "~/services/auth/guards.server";
import { todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import type { BuilderLineValues } from "./builder-lines";
import { requireSupplier } from "~/services/auth/scope-sides.server";

/**
 * The builder for a draft of the scope's supplier (a new one, or a revision after changes were
 * requested): the plan, its lines as editable text, and the context the browser checks and
 * projects them in. `plan.status` tells the page whether it is still a draft. Null for a
 * malformed id, no such plan, or another supplier's: the same answer, which confirms nothing.
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
    const context = await loadPlanningContext(tx, scope, { today: todayIn(clock.timeZone), horizonDays: clock.horizonDays });
    const lines: BuilderLineValues[] = detail.lines.map((l) => ({
      agreementId: l.agreementId,
      qty: String(l.qty),
      shipDate: l.shipDate,
      arrivalDate: l.arrivalDate,
      reason: l.reason ?? "",
      proposedQty: l.proposedQty,
      exceedsMaxCause: null,
    }));
    return { plan: detail.plan, context, lines };
  });
}
