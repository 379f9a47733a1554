import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agreements } from "./agreements";
import { createdAt, id, quantity, tenantId } from "./columns";
import { supplierOwnedPolicies } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

export const bandProposalStatuses = ["pending", "accepted", "rejected", "withdrawn"] as const;
export type BandProposalStatus = (typeof bandProposalStatuses)[number];

/**
 * A supplier's proposal to change an agreement's band, with its reason; a buyer accepts it (the
 * agreement takes the new band) or rejects it. At most one pending proposal per agreement.
 */
export const bandProposals = pgTable(
  "band_proposals",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    agreementId: uuid().notNull(),
    supplierId: uuid().notNull(),
    /** The band when the proposal was made, so the buyer sees what it changes. */
    currentMin: quantity().notNull(),
    currentMax: quantity().notNull(),
    proposedMin: quantity().notNull(),
    proposedMax: quantity().notNull(),
    reason: text().notNull(),
    status: text({ enum: bandProposalStatuses }).notNull().default("pending"),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decisionComment: text(),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("band_proposals_agreement_idx").on(t.tenantId, t.agreementId, t.status),
    uniqueIndex("band_proposals_one_pending_key")
      .on(t.tenantId, t.agreementId)
      .where(sql`status = 'pending'`),
    foreignKey({
      name: "band_proposals_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    }).onDelete("cascade"),
    check("band_proposals_band_check", sql`${t.proposedMin} >= 0 and ${t.proposedMax} >= ${t.proposedMin}`),
    check("band_proposals_status_check", sql`${t.status} in ('pending', 'accepted', 'rejected', 'withdrawn')`),
    ...supplierOwnedPolicies("band_proposals"),
  ],
).enableRLS();
