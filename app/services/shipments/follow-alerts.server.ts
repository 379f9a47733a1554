import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { noticeAgreementIds } from "~/models/shipments.server";
import { evaluateAfterWrite } from "~/services/alerts/evaluate.server";

/**
 * The alerts follow a notice at once (recorded, corrected, cancelled or received): those of its
 * agreements are evaluated again, so that an overdue shipment received or a stockout a notice
 * covers closes without waiting for the next scheduled evaluation. After the notice's own
 * transaction has committed; a failure is logged, not thrown.
 */
export async function alertsFollowNotice(db: Database, scope: TenantScope, shipmentId: string): Promise<void> {
  const agreementIds = await withTenant(db, scope, (tx) => noticeAgreementIds(tx, scope, shipmentId));
  if (agreementIds.length > 0) await evaluateAfterWrite(db, scope.tenantId, agreementIds, "shipment");
}
