import { sql } from "drizzle-orm";
import { index, jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { currentSupplier, currentTenant, supplierMatches, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

/**
 * Append-only record of who did what. The app role may only insert and read (see the grants
 * migration). Sign-in events belong to no tenant: their tenant_id is null, and they can only be
 * written from outside any tenant context.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    supplierId: uuid(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    occurredAt: createdAt(),
  },
  (t) => [
    index("audit_events_tenant_idx").on(t.tenantId, t.occurredAt),
    index("audit_events_entity_idx").on(t.tenantId, t.entityType, t.entityId),
    pgPolicy("audit_events_read", {
      as: "permissive",
      for: "select",
      using: sql`${tenantMatches} and ${supplierMatches}`,
    }),
    pgPolicy("audit_events_append", {
      as: "permissive",
      for: "insert",
      withCheck: sql`(${tenantMatches} and ${supplierMatches}) or (tenant_id is null and ${currentTenant} is null and ${currentSupplier} is null)`,
    }),
  ],
).enableRLS();
