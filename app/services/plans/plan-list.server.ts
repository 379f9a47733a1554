import { withTenant } from "@db/scope";
import { listSuppliers } from "~/models/inventory.server";
import { listPlans, type PlanStatus } from "~/models/plans/read.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";

export interface PlanListQuery {
  page: number;
  status?: PlanStatus;
  supplier?: string;
  from?: string;
  to?: string;
}

/**
 * One page of the plan list, newest first: a supplier's own plans, or for the buyer's side every
 * supplier's (or one supplier's), with the suppliers to filter by.
 */
export async function loadPlanList(membership: Membership, query: PlanListQuery, pageSize: number) {
  const isSupplier = membership.role === "supplier";
  return withTenant(getDb(), membership.scope, async (tx) => ({
    plans: await listPlans(tx, membership.scope, {
      status: query.status,
      supplierId: isSupplier ? undefined : query.supplier,
      from: query.from,
      to: query.to,
      page: query.page,
      pageSize,
    }),
    suppliers: isSupplier ? [] : await listSuppliers(tx, membership.scope),
  }));
}
