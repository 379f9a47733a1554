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
  await vacuumRollups(db);
  await db.execute(sql`analyze`);
  return performance.now() - started;
}

/**
 * A rebuild of the compliance rollups (every recompute) replaces millions of rows at scale and
 * leaves the old ones dead; VACUUM reclaims them at once rather than whenever autovacuum (which the
 * embedded database does not have) gets to them, so that the next reads and rebuild do not wade
 * through them. Outside any transaction, as the owner.
 */
export async function vacuumRollups(db: Database): Promise<void> {
  await db.execute(
    sql`vacuum (analyze) agreement_week_rollups, segment_week_rollups, delivery_week_rollups, decision_week_rollups`,
  );
}
