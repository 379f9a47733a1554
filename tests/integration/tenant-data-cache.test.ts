import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant, withUser } from "@db/scope";
import { listMembershipsOfUser } from "~/models/memberships.server";
import { createSession, generateSessionToken, validateSessionContext } from "~/services/auth/session.server";
import { tenantDataVersion } from "~/models/data-version.server";
import { cachedForTenant, clearTenantDataCache } from "~/services/cache/tenant-data-cache.server";
import { createItem, createLocation, createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;
const tenantA = randomUUID();
const tenantB = randomUUID();
const supplier1 = randomUUID();
const supplier2 = randomUUID();
const site = randomUUID();

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  await createTenant(db, { id: tenantA, slugPrefix: "cache-a", name: "Cache A" });
  await createTenant(db, { id: tenantB, slugPrefix: "cache-b", name: "Cache B" });
  await createSupplier(db, { tenantId: tenantA, id: supplier1, code: "S1", name: "One" });
  await createSupplier(db, { tenantId: tenantA, id: supplier2, code: "S2", name: "Two" });
  await createLocation(db, { tenantId: tenantA, id: site, code: "L1", name: "Site" });
});

afterAll(async () => {
  await handle?.close();
});

beforeEach(() => clearTenantDataCache());

const buyerA: TenantScope = { tenantId: tenantA, supplierId: null, userId: null };
const version = (scope: TenantScope) => withTenant(handle.db, scope, (tx) => tenantDataVersion(tx, scope));

describe("the tenant data version", () => {
  it("moves on with a write to the tenant's data, and only that tenant's", async () => {
    const a0 = await version(buyerA);
    const b0 = await version({ tenantId: tenantB, supplierId: null, userId: null });
    const itemId = await createItem(handle.db, { tenantId: tenantA, sku: "X-1", name: "Item", unitCost: 1 });
    const a1 = await version(buyerA);
    expect(a1).not.toBe(a0);
    expect(await version({ tenantId: tenantB, supplierId: null, userId: null })).toBe(b0);
    // Many rows in one statement move it once (and do not trip over one another).
    await handle.db.insert(schema.items).values([
      { tenantId: tenantA, id: randomUUID(), sku: "X-M1", name: "Many", unitCost: 1 },
      { tenantId: tenantA, id: randomUUID(), sku: "X-M2", name: "Many", unitCost: 1 },
      { tenantId: tenantA, id: randomUUID(), sku: "X-M3", name: "Many", unitCost: 1 },
    ]);
    expect(await version(buyerA)).toMatch(new RegExp(`^${Number(a1.split("@")[0]) + 1}@`));
    // Updates and deletes count too.
    await handle.db.update(schema.items).set({ name: "Renamed" }).where(eq(schema.items.id, itemId));
    const a2 = await version(buyerA);
    expect(a2).not.toBe(a1);
    await handle.db.delete(schema.items).where(eq(schema.items.id, itemId));
    expect(await version(buyerA)).not.toBe(a2);
  });

  it("comes with the user's memberships, equal to the tenant's version", async () => {
    const userId = await createUser(handle.db, { label: "cache-user", name: "U", passwordHash: "x" });
    await createMembership(handle.db, { tenantId: tenantA, userId, role: "buyer" });
    const records = await withUser(handle.db, userId, (tx) => listMembershipsOfUser(tx, userId));
    expect(records.map((r) => [r.tenant.id, r.dataVersion])).toEqual([[tenantA, await version(buyerA)]]);
    // The session check reads the same memberships and versions in one statement.
    const token = generateSessionToken();
    await withUser(handle.db, userId, (tx) => createSession(tx, token, userId));
    const context = await withUser(handle.db, null, (tx) => validateSessionContext(tx, token));
    expect(context?.session.user.id).toBe(userId);
    expect(context?.memberships).toEqual([
      {
        tenantId: tenantA,
        slug: records[0].tenant.slug,
        name: "Cache A",
        currency: records[0].tenant.currency,
        timezone: records[0].tenant.timezone,
        role: "buyer",
        supplierId: null,
        supplierAdmin: false,
        dataVersion: records[0].dataVersion,
        // The header's counts: no notification, no plan waiting for a buyer, no open alert in this tenant.
        unread: 0,
        awaiting: 0,
        alerts: 0,
      },
    ]);
    // Nobody else's: a garbage token finds nothing.
    expect(await withUser(handle.db, null, (tx) => validateSessionContext(tx, generateSessionToken()))).toBeNull();
  });

  it("can be read by the app role for its own tenant only", async () => {
    await createItem(handle.db, { tenantId: tenantA, sku: "X-2", name: "Item", unitCost: 1 });
    const seen = (tenantId: string) =>
      withTenant(handle.db, { tenantId, supplierId: null, userId: null }, (tx) => tx.select().from(schema.tenantDataVersions));
    expect((await seen(tenantA)).map((r) => r.tenantId)).toEqual([tenantA]);
    expect((await seen(tenantB)).map((r) => r.tenantId)).not.toContain(tenantA);
  });
});

describe("cachedForTenant", () => {
  let calls = 0;
  const compute = async () => ++calls;
  const read = async (scope: TenantScope, key = "k", now?: () => number) =>
    cachedForTenant(scope, await version(scope), key, compute, now);

  it("serves a computed value again while the tenant's data is unchanged", async () => {
    calls = 0;
    expect(await read(buyerA)).toBe(1);
    expect(await read(buyerA)).toBe(1);
    expect(calls).toBe(1);
  });

  it("computes again after any write to the tenant's data", async () => {
    calls = 0;
    expect(await read(buyerA)).toBe(1);
    await handle.db.update(schema.locations).set({ name: "Renamed site" }).where(eq(schema.locations.id, site));
    expect(await read(buyerA)).toBe(2);
  });

  it("never serves one scope's value to another scope (supplier, buyer side, other tenant)", async () => {
    calls = 0;
    const s1: TenantScope = { tenantId: tenantA, supplierId: supplier1, userId: null };
    const s2: TenantScope = { tenantId: tenantA, supplierId: supplier2, userId: null };
    expect(await read(s1)).toBe(1);
    expect(await read(s2)).toBe(2);
    expect(await read(buyerA)).toBe(3);
    expect(await read({ tenantId: tenantB, supplierId: null, userId: null })).toBe(4);
    expect(await read(s1)).toBe(1);
  });

  it("expires an entry after a minute even without a write", async () => {
    calls = 0;
    let clock = 1_000_000;
    const now = () => clock;
    expect(await read(buyerA, "aging", now)).toBe(1);
    clock += 59_000;
    expect(await read(buyerA, "aging", now)).toBe(1);
    clock += 2_000;
    expect(await read(buyerA, "aging", now)).toBe(2);
  });
});
