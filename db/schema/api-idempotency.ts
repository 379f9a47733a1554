import { sql } from "drizzle-orm";
import { check, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantId } from "./columns";
import { apiKeys } from "./api-keys";
import { adminPolicies, buyerSide, isAdmin, tenantMatches } from "./policies";
import { tenants } from "./tenants";

/**
 * The answers of the REST API's writes by their `Idempotency-Key`, per API key: a retried
 * request (the same key and body) gets the stored answer instead of running again. `running`
 * while the first request is being answered. Kept 24 hours. Only the company's administrators
 * (which is what an API key acts as) read or write the rows.
 */
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    keyId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    /** SHA-256 (hex) of the method, the address and the body: the same key with another body is refused. */
    requestHash: text().notNull(),
    status: text({ enum: ["running", "done"] }).notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: createdAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.keyId, t.idempotencyKey] }),
    foreignKey({ columns: [t.tenantId, t.keyId], foreignColumns: [apiKeys.tenantId, apiKeys.id] }).onDelete("cascade"),
    check("api_idempotency_status_check", sql`${t.status} in ('running', 'done')`),
    check("api_idempotency_key_check", sql`length(${t.idempotencyKey}) between 1 and 255`),
    ...adminPolicies("api_idempotency", sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`),
  ],
).enableRLS();
