import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { currentUser, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

/** What a notification is about; the texts live in the locales (notifications.kind.*). */
export const notificationKinds = [
  "plan.submitted",
  "plan.step_reached",
  "plan.decided",
  "plan.changes_requested",
  "band_proposal.submitted",
  "band_proposal.decided",
  "shipment.recorded",
  "shipment.corrected",
  "shipment.cancelled",
  "shipment.received",
  "shipment.overdue",
  "alert.opened",
  "alert.assigned",
  "alert.digest",
  "account.invitation",
  "account.password_reset",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * The in-app inbox: one row per recipient and event. Rows are written only through
 * `enqueue_notification()` (a security-definer function, see the migration), which picks the
 * recipients by role; a user reads and marks read its own rows only.
 */
export const notifications = pgTable(
  "notifications",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The event this notifies of (a plan event's id…): one row per user and event, at most. */
    eventId: uuid().notNull(),
    kind: text({ enum: notificationKinds }).notNull(),
    /** What the texts need: plan number, supplier name, status… and where the link goes. */
    payload: jsonb().notNull().$type<Record<string, unknown>>(),
    /** Path below /t/:tenant that the notification opens. */
    link: text().notNull(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("notifications_event_user_key").on(t.tenantId, t.eventId, t.userId),
    index("notifications_user_idx").on(t.userId, t.tenantId, t.readAt, t.createdAt),
    pgPolicy("notifications_own", {
      as: "permissive",
      for: "all",
      using: sql`${tenantMatches} and user_id = ${currentUser}`,
      withCheck: sql`${tenantMatches} and user_id = ${currentUser}`,
    }),
  ],
).enableRLS();

export const outboxStatuses = ["pending", "sent", "failed"] as const;

/**
 * Transactional outbox of e-mails: written in the transaction of the decision it reports (by
 * `enqueue_notification()`), delivered afterwards by the relay (app/services/notifications). At
 * least once: a relay that dies after sending and before marking the row sends it again, with the
 * same Message-ID (derived from event and recipient), so mail clients and the .eml directory keep
 * one copy. The app role has no grant on this table; only the relay (as the owner) reads it.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for e-mails about a login rather than a tenant (a password reset). */
    tenantId: uuid().references(() => tenants.id, { onDelete: "cascade" }),
    eventId: uuid().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    recipient: text().notNull(),
    /** The recipient's language when the row was written ('en' | 'zh-CN'). */
    locale: text().notNull(),
    kind: text({ enum: notificationKinds }).notNull(),
    payload: jsonb().notNull().$type<Record<string, unknown>>(),
    link: text().notNull(),
    status: text({ enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /** Not before: the relay's backoff after a failure, and the lease of a relay delivering it. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("email_outbox_event_recipient_key").on(t.eventId, t.recipient),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    check("email_outbox_status_check", sql`${t.status} in ('pending', 'sent', 'failed')`),
    // The relay reads it as the owner; a tenant's transaction (were it ever granted) its own rows.
    pgPolicy("email_outbox_tenant", { as: "permissive", for: "all", using: tenantMatches, withCheck: tenantMatches }),
  ],
).enableRLS();
