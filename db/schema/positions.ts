import { date, foreignKey, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { quantity, tenantId } from "./columns";
import { agreements } from "./agreements";
import { supplierReadPolicies } from "./policies";
import { tenants } from "./tenants";

/**
 * Each agreement's stock position as its facts stand, kept so that the alert evaluation reads one
 * row per agreement instead of probing four fact tables (docs/decisions/037). Derived data only:
 * refreshed by triggers on stock snapshots, consumption, receipts and shipments, and rebuilt by
 * the recompute. It holds every fact whatever its day; a reader whose today is before
 * `latest_day` (a fact dated ahead) computes the position from the facts instead, and so does one
 * that finds no row, or a row of another item or site than the agreement's.
 */
export const agreementPositions = pgTable(
  "agreement_positions",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    agreementId: uuid().notNull(),
    supplierId: uuid().notNull(),
    itemId: uuid().notNull(),
    locationId: uuid().notNull(),
    /** The latest stock snapshot: its day, quantity and when it was written. */
    snapshotDay: date({ mode: "string" }),
    snapshotOnHand: quantity(),
    snapshotLoadedAt: timestamp({ withTimezone: true }),
    /** After the latest snapshot: consumption (and its last day), goods received, notices received. */
    consumedSince: quantity().notNull(),
    consumedLastDay: date({ mode: "string" }),
    receivedSince: quantity().notNull(),
    shipmentsReceivedSince: quantity().notNull(),
    /** The snapshot before the latest, and what came and went between the two (stock counts). */
    previousDay: date({ mode: "string" }),
    previousOnHand: quantity(),
    consumedBetween: quantity().notNull(),
    receivedBetween: quantity().notNull(),
    shipmentsReceivedBetween: quantity().notNull(),
    /** The first snapshot's day, and the last day with consumption above 0 (dead stock). */
    firstSnapshotDay: date({ mode: "string" }),
    lastConsumedOn: date({ mode: "string" }),
    /** The latest day of any of the agreement's facts: the row holds for a today on or after it. */
    latestDay: date({ mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agreementId] }),
    foreignKey({
      name: "agreement_positions_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    ...supplierReadPolicies("agreement_positions"),
  ],
).enableRLS();
