import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "@db/client";
import { migrate } from "@db/migrate";

/**
 * A migrated database for one test file: in-memory PGlite by default, or the per-run database on
 * the PostgreSQL server under `npm run test:pg`. Files share that server database, so tests create
 * their own tenants with unique slugs (see uniqueSlug) rather than assuming an empty database.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = inject("testDatabaseUrl") || undefined;
  const handle = await openDatabase({ url, poolMax: 20 });
  await migrate(handle);
  return handle;
}

export { uniqueSlug } from "./factories";
