import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { overdueUntold } from "~/models/shipment-notices.server";
import { SHIPMENT_ENTITY } from "~/models/shipments.server";
import { SHIPMENT_AUDIT } from "./common.server";
import { notifyNotice } from "./notify.server";

/** The most notices one check tells of in a tenant; the next check takes the rest. */
const OVERDUE_BATCH = 200;

/**
 * Tells the company's buyers and the supplier's people of each shipping notice whose expected
 * arrival has passed (by the tenant's `today`) with a line still in transit, once per notice: the
 * audit row `shipment.overdue` written in the same transaction is the mark that it was told, so
 * two instances checking at once tell once (the second finds the mark or waits on the first's
 * inbox rows) and a notice corrected to a later arrival is not told again. Runs for no one in
 * particular (the scheduler). Returns how many notices were told of.
 */
export async function notifyOverdueNotices(db: Database, tenantId: string, today: string): Promise<number> {
  const scope: TenantScope = { tenantId, supplierId: null, userId: null };
  return withTenant(db, scope, async (tx) => {
    const notices = await overdueUntold(tx, scope, today, SHIPMENT_AUDIT.overdue, OVERDUE_BATCH);
    for (const n of notices) {
      await recordAudit(tx, {
        tenantId,
        supplierId: n.supplierId,
        actorUserId: null,
        action: SHIPMENT_AUDIT.overdue,
        entityType: SHIPMENT_ENTITY,
        entityId: n.firstShipmentId,
        after: { asnNumber: n.asnNumber, expectedArrival: n.firstArrival, today },
      });
      await notifyNotice(tx, scope, {
        kind: "shipment.overdue",
        supplierId: n.supplierId,
        asnNumber: n.asnNumber,
        shipmentId: n.firstShipmentId,
        planNumber: n.planNumber,
        lines: n.lines,
        expectedArrival: n.firstArrival,
      });
    }
    return notices.length;
  });
}
