import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DatabaseHandle, type Tx, openDatabase } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant, withUser } from "@db/scope";
import { failure } from "../support/errors";
import { createSession } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { type Queryable, queryRows, tenantTables } from "./support/rls-catalog";
import { type Fixture, type FixtureTenant, buildFixture, factKey } from "./support/tenant-fixture";

/**
 * Isolation at the database level: everything here goes through withTenant / withUser (the app
 * role under row-level security), never through app/models, so a model that forgets a filter
 * cannot hide a missing policy.
 */

let handle: DatabaseHandle;
let f: Fixture;
let A: FixtureTenant;
let B: FixtureTenant;

/** The tables the fixture fills; the catalog may list more, which are still checked for 0 rows. */
const FIXTURE_TABLES = [
  "agreements",
  "audit_events",
  "consumption",
  "items",
  "locations",
  "memberships",
  "receipts",
  "stock_snapshots",
  "suppliers",
  "tenants",
];

beforeAll(async () => {
  handle = await openTestDatabase();
  f = await buildFixture(handle.db);
  A = f.a;
  B = f.b;
});

afterAll(async () => {
  await handle?.close();
});

const buyer = (t: FixtureTenant): TenantScope => ({ tenantId: t.id, supplierId: null, userId: t.users.buyer });
/** The buyer's side with the administrator's role: the scope that may write master data and people. */
const administrator = (t: FixtureTenant): TenantScope => ({ ...buyer(t), role: "admin" });
const supplier1 = (t: FixtureTenant): TenantScope => ({ tenantId: t.id, supplierId: t.suppliers.s1, userId: t.users.s1 });

const sorted = (values: string[]) => [...values].sort();
const idsOf = (rows: { id: string }[]) => sorted(rows.map((r) => r.id));
const keysOf = (rows: { itemId: string; locationId: string; day: string }[]) => sorted(rows.map(factKey));

async function countRows(q: Queryable, table: string) {
  const [row] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row.n);
}

const RLS_VIOLATION = /new row violates row-level security policy/;
const PERMISSION_DENIED = /permission denied for table/;

class Rollback extends Error {}

/** Runs work in the scope and rolls back, so a successful write does not change the fixture. */
async function tryInScope<T>(scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await expect(
    withTenant(handle.db, scope, async (tx) => {
      result = await work(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
  return result as T;
}

/** What one scope can read from each table, as sorted ids (fact tables: item/location/day keys). */
async function visible(tx: Tx) {
  return {
    tenants: idsOf(await tx.select({ id: schema.tenants.id }).from(schema.tenants)),
    suppliers: idsOf(await tx.select({ id: schema.suppliers.id }).from(schema.suppliers)),
    locations: idsOf(await tx.select({ id: schema.locations.id }).from(schema.locations)),
    items: idsOf(await tx.select({ id: schema.items.id }).from(schema.items)),
    agreements: idsOf(await tx.select({ id: schema.agreements.id }).from(schema.agreements)),
    stockSnapshots: keysOf(await tx.select().from(schema.stockSnapshots)),
    consumption: keysOf(await tx.select().from(schema.consumption)),
    receipts: keysOf(await tx.select().from(schema.receipts)),
    memberships: idsOf(await tx.select({ id: schema.memberships.id }).from(schema.memberships)),
    auditEvents: idsOf(await tx.select({ id: schema.auditEvents.id }).from(schema.auditEvents)),
  };
}

const allOf = (t: FixtureTenant) => ({
  tenants: [t.id],
  suppliers: sorted(Object.values(t.suppliers)),
  locations: sorted(Object.values(t.locations)),
  items: sorted(Object.values(t.items)),
  agreements: sorted(Object.values(t.agreements)),
  stockSnapshots: sorted([...t.facts.s1, ...t.facts.s2, ...t.facts.none]),
  consumption: sorted([...t.facts.s1, ...t.facts.s2, ...t.facts.none]),
  receipts: sorted([...t.facts.s1, ...t.facts.s2, ...t.facts.none]),
  memberships: sorted(Object.values(t.memberships)),
  auditEvents: sorted(Object.values(t.audit)),
});

describe("the app role with no tenant context", () => {
  it("sees 0 rows in every tenant table, while the owner sees the fixture's rows", async () => {
    const catalog = await tenantTables(handle.db);
    // Tables the app role cannot select from at all fail louder than 0 rows: the plan and ASN
    // counters, the e-mail outbox (read by the relay only) and the alert digests' queue (read by
    // the digest job only).
    const tables = catalog.filter((t) => t.appCanSelect).map((t) => t.name);
    expect(
      catalog
        .filter((t) => !t.appCanSelect)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["alert_digest_items", "asn_counters", "email_outbox", "plan_counters"]);
    expect(tables).toEqual(expect.arrayContaining(FIXTURE_TABLES));
    for (const table of FIXTURE_TABLES) {
      expect(await countRows(handle.db, table), `owner rows in ${table}`).toBeGreaterThan(0);
    }

    const viaWithUser = await withUser(handle.db, null, async (tx) => {
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = await countRows(tx, table);
      return counts;
    });
    expect(viaWithUser).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));

    const viaBareRole = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local role vmi_app`);
      const [who] = await queryRows<{ role: string }>(tx, sql`select current_user::text as role`);
      expect(who.role).toBe("vmi_app");
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = await countRows(tx, table);
      return counts;
    });
    expect(viaBareRole).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));
  });

  it("runs withTenant as vmi_app, not as the connecting superuser", async () => {
    const [row] = await withTenant(handle.db, buyer(A), (tx) =>
      queryRows<{ role: string; tenant: string }>(
        tx,
        sql`select current_user::text as role, current_setting('app.tenant_id', true) as tenant`,
      ),
    );
    expect(row).toEqual({ role: "vmi_app", tenant: A.id });
  });
});

describe("supplier S1 of tenant A", () => {
  it("reads only its own rows", async () => {
    const seen = await withTenant(handle.db, supplier1(A), visible);
    expect(seen).toEqual({
      tenants: [A.id],
      suppliers: [A.suppliers.s1],
      // Sites are the buyer's, shared by its suppliers.
      locations: sorted([A.locations.l1, A.locations.l2]),
      // Only the item it has agreements for: not S2's items, not the unmanaged one.
      items: [A.items.i1],
      agreements: sorted([A.agreements.ag1, A.agreements.ag2]),
      stockSnapshots: A.facts.s1,
      consumption: A.facts.s1,
      receipts: A.facts.s1,
      // Its own people only (the multi-tenant user also serves S1 in A); no buyer, no S2.
      memberships: sorted([A.memberships.s1, A.memberships.multi]),
      auditEvents: [A.audit.s1],
    });
    expect(seen.stockSnapshots).toHaveLength(4);
  });

  it("cannot read S2's rows even when asking for them by id", async () => {
    const found = await withTenant(handle.db, supplier1(A), async (tx) => ({
      agreement: await tx.select().from(schema.agreements).where(eq(schema.agreements.id, A.agreements.ag3)),
      supplier: await tx.select().from(schema.suppliers).where(eq(schema.suppliers.id, A.suppliers.s2)),
      item: await tx.select().from(schema.items).where(eq(schema.items.id, A.items.i2)),
      stock: await tx.select().from(schema.stockSnapshots).where(eq(schema.stockSnapshots.supplierId, A.suppliers.s2)),
      consumption: await tx.select().from(schema.consumption).where(eq(schema.consumption.supplierId, A.suppliers.s2)),
      receipts: await tx.select().from(schema.receipts).where(eq(schema.receipts.supplierId, A.suppliers.s2)),
      membership: await tx.select().from(schema.memberships).where(eq(schema.memberships.id, A.memberships.s2)),
      audit: await tx.select().from(schema.auditEvents).where(eq(schema.auditEvents.id, A.audit.s2)),
    }));
    expect(found).toEqual({
      agreement: [],
      supplier: [],
      item: [],
      stock: [],
      consumption: [],
      receipts: [],
      membership: [],
      audit: [],
    });
  });

  it("cannot insert rows that carry S2's supplier_id", async () => {
    const scope = supplier1(A);
    const day = "2026-02-01";
    const attempts: Record<string, (tx: Tx) => Promise<unknown>> = {
      agreements: (tx) =>
        tx.insert(schema.agreements).values({
          tenantId: A.id,
          supplierId: A.suppliers.s2,
          itemId: A.items.i4,
          locationId: A.locations.l2,
          minQty: 1,
          maxQty: 2,
          leadTimeDays: 1,
        }),
      stock_snapshots: (tx) =>
        tx.insert(schema.stockSnapshots).values({
          tenantId: A.id,
          supplierId: A.suppliers.s2,
          itemId: A.items.i2,
          locationId: A.locations.l1,
          day,
          onHand: 1,
        }),
      consumption: (tx) =>
        tx.insert(schema.consumption).values({
          tenantId: A.id,
          supplierId: A.suppliers.s2,
          itemId: A.items.i2,
          locationId: A.locations.l1,
          day,
          qty: 1,
        }),
      memberships: (tx) =>
        tx.insert(schema.memberships).values({
          tenantId: A.id,
          userId: f.loneUser,
          role: "supplier",
          supplierId: A.suppliers.s2,
        }),
      audit_events: (tx) =>
        tx.insert(schema.auditEvents).values({
          tenantId: A.id,
          supplierId: A.suppliers.s2,
          action: "forged",
          entityType: "plan",
        }),
      // A supplier creates no master data at all.
      suppliers: (tx) => tx.insert(schema.suppliers).values({ tenantId: A.id, code: "S9", name: "forged" }),
      items: (tx) => tx.insert(schema.items).values({ tenantId: A.id, sku: "FORGED", name: "forged", unitCost: 1 }),
    };
    for (const [table, attempt] of Object.entries(attempts)) {
      const message = await failure(withTenant(handle.db, scope, attempt));
      expect(message, table).toMatch(RLS_VIOLATION);
      expect(message, table).toContain(`"${table}"`);
    }
  });

  it("writes its own audit rows, but none of the buyer's facts, even for its own items", async () => {
    const inserted = await tryInScope(supplier1(A), async (tx) => {
      await tx.insert(schema.auditEvents).values({
        tenantId: A.id,
        supplierId: A.suppliers.s1,
        action: "plan.draft",
        entityType: "plan",
      });
      return (await tx.select().from(schema.auditEvents)).length;
    });
    expect(inserted).toBe(2);
    const ownFact = await failure(
      withTenant(handle.db, supplier1(A), (tx) =>
        tx.insert(schema.stockSnapshots).values({
          tenantId: A.id,
          supplierId: A.suppliers.s1,
          itemId: A.items.i1,
          locationId: A.locations.l1,
          day: "2026-02-01",
          onHand: 7,
        }),
      ),
    );
    expect(ownFact).toMatch(RLS_VIOLATION);
  });

  it("updates and deletes of S2's rows affect 0 rows and leave them intact", async () => {
    const affected = await withTenant(handle.db, supplier1(A), async (tx) => ({
      updateAgreement: await tx
        .update(schema.agreements)
        .set({ maxQty: 999 })
        .where(eq(schema.agreements.id, A.agreements.ag3))
        .returning({ id: schema.agreements.id }),
      updateStock: await tx
        .update(schema.stockSnapshots)
        .set({ onHand: 999 })
        .where(eq(schema.stockSnapshots.supplierId, A.suppliers.s2))
        .returning({ day: schema.stockSnapshots.day }),
      updateConsumption: await tx
        .update(schema.consumption)
        .set({ qty: 999 })
        .where(eq(schema.consumption.supplierId, A.suppliers.s2))
        .returning({ day: schema.consumption.day }),
      updateSupplier: await tx
        .update(schema.suppliers)
        .set({ name: "hijacked" })
        .where(eq(schema.suppliers.id, A.suppliers.s2))
        .returning({ id: schema.suppliers.id }),
      updateItem: await tx
        .update(schema.items)
        .set({ name: "hijacked" })
        .where(eq(schema.items.id, A.items.i2))
        .returning({ id: schema.items.id }),
      updateMembership: await tx
        .update(schema.memberships)
        .set({ supplierId: A.suppliers.s1 })
        .where(eq(schema.memberships.id, A.memberships.s2))
        .returning({ id: schema.memberships.id }),
      deleteStock: await tx
        .delete(schema.stockSnapshots)
        .where(eq(schema.stockSnapshots.supplierId, A.suppliers.s2))
        .returning({ day: schema.stockSnapshots.day }),
      deleteConsumption: await tx
        .delete(schema.consumption)
        .where(eq(schema.consumption.supplierId, A.suppliers.s2))
        .returning({ day: schema.consumption.day }),
      deleteMembership: await tx
        .delete(schema.memberships)
        .where(eq(schema.memberships.id, A.memberships.s2))
        .returning({ id: schema.memberships.id }),
      deleteAgreement: await tx
        .delete(schema.agreements)
        .where(eq(schema.agreements.id, A.agreements.ag3))
        .returning({ id: schema.agreements.id }),
    }));
    for (const [what, rows] of Object.entries(affected)) expect(rows, what).toEqual([]);

    // As the owner: S2's rows are all still there, unchanged.
    const [ag3] = await handle.db.select().from(schema.agreements).where(eq(schema.agreements.id, A.agreements.ag3));
    expect(ag3.maxQty).toBe(50);
    const s2Stock = await handle.db
      .select()
      .from(schema.stockSnapshots)
      .where(and(eq(schema.stockSnapshots.tenantId, A.id), eq(schema.stockSnapshots.supplierId, A.suppliers.s2)));
    expect(keysOf(s2Stock)).toEqual(A.facts.s2);
    expect(s2Stock.map((r) => r.onHand)).toEqual(A.facts.s2.map(() => 20));
    const s2Use = await handle.db
      .select()
      .from(schema.consumption)
      .where(and(eq(schema.consumption.tenantId, A.id), eq(schema.consumption.supplierId, A.suppliers.s2)));
    expect(s2Use.map((r) => r.qty)).toEqual(A.facts.s2.map(() => 4));
    const [s2] = await handle.db.select().from(schema.suppliers).where(eq(schema.suppliers.id, A.suppliers.s2));
    expect(s2.name).toBe("a supplier two");
    const [m2] = await handle.db.select().from(schema.memberships).where(eq(schema.memberships.id, A.memberships.s2));
    expect(m2.supplierId).toBe(A.suppliers.s2);
  });

  it("cannot change its own agreements, facts or memberships, let alone move them to S2", async () => {
    const scope = supplier1(A);
    const changed = await withTenant(handle.db, scope, async (tx) => ({
      agreements: await tx
        .update(schema.agreements)
        .set({ supplierId: A.suppliers.s2, maxQty: 100_000 })
        .where(eq(schema.agreements.id, A.agreements.ag1))
        .returning({ id: schema.agreements.id }),
      stock_snapshots: await tx
        .update(schema.stockSnapshots)
        .set({ supplierId: A.suppliers.s2 })
        .where(eq(schema.stockSnapshots.itemId, A.items.i1))
        .returning({ day: schema.stockSnapshots.day }),
      consumption: await tx
        .update(schema.consumption)
        .set({ qty: 0 })
        .where(eq(schema.consumption.itemId, A.items.i1))
        .returning({ day: schema.consumption.day }),
      memberships: await tx
        .update(schema.memberships)
        .set({ supplierId: A.suppliers.s2 })
        .where(eq(schema.memberships.id, A.memberships.s1))
        .returning({ id: schema.memberships.id }),
      deletedMemberships: await tx
        .delete(schema.memberships)
        .where(eq(schema.memberships.id, A.memberships.s1))
        .returning({ id: schema.memberships.id }),
    }));
    for (const [table, rows] of Object.entries(changed)) expect(rows, table).toEqual([]);
    // Still there and still S1's, as the owner sees it.
    const [agreement] = await handle.db.select().from(schema.agreements).where(eq(schema.agreements.id, A.agreements.ag1));
    expect(agreement.supplierId).toBe(A.suppliers.s1);
    expect(agreement.maxQty).not.toBe(100_000);
  });

  it("sees nothing with a supplier id from another tenant", async () => {
    const seen = await withTenant(handle.db, { tenantId: A.id, supplierId: B.suppliers.s1, userId: null }, visible);
    expect(seen).toEqual({
      tenants: [A.id],
      suppliers: [],
      locations: sorted([A.locations.l1, A.locations.l2]),
      items: [],
      agreements: [],
      stockSnapshots: [],
      consumption: [],
      receipts: [],
      memberships: [],
      auditEvents: [],
    });
  });
});

describe("a supplier scope and the buyer's master data", () => {
  /** A write that should be refused: rows it affected, or [] when it was rejected. */
  async function attempt<T>(tx: Tx, write: (tx: Tx) => Promise<T[]>): Promise<T[]> {
    try {
      return await tx.transaction((sp) => write(sp));
    } catch {
      return [];
    }
  }

  it("a supplier cannot reveal a competitor's item by creating an agreement for it", async () => {
    const items = await tryInScope(supplier1(A), async (tx) => {
      await attempt(tx, (sp) =>
        sp
          .insert(schema.agreements)
          .values({
            tenantId: A.id,
            supplierId: A.suppliers.s1,
            itemId: A.items.i2,
            locationId: A.locations.l2,
            minQty: 0,
            maxQty: 0,
            leadTimeDays: 0,
          })
          .returning({ id: schema.agreements.id }),
      );
      return idsOf(await tx.select({ id: schema.items.id }).from(schema.items));
    });
    expect(items).toEqual([A.items.i1]);
  });

  it("a supplier cannot change the buyer's sites or tenant settings", async () => {
    const changed = await tryInScope(supplier1(A), async (tx) => ({
      renamedSites: await attempt(tx, (sp) =>
        sp.update(schema.locations).set({ name: "renamed by supplier" }).returning({ id: schema.locations.id }),
      ),
      newSites: await attempt(tx, (sp) =>
        sp
          .insert(schema.locations)
          .values({ tenantId: A.id, code: "X9", name: "planted" })
          .returning({ id: schema.locations.id }),
      ),
      tenant: await attempt(tx, (sp) =>
        sp
          .update(schema.tenants)
          .set({ settings: { approvalPolicy: "none" } })
          .returning({ id: schema.tenants.id }),
      ),
    }));
    expect(changed).toEqual({ renamedSites: [], newSites: [], tenant: [] });
  });
});

describe("a buyer scope in tenant A", () => {
  it("sees all of A and nothing of B", async () => {
    expect(await withTenant(handle.db, buyer(A), visible)).toEqual(allOf(A));
    expect(await withTenant(handle.db, buyer(B), visible)).toEqual(allOf(B));
  });

  it("cannot insert rows with tenant B's id", async () => {
    const attempts: Record<string, (tx: Tx) => Promise<unknown>> = {
      suppliers: (tx) => tx.insert(schema.suppliers).values({ tenantId: B.id, code: "X1", name: "forged" }),
      locations: (tx) => tx.insert(schema.locations).values({ tenantId: B.id, code: "X1", name: "forged" }),
      items: (tx) => tx.insert(schema.items).values({ tenantId: B.id, sku: "X1", name: "forged", unitCost: 1 }),
      agreements: (tx) =>
        tx.insert(schema.agreements).values({
          tenantId: B.id,
          supplierId: B.suppliers.s1,
          itemId: B.items.i4,
          locationId: B.locations.l2,
          minQty: 1,
          maxQty: 2,
          leadTimeDays: 1,
        }),
      stock_snapshots: (tx) =>
        tx.insert(schema.stockSnapshots).values({
          tenantId: B.id,
          supplierId: null,
          itemId: B.items.i4,
          locationId: B.locations.l2,
          day: "2026-02-01",
          onHand: 1,
        }),
      consumption: (tx) =>
        tx.insert(schema.consumption).values({
          tenantId: B.id,
          supplierId: null,
          itemId: B.items.i4,
          locationId: B.locations.l2,
          day: "2026-02-01",
          qty: 1,
        }),
      memberships: (tx) =>
        tx.insert(schema.memberships).values({ tenantId: B.id, userId: f.loneUser, role: "admin", supplierId: null }),
      audit_events: (tx) => tx.insert(schema.auditEvents).values({ tenantId: B.id, action: "forged", entityType: "x" }),
    };
    for (const [table, attempt] of Object.entries(attempts)) {
      const message = await failure(withTenant(handle.db, buyer(A), attempt));
      expect(message, table).toMatch(RLS_VIOLATION);
      expect(message, table).toContain(`"${table}"`);
    }
    // Tenants are created by the operator only.
    expect(
      await failure(
        withTenant(handle.db, buyer(A), (tx) => tx.insert(schema.tenants).values({ slug: "forged", name: "forged" })),
      ),
    ).toMatch(PERMISSION_DENIED);
  });

  it("can insert into its own tenant (control), as its administrator", async () => {
    const rows = await tryInScope(administrator(A), async (tx) => {
      await tx.insert(schema.locations).values({ tenantId: A.id, code: "L9", name: "new site" });
      return tx.select({ id: schema.locations.id }).from(schema.locations);
    });
    expect(rows).toHaveLength(3);
  });

  it("updates and deletes aimed at B's rows affect 0 rows", async () => {
    const affected = await withTenant(handle.db, buyer(A), async (tx) => ({
      updateTenant: await tx
        .update(schema.tenants)
        .set({ name: "hijacked" })
        .where(eq(schema.tenants.id, B.id))
        .returning({ id: schema.tenants.id }),
      updateSuppliers: await tx
        .update(schema.suppliers)
        .set({ name: "hijacked" })
        .where(eq(schema.suppliers.tenantId, B.id))
        .returning({ id: schema.suppliers.id }),
      updateLocations: await tx
        .update(schema.locations)
        .set({ name: "hijacked" })
        .where(eq(schema.locations.tenantId, B.id))
        .returning({ id: schema.locations.id }),
      updateItems: await tx
        .update(schema.items)
        .set({ name: "hijacked" })
        .where(eq(schema.items.tenantId, B.id))
        .returning({ id: schema.items.id }),
      updateAgreements: await tx
        .update(schema.agreements)
        .set({ maxQty: 999 })
        .where(eq(schema.agreements.tenantId, B.id))
        .returning({ id: schema.agreements.id }),
      updateStock: await tx
        .update(schema.stockSnapshots)
        .set({ onHand: 999 })
        .where(eq(schema.stockSnapshots.tenantId, B.id))
        .returning({ day: schema.stockSnapshots.day }),
      updateConsumption: await tx
        .update(schema.consumption)
        .set({ qty: 999 })
        .where(eq(schema.consumption.tenantId, B.id))
        .returning({ day: schema.consumption.day }),
      updateMemberships: await tx
        .update(schema.memberships)
        .set({ role: "admin", supplierId: null })
        .where(eq(schema.memberships.id, B.memberships.buyer))
        .returning({ id: schema.memberships.id }),
      deleteStock: await tx
        .delete(schema.stockSnapshots)
        .where(eq(schema.stockSnapshots.tenantId, B.id))
        .returning({ day: schema.stockSnapshots.day }),
      deleteConsumption: await tx
        .delete(schema.consumption)
        .where(eq(schema.consumption.tenantId, B.id))
        .returning({ day: schema.consumption.day }),
      deleteMemberships: await tx
        .delete(schema.memberships)
        .where(eq(schema.memberships.tenantId, B.id))
        .returning({ id: schema.memberships.id }),
      deleteAgreements: await tx
        .delete(schema.agreements)
        .where(eq(schema.agreements.tenantId, B.id))
        .returning({ id: schema.agreements.id }),
      deleteLocations: await tx
        .delete(schema.locations)
        .where(eq(schema.locations.tenantId, B.id))
        .returning({ id: schema.locations.id }),
    }));
    for (const [what, rows] of Object.entries(affected)) expect(rows, what).toEqual([]);

    // As the owner: B is intact.
    const [tenantB] = await handle.db.select().from(schema.tenants).where(eq(schema.tenants.id, B.id));
    expect(tenantB.name).toBe("Tenant B");
    expect(await withTenant(handle.db, buyer(B), visible)).toEqual(allOf(B));
    const bNames = await handle.db
      .select({ name: schema.locations.name })
      .from(schema.locations)
      .where(eq(schema.locations.tenantId, B.id));
    expect(bNames.map((r) => r.name).sort()).toEqual(["b site one", "b site two"]);
  });

  it("cannot move its own rows into tenant B", async () => {
    const message = await failure(
      withTenant(handle.db, buyer(A), (tx) =>
        tx.update(schema.auditEvents).set({ tenantId: B.id }).where(eq(schema.auditEvents.id, A.audit.tenantWide)),
      ),
    );
    expect(message).toMatch(PERMISSION_DENIED);
    const moves: Record<string, (tx: Tx) => Promise<unknown>> = {
      tenants: (tx) => tx.update(schema.tenants).set({ id: B.id }).where(eq(schema.tenants.id, A.id)),
      memberships: (tx) =>
        tx
          .update(schema.memberships)
          .set({ tenantId: B.id, supplierId: null, role: "admin" })
          .where(eq(schema.memberships.id, A.memberships.buyer)),
    };
    // Even the administrator of A, who may write both rows in A, cannot move them out of it.
    for (const [table, move] of Object.entries(moves)) {
      expect(await failure(withTenant(handle.db, administrator(A), move)), table).toMatch(RLS_VIOLATION);
    }
  });
});

describe("audit_events", () => {
  it("the app role may insert and read, but never update or delete", async () => {
    for (const scope of [buyer(A), supplier1(A)]) {
      const rows = await tryInScope(scope, async (tx) => {
        await tx.insert(schema.auditEvents).values({
          tenantId: A.id,
          supplierId: scope.supplierId,
          action: "test.append",
          entityType: "test",
        });
        return tx
          .select({ action: schema.auditEvents.action })
          .from(schema.auditEvents)
          .where(eq(schema.auditEvents.action, "test.append"));
      });
      expect(rows).toEqual([{ action: "test.append" }]);

      const update = await failure(
        withTenant(handle.db, scope, (tx) =>
          tx.update(schema.auditEvents).set({ action: "rewritten" }).where(eq(schema.auditEvents.id, A.audit.s1)),
        ),
      );
      expect(update).toMatch(/permission denied for table audit_events/);
      const remove = await failure(
        withTenant(handle.db, scope, (tx) => tx.delete(schema.auditEvents).where(eq(schema.auditEvents.id, A.audit.s1))),
      );
      expect(remove).toMatch(/permission denied for table audit_events/);
    }
    const [row] = await handle.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.id, A.audit.s1));
    expect(row.action).toBe("plan.submit");
  });

  it("a sign-in event (no tenant) is written outside any tenant and read by no scope", async () => {
    const id = randomUUID();
    await withUser(handle.db, f.loneUser, (tx) =>
      tx
        .insert(schema.auditEvents)
        .values({ id, tenantId: null, actorUserId: f.loneUser, action: "auth.sign_in", entityType: "user" }),
    );
    const [stored] = await handle.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.id, id));
    expect(stored.action).toBe("auth.sign_in");
    for (const read of [
      withUser(handle.db, f.loneUser, (tx) => tx.select().from(schema.auditEvents)),
      withTenant(handle.db, buyer(A), (tx) =>
        tx.select().from(schema.auditEvents).where(eq(schema.auditEvents.id, f.signInAudit)),
      ),
    ]) {
      expect(await read).toEqual([]);
    }
    // Inside a tenant scope a tenant-less row cannot be forged.
    expect(
      await failure(
        withTenant(handle.db, buyer(A), (tx) =>
          tx.insert(schema.auditEvents).values({ tenantId: null, action: "auth.sign_in", entityType: "user" }),
        ),
      ),
    ).toMatch(RLS_VIOLATION);
  });
});

describe("withUser (signed in, no tenant chosen)", () => {
  it("sees only that user's memberships and the tenants they point to", async () => {
    const multi = await withUser(handle.db, f.multiUser, visible);
    expect(multi).toEqual({
      tenants: sorted([A.id, B.id]),
      suppliers: [],
      locations: [],
      items: [],
      agreements: [],
      stockSnapshots: [],
      consumption: [],
      receipts: [],
      memberships: sorted([A.memberships.multi, B.memberships.multi]),
      auditEvents: [],
    });
    const buyerA = await withUser(handle.db, A.users.buyer, visible);
    expect(buyerA.tenants).toEqual([A.id]);
    expect(buyerA.memberships).toEqual([A.memberships.buyer]);
    const lone = await withUser(handle.db, f.loneUser, visible);
    expect(lone.tenants).toEqual([]);
    expect(lone.memberships).toEqual([]);
  });

  it("keeps a user's own memberships in other tenants visible inside a tenant scope (switcher)", async () => {
    const seen = await withTenant(handle.db, { tenantId: A.id, supplierId: A.suppliers.s1, userId: f.multiUser }, visible);
    expect(seen.memberships).toEqual(sorted([A.memberships.s1, A.memberships.multi, B.memberships.multi]));
    expect(seen.tenants).toEqual(sorted([A.id, B.id]));
    // …but nothing else of B.
    expect(seen.suppliers).toEqual([A.suppliers.s1]);
    expect(seen.agreements).toEqual(sorted([A.agreements.ag1, A.agreements.ag2]));
  });
});

describe("settings do not outlive their transaction", () => {
  it("a new transaction on the same connection as vmi_app sees '' settings and 0 rows", async () => {
    // One connection, so the second transaction surely reuses the first one's session.
    const url = inject("testDatabaseUrl");
    const single = url ? await openDatabase({ url, poolMax: 1 }) : handle;
    try {
      const tables = (await tenantTables(single.db)).filter((t) => t.appCanSelect).map((t) => t.name);
      const inside = await withTenant(single.db, supplier1(A), async (tx) => ({
        agreements: await countRows(tx, "agreements"),
        pid: (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0].pid,
      }));
      expect(inside.agreements).toBe(2);

      const after = await single.db.transaction(async (tx) => {
        await tx.execute(sql`set local role vmi_app`);
        const [settings] = await queryRows<{ pid: number; tenant: string | null; supplier: string | null; user: string | null }>(
          tx,
          sql`select pg_backend_pid() as pid,
                     current_setting('app.tenant_id', true) as tenant,
                     current_setting('app.supplier_id', true) as supplier,
                     current_setting('app.user_id', true) as user`,
        );
        const counts: Record<string, number> = {};
        for (const table of tables) counts[table] = await countRows(tx, table);
        return { settings, counts };
      });
      expect(after.settings).toEqual({ pid: inside.pid, tenant: "", supplier: "", user: "" });
      expect(after.counts).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));

      // And the role itself reverted: a plain transaction is the owner again and sees the rows.
      const [who] = await queryRows<{ role: string }>(single.db, sql`select current_user::text as role`);
      expect(who.role).not.toBe("vmi_app");
    } finally {
      if (single !== handle) await single.close();
    }
  });
});

describe("users and sessions (global tables)", () => {
  it("a scope reads and writes only the signed-in user's own row; other users' password hashes stay hidden", async () => {
    const seen = await withTenant(handle.db, supplier1(A), async (tx) => ({
      users: idsOf(await tx.select({ id: schema.users.id }).from(schema.users)),
      hijacked: await tx
        .update(schema.users)
        .set({ passwordHash: "attacker" })
        .where(eq(schema.users.id, A.users.buyer))
        .returning({ id: schema.users.id }),
    }));
    expect(seen).toEqual({ users: [A.users.s1], hijacked: [] });
    const nobody = await withUser(handle.db, null, (tx) => tx.select({ id: schema.users.id }).from(schema.users));
    expect(nobody).toEqual([]);
    const [buyer] = await handle.db.select().from(schema.users).where(eq(schema.users.id, A.users.buyer));
    expect(buyer.passwordHash).not.toBe("attacker");
  });

  it("a scope sees only its own user's sessions", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const mine = await createSession(handle.db, { id: `own-${randomUUID()}`, userId: A.users.s1, expiresAt });
    const theirs = await createSession(handle.db, { id: `their-${randomUUID()}`, userId: A.users.buyer, expiresAt });
    const seen = await withTenant(handle.db, supplier1(A), async (tx) => ({
      sessions: (await tx.select({ id: schema.sessions.id }).from(schema.sessions)).map((s) => s.id),
      deleted: await tx.delete(schema.sessions).where(eq(schema.sessions.id, theirs)).returning({ id: schema.sessions.id }),
    }));
    expect(seen).toEqual({ sessions: [mine], deleted: [] });
    const forged = await failure(
      withTenant(handle.db, supplier1(A), (tx) =>
        tx.insert(schema.sessions).values({ id: `forged-${randomUUID()}`, userId: A.users.buyer, expiresAt }),
      ),
    );
    expect(forged).toMatch(RLS_VIOLATION);
  });
});

describe("the supplier tag of daily facts", () => {
  it("must be the item-site agreement's supplier: a mistagged fact is refused", async () => {
    const message = await failure(
      withTenant(handle.db, buyer(A), (tx) =>
        tx.insert(schema.stockSnapshots).values({
          // i2 at l1 is S2's agreement (ag3); tagging it S1 would show S2's stock to S1.
          tenantId: A.id,
          supplierId: A.suppliers.s1,
          itemId: A.items.i2,
          locationId: A.locations.l1,
          day: "2026-02-02",
          onHand: 1,
        }),
      ),
    );
    expect(message).toMatch(/violates foreign key constraint "stock_snapshots_agreement_fk"/);
  });

  it("follows the agreement when the buyer moves it to another supplier", async () => {
    const moved = await tryInScope(buyer(A), async (tx) => {
      await tx.update(schema.agreements).set({ supplierId: A.suppliers.s1 }).where(eq(schema.agreements.id, A.agreements.ag3));
      return tx
        .select({ supplierId: schema.stockSnapshots.supplierId })
        .from(schema.stockSnapshots)
        .where(and(eq(schema.stockSnapshots.itemId, A.items.i2), eq(schema.stockSnapshots.locationId, A.locations.l1)));
    });
    expect(moved.length).toBeGreaterThan(0);
    expect(new Set(moved.map((r) => r.supplierId))).toEqual(new Set([A.suppliers.s1]));
  });
});
