import { withTenant } from "@db/scope";
import { listInventory } from "~/models/inventory.server";
import { listPlans } from "~/models/plans/read.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

/**
 * A supplier's start page: every agreement that needs a plan, most urgent first (act now: out
 * before a shipment sent today could arrive; then plan needed), each by its earliest stockout;
 * and its plans waiting for it (drafts, changes requested). What is coming already covers is
 * not listed.
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
  return { tenantName: membership.tenant.name, today, ...data };
}
