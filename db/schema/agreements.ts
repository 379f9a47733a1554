import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, numeric, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, quantity, tenantId, updatedAt } from "./columns";
import { items, locations, suppliers } from "./parties";
import { supplierReadPolicies } from "./policies";
import { tenants } from "./tenants";

export const agreementStatuses = ["active", "suspended", "ended"] as const;

/**
 * The VMI agreement for supplier × item × site: the band both sides agreed and the terms the
 * core needs. One agreement per item and site: under VMI one supplier manages that stock.
 */
export const agreements = pgTable(
  "agreements",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    supplierId: uuid().notNull(),
    itemId: uuid().notNull(),
    locationId: uuid().notNull(),
    minQty: quantity().notNull(),
    maxQty: quantity().notNull(),
    leadTimeDays: numeric({ precision: 8, scale: 2, mode: "number" }).notNull(),
    leadTimeSdDays: numeric({ precision: 8, scale: 2, mode: "number" }).notNull().default(0),
    moq: quantity().notNull().default(0),
    packSize: quantity().notNull().default(1),
    reviewPeriodDays: integer().notNull().default(7),
    status: text({ enum: agreementStatuses }).notNull().default("active"),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("agreements_item_location_key").on(t.tenantId, t.itemId, t.locationId),
    // The target of the daily facts' supplier key (see facts.ts).
    unique("agreements_item_location_supplier_key").on(t.tenantId, t.itemId, t.locationId, t.supplierId),
    // The target of the supplier keys of metrics, plan lines and shipments: a row that names an
    // agreement must name its supplier too, so row-level security needs no join.
    unique("agreements_id_supplier_key").on(t.tenantId, t.id, t.supplierId),
    index("agreements_supplier_idx").on(t.tenantId, t.supplierId),
    foreignKey({
      name: "agreements_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }),
    foreignKey({
      name: "agreements_item_fk",
      columns: [t.tenantId, t.itemId],
      foreignColumns: [items.tenantId, items.id],
    }),
    foreignKey({
      name: "agreements_location_fk",
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    check("agreements_band_check", sql`${t.minQty} >= 0 and ${t.maxQty} >= ${t.minQty}`),
    check(
      "agreements_terms_check",
      sql`${t.leadTimeDays} >= 0 and ${t.leadTimeSdDays} >= 0 and ${t.moq} >= 0 and ${t.packSize} > 0 and ${t.reviewPeriodDays} > 0`,
    ),
    check("agreements_status_check", sql`${t.status} in ('active', 'suspended', 'ended')`),
    // Bands are agreed by both sides, but written by the buyer (suppliers propose changes).
    ...supplierReadPolicies("agreements"),
  ],
).enableRLS();
