import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { authThrottle } from "@db/schema";

export const ADDRESS_LIMIT_PER_MINUTE = 10;
/** Failures allowed before each further attempt must wait. */
export const FREE_FAILURES = 5;
const MAX_WAIT_SECONDS = 15 * 60;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function accountKey(email: string) {
  return `login:${encodeHexLowerCase(sha256(new TextEncoder().encode(email.trim().toLowerCase())))}`;
}

/**
 * Counts this attempt against the client address: more than ADDRESS_LIMIT_PER_MINUTE attempts in
 * a one-minute window are refused until the window ends.
 */
export async function countAddressAttempt(tx: Tx, address: string, now: Date): Promise<ThrottleVerdict> {
  // Raw fragments get ISO strings: postgres.js does not serialise a Date inside sql``.
  const windowStart = sql`${new Date(now.getTime() - 60_000).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await tx
    .insert(authThrottle)
    .values({ key: `ip:${address}`, windowStartedAt: now, hits: 1 })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        hits: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart} then 1 else ${authThrottle.hits} + 1 end`,
        windowStartedAt: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart} then ${at} else ${authThrottle.windowStartedAt} end`,
      },
    })
    .returning({ hits: authThrottle.hits, windowStartedAt: authThrottle.windowStartedAt });
  if (row.hits <= ADDRESS_LIMIT_PER_MINUTE) return { allowed: true };
  const windowEnds = row.windowStartedAt.getTime() + 60_000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
}

const FIRST_WAIT_SECONDS = 5;

/** Seconds an account must wait after `failures` consecutive failures: 0 up to 5, then 5, 10, 20… */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/**
 * Opens an attempt on the account (by the email typed): refused while the account must wait;
 * otherwise the attempt is counted as a failure before the password is even checked (and the
 * count cleared on success). The row lock serialises parallel attempts, so a burst cannot slip
 * through between a check and a count.
 */
export async function beginAccountAttempt(tx: Tx, email: string, now: Date): Promise<ThrottleVerdict> {
  const key = accountKey(email);
  await tx.insert(authThrottle).values({ key }).onConflictDoNothing();
  const [row] = await tx
    .select({ failures: authThrottle.failures, lastFailureAt: authThrottle.lastFailureAt })
    .from(authThrottle)
    .where(eq(authThrottle.key, key))
    .for("update");
  if (row.lastFailureAt) {
    const readyAt = row.lastFailureAt.getTime() + waitAfterFailures(row.failures) * 1000;
    if (now.getTime() < readyAt) {
      return { allowed: false, retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
    }
  }
  await tx
    .update(authThrottle)
    .set({ failures: sql`${authThrottle.failures} + 1`, lastFailureAt: now })
    .where(eq(authThrottle.key, key));
  return { allowed: true };
}

export async function clearFailures(tx: Tx, email: string) {
  await tx.delete(authThrottle).where(eq(authThrottle.key, accountKey(email)));
}
