import { and, eq, lt, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { apiIdempotency } from "@db/schema";

/** How long a stored answer is replayed; older ones are purged when the key is next used. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotencyRecordKey {
  tenantId: string;
  keyId: string;
  idempotencyKey: string;
}

export interface StoredIdempotency {
  requestHash: string;
  status: "running" | "done";
  responseStatus: number | null;
  responseBody: unknown;
}

const where = (k: IdempotencyRecordKey) =>
  and(
    eq(apiIdempotency.tenantId, k.tenantId),
    eq(apiIdempotency.keyId, k.keyId),
    eq(apiIdempotency.idempotencyKey, k.idempotencyKey),
  );

/** Drops the API key's answers older than IDEMPOTENCY_TTL_HOURS. */
export async function purgeExpiredIdempotency(tx: Tx, tenantId: string, keyId: string): Promise<void> {
  await tx
    .delete(apiIdempotency)
    .where(
      and(
        eq(apiIdempotency.tenantId, tenantId),
        eq(apiIdempotency.keyId, keyId),
        lt(apiIdempotency.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`),
      ),
    );
}

/**
 * Claims the key for a request (status `running`), or returns what is already stored under it.
 * Two requests racing for one key meet at the primary key: exactly one claims it.
 */
export async function claimIdempotency(
  tx: Tx,
  key: IdempotencyRecordKey,
  requestHash: string,
): Promise<{ claimed: true } | { claimed: false; stored: StoredIdempotency }> {
  const inserted = await tx
    .insert(apiIdempotency)
    .values({ ...key, requestHash, status: "running" })
    .onConflictDoNothing()
    .returning({ keyId: apiIdempotency.keyId });
  if (inserted.length > 0) return { claimed: true };
  const [stored] = await tx
    .select({
      requestHash: apiIdempotency.requestHash,
      status: apiIdempotency.status,
      responseStatus: apiIdempotency.responseStatus,
      responseBody: apiIdempotency.responseBody,
    })
    .from(apiIdempotency)
    .where(where(key));
  // Gone between the insert and the read (a failed request dropped its claim): claim it again.
  if (!stored) return claimIdempotency(tx, key, requestHash);
  return { claimed: false, stored };
}

/** Stores the answer of the request that claimed the key. */
export async function completeIdempotency(
  tx: Tx,
  key: IdempotencyRecordKey,
  response: { status: number; body: unknown },
): Promise<void> {
  await tx
    .update(apiIdempotency)
    .set({ status: "done", responseStatus: response.status, responseBody: response.body, completedAt: new Date() })
    .where(where(key));
}

/** Drops a claim whose request failed unexpectedly, so that a retry runs it again. */
export async function releaseIdempotency(tx: Tx, key: IdempotencyRecordKey): Promise<void> {
  await tx.delete(apiIdempotency).where(and(where(key), eq(apiIdempotency.status, "running")));
}
