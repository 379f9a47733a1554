import { withTenant } from "@db/scope";
import { listOpenAlerts } from "~/models/alert-summaries.server";
import { listInventory } from "~/models/inventory.server";
import { listPlans } from "~/models/plans/read.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

export type { OpenAlertList, OpenAlertSummary } from "~/models/alert-summaries.server";

/** Open alerts a start page lists; a link leads to all of them. */
export const HOME_ALERTS = 10;

/**
 * A supplier's start page: its own open alerts and to-dos, most urgent first (critical first,
 * to-dos by due date); every agreement that needs a plan, most urgent first (act now: out before
 * a shipment sent today could arrive; then plan needed), each by its earliest stockout; and its
 * plans waiting for it (drafts, changes requested). What is coming already covers is not listed.
 * Alerts do not move the tenant's data version, so they are read fresh, beside the cached rest.
 */
export async function loadSupplierHome(membership: Membership) {
  const today = todayIn(membership.tenant.timezone);
  const scope = membership.scope;
  const data = await cachedForTenant(scope, membership.dataVersion, `home|${today}`, () =>
    withTenant(getDb(), scope, async (tx) => {
      const settings = await getTenantSettings(tx, scope);
      const attention = await listInventory(tx, scope, {
        needsPlan: true,
        sort: "urgency",
        direction: "asc",
        today,
        horizonDays: settings.horizonDays,
        page: 1,
        // Every row: the counters above the table count them all.
        pageSize: null,
      });
      const plans = await listPlans(tx, scope, { status: ["draft", "changes_requested"], page: 1, pageSize: 50 });
      return { attention, plans };
    }),
  );
  const alerts = await withTenant(getDb(), scope, (tx) =>
    listOpenAlerts(tx, scope, { today, userId: membership.user.id, limit: HOME_ALERTS }),
  );
  return { tenantName: membership.tenant.name, today, alerts, ...data };
}
