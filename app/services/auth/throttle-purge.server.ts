import { sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { rowsOf } from "@db/rows";
import { withUser } from "@db/scope";

/** A throttle row untouched for this long counts for nothing any more. */
export const THROTTLE_STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the rows of `auth_throttle` that no longer throttle anything (see throttle.server.ts):
 * an address window lasts one minute and an account waits at most 15 minutes after its last
 * failure, so a row whose window start and last failure are both older than `olderThanMs` (a day)
 * is dead weight. The only effect on sign-in: consecutive failures of an account older than a
 * day are forgotten, so its next five attempts are free again, as they would be after a success.
 * Runs as the app role, which may delete throttle rows. Returns the number of rows deleted.
 */
export async function purgeStaleAuthThrottle(
  db: Database,
  now: Date = new Date(),
  olderThanMs: number = THROTTLE_STALE_AFTER_MS,
): Promise<number> {
  // Raw fragments get ISO strings: postgres.js does not serialise a Date inside sql``.
  const cutoff = new Date(now.getTime() - olderThanMs).toISOString();
  return withUser(db, null, async (tx) => {
    const deleted = rowsOf<{ key: string }>(
      await tx.execute(sql`
        delete from auth_throttle
        where window_started_at < ${cutoff}::timestamptz
          and (last_failure_at is null or last_failure_at < ${cutoff}::timestamptz)
        returning key`),
    );
    return deleted.length;
  });
}
