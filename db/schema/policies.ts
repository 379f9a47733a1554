import { sql, type SQL } from "drizzle-orm";
import { pgPolicy } from "drizzle-orm/pg-core";

/**
 * Row-level security predicates. Every request sets these settings with set_config(…, true)
 * inside its own transaction (see db/scope.ts). current_setting(…, true) yields '' once a
 * transaction that set it has ended, and ''::uuid raises, hence nullif everywhere.
 */
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;
export const currentSupplier = sql`nullif(current_setting('app.supplier_id', true), '')::uuid`;
export const currentUser = sql`nullif(current_setting('app.user_id', true), '')::uuid`;
/**
 * The membership's role ('admin' | 'manager' | 'buyer' | 'supplier'), set with the tenant from the
 * same membership; empty for work done on no one's behalf (recompute, seed), which then may not
 * administer anything.
 */
export const currentRole = sql`nullif(current_setting('app.role', true), '')`;
/** A tenant administrator: writes people, partners, master data and settings. */
export const isAdmin = sql`${currentRole} = 'admin'`;
/** A supplier member whom its supplier made administrator of its own people. */
export const isSupplierAdmin = sql`(${currentRole} = 'supplier' and current_setting('app.supplier_admin', true) = 'on')`;

export const tenantMatches = sql`tenant_id = ${currentTenant}`;
/** Buyer roles run with no supplier scope and see every supplier; a supplier sees its own rows. */
export const supplierMatches = sql`(${currentSupplier} is null or supplier_id = ${currentSupplier})`;
/** The buyer's side of the tenant (admin, manager, buyer): no supplier scope. */
export const buyerSide = sql`${currentSupplier} is null`;

/**
 * Master data of the tenant (sites…): everyone in the tenant reads it, only the buyer's side
 * writes it.
 */
export function tenantPolicies(table: string, read: SQL = tenantMatches) {
  return [pgPolicy(`${table}_read`, { as: "permissive", for: "select", using: read }), buyerWrites(table)];
}

/**
 * Rows that concern one supplier but belong to the buyer (agreements, daily facts from the ERP,
 * memberships): a supplier reads its own, only the buyer's side writes.
 */
export function supplierReadPolicies(table: string) {
  return tenantPolicies(table, sql`${tenantMatches} and ${supplierMatches}`);
}

/**
 * Master data that only the tenant's administrators write (suppliers, sites, items): everyone in
 * the tenant reads it through `read`.
 */
export function adminPolicies(table: string, read: SQL = tenantMatches) {
  const check: SQL = sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`;
  return [
    pgPolicy(`${table}_read`, { as: "permissive", for: "select", using: read }),
    pgPolicy(`${table}_admin_write`, { as: "permissive", for: "all", using: check, withCheck: check }),
  ];
}

/**
 * People of a tenant (memberships, invitations): a supplier reads its own supplier's; the tenant's
 * administrators write every row; a supplier administrator writes supplier-role rows of its own
 * supplier only.
 */
export function peoplePolicies(table: string) {
  const admin: SQL = sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`;
  const supplierAdmin: SQL = sql`${tenantMatches} and ${isSupplierAdmin} and role = 'supplier' and supplier_id = ${currentSupplier}`;
  return [
    pgPolicy(`${table}_read`, { as: "permissive", for: "select", using: sql`${tenantMatches} and ${supplierMatches}` }),
    pgPolicy(`${table}_admin_write`, { as: "permissive", for: "all", using: admin, withCheck: admin }),
    pgPolicy(`${table}_supplier_admin_write`, { as: "permissive", for: "all", using: supplierAdmin, withCheck: supplierAdmin }),
  ];
}

function buyerWrites(table: string) {
  const check: SQL = sql`${tenantMatches} and ${buyerSide}`;
  return pgPolicy(`${table}_buyer_write`, { as: "permissive", for: "all", using: check, withCheck: check });
}

/**
 * Rows a supplier owns at the buyer (plans, plan lines, shipments): a supplier reads and writes
 * its own; the buyer's side reads and writes all of them (decisions, receipts). What each role may
 * do to a row in a given state is the services' business; these policies keep suppliers apart.
 */
export function supplierOwnedPolicies(table: string) {
  const own: SQL = sql`${tenantMatches} and ${supplierMatches}`;
  return [pgPolicy(`${table}_owner`, { as: "permissive", for: "all", using: own, withCheck: own })];
}
