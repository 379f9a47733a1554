import { eq } from "drizzle-orm";
import type { Tx } from "@db/client";
import { tenants } from "@db/schema";
import type { TenantScope } from "@db/scope";

/** The company's own record as the settings page reads and writes it. */
export interface CompanyRecord {
  name: string;
  currency: string;
  timezone: string;
  defaultLocale: string;
  /** tenants.settings as stored (validated by the caller with tenantSettingsSchema). */
  settings: unknown;
}

const columns = {
  name: tenants.name,
  currency: tenants.currency,
  timezone: tenants.timezone,
  defaultLocale: tenants.defaultLocale,
  settings: tenants.settings,
};

/** The scoped company; null when it is not visible in this scope. */
export async function getCompany(tx: Tx, scope: TenantScope): Promise<CompanyRecord | null> {
  const [row] = await tx.select(columns).from(tenants).where(eq(tenants.id, scope.tenantId));
  return row ?? null;
}

/**
 * The scoped company, locked until the transaction ends: two administrators saving at once apply
 * one after the other, each compared with what the other wrote.
 */
export async function lockCompany(tx: Tx, scope: TenantScope): Promise<CompanyRecord | null> {
  const [row] = await tx.select(columns).from(tenants).where(eq(tenants.id, scope.tenantId)).for("update");
  return row ?? null;
}

/**
 * Writes the company's record and settings. Row-level security lets only the company's
 * administrators update it: for anyone else no row changes, and false says so.
 */
export async function updateCompany(tx: Tx, scope: TenantScope, values: CompanyRecord): Promise<boolean> {
  const rows = await tx
    .update(tenants)
    .set({
      name: values.name,
      currency: values.currency,
      timezone: values.timezone,
      defaultLocale: values.defaultLocale,
      settings: values.settings,
    })
    .where(eq(tenants.id, scope.tenantId))
    .returning({ id: tenants.id });
  return rows.length === 1;
}
