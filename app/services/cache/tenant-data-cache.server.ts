import type { TenantScope } from "@db/scope";

/**
 * What a page computed from a tenant's data, kept under the tenant's data version: an entry is
 * served only while the version is the same, i.e. while nothing it was computed from has changed
 * (the database moves the version on every write, whoever writes). The scope is part of the key,
 * so a supplier is never served what was computed for another supplier or for the buyer's side.
 * Entries also expire after a minute, and the least recently used go first beyond the size limit.
 */
const MAX_ENTRIES = 1_000;
const MAX_AGE_MS = 60_000;

interface Entry {
  version: string;
  storedAt: number;
  value: unknown;
}

const entries = new Map<string, Entry>();

/** TENANT_DATA_CACHE=off computes every page afresh (benchmarks of the work itself). */
const disabled = process.env.TENANT_DATA_CACHE === "off";

/**
 * `version` is the tenant's data version as read at the start of the request (with the user's
 * memberships): a hit gives the data as it stood then; a miss computes it now and stores it.
 */
export async function cachedForTenant<T>(
  scope: TenantScope,
  version: string,
  key: string,
  compute: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  if (disabled) return compute();
  const fullKey = `${scope.tenantId}|${scope.supplierId ?? "*"}|${key}`;
  const hit = entries.get(fullKey);
  if (hit && hit.version === version && now() - hit.storedAt < MAX_AGE_MS) {
    // Most recently used last, so that eviction takes the oldest.
    entries.delete(fullKey);
    entries.set(fullKey, hit);
    return hit.value as T;
  }
  const value = await compute();
  entries.set(fullKey, { version, storedAt: now(), value });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

/** Forgets everything (tests). */
export function clearTenantDataCache() {
  entries.clear();
}
