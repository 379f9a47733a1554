import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, money, tenantId } from "./columns";
import { adminPolicies, currentSupplier, currentUser, peoplePolicies, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

export const partyStatuses = ["active", "inactive"] as const;

export const suppliers = pgTable(
  "suppliers",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
    /** Where the supplier's account managers are reached (besides its members' own addresses). */
    contactEmails: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The language of its e-mails and of invitations to its people ('en' | 'zh-CN'); null: the tenant's. */
    locale: text(),
    /** An inactive supplier keeps its history; its agreements take no new plans. */
    status: text({ enum: partyStatuses }).notNull().default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("suppliers_code_key").on(t.tenantId, t.code),
    check("suppliers_status_check", sql`${t.status} in ('active', 'inactive')`),
    // Suppliers are often competitors: a supplier sees its own row only.
    ...adminPolicies("suppliers", sql`${tenantMatches} and (${currentSupplier} is null or id = ${currentSupplier})`),
  ],
).enableRLS();

export const locations = pgTable(
  "locations",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
    /** GS1 Global Location Number (13 digits), when the site has one. */
    gln: text(),
    address: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("locations_code_key").on(t.tenantId, t.code),
    ...adminPolicies("locations"),
  ],
).enableRLS();

export const roles = ["admin", "manager", "buyer", "supplier"] as const;
export type Role = (typeof roles)[number];
export const membershipStatuses = ["active", "deactivated"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

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
    /** A supplier member who invites and deactivates the colleagues of its own supplier. */
    supplierAdmin: boolean().notNull().default(false),
    /** A deactivated member keeps its history but has no access and no sessions. */
    status: text({ enum: membershipStatuses }).notNull().default("active"),
    createdAt: createdAt(),
    deactivatedAt: timestamp({ withTimezone: true }),
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
    check("memberships_supplier_admin_check", sql`not ${t.supplierAdmin} or ${t.role} = 'supplier'`),
    check("memberships_status_check", sql`${t.status} in ('active', 'deactivated')`),
    ...peoplePolicies("memberships"),
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
    /** GS1 trade item number (8, 12, 13 or 14 digits), when the item has one. */
    gtin: text(),
    /** The supplier's own part number for the item. */
    supplierPartNumber: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("items_sku_key").on(t.tenantId, t.sku),
    check("items_unit_cost_check", sql`${t.unitCost} >= 0`),
    // A supplier sees the items it has an agreement for; the subquery on agreements is itself
    // filtered by the agreements policy (which suppliers cannot write), so no supplier id is
    // repeated here.
    index("items_name_idx").on(t.tenantId, t.name),
    ...adminPolicies(
      "items",
      sql`${tenantMatches} and (${currentSupplier} is null or exists (select 1 from agreements a where a.tenant_id = items.tenant_id and a.item_id = items.id))`,
    ),
  ],
).enableRLS();
