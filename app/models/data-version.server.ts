import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { tenantDataVersions } from "@db/schema";
import type { TenantScope } from "@db/scope";

/**
 * The scoped tenant's data version (migration 0008): it moves on with every statement that
 * changes agreements, facts, metrics, plans, shipments or master data. "0@" before any change.
 */
export async function tenantDataVersion(tx: Tx, scope: TenantScope): Promise<string> {
  const [row] = await tx
    .select({
      version: tenantDataVersions.version,
      // The instant as PostgreSQL writes it: only compared, never read as a date.
      changedAt: sql<string>`${tenantDataVersions.changedAt}::text`,
    })
    .from(tenantDataVersions)
    .where(eq(tenantDataVersions.tenantId, scope.tenantId));
  return row ? `${row.version}@${row.changedAt}` : "0@";
}
