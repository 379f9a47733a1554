import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** One login across tenants; memberships give it roles. Not tenant-owned, so no tenant_id. */
export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    /** Saved language choice ('en' | 'zh-CN'); null follows the browser. */
    locale: text(),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** Sessions per Lucia's guide: the id is the SHA-256 (hex) of the token; the token is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/**
 * Sign-in throttling shared by every app instance. Keys: `ip:<address>` counts attempts in a
 * one-minute window; `login:<sha256 of the lower-cased email>` counts consecutive failures, keyed
 * by the email typed rather than the user so that unknown and known emails behave alike.
 */
export const authThrottle = pgTable("auth_throttle", {
  key: text().primaryKey(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  hits: integer().notNull().default(0),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }),
});
