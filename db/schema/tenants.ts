import { sql } from "drizzle-orm";
import { jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { buyerSide, currentTenant, currentUser, isAdmin } from "./policies";

/** The buyer company. Its id is the tenant id that every tenant-owned row carries. */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    currency: text().notNull().default("CNY"),
    timezone: text().notNull().default("Asia/Shanghai"),
    /** The language of the company's e-mails and pages for people who chose none ('en' | 'zh-CN'). */
    defaultLocale: text().notNull().default("zh-CN"),
    /** Validated by zod in app/models (class thresholds, service levels, policy). */
    settings: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  () => [
    // A user sees the tenants it belongs to (for the switcher) and the one it works in.
    pgPolicy("tenants_member_read", {
      as: "permissive",
      for: "select",
      using: sql`id = ${currentTenant} or exists (select 1 from memberships m where m.tenant_id = tenants.id and m.user_id = ${currentUser})`,
    }),
    // The company's settings and policy are its administrators' to change.
    pgPolicy("tenants_own_update", {
      as: "permissive",
      for: "update",
      using: sql`id = ${currentTenant} and ${buyerSide} and ${isAdmin}`,
      withCheck: sql`id = ${currentTenant} and ${buyerSide} and ${isAdmin}`,
    }),
  ],
).enableRLS();
