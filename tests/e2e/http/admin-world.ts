import { type APIRequestContext, expect } from "@playwright/test";
import { sql } from "drizzle-orm";
import path from "node:path";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { hashPassword } from "~/services/auth/password.server";
import { createMembership, createSupplier, createTenant, createUser } from "../../support/factories";
import { dataDir, newClient, postLogin } from "../support";

/**
 * A company of its own for the administration specs, written through the test server's database
 * socket: an administrator, a manager, a buyer, and two suppliers' people (one of them its
 * supplier's administrator), each with an English page language, so that the specs change and
 * deactivate people no other spec signs in as.
 */

export const PASSWORD = "admin-world-2026";

export const PEOPLE = ["admin", "manager", "buyer", "supplier", "teamAdmin", "colleague", "outsider", "leaver"] as const;
export type Person = (typeof PEOPLE)[number];

export interface AdminWorld {
  db: DatabaseHandle;
  slug: string;
  tenantId: string;
  suppliers: { mine: string; other: string };
  people: Record<Person, { userId: string; membershipId: string; email: string; name: string }>;
}

export async function buildAdminWorld(prefix: string): Promise<AdminWorld> {
  const db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  const tenant = await createTenant(db.db, { slugPrefix: prefix, name: `${prefix} Ltd`, timezone: "Asia/Shanghai" });
  const mine = await createSupplier(db.db, { tenantId: tenant.id, code: "MINE", name: "Mine Supplies" });
  const other = await createSupplier(db.db, { tenantId: tenant.id, code: "OTHER", name: "Other Supplies" });
  const passwordHash = await hashPassword(PASSWORD);
  const spec: Record<Person, { role: "admin" | "manager" | "buyer" | "supplier"; supplierId?: string; supplierAdmin?: boolean }> =
    {
      admin: { role: "admin" },
      manager: { role: "manager" },
      buyer: { role: "buyer" },
      supplier: { role: "supplier", supplierId: mine },
      teamAdmin: { role: "supplier", supplierId: mine, supplierAdmin: true },
      colleague: { role: "supplier", supplierId: mine },
      outsider: { role: "supplier", supplierId: other },
      leaver: { role: "buyer" },
    };
  const people = {} as AdminWorld["people"];
  for (const who of PEOPLE) {
    const email = `${who.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}@${prefix}.example`;
    const name = `${prefix} ${who}`;
    const userId = await createUser(db.db, { email, name, passwordHash, locale: "en" });
    const membershipId = await createMembership(db.db, { tenantId: tenant.id, userId, ...spec[who] });
    people[who] = { userId, membershipId, email, name };
  }
  return { db, slug: tenant.slug, tenantId: tenant.id, suppliers: { mine, other }, people };
}

export async function signIn(world: AdminWorld, who: Person): Promise<APIRequestContext> {
  const client = await newClient();
  const response = await postLogin(client, world.people[who].email, PASSWORD);
  expect(response.status(), `${who} signs in`).toBe(302);
  return client;
}

export async function membershipStatus(world: AdminWorld, membershipId: string): Promise<string> {
  const result = await world.db.db.execute(sql`select status from memberships where id = ${membershipId}::uuid`);
  const rows = Array.isArray(result) ? result : ((result as { rows: { status: string }[] }).rows ?? []);
  return (rows[0] as { status: string }).status;
}

/** A page's visible text, tags stripped and entities read (enough for the phrases the specs look for). */
export function textOf(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

export function post(client: APIRequestContext, url: string, form: Record<string, string>) {
  return client.post(url, { form, maxRedirects: 0 });
}

/** Follows a redirect after a form, and gives the page it lands on (with its toast). */
export async function landing(client: APIRequestContext, response: { status(): number; headers(): Record<string, string> }) {
  expect(response.status(), "the form redirects").toBe(302);
  const page = await client.get(response.headers().location, { maxRedirects: 5 });
  expect(page.status()).toBe(200);
  return textOf(await page.text());
}
