import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { listInventory } from "~/models/inventory.server";
import { openTestDatabase, uniqueSlug } from "../support/test-database";

let handle: DatabaseHandle;
const tenantId = randomUUID();
const supplierA = randomUUID();
const supplierB = randomUUID();
const site = randomUUID();
// Latest on hand per SKU against a band of 10..50; an older snapshot says otherwise.
const latest: Record<string, number | null> = { "A-OUT": 0, "A-LOW": 5, "A-OK": 20, "B-HIGH": 60, "B-NONE": null };

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  await db.insert(schema.tenants).values({ id: tenantId, slug: uniqueSlug("inv"), name: "Inventory test" });
  await db.insert(schema.suppliers).values([
    { tenantId, id: supplierA, code: "A", name: "Supplier A" },
    { tenantId, id: supplierB, code: "B", name: "Supplier B" },
  ]);
  await db.insert(schema.locations).values({ tenantId, id: site, code: "S1", name: "Site one" });
  for (const [sku, onHand] of Object.entries(latest)) {
    const itemId = randomUUID();
    const supplierId = sku.startsWith("A-") ? supplierA : supplierB;
    await db.insert(schema.items).values({ tenantId, id: itemId, sku, name: `Item ${sku.toLowerCase()}`, unitCost: 1 });
    await db.insert(schema.agreements).values({
      tenantId, supplierId, itemId, locationId: site, minQty: 10, maxQty: 50, leadTimeDays: 2,
    });
    if (onHand === null) continue;
    await db.insert(schema.stockSnapshots).values([
      { tenantId, supplierId, itemId, locationId: site, day: "2026-03-01", onHand: 30 },
      { tenantId, supplierId, itemId, locationId: site, day: "2026-03-02", onHand },
    ]);
  }
});

afterAll(async () => {
  await handle?.close();
});

const buyer: TenantScope = { tenantId, supplierId: null, userId: null };
const supplierScope: TenantScope = { tenantId, supplierId: supplierA, userId: null };
const list = (scope: TenantScope, filters: Partial<Parameters<typeof listInventory>[2]> = {}) =>
  withTenant(handle.db, scope, (tx) => listInventory(tx, scope, { page: 1, pageSize: 50, ...filters }));

describe("the inventory list", () => {
  it("shows every agreement with its latest stock and status, by SKU", async () => {
    const { rows, total } = await list(buyer);
    expect(total).toBe(5);
    expect(rows.map((r) => [r.sku, r.onHand, r.status, r.asOf])).toEqual([
      ["A-LOW", 5, "below_min", "2026-03-02"],
      ["A-OK", 20, "in_band", "2026-03-02"],
      ["A-OUT", 0, "stockout", "2026-03-02"],
      ["B-HIGH", 60, "above_max", "2026-03-02"],
      ["B-NONE", null, "no_data", null],
    ]);
    expect(rows[0]).toMatchObject({ supplierName: "Supplier A", siteCode: "S1", minQty: 10, maxQty: 50 });
  });

  it("filters by status, supplier and text; text search treats % and _ literally", async () => {
    expect((await list(buyer, { status: "stockout" })).rows.map((r) => r.sku)).toEqual(["A-OUT"]);
    expect((await list(buyer, { supplierId: supplierB })).rows.map((r) => r.sku)).toEqual(["B-HIGH", "B-NONE"]);
    expect((await list(buyer, { search: "item b-h" })).rows.map((r) => r.sku)).toEqual(["B-HIGH"]);
    expect((await list(buyer, { search: "%" })).total).toBe(0);
  });

  it("limits a supplier to its own agreements, whatever supplier filter it passes", async () => {
    const own = await list(supplierScope);
    expect(own.rows.map((r) => r.sku)).toEqual(["A-LOW", "A-OK", "A-OUT"]);
    const forged = await list(supplierScope, { supplierId: supplierB });
    expect(forged.rows.map((r) => r.sku)).toEqual(["A-LOW", "A-OK", "A-OUT"]);
  });

  it("pages, and still counts the rows when asked for a page past the end", async () => {
    const second = await list(buyer, { page: 2, pageSize: 2 });
    expect(second.rows.map((r) => r.sku)).toEqual(["A-OUT", "B-HIGH"]);
    expect(second.total).toBe(5);
    const beyond = await list(buyer, { page: 9, pageSize: 2, status: "in_band" });
    expect(beyond).toEqual({ rows: [], total: 1 });
  });
});
