import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { apiRateWindows } from "@db/schema";
import { withTenant } from "@db/scope";
import type { ApiCaller } from "./keys.server";

/**
 * Requests per API key and minute, counted in the database (api_rate_windows) so that every
 * server instance counts against one limit: a fixed window of the database clock's minute, one
 * upsert a request. A request over the limit is still counted, so that a caller hammering the API
 * keeps being refused until the minute ends.
 */

/** The headers of the IETF draft's first form (one header a figure), which most clients read. */
export const RATE_LIMIT_HEADERS = {
  limit: "RateLimit-Limit",
  remaining: "RateLimit-Remaining",
  reset: "RateLimit-Reset",
} as const;

export interface RateWindow {
  limit: number;
  /** Requests of the key in this minute, this one included. */
  count: number;
  /** Whole seconds until the minute ends (at least 1). */
  resetSeconds: number;
}

/** Counts the caller's request in the current minute. */
export async function countApiRequest(db: Database, caller: ApiCaller, limit: number): Promise<RateWindow> {
  return withTenant(db, caller.scope, async (tx) => {
    const minute = sql`date_trunc('minute', now())`;
    const [row] = await tx
      .insert(apiRateWindows)
      .values({ tenantId: caller.tenantId, keyId: caller.keyId, windowStart: minute, count: 1 })
      .onConflictDoUpdate({
        target: [apiRateWindows.tenantId, apiRateWindows.keyId, apiRateWindows.windowStart],
        set: { count: sql`${apiRateWindows.count} + 1` },
      })
      .returning({
        count: apiRateWindows.count,
        resetSeconds: sql<number>`greatest(1, ceil(extract(epoch from (${apiRateWindows.windowStart} + interval '1 minute' - now()))))::int`,
      });
    const { count, resetSeconds } = row!;
    // A new window: the key's earlier ones are done with.
    if (count === 1) {
      await tx
        .delete(apiRateWindows)
        .where(
          and(
            eq(apiRateWindows.tenantId, caller.tenantId),
            eq(apiRateWindows.keyId, caller.keyId),
            lt(apiRateWindows.windowStart, minute),
          ),
        );
    }
    return { limit, count, resetSeconds: Number(resetSeconds) };
  });
}

export function isOverLimit(window: RateWindow): boolean {
  return window.count > window.limit;
}

/** The headers every answer to a counted request carries (RateLimit-Limit, -Remaining, -Reset). */
export function rateLimitHeaders(window: RateWindow): Record<string, string> {
  return {
    [RATE_LIMIT_HEADERS.limit]: String(window.limit),
    [RATE_LIMIT_HEADERS.remaining]: String(Math.max(0, window.limit - window.count)),
    [RATE_LIMIT_HEADERS.reset]: String(window.resetSeconds),
  };
}
