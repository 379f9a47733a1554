import { randomUUID } from "node:crypto";
import type { Database } from "@db/client";
import * as schema from "@db/schema";
import { uniqueSlug } from "../../support/test-database";

export const DAYS = ["2026-01-05", "2026-01-06"] as const;

/** A fact row's identity: item/location/day. */
export const factKey = (r: { itemId: string; locationId: string; day: string }) => `${r.itemId}/${r.locationId}/${r.day}`;

export interface FixtureTenant {
  id: string;
  slug: string;
  suppliers: { s1: string; s2: string };
  locations: { l1: string; l2: string };
  /** i1 is supplied by S1 (at both sites), i2 and i3 by S2, i4 by nobody. */
  items: { i1: string; i2: string; i3: string; i4: string };
  /** ag1, ag2: S1; ag3, ag4: S2. */
  agreements: { ag1: string; ag2: string; ag3: string; ag4: string };
  /** Fact keys (see factKey) by who owns them; `none` = stock that no supplier manages. */
  facts: { s1: string[]; s2: string[]; none: string[] };
  users: { buyer: string; s1: string; s2: string };
  memberships: { buyer: string; s1: string; s2: string; multi: string };
  audit: { s1: string; s2: string; tenantWide: string };
}

export interface Fixture {
  a: FixtureTenant;
  b: FixtureTenant;
  /** A supplier person serving S1 in both tenants (like northwind in acme and globex). */
  multiUser: string;
  /** A user with no membership at all. */
  loneUser: string;
  /** A sign-in event: no tenant. */
  signInAudit: string;
}

async function insertUser(db: Database, label: string) {
  const id = randomUUID();
  await db.insert(schema.users).values({
    id,
    email: `${uniqueSlug(label)}@rls.test`,
    name: label,
    passwordHash: "not-a-hash",
  });
  return id;
}

async function buildTenant(db: Database, label: string, multiUser: string): Promise<FixtureTenant> {
  const id = randomUUID();
  const slug = uniqueSlug(`rls-${label}`);
  await db.insert(schema.tenants).values({ id, slug, name: `Tenant ${label.toUpperCase()}` });

  const suppliers = { s1: randomUUID(), s2: randomUUID() };
  await db.insert(schema.suppliers).values([
    { tenantId: id, id: suppliers.s1, code: "S1", name: `${label} supplier one` },
    { tenantId: id, id: suppliers.s2, code: "S2", name: `${label} supplier two` },
  ]);
  const locations = { l1: randomUUID(), l2: randomUUID() };
  await db.insert(schema.locations).values([
    { tenantId: id, id: locations.l1, code: "L1", name: `${label} site one` },
    { tenantId: id, id: locations.l2, code: "L2", name: `${label} site two` },
  ]);
  const items = { i1: randomUUID(), i2: randomUUID(), i3: randomUUID(), i4: randomUUID() };
  await db.insert(schema.items).values(
    Object.entries(items).map(([key, itemId]) => ({
      tenantId: id,
      id: itemId,
      sku: `${label.toUpperCase()}-${key}`,
      name: `${label} item ${key}`,
      unitCost: 2.5,
    })),
  );
  const agreements = { ag1: randomUUID(), ag2: randomUUID(), ag3: randomUUID(), ag4: randomUUID() };
  const terms = [
    { id: agreements.ag1, supplierId: suppliers.s1, itemId: items.i1, locationId: locations.l1 },
    { id: agreements.ag2, supplierId: suppliers.s1, itemId: items.i1, locationId: locations.l2 },
    { id: agreements.ag3, supplierId: suppliers.s2, itemId: items.i2, locationId: locations.l1 },
    { id: agreements.ag4, supplierId: suppliers.s2, itemId: items.i3, locationId: locations.l2 },
  ];
  await db.insert(schema.agreements).values(
    terms.map((t) => ({ tenantId: id, ...t, minQty: 10, maxQty: 50, leadTimeDays: 3 })),
  );

  const factRows = [
    ...terms.map((t) => ({ itemId: t.itemId, locationId: t.locationId, supplierId: t.supplierId as string | null })),
    { itemId: items.i4, locationId: locations.l1, supplierId: null },
  ].flatMap((r) => DAYS.map((day) => ({ tenantId: id, ...r, day })));
  await db.insert(schema.stockSnapshots).values(factRows.map((r) => ({ ...r, onHand: 20 })));
  await db.insert(schema.consumption).values(factRows.map((r) => ({ ...r, qty: 4 })));
  const facts = {
    s1: factRows.filter((r) => r.supplierId === suppliers.s1).map(factKey).sort(),
    s2: factRows.filter((r) => r.supplierId === suppliers.s2).map(factKey).sort(),
    none: factRows.filter((r) => r.supplierId === null).map(factKey).sort(),
  };

  const users = {
    buyer: await insertUser(db, `${label}-buyer`),
    s1: await insertUser(db, `${label}-s1`),
    s2: await insertUser(db, `${label}-s2`),
  };
  const memberships = { buyer: randomUUID(), s1: randomUUID(), s2: randomUUID(), multi: randomUUID() };
  await db.insert(schema.memberships).values([
    { tenantId: id, id: memberships.buyer, userId: users.buyer, role: "buyer", supplierId: null },
    { tenantId: id, id: memberships.s1, userId: users.s1, role: "supplier", supplierId: suppliers.s1 },
    { tenantId: id, id: memberships.s2, userId: users.s2, role: "supplier", supplierId: suppliers.s2 },
    { tenantId: id, id: memberships.multi, userId: multiUser, role: "supplier", supplierId: suppliers.s1 },
  ]);

  const audit = { s1: randomUUID(), s2: randomUUID(), tenantWide: randomUUID() };
  await db.insert(schema.auditEvents).values([
    { id: audit.s1, tenantId: id, supplierId: suppliers.s1, actorUserId: users.s1, action: "plan.submit", entityType: "plan" },
    { id: audit.s2, tenantId: id, supplierId: suppliers.s2, actorUserId: users.s2, action: "plan.submit", entityType: "plan" },
    { id: audit.tenantWide, tenantId: id, supplierId: null, actorUserId: users.buyer, action: "tenant.update", entityType: "tenant" },
  ]);

  return { id, slug, suppliers, locations, items, agreements, facts, users, memberships, audit };
}

/**
 * Two tenants, each with two suppliers and rows in every tenant table, inserted by the connecting
 * (owner) role outside any tenant scope. Ids are generated here so tests can assert exact ids.
 */
export async function buildFixture(db: Database): Promise<Fixture> {
  const multiUser = await insertUser(db, "multi");
  const loneUser = await insertUser(db, "lone");
  const a = await buildTenant(db, "a", multiUser);
  const b = await buildTenant(db, "b", multiUser);
  const signInAudit = randomUUID();
  await db.insert(schema.auditEvents).values({
    id: signInAudit,
    tenantId: null,
    actorUserId: multiUser,
    action: "auth.sign_in",
    entityType: "user",
  });
  return { a, b, multiUser, loneUser, signInAudit };
}
