import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgPolicy, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, tenantId } from "./columns";
import { currentSupplier, currentUser, supplierReadPolicies, tenantMatches, tenantPolicies } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

export const suppliers = pgTable(
  "suppliers",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("suppliers_code_key").on(t.tenantId, t.code),
    // Suppliers are often competitors: a supplier sees its own row only.
    ...tenantPolicies("suppliers", sql`${tenantMatches} and (${currentSupplier} is null or id = ${currentSupplier})`),
  ],
).enableRLS();

export const locations = pgTable(
  "locations",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("locations_code_key").on(t.tenantId, t.code),
    ...tenantPolicies("locations"),
  ],
).enableRLS();

export const roles = ["admin", "manager", "buyer", "supplier"] as const;
export type Role = (typeof roles)[number];

export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: roles }).notNull(),
    supplierId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("memberships_user_key").on(t.tenantId, t.userId),
    index("memberships_user_id_idx").on(t.userId),
    foreignKey({
      name: "memberships_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }),
    check("memberships_role_check", sql`${t.role} in ('admin', 'manager', 'buyer', 'supplier')`),
    check("memberships_supplier_role_check", sql`(${t.role} = 'supplier') = (${t.supplierId} is not null)`),
    ...supplierReadPolicies("memberships"),
    // Before a tenant is chosen, a signed-in user reads its own memberships (tenant switcher).
    pgPolicy("memberships_self_read", {
      as: "permissive",
      for: "select",
      using: sql`user_id = ${currentUser}`,
    }),
  ],
).enableRLS();

export const items = pgTable(
  "items",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    sku: text().notNull(),
    name: text().notNull(),
    uom: text().notNull().default("EA"),
    unitCost: money().notNull(),
    category: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("items_sku_key").on(t.tenantId, t.sku),
    check("items_unit_cost_check", sql`${t.unitCost} >= 0`),
    // A supplier sees the items it has an agreement for; the subquery on agreements is itself
    // filtered by the agreements policy (which suppliers cannot write), so no supplier id is
    // repeated here.
    ...tenantPolicies(
      "items",
      sql`${tenantMatches} and (${currentSupplier} is null or exists (select 1 from agreements a where a.tenant_id = items.tenant_id and a.item_id = items.id))`,
    ),
  ],
).enableRLS();
