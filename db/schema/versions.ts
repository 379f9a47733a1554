import { bigint, pgPolicy, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantMatches } from "./policies";
import { tenants } from "./tenants";

/**
 * A counter per tenant that every write to the data the pages show moves on (statement-level
 * triggers, migration 0008). Servers cache what they computed for a tenant under its version, so
 * a cache entry is never served after the data under it changed — whichever instance wrote.
 * Only the server reads it; no page shows it.
 */
export const tenantDataVersions = pgTable(
  "tenant_data_versions",
  {
    tenantId: uuid().primaryKey().references(() => tenants.id, { onDelete: "cascade" }),
    version: bigint({ mode: "number" }).notNull().default(0),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [pgPolicy("tenant_data_versions_read", { as: "permissive", for: "select", using: tenantMatches })],
).enableRLS();
