import { sql } from "drizzle-orm";
import { bigint, pgPolicy, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { currentUser, tenantMatches } from "./policies";
import { tenants } from "./tenants";

/**
 * A counter per tenant that every write to the data the pages show moves on (statement-level
 * triggers, migration 0008). Servers cache what they computed for a tenant under its version, so
 * a cache entry is never served after the data under it changed — whichever instance wrote.
 * Only the server reads it (with the user's memberships, at the start of each request); no page
 * shows it.
 */
export const tenantDataVersions = pgTable(
  "tenant_data_versions",
  {
    tenantId: uuid()
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    version: bigint({ mode: "number" }).notNull().default(0),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy("tenant_data_versions_read", { as: "permissive", for: "select", using: tenantMatches }),
    // Read with the user's memberships when the session is checked, before any tenant is chosen.
    pgPolicy("tenant_data_versions_member_read", {
      as: "permissive",
      for: "select",
      using: sql`exists (select 1 from memberships m where m.tenant_id = ${t.tenantId} and m.user_id = ${currentUser})`,
    }),
  ],
).enableRLS();
