import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { apiKeys, tenants, users } from "@db/schema";

/**
 * The tenant's API keys as its administrators see them (row-level security lets no one else read
 * them), and the one look-up a request makes before it has a tenant: api_key_context(), a
 * security-definer function (migration 0030). Every query filters by tenant.
 */

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdByName: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function listApiKeyRecords(tx: Tx, tenantId: string): Promise<ApiKeyRecord[]> {
  return tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdByName: users.name,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt), apiKeys.id);
}

export interface NewApiKeyRow {
  tenantId: string;
  name: string;
  prefix: string;
  keySha256: string;
  scopes: string[];
  createdBy: string | null;
  expiresAt: Date | null;
}

export async function insertApiKey(tx: Tx, row: NewApiKeyRow): Promise<{ id: string; createdAt: Date }> {
  const [inserted] = await tx.insert(apiKeys).values(row).returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  return inserted;
}

/** Revokes a key that is not revoked yet; returns what the audit row needs, or null when there is none. */
export async function revokeApiKeyRow(tx: Tx, tenantId: string, id: string, at: Date) {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes });
  return row ?? null;
}

export interface ApiKeyContext {
  tenantId: string;
  tenantSlug: string;
  keyId: string;
  scopes: string[];
}

/** The company and scopes of a usable key (neither revoked nor expired), recording its use; null otherwise. */
export async function findApiKeyContext(tx: Tx, sha256: string): Promise<ApiKeyContext | null> {
  const result = await tx.execute(sql`select tenant_id, tenant_slug, key_id, scopes from api_key_context(${sha256})`);
  const [row] = rowsOf<{ tenant_id: string; tenant_slug: string; key_id: string; scopes: string[] }>(result);
  return row ? { tenantId: row.tenant_id, tenantSlug: row.tenant_slug, keyId: row.key_id, scopes: row.scopes } : null;
}

/** A company by its slug, as the connecting user (the command line acts on no one's behalf). */
export async function findTenantBySlugAsOwner(db: Database, slug: string) {
  const [row] = await db
    .select({ id: tenants.id, slug: tenants.slug, timezone: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.slug, slug));
  return row ?? null;
}
