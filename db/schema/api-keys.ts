import { sql } from "drizzle-orm";
import { check, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { adminPolicies, buyerSide, isAdmin, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

/** The scopes a key may hold; app/services/api/key-rules.ts offers the same list (a test compares them). */
export const apiKeyScopes = [
  "items:write",
  "partners:write",
  "agreements:write",
  "facts:write",
  "imports:write",
  "read",
] as const;

/**
 * Keys of the REST API, one per integration (an ERP, an integration platform). Only the key's
 * SHA-256 is kept: the key itself is shown once when it is made. A revoked or expired key stays
 * listed, and refused. Requests find their key through api_key_context() before any tenant is
 * known; the rows themselves are the tenant administrators' alone, to read as well as to write.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    /** `vmi_` and the key's first characters: what the list shows to tell keys apart. */
    prefix: text().notNull(),
    /** SHA-256 of the whole key, hex. */
    keySha256: text().notNull(),
    scopes: text().array().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }),
    /** Recorded at most once a minute, to spare a write per request. */
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("api_keys_key_sha256_key").on(t.keySha256),
    check(
      "api_keys_scopes_check",
      sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ array[${sql.raw(apiKeyScopes.map((s) => `'${s}'`).join(", "))}]::text[]`,
    ),
    check("api_keys_key_sha256_check", sql`${t.keySha256} ~ '^[0-9a-f]{64}$'`),
    ...adminPolicies("api_keys", sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`),
  ],
).enableRLS();
