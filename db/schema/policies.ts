import { sql, type SQL } from "drizzle-orm";
import { pgPolicy } from "drizzle-orm/pg-core";

/**
 * Row-level security predicates. Every request sets these settings with set_config(…, true)
 * inside its own transaction (see db/tenant-scope.ts). current_setting(…, true) yields '' once a
 * transaction that set it has ended, and ''::uuid raises, hence nullif everywhere.
 */
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;
export const currentSupplier = sql`nullif(current_setting('app.supplier_id', true), '')::uuid`;
export const currentUser = sql`nullif(current_setting('app.user_id', true), '')::uuid`;

export const tenantMatches = sql`tenant_id = ${currentTenant}`;
/** Buyer roles run with no supplier scope and see every supplier; a supplier sees its own rows. */
export const supplierMatches = sql`(${currentSupplier} is null or supplier_id = ${currentSupplier})`;

/** A table owned by the tenant as a whole (items, sites, suppliers' master data…). */
export function tenantPolicy(table: string) {
  return pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    using: tenantMatches,
    withCheck: tenantMatches,
  });
}

/** A table whose rows belong to one supplier within the tenant. */
export function supplierPolicy(table: string) {
  const both: SQL = sql`${tenantMatches} and ${supplierMatches}`;
  return pgPolicy(`${table}_supplier_isolation`, {
    as: "permissive",
    for: "all",
    using: both,
    withCheck: both,
  });
}
