import { withTenant } from "@db/scope";
import { listOpenAlerts } from "~/models/alert-summaries.server";
import type { Membership } from "~/services/auth/guards.server";
import { todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/responses.server";
import { HOME_ALERTS } from "./supplier-home.server";

export type { OpenAlertList, OpenAlertSummary } from "~/models/alert-summaries.server";

/** The roles whose start page this is; administrators start on the inventory. */
export const BUYER_HOME_ROLES = ["buyer", "manager"] as const;

/**
 * A buyer's or a manager's start page: the open alerts and to-dos, those assigned to the member
 * first, then the most urgent (critical first, to-dos by due date); then how many plans wait for
 * the member's approval step. Alerts do not move the tenant's data version, so they are read
 * fresh on every visit rather than from the page cache.
 */
export async function loadBuyerHome(membership: Membership) {
  if (!(BUYER_HOME_ROLES as readonly string[]).includes(membership.role)) throw notFound();
  const today = todayIn(membership.tenant.timezone);
  const scope = membership.scope;
  const alerts = await withTenant(getDb(), scope, (tx) =>
    listOpenAlerts(tx, scope, { today, userId: membership.user.id, mineFirst: true, limit: HOME_ALERTS }),
  );
  return {
    tenantName: membership.tenant.name,
    today,
    alerts,
    // The session's count, the one the navigation shows beside the approval queue.
    awaiting: membership.counts?.awaiting ?? 0,
  };
}
