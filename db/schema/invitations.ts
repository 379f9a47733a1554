import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { roles, suppliers } from "./parties";
import { peoplePolicies } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

/**
 * An invitation to join a tenant with a role, bound to one e-mail address. The link carries 32
 * random bytes; only their SHA-256 (hex) is kept. Single use, valid until `expiresAt`, revocable,
 * resendable (a resend issues a new token and a new expiry). Accepted through a security-definer
 * function, since the person accepting is not yet a member.
 */
export const invitations = pgTable(
  "invitations",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    email: text().notNull(),
    role: text({ enum: roles }).notNull(),
    supplierId: uuid(),
    supplierAdmin: boolean().notNull().default(false),
    /** The language of the invitation e-mail and of the new person's pages ('en' | 'zh-CN'). */
    locale: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("invitations_token_key").on(t.tokenHash),
    index("invitations_email_idx").on(t.tenantId, sql`lower(${t.email})`),
    foreignKey({
      name: "invitations_supplier_fk",
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
    }).onDelete("cascade"),
    check("invitations_role_check", sql`${t.role} in ('admin', 'manager', 'buyer', 'supplier')`),
    check("invitations_supplier_role_check", sql`(${t.role} = 'supplier') = (${t.supplierId} is not null)`),
    check("invitations_supplier_admin_check", sql`not ${t.supplierAdmin} or ${t.role} = 'supplier'`),
    check("invitations_locale_check", sql`${t.locale} in ('en', 'zh-CN')`),
    ...peoplePolicies("invitations"),
  ],
).enableRLS();
