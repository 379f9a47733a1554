import { LRUCache } from "lru-cache";
import type { TenantScope } from "@db/scope";

/**
 * What a page computed from a tenant's data, kept under the tenant's data version: an entry is
 * served only while the version is the same, i.e. while nothing it was computed from has changed
 * (the database moves the version on every write, whoever writes). The scope is part of the key,
 * so a supplier is never served what was computed for another supplier or for the buyer's side.
 * Entries also expire after a minute, and the least recently used go first beyond the size limit
 * (both kept by lru-cache).
 */
const MAX_ENTRIES = 1_000;
const MAX_AGE_MS = 60_000;

interface Entry {
  version: string;
  value: unknown;
}

/**
 * The clock of the cache operation in progress. lru-cache reads the time through `perf`; a call
 * may bring its own clock (tests), which is in force only for the synchronous get or set it makes.
 */
let clock: () => number = Date.now;

const entries = new LRUCache<string, Entry>({
  max: MAX_ENTRIES,
  ttl: MAX_AGE_MS,
  perf: { now: () => clock() },
  // Read the clock on every check: the default keeps a reading for a millisecond, which would
  // carry one call's clock into the next.
  ttlResolution: 0,
});

function withClock<T>(now: () => number, operation: () => T): T {
  clock = now;
  try {
    return operation();
  } finally {
    clock = Date.now;
  }
}

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
  const hit = withClock(now, () => entries.get(fullKey));
  if (hit && hit.version === version) return hit.value as T;
  const value = await compute();
  withClock(now, () => entries.set(fullKey, { version, value }));
  return value;
}

/** Forgets everything (tests). */
export function clearTenantDataCache() {
  entries.clear();
}
