import { sql } from "drizzle-orm";
import { check, foreignKey, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { tenantId } from "./columns";
import { adminPolicies, buyerSide, isAdmin, tenantMatches } from "./policies";
import { tenants } from "./tenants";

/**
 * Requests of each API key in each minute (the database's clock, truncated to the minute): one
 * upsert a request, so that every server instance counts against the same limit. Windows older
 * than the current one are deleted as a key's next window opens. Only the company's
 * administrators (as which an API key acts) read or write the rows.
 */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    keyId: uuid().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.keyId, t.windowStart] }),
    foreignKey({ columns: [t.tenantId, t.keyId], foreignColumns: [apiKeys.tenantId, apiKeys.id] }).onDelete("cascade"),
    check("api_rate_windows_count_check", sql`${t.count} >= 1`),
    ...adminPolicies("api_rate_windows", sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`),
  ],
).enableRLS();
