import { eq } from "drizzle-orm";
import type { Tx } from "@db/client";
import { tenants } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { parseTenantSettings, type TenantSettings } from "~/models/tenant-settings.server";

/** The scoped tenant's settings, validated (defaults from docs/domain.md for anything not set). */
export async function getTenantSettings(tx: Tx, scope: TenantScope): Promise<TenantSettings> {
  const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, scope.tenantId));
  if (!row) throw new Error(`tenant ${scope.tenantId} is not visible in this scope`);
  return parseTenantSettings(row.settings);
}
