import { sql, type AnyColumn, type SQL } from "drizzle-orm";
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

/**
 * `iso` for a column of a typed select: the same string, null only where the column may be null.
 * (A typed select would otherwise turn timestamptz into a Date.)
 */
export function isoOf<C extends AnyColumn>(column: C) {
  return sql<
    C["_"]["notNull"] extends true ? string : string | null
  >`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A nullable text column. */
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * A numeric, bigint or count column of raw SQL as the drivers return it: text from both (PGlite
 * may give a number for a count). Typed selects convert through the schema instead.
 */
export type NumericText = string | number | bigint;

/** A numeric column of raw SQL as a number. */
export const numeric = (v: NumericText) => Number(v);

/** A nullable numeric column (drivers return numerics as strings). */
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
