import { sql } from "drizzle-orm";
import { index, integer, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { currentSupplier, currentTenant, currentUser, isAdmin, isSupplierAdmin } from "./policies";

/**
 * One login across tenants; memberships give it roles. Not tenant-owned, so no tenant_id, but
 * guarded all the same: the app role reads and writes only the signed-in user's row. The two
 * look-ups made before the user is known (by email at sign-in, by session id) go through
 * security-definer functions that return only what they must (see migrations/0003).
 */
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
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    pgPolicy("users_self", {
      as: "permissive",
      for: "all",
      using: sql`id = ${currentUser}`,
      withCheck: sql`id = ${currentUser}`,
    }),
    // Administrators read the people of their tenant (a supplier administrator: of its supplier).
    // The memberships looked at are themselves filtered by their own policy.
    pgPolicy("users_member_read", {
      as: "permissive",
      for: "select",
      using: sql`(${isAdmin} or ${isSupplierAdmin}) and exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = ${currentTenant} and (${currentSupplier} is null or m.supplier_id = ${currentSupplier}))`,
    }),
  ],
).enableRLS();

/**
 * Password reset links: the id is the SHA-256 (hex) of the token e-mailed, never the token. Read
 * and consumed only through security-definer functions (the person is not signed in).
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
).enableRLS();

/**
 * The one-time link that sets up the first company of an empty installation: the SHA-256 (hex) of
 * the token printed by the server. Written by the server as the owner; used through a
 * security-definer function.
 */
export const setupTokens = pgTable("setup_tokens", {
  id: text().primaryKey(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
}).enableRLS();

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
  (t) => [
    index("sessions_user_id_idx").on(t.userId),
    pgPolicy("sessions_own", {
      as: "permissive",
      for: "all",
      using: sql`user_id = ${currentUser}`,
      withCheck: sql`user_id = ${currentUser}`,
    }),
  ],
).enableRLS();

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
