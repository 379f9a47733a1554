import type { DatabaseHandle } from "../../../db/client";
import { migrate } from "../../../db/migrate";
import { withTenant } from "../../../db/scope";
import { seedDemo } from "../../../db/seed";
import { getMetricsTenant, listMetricsAgreements, listTenantsAsOwner, weeklyDemand } from "../../../app/models/metrics.server";
import { addDays, todayIn } from "../../../app/utils/dates";

/**
 * The demo tenants' own weekly series, read the way the metrics recompute reads them: the demo
 * seeded into the given (empty) database, then per tenant `historyWeeks` complete weeks ending
 * yesterday (the tenant's), one series per active agreement, with its item and site so that a
 * forecast may borrow a seasonal profile from the same item at the other sites.
 */
export interface DemoSeries {
  tenant: string;
  agreementId: string;
  itemId: string;
  locationId: string;
  leadTimeDays: number;
  weekly: number[];
}

export async function demoSeries(handle: DatabaseHandle): Promise<DemoSeries[]> {
  await migrate(handle);
  await seedDemo(handle);
  const out: DemoSeries[] = [];
  for (const ref of await listTenantsAsOwner(handle.db)) {
    const scope = { tenantId: ref.id, supplierId: null, userId: null };
    await withTenant(handle.db, scope, async (tx) => {
      const tenant = await getMetricsTenant(tx, scope);
      const asOf = addDays(todayIn(tenant.timezone, new Date()), -1);
      const agreements = await listMetricsAgreements(tx, scope, asOf);
      const weekly = await weeklyDemand(tx, scope, asOf, tenant.settings.historyWeeks);
      for (const a of agreements) {
        const series = weekly.get(a.agreementId);
        if (!series) continue;
        out.push({
          tenant: tenant.slug,
          agreementId: a.agreementId,
          itemId: a.itemId,
          locationId: a.locationId,
          leadTimeDays: a.leadTimeDays,
          weekly: Array.from(series),
        });
      }
    });
  }
  return out;
}
