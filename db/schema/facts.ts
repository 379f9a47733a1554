import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, date, foreignKey, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { quantity, tenantId } from "./columns";
import { agreements } from "./agreements";
import { items, locations, suppliers } from "./parties";
import { supplierReadPolicies } from "./policies";
import { tenants } from "./tenants";

/**
 * Daily facts per item and site, unique per (tenant, item, site, day) and written by upsert.
 * supplier_id repeats the supplier of the item-site's agreement so that row-level security needs
 * no join on tables of millions of rows; it is null for stock that no supplier manages.
 */
const factKey = () => ({
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  itemId: uuid().notNull(),
  locationId: uuid().notNull(),
  day: date({ mode: "string" }).notNull(),
  supplierId: uuid(),
});

type FactKeyColumns = Record<"tenantId" | "itemId" | "locationId" | "day" | "supplierId", AnyPgColumn>;

function factConstraints(name: string, t: FactKeyColumns) {
  return [
    // Serves every per-agreement, per-day read: a range of days for one item at one site.
    primaryKey({ columns: [t.tenantId, t.itemId, t.locationId, t.day] }),
    index(`${name}_supplier_day_idx`).on(t.tenantId, t.supplierId, t.day),
    foreignKey({
      name: `${name}_item_fk`,
      columns: [t.tenantId, t.itemId],
      foreignColumns: [items.tenantId, items.id],
    }),
    foreignKey({
      name: `${name}_location_fk`,
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: `${name}_supplier_fk`,
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }),
    // A fact's supplier is the supplier of the item-site's agreement, or null: a mistagged row
    // would show one supplier's stock to another, so the database refuses it, and a change of
    // supplier on the agreement carries over to its facts.
    foreignKey({
      name: `${name}_agreement_fk`,
      columns: [t.tenantId, t.itemId, t.locationId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.itemId, agreements.locationId, agreements.supplierId],
    }).onUpdate("cascade"),
    // The rollups count weeks in whole days from Monday 1900-01-01 (docs/decisions/015).
    check(`${name}_day_check`, sql`${t.day} >= '1900-01-01'`),
    // Facts come from the buyer's ERP: suppliers read their own and write none.
    ...supplierReadPolicies(name),
  ];
}

/**
 * Stock on hand at the end of each day. loaded_at is when the figure was last written: a receipt
 * booked on the snapshot's own day counts on top of it only when it came after (the snapshot of
 * today, exported during the day, cannot hold what was received later that day).
 */
export const stockSnapshots = pgTable(
  "stock_snapshots",
  {
    ...factKey(),
    onHand: quantity().notNull(),
    loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => factConstraints("stock_snapshots", t),
).enableRLS();

/** Quantity consumed (issued to production or sold) each day. */
export const consumption = pgTable("consumption", { ...factKey(), qty: quantity().notNull() }, (t) =>
  factConstraints("consumption", t),
).enableRLS();

/**
 * Goods received each day without a shipping notice of the portal (the ERP's goods receipts that
 * no ASN announced). A receipt against an ASN is recorded on its shipment, never here, so that no
 * quantity is counted twice.
 */
export const receipts = pgTable("receipts", { ...factKey(), qty: quantity().notNull() }, (t) =>
  factConstraints("receipts", t),
).enableRLS();
