import { sql } from "drizzle-orm";
import { jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { buyerSide, currentTenant, currentUser } from "./policies";

/** The buyer company. Its id is the tenant id that every tenant-owned row carries. */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    currency: text().notNull().default("CNY"),
    timezone: text().notNull().default("Asia/Shanghai"),
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
    // Settings are the buyer's: a supplier scope cannot change them.
    pgPolicy("tenants_own_update", {
      as: "permissive",
      for: "update",
      using: sql`id = ${currentTenant} and ${buyerSide}`,
      withCheck: sql`id = ${currentTenant} and ${buyerSide}`,
    }),
  ],
).enableRLS();
