import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";

/**
 * The scoped tenant's data version (migration 0008): it moves on with every statement that
 * changes agreements, facts, metrics, plans, shipments or master data. "0@" before any change.
 */
export async function tenantDataVersion(tx: Tx, scope: TenantScope): Promise<string> {
  const [row] = rowsOf<{ version: unknown; changed_at: unknown }>(
    await tx.execute(sql`
      select version, changed_at::text as changed_at from tenant_data_versions where tenant_id = ${scope.tenantId}`),
  );
  return row ? `${String(row.version)}@${String(row.changed_at)}` : "0@";
}
