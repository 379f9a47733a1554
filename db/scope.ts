import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client";
import type { Role } from "./schema";

/** Who a transaction acts for. Built from the session and the URL's membership, never from input. */
export interface TenantScope {
  tenantId: string;
  /** Set for supplier roles: every supplier-owned row is then limited to this supplier. */
  supplierId: string | null;
  userId: string | null;
  /**
   * The membership's role, which row-level security reads to let administrators write people,
   * partners, master data and settings. Absent for work on no one's behalf (recompute, seed
   * tools, tests of reads), which then administers nothing.
   */
  role?: Role | null;
  /** A supplier member who administers its own supplier's people. */
  supplierAdmin?: boolean;
}

/**
 * Runs `work` in one transaction as the app role (no superuser, no BYPASSRLS) with the tenant,
 * supplier and user settings that the row-level security policies read. The settings are
 * transaction-local, so a pooled connection never carries one request's scope into the next.
 */
export function withTenant<T>(db: Database, scope: TenantScope, work: (tx: Tx) => Promise<T>) {
  return asAppRole(db, scope, work);
}

/**
 * As the app role with no tenant: a signed-in user may read only its own memberships and the
 * tenants they point to, and write global rows (sessions, throttling, sign-in audit).
 */
export function withUser<T>(db: Database, userId: string | null, work: (tx: Tx) => Promise<T>) {
  return asAppRole(db, { tenantId: null, supplierId: null, userId }, work);
}

function asAppRole<T>(
  db: Database,
  scope: Omit<TenantScope, "tenantId"> & { tenantId: string | null },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('role', 'vmi_app', true),
      set_config('app.tenant_id', ${scope.tenantId ?? ""}, true),
      set_config('app.supplier_id', ${scope.supplierId ?? ""}, true),
      set_config('app.user_id', ${scope.userId ?? ""}, true),
      set_config('app.role', ${scope.role ?? ""}, true),
      set_config('app.supplier_admin', ${scope.supplierAdmin ? "on" : ""}, true)`);
    return work(tx);
  });
}

/**
 * Within a transaction of withUser(db, null, …): from here on, act as this user (after the session
 * or the password has identified it), so that its own users and sessions rows become visible.
 */
export async function actAsUser(tx: Tx, userId: string) {
  await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`);
}
