import { sql } from "drizzle-orm";
import type { Database } from "./client";

/**
 * Refreshes the query planner's statistics (ANALYZE). A PostgreSQL server's autovacuum does this
 * by itself; the embedded database never does, and without statistics it plans joins over the
 * daily facts badly (seconds instead of milliseconds). Run as the owner, after bulk writes: the
 * seed, and the nightly recompute. ANALYZE reads samples, not whole tables, so it stays cheap.
 */
export async function refreshPlannerStatistics(db: Database): Promise<number> {
  const started = performance.now();
  await db.execute(sql`analyze`);
  return performance.now() - started;
}
