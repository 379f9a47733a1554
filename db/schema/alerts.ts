import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { buyerSide, isAdmin, supplierOwnedPolicies, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

export const alertSeverities = ["critical", "warning", "info"] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

/** The conditions a rule can watch; app/services/alerts/rule-schema.ts validates their parameters. */
export const alertConditionKinds = [
  "projected_stockout",
  "projected_below_min",
  "projected_above_max",
  "below_safety_stock",
  "days_of_cover_below",
  "no_consumption",
  "band_drift",
  "plan_waiting",
  "shipment_overdue",
  "receipt_difference",
  "stock_discrepancy",
] as const;
export type AlertConditionKind = (typeof alertConditionKinds)[number];

/**
 * A company's alert rules: data, not code. `definition` holds the condition, scope, recipients,
 * channels and to-do of the rule (one zod schema, app/services/alerts/rule-schema.ts); the columns
 * beside it are what lists and the evaluator filter on. The buyer's side reads them; only the
 * company's administrators write them. Suppliers never read rules: a rule's scope names other
 * suppliers.
 */
export const alertRules = pgTable(
  "alert_rules",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    condition: text({ enum: alertConditionKinds }).notNull(),
    severity: text({ enum: alertSeverities }).notNull(),
    definition: jsonb().notNull().$type<Record<string, unknown>>(),
    cooldownMinutes: integer().notNull(),
    enabled: boolean().notNull().default(true),
    /** Which of the defaults every company starts with this rule came from; null for the company's own. */
    defaultKey: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("alert_rules_name_key").on(t.tenantId, t.name),
    unique("alert_rules_default_key").on(t.tenantId, t.defaultKey),
    pgPolicy("alert_rules_read", { as: "permissive", for: "select", using: sql`${tenantMatches} and ${buyerSide}` }),
    pgPolicy("alert_rules_admin_write", {
      as: "permissive",
      for: "all",
      using: sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`,
      withCheck: sql`${tenantMatches} and ${buyerSide} and ${isAdmin}`,
    }),
  ],
).enableRLS();

export const alertStatuses = ["open", "acknowledged", "closed"] as const;
export type AlertStatus = (typeof alertStatuses)[number];
export const alertCloseReasons = ["cleared", "resolved", "rule_removed"] as const;
export type AlertCloseReason = (typeof alertCloseReasons)[number];

/**
 * One alert per rule and condition (its dedupe key: the agreement, plan, shipment or snapshot it
 * is about) while the condition holds: the evaluator opens, keeps and closes them. Every alert
 * concerns one supplier and falls under the supplier policy: a supplier reads and acts on its own.
 * A snoozed alert stays open and counts again after `snoozed_until`.
 */
export const alerts = pgTable(
  "alerts",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    /** Null once the rule was removed (its alerts were closed then and keep their history). */
    ruleId: uuid(),
    /** The rule's name, condition and severity when the alert opened. */
    ruleName: text().notNull(),
    condition: text({ enum: alertConditionKinds }).notNull(),
    severity: text({ enum: alertSeverities }).notNull(),
    dedupeKey: text().notNull(),
    supplierId: uuid().notNull(),
    agreementId: uuid(),
    subjectType: text({ enum: ["agreement", "plan", "shipment"] }).notNull(),
    subjectId: uuid().notNull(),
    /** What triggered it (days to the stockout, on hand, hours waiting…) and the limit it crossed. */
    value: doublePrecision(),
    limitValue: doublePrecision(),
    status: text({ enum: alertStatuses }).notNull().default("open"),
    /** A to-do (a cycle count, dead stock to clear) rather than a warning. */
    isTodo: boolean().notNull().default(false),
    assigneeUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    dueDate: date({ mode: "string" }),
    snoozedUntil: date({ mode: "string" }),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    closeReason: text({ enum: alertCloseReasons }),
    resolution: text(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Opens once per condition: one alert per rule and key while it is open.
    uniqueIndex("alerts_open_key")
      .on(t.tenantId, t.ruleId, t.dedupeKey)
      .where(sql`closed_at is null`),
    index("alerts_rule_key_idx").on(t.tenantId, t.ruleId, t.dedupeKey, t.closedAt),
    index("alerts_open_supplier_idx")
      .on(t.tenantId, t.supplierId)
      .where(sql`closed_at is null`),
    index("alerts_open_agreement_idx")
      .on(t.tenantId, t.agreementId)
      .where(sql`closed_at is null`),
    index("alerts_assignee_idx")
      .on(t.tenantId, t.assigneeUserId)
      .where(sql`closed_at is null`),
    ...supplierOwnedPolicies("alerts"),
  ],
).enableRLS();

export const alertEventKinds = [
  "opened",
  "reopened",
  "cleared",
  "acknowledged",
  "snoozed",
  "assigned",
  "resolved",
  "commented",
  "rule_removed",
] as const;
export type AlertEventKind = (typeof alertEventKinds)[number];

/** The history of an alert: what the evaluator and people did to it, with whom and when. */
export const alertEvents = pgTable(
  "alert_events",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    alertId: uuid().notNull(),
    supplierId: uuid().notNull(),
    kind: text({ enum: alertEventKinds }).notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** What the event set (the snooze date, the assignee and due date, the comment, the value). */
    detail: jsonb().notNull().default({}).$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("alert_events_alert_idx").on(t.tenantId, t.alertId, t.at),
    ...supplierOwnedPolicies("alert_events"),
  ],
).enableRLS();

/**
 * One row per rule and evaluation: when, why, over how many agreements (null: all), how long, and
 * what it opened, reopened, kept and closed. The buyer's side reads them.
 */
export const alertEvaluations = pgTable(
  "alert_evaluations",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    ruleId: uuid().notNull(),
    trigger: text().notNull(),
    agreements: integer(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: doublePrecision().notNull(),
    matched: integer().notNull(),
    opened: integer().notNull(),
    reopened: integer().notNull(),
    kept: integer().notNull(),
    closed: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("alert_evaluations_rule_idx").on(t.tenantId, t.ruleId, t.startedAt),
    pgPolicy("alert_evaluations_buyer", {
      as: "permissive",
      for: "all",
      using: sql`${tenantMatches} and ${buyerSide}`,
      withCheck: sql`${tenantMatches} and ${buyerSide}`,
    }),
  ],
).enableRLS();

/**
 * Alerts waiting for a recipient's daily digest e-mail (rules whose e-mail channel is the digest):
 * written by `notify_opened_alerts()`, sent and marked by the digest job as the owner. The app role
 * has no grant on it.
 */
export const alertDigestItems = pgTable(
  "alert_digest_items",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    alertId: uuid().notNull(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.alertId] }),
    index("alert_digest_items_pending_idx").on(t.tenantId, t.sentAt),
    pgPolicy("alert_digest_items_tenant", { as: "permissive", for: "all", using: tenantMatches, withCheck: tenantMatches }),
  ],
).enableRLS();
