import { withTenant } from "@db/scope";
import { listSuppliers } from "~/models/inventory.server";
import { listNotices, type NoticeStatus } from "~/models/shipment-notices.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";

export interface ShipmentListQuery {
  page: number;
  status?: NoticeStatus;
  overdue: boolean;
  supplier?: string;
}

/**
 * One page of the shipping notices as the member may see them, one row per notice: a supplier
 * its own (the supplier filter is not offered, and ignored), buyer roles every supplier's with
 * the suppliers to filter by.
 */
export async function loadShipmentList(membership: Membership, query: ShipmentListQuery, pageSize: number) {
  const isSupplier = membership.role === "supplier";
  const today = todayIn(membership.tenant.timezone);
  return withTenant(getDb(), membership.scope, async (tx) => ({
    notices: await listNotices(tx, membership.scope, {
      status: query.status,
      overdue: query.overdue,
      supplierId: isSupplier ? undefined : query.supplier,
      today,
      page: query.page,
      pageSize,
    }),
    suppliers: isSupplier ? [] : await listSuppliers(tx, membership.scope),
    isSupplier,
  }));
}
