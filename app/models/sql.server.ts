import { sql, type SQL } from "drizzle-orm";
import type { TenantScope } from "@db/scope";

/**
 * Small pieces the models' raw SQL shares: the scope filter that stands beside row-level security,
 * instants written the same by both drivers, and the reading of nullable result columns.
 */

/** The tenant filter, and the supplier filter for supplier scopes, on `alias` (RLS is the second lock). */
export function scopeFilter(scope: TenantScope, alias: string): SQL {
  const tenant = sql`${sql.raw(alias)}.tenant_id = ${scope.tenantId}`;
  return scope.supplierId ? sql`${tenant} and ${sql.raw(alias)}.supplier_id = ${scope.supplierId}` : tenant;
}

/** A timestamptz column as an ISO 8601 UTC string, the same from both drivers. */
export const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** A nullable text column. */
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A nullable numeric column (drivers return numerics as strings). */
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
