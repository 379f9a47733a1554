import { randomUUID } from "node:crypto";
import type { Database } from "@db/client";
import * as schema from "@db/schema";
import {
  type FactKey,
  createAgreement,
  createItem,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
  insertFacts,
} from "../../support/factories";

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
  return createUser(db, { label, domain: "rls.test" });
}

async function buildTenant(db: Database, label: string, multiUser: string): Promise<FixtureTenant> {
  const { id, slug } = await createTenant(db, { slugPrefix: `rls-${label}`, name: `Tenant ${label.toUpperCase()}` });

  const suppliers = {
    s1: await createSupplier(db, { tenantId: id, code: "S1", name: `${label} supplier one` }),
    s2: await createSupplier(db, { tenantId: id, code: "S2", name: `${label} supplier two` }),
  };
  const locations = {
    l1: await createLocation(db, { tenantId: id, code: "L1", name: `${label} site one` }),
    l2: await createLocation(db, { tenantId: id, code: "L2", name: `${label} site two` }),
  };
  const items = {} as FixtureTenant["items"];
  for (const key of ["i1", "i2", "i3", "i4"] as const) {
    items[key] = await createItem(db, {
      tenantId: id,
      sku: `${label.toUpperCase()}-${key}`,
      name: `${label} item ${key}`,
      unitCost: 2.5,
    });
  }
  const terms = { minQty: 10, maxQty: 50, leadTimeDays: 3 };
  const pairs = [
    { supplierId: suppliers.s1, itemId: items.i1, locationId: locations.l1 },
    { supplierId: suppliers.s1, itemId: items.i1, locationId: locations.l2 },
    { supplierId: suppliers.s2, itemId: items.i2, locationId: locations.l1 },
    { supplierId: suppliers.s2, itemId: items.i3, locationId: locations.l2 },
  ];
  const agreementIds: string[] = [];
  for (const { supplierId, itemId, locationId } of pairs) {
    agreementIds.push((await createAgreement(db, { tenantId: id, supplierId, locationId, item: { itemId }, terms })).id);
  }
  const [ag1, ag2, ag3, ag4] = agreementIds;
  const agreements = { ag1, ag2, ag3, ag4 };

  const factKeys: FactKey[] = [
    ...pairs.map((p) => ({ tenantId: id, ...p })),
    { tenantId: id, itemId: items.i4, locationId: locations.l1, supplierId: null },
  ];
  for (const key of factKeys)
    await insertFacts(
      db,
      key,
      DAYS.map((day) => ({ day, onHand: 20, consumed: 4, received: 6 })),
    );
  const keysOf = (supplierId: string | null) =>
    factKeys
      .filter((k) => k.supplierId === supplierId)
      .flatMap((k) => DAYS.map((day) => factKey({ ...k, day })))
      .sort();
  const facts = { s1: keysOf(suppliers.s1), s2: keysOf(suppliers.s2), none: keysOf(null) };

  const users = {
    buyer: await insertUser(db, `${label}-buyer`),
    s1: await insertUser(db, `${label}-s1`),
    s2: await insertUser(db, `${label}-s2`),
  };
  const memberships = {
    buyer: await createMembership(db, { tenantId: id, userId: users.buyer, role: "buyer" }),
    s1: await createMembership(db, { tenantId: id, userId: users.s1, role: "supplier", supplierId: suppliers.s1 }),
    s2: await createMembership(db, { tenantId: id, userId: users.s2, role: "supplier", supplierId: suppliers.s2 }),
    multi: await createMembership(db, { tenantId: id, userId: multiUser, role: "supplier", supplierId: suppliers.s1 }),
  };

  const audit = { s1: randomUUID(), s2: randomUUID(), tenantWide: randomUUID() };
  await db.insert(schema.auditEvents).values([
    { id: audit.s1, tenantId: id, supplierId: suppliers.s1, actorUserId: users.s1, action: "plan.submit", entityType: "plan" },
    { id: audit.s2, tenantId: id, supplierId: suppliers.s2, actorUserId: users.s2, action: "plan.submit", entityType: "plan" },
    {
      id: audit.tenantWide,
      tenantId: id,
      supplierId: null,
      actorUserId: users.buyer,
      action: "tenant.update",
      entityType: "tenant",
    },
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
