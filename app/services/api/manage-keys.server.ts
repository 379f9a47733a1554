import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import {
  type ApiKeyRecord,
  findTenantBySlugAsOwner,
  insertApiKey,
  listApiKeyRecords,
  revokeApiKeyRow,
} from "~/models/api-keys.server";
import { requireAdmin } from "~/services/admin/catalog-common.server";
import { AppError } from "~/utils/app-error";
import { addDays, startOfDayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import type { ApiKeyCreateInput } from "./key-rules";
import { generateApiKey } from "./key-secret.server";

/**
 * The tenant administrators' keys: made (the key handed back once), listed, revoked; each change
 * audited in its own transaction. The command line makes keys the same way, as the company's
 * administrators on no person's behalf.
 */

export const API_KEY_AUDIT = { create: "api_key.create", revoke: "api_key.revoke" } as const;
export type { ApiKeyRecord };

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
}

/**
 * When a key stops working: the end of its last day in the company's time zone. A day already
 * past is the field's error.
 */
export function expiryOf(expires: string | undefined, timezone: string, now: Date): Date | null {
  if (!expires) return null;
  const expiresAt = startOfDayIn(addDays(expires, 1), timezone);
  if (expiresAt <= now) {
    throw AppError.invalid({ fieldErrors: { expires: [{ key: "adminApiKeys.errors.expiresPast" }] } });
  }
  return expiresAt;
}

export function listApiKeys(db: Database, scope: TenantScope): Promise<ApiKeyRecord[]> {
  requireAdmin(scope, "api_key.list");
  return withTenant(db, scope, (tx) => listApiKeyRecords(tx, scope.tenantId));
}

/**
 * Makes a key for the scope's company.
 *
 * @throws AppError invalid (`expires` a day already past), forbidden (not an administrator)
 */
export async function createApiKey(
  db: Database,
  scope: TenantScope,
  input: ApiKeyCreateInput,
  options: { timezone: string; now?: Date },
): Promise<CreatedApiKey> {
  requireAdmin(scope, API_KEY_AUDIT.create);
  const expiresAt = expiryOf(input.expires, options.timezone, options.now ?? new Date());
  return withTenant(db, scope, (tx) => insertAudited(tx, scope, { name: input.name, scopes: input.scopes, expiresAt }));
}

async function insertAudited(
  tx: Tx,
  scope: TenantScope,
  values: { name: string; scopes: string[]; expiresAt: Date | null },
): Promise<CreatedApiKey> {
  const secret = generateApiKey();
  const { id } = await insertApiKey(tx, {
    tenantId: scope.tenantId,
    name: values.name,
    prefix: secret.prefix,
    keySha256: secret.sha256,
    scopes: values.scopes,
    createdBy: scope.userId,
    expiresAt: values.expiresAt,
  });
  await recordAudit(tx, {
    tenantId: scope.tenantId,
    actorUserId: scope.userId,
    action: API_KEY_AUDIT.create,
    entityType: "api_key",
    entityId: id,
    after: {
      name: values.name,
      prefix: secret.prefix,
      scopes: values.scopes,
      expiresAt: values.expiresAt?.toISOString() ?? null,
    },
  });
  return { id, name: values.name, key: secret.key, prefix: secret.prefix, scopes: values.scopes, expiresAt: values.expiresAt };
}

/**
 * Revokes a key: the next request with it is refused. Revoking a revoked key changes nothing.
 *
 * @returns whether anything changed
 * @throws AppError not_found (no such key in this company), forbidden (not an administrator)
 */
export async function revokeApiKey(
  db: Database,
  scope: TenantScope,
  keyId: string,
  now = new Date(),
): Promise<{ changed: boolean; name: string }> {
  requireAdmin(scope, API_KEY_AUDIT.revoke);
  if (!isUuid(keyId)) throw AppError.notFound();
  return withTenant(db, scope, async (tx) => {
    const revoked = await revokeApiKeyRow(tx, scope.tenantId, keyId, now);
    if (!revoked) {
      const existing = (await listApiKeyRecords(tx, scope.tenantId)).find((k) => k.id === keyId);
      if (!existing) throw AppError.notFound();
      return { changed: false, name: existing.name };
    }
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: API_KEY_AUDIT.revoke,
      entityType: "api_key",
      entityId: revoked.id,
      before: { name: revoked.name, prefix: revoked.prefix, state: "active" },
      after: { name: revoked.name, prefix: revoked.prefix, state: "revoked", revokedAt: now.toISOString() },
    });
    return { changed: true, name: revoked.name };
  });
}

/**
 * `npm run apikey:create`: a key for the company with this slug, made as its administrators make
 * one, by no person (the audit row names no actor).
 *
 * @throws AppError not_found (no company has the slug), invalid (`expires` a day already past)
 */
export async function createApiKeyForCompany(
  db: Database,
  slug: string,
  input: ApiKeyCreateInput,
  now = new Date(),
): Promise<CreatedApiKey & { tenantSlug: string }> {
  const tenant = await findTenantBySlugAsOwner(db, slug);
  if (!tenant) throw AppError.notFound();
  const scope: TenantScope = { tenantId: tenant.id, supplierId: null, userId: null, role: "admin" };
  const created = await createApiKey(db, scope, input, { timezone: tenant.timezone, now });
  return { ...created, tenantSlug: tenant.slug };
}
