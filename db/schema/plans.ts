import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, quantity, tenantId, updatedAt } from "./columns";
import { agreements } from "./agreements";
import { suppliers } from "./parties";
import { supplierOwnedPolicies, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

/** docs/domain.md's plan lifecycle. */
export const planStatuses = [
  "draft",
  "submitted",
  "in_review",
  "approved",
  "partially_approved",
  "rejected",
  "changes_requested",
  "withdrawn",
] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Line states: pending until decided (EDI 855 codes), then shipped and received. */
export const planLineStatuses = ["pending", "accepted", "rejected", "shipped", "received"] as const;
export type PlanLineStatus = (typeof planLineStatuses)[number];

/**
 * A supplier's replenishment plan. `version` counts revisions (a plan sent back for changes is
 * revised into the next version; earlier versions' lines stay as history). `lock_version` rises
 * with every change so that a stale form is refused. `request_id` is the idempotency key of the
 * form that created the plan: a double click or a retry finds the plan already made.
 */
export const replenishmentPlans = pgTable(
  "replenishment_plans",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    supplierId: uuid().notNull(),
    /** RP-YYYY-NNNNN, given at first submission; null while a draft has never been submitted. */
    number: text(),
    status: text({ enum: planStatuses }).notNull().default("draft"),
    version: integer().notNull().default(1),
    lockVersion: integer().notNull().default(1),
    requestId: uuid().notNull(),
    note: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /**
     * The approval route given at submission (core approvalRoute): its steps ("buyer", then
     * "manager" when policy asks for one), reasons and value. Submitted = waiting for the first
     * step, in review = waiting for the manager after the buyer's step.
     */
    route: jsonb().$type<{ steps: ("buyer" | "manager")[]; autoApproved: boolean; value: number; reasons: unknown[] }>(),
    /** EDI 855 header code of the final decision: AC (with changes), AD (as submitted), RD (rejected). */
    decisionCode: text(),
    submittedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("replenishment_plans_number_key").on(t.tenantId, t.number),
    unique("replenishment_plans_request_key").on(t.tenantId, t.requestId),
    // The target of the lines' and events' supplier keys.
    unique("replenishment_plans_id_supplier_key").on(t.tenantId, t.id, t.supplierId),
    index("replenishment_plans_supplier_idx").on(t.tenantId, t.supplierId, t.status),
    index("replenishment_plans_status_idx").on(t.tenantId, t.status, t.submittedAt),
    // Decisions of a period (compliance KPIs).
    index("replenishment_plans_decided_idx")
      .on(t.tenantId, t.decidedAt)
      .where(sql`${t.decidedAt} is not null`),
    foreignKey({
      name: "replenishment_plans_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }),
    check("replenishment_plans_status_check", sql`${t.status} in (${sql.raw(planStatuses.map((s) => `'${s}'`).join(", "))})`),
    check("replenishment_plans_decision_code_check", sql`${t.decisionCode} is null or ${t.decisionCode} in ('AC', 'AD', 'RD')`),
    check("replenishment_plans_version_check", sql`${t.version} >= 1 and ${t.lockVersion} >= 1`),
    ...supplierOwnedPolicies("replenishment_plans"),
  ],
).enableRLS();

/**
 * One shipment a plan proposes. The line names its plan's supplier and its agreement's supplier
 * in the same column, so the database refuses a line for another supplier's agreement.
 */
export const planLines = pgTable(
  "plan_lines",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    planId: uuid().notNull(),
    supplierId: uuid().notNull(),
    /** The plan version this line belongs to. */
    version: integer().notNull(),
    lineNo: integer().notNull(),
    agreementId: uuid().notNull(),
    qty: quantity().notNull(),
    shipDate: date({ mode: "string" }).notNull(),
    arrivalDate: date({ mode: "string" }).notNull(),
    /** What the core proposed for this line, when it came from the proposal. */
    proposedQty: quantity(),
    /** Why a line above max (or a plan leaving a stockout) is still wanted. */
    reason: text(),
    status: text({ enum: planLineStatuses }).notNull().default("pending"),
    approvedQty: quantity(),
    approvedArrivalDate: date({ mode: "string" }),
    /** EDI 855 line code of the decision: IA, IQ, DR or IR. */
    decisionCode: text(),
    decisionReason: text(),
    /** Sum of the ASNs recorded against the line, and of their receipts. */
    shippedQty: quantity().notNull().default(0),
    receivedQty: quantity().notNull().default(0),
    /** Day of the last receipt, once the line is received. */
    receivedOn: date({ mode: "string" }),
    /** Received by the agreed arrival date (plus the tenant's tolerance days); set on receipt. */
    onTime: boolean(),
    /** Received ÷ approved quantity; set on receipt. */
    fillRate: numeric({ precision: 8, scale: 4, mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("plan_lines_line_key").on(t.tenantId, t.planId, t.version, t.lineNo),
    index("plan_lines_agreement_idx").on(t.tenantId, t.agreementId),
    // Approved lines not yet received: what is coming, which every projection adds (few of all lines).
    index("plan_lines_open_agreement_idx")
      .on(t.tenantId, t.agreementId)
      .where(sql`${t.status} in ('accepted', 'shipped')`),
    // Deliveries of a period (compliance KPIs).
    index("plan_lines_received_idx")
      .on(t.tenantId, t.receivedOn)
      .where(sql`${t.receivedOn} is not null`),
    foreignKey({
      name: "plan_lines_plan_fk",
      columns: [t.tenantId, t.planId, t.supplierId],
      foreignColumns: [replenishmentPlans.tenantId, replenishmentPlans.id, replenishmentPlans.supplierId],
    }).onDelete("cascade"),
    foreignKey({
      name: "plan_lines_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    }),
    check("plan_lines_qty_check", sql`${t.qty} > 0 and (${t.approvedQty} is null or ${t.approvedQty} >= 0)`),
    check("plan_lines_dates_check", sql`${t.arrivalDate} >= ${t.shipDate}`),
    check("plan_lines_decision_code_check", sql`${t.decisionCode} is null or ${t.decisionCode} in ('IA', 'IQ', 'DR', 'IR')`),
    check("plan_lines_shipped_check", sql`${t.shippedQty} >= 0 and ${t.receivedQty} >= 0`),
    check("plan_lines_status_check", sql`${t.status} in (${sql.raw(planLineStatuses.map((s) => `'${s}'`).join(", "))})`),
    ...supplierOwnedPolicies("plan_lines"),
  ],
).enableRLS();

/** The plan's timeline: every transition, with its actor, version and comment. */
export const planEvents = pgTable(
  "plan_events",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    planId: uuid().notNull(),
    supplierId: uuid().notNull(),
    version: integer().notNull(),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorRole: text(),
    comment: text(),
    /** What the step decided, line by line (code, quantity, date, reason), for the timeline. */
    details: jsonb(),
    occurredAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("plan_events_plan_idx").on(t.tenantId, t.planId, t.occurredAt),
    foreignKey({
      name: "plan_events_plan_fk",
      columns: [t.tenantId, t.planId, t.supplierId],
      foreignColumns: [replenishmentPlans.tenantId, replenishmentPlans.id, replenishmentPlans.supplierId],
    }).onDelete("cascade"),
    ...supplierOwnedPolicies("plan_events"),
  ],
).enableRLS();

/**
 * The last plan number given per tenant and year. Only `next_plan_number()` (a security-definer
 * function) touches it: the app role has no grant, so no supplier can read how many plans the
 * tenant's other suppliers submitted.
 */
export const planCounters = pgTable(
  "plan_counters",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    year: integer().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.year] }),
    pgPolicy("plan_counters_tenant", { as: "permissive", for: "all", using: tenantMatches, withCheck: tenantMatches }),
  ],
).enableRLS();

/**
 * Advance shipping notices against plan lines, and their receipt. In transit = shipped and not
 * yet received; every projection adds them on their expected arrival day.
 */
export const shipments = pgTable(
  "shipments",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    supplierId: uuid().notNull(),
    agreementId: uuid().notNull(),
    planLineId: uuid(),
    /**
     * The notice's number (ASN-YYYY-NNNNN, from `next_asn_number()`): every line of one notice
     * carries it, and a buyer's ERP quotes it when it books the goods in.
     */
    asnNumber: text().notNull(),
    qty: quantity().notNull(),
    shipDate: date({ mode: "string" }).notNull(),
    expectedArrival: date({ mode: "string" }).notNull(),
    carrier: text(),
    tracking: text(),
    /** A notice its supplier cancelled before any of it was received keeps its lines, cancelled. */
    status: text({ enum: ["in_transit", "received", "cancelled"] })
      .notNull()
      .default("in_transit"),
    receivedQty: quantity(),
    receivedOn: date({ mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("shipments_agreement_idx").on(t.tenantId, t.agreementId, t.status),
    index("shipments_asn_number_idx").on(t.tenantId, t.asnNumber),
    foreignKey({
      name: "shipments_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    }),
    foreignKey({
      name: "shipments_plan_line_fk",
      columns: [t.tenantId, t.planLineId],
      foreignColumns: [planLines.tenantId, planLines.id],
    }),
    check("shipments_qty_check", sql`${t.qty} > 0 and (${t.receivedQty} is null or ${t.receivedQty} >= 0)`),
    check("shipments_dates_check", sql`${t.expectedArrival} >= ${t.shipDate}`),
    check("shipments_status_check", sql`${t.status} in ('in_transit', 'received', 'cancelled')`),
    ...supplierOwnedPolicies("shipments"),
  ],
).enableRLS();

/** The last ASN number given per tenant and year; like plan_counters, reached only through `next_asn_number()`. */
export const asnCounters = pgTable(
  "asn_counters",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    year: integer().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.year] }),
    pgPolicy("asn_counters_tenant", { as: "permissive", for: "all", using: tenantMatches, withCheck: tenantMatches }),
  ],
).enableRLS();
