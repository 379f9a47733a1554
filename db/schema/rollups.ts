import { sql } from "drizzle-orm";
import { check, date, doublePrecision, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { money, quantity, tenantId } from "./columns";
import { agreements } from "./agreements";
import { suppliers } from "./parties";
import { supplierReadPolicies } from "./policies";
import { tenants } from "./tenants";

/**
 * The band of an agreement on the days valid_from ≤ day < valid_to (the first row's valid_from
 * is -infinity, the current row's valid_to infinity). Compliance is judged against the band agreed at the time, so that tightening a
 * band today does not rewrite last quarter's figures. Written by a trigger on agreements: every
 * writer of a band (the edit form, an accepted proposal, an import) leaves its history.
 */
export const agreementBands = pgTable(
  "agreement_bands",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    agreementId: uuid().notNull(),
    supplierId: uuid().notNull(),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }).notNull(),
    minQty: quantity().notNull(),
    maxQty: quantity().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agreementId, t.validFrom] }),
    check("agreement_bands_period_check", sql`${t.validFrom} < ${t.validTo}`),
    foreignKey({
      name: "agreement_bands_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    ...supplierReadPolicies("agreement_bands"),
  ],
).enableRLS();

/**
 * Level 1 of the compliance rollups: one row per agreement per ISO week (week_start is the
 * Monday) that has any daily fact. Day counts are agreement-days with a stock snapshot, judged
 * against the band valid that day; values are at the item's unit cost. Derived data only: kept
 * current by triggers on the facts and rebuilt by the recompute (docs/decisions/015). It has no
 * foreign keys, whose per-row checks cost a sixth of a rebuild of millions of rows: triggers on
 * agreements and tenants delete the rows of what is deleted, and a rebuild drops strays.
 */
export const agreementWeekRollups = pgTable(
  "agreement_week_rollups",
  {
    tenantId: tenantId(),
    agreementId: uuid().notNull(),
    weekStart: date({ mode: "string" }).notNull(),
    supplierId: uuid().notNull(),
    snapshotDays: integer().notNull(),
    inBandDays: integer().notNull(),
    belowMinDays: integer().notNull(),
    stockoutDays: integer().notNull(),
    aboveMaxDays: integer().notNull(),
    /** Σ over the week's snapshot days of max(on hand, 0) × unit cost. */
    stockValueDays: money().notNull(),
    /** The week's last snapshot: its day, on hand, value, and value above the band's max. */
    closeDay: date({ mode: "string" }),
    closeOnHand: quantity(),
    closeValue: money(),
    closeAboveMaxValue: money(),
    consumptionQty: quantity().notNull(),
    consumptionValue: money().notNull(),
    /** The last day with consumption on or before the week's Sunday, this week or earlier. */
    lastConsumedOn: date({ mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agreementId, t.weekStart] }),
    index("agreement_week_rollups_supplier_week_idx").on(t.tenantId, t.supplierId, t.weekStart),
    ...supplierReadPolicies("agreement_week_rollups"),
  ],
).enableRLS();

/**
 * Level 2: level 1 summed per supplier, ABC-XYZ cell (the agreement's current class; '-' when it
 * has none yet) and week. Tenant-wide, per-supplier and per-cell KPIs of any period are sums of
 * these few rows; the dead stock at each week's close uses the tenant's `deadStockDays`.
 */
export const segmentWeekRollups = pgTable(
  "segment_week_rollups",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    supplierId: uuid().notNull(),
    abc: text().notNull(),
    xyz: text().notNull(),
    weekStart: date({ mode: "string" }).notNull(),
    agreements: integer().notNull(),
    snapshotDays: integer().notNull(),
    inBandDays: integer().notNull(),
    belowMinDays: integer().notNull(),
    stockoutDays: integer().notNull(),
    aboveMaxDays: integer().notNull(),
    stockValueDays: money().notNull(),
    closeValue: money().notNull(),
    closeAboveMaxValue: money().notNull(),
    deadCloseValue: money().notNull(),
    deadCloseAgreements: integer().notNull(),
    consumptionValue: money().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.weekStart, t.supplierId, t.abc, t.xyz] }),
    index("segment_week_rollups_supplier_idx").on(t.tenantId, t.supplierId, t.weekStart),
    foreignKey({
      name: "segment_week_rollups_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }).onDelete("cascade"),
    check("segment_week_rollups_abc_check", sql`${t.abc} in ('A', 'B', 'C', '-')`),
    check("segment_week_rollups_xyz_check", sql`${t.xyz} in ('X', 'Y', 'Z', '-')`),
    ...supplierReadPolicies("segment_week_rollups"),
  ],
).enableRLS();

/**
 * The ABC-XYZ class of each agreement over time: a row whenever a computation as of `valid_from`
 * gave a class other than the one before it. Classes are dynamic; the matrix compares the class
 * at the end of one period with the class at the end of the previous one (the movers).
 */
export const agreementClassHistory = pgTable(
  "agreement_class_history",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    agreementId: uuid().notNull(),
    validFrom: date({ mode: "string" }).notNull(),
    supplierId: uuid().notNull(),
    abc: text({ enum: ["A", "B", "C"] }).notNull(),
    xyz: text({ enum: ["X", "Y", "Z"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agreementId, t.validFrom] }),
    foreignKey({
      name: "agreement_class_history_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    ...supplierReadPolicies("agreement_class_history"),
  ],
).enableRLS();

/**
 * Plan lines received per supplier and ISO week of receipt: how many, how many on time, and their
 * received and approved quantities. The delivery KPIs of any period are sums of these rows; kept
 * current by a trigger on plan_lines and rebuilt by the recompute, like the stock rollups.
 */
export const deliveryWeekRollups = pgTable(
  "delivery_week_rollups",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    supplierId: uuid().notNull(),
    weekStart: date({ mode: "string" }).notNull(),
    receivedLines: integer().notNull(),
    onTimeLines: integer().notNull(),
    receivedQty: quantity().notNull(),
    approvedQty: quantity().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.weekStart, t.supplierId] }),
    foreignKey({
      name: "delivery_week_rollups_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }).onDelete("cascade"),
    ...supplierReadPolicies("delivery_week_rollups"),
  ],
).enableRLS();

/**
 * Plan decision times per supplier and ISO week of the final decision (in the tenant's time zone):
 * how many, and the hours from submission to decision, sorted. Percentiles do not add up, so the
 * values themselves are kept, a few hundred a week, rather than the plans being read per request.
 */
export const decisionWeekRollups = pgTable(
  "decision_week_rollups",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    supplierId: uuid().notNull(),
    weekStart: date({ mode: "string" }).notNull(),
    decisions: integer().notNull(),
    hours: doublePrecision().array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.weekStart, t.supplierId] }),
    foreignKey({
      name: "decision_week_rollups_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }).onDelete("cascade"),
    ...supplierReadPolicies("decision_week_rollups"),
  ],
).enableRLS();
