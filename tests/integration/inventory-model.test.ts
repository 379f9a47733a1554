import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { eq, sql } from "drizzle-orm";
import { projectInventory, urgencyOf } from "~/core";
import { listInventory } from "~/models/inventory.server";
import { loadPlanningContext } from "~/models/planning.server";
import { recordReceipt, recordShipment } from "~/services/shipments/index.server";
import { addDays } from "~/utils/dates";
import {
  type MetricsSpec,
  createAgreement,
  createLocation,
  createMetrics,
  createPlan,
  createSupplier,
  createTenant,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

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
  await createTenant(db, { id: tenantId, slugPrefix: "inv", name: "Inventory test" });
  await createSupplier(db, { tenantId, id: supplierA, code: "A", name: "Supplier A" });
  await createSupplier(db, { tenantId, id: supplierB, code: "B", name: "Supplier B" });
  await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
  for (const [sku, onHand] of Object.entries(latest)) {
    const stock =
      onHand === null
        ? []
        : [
            { day: "2026-03-01", onHand: 30 },
            { day: "2026-03-02", onHand },
          ];
    await createAgreement(db, {
      tenantId,
      supplierId: sku.startsWith("A-") ? supplierA : supplierB,
      locationId: site,
      item: { sku, name: `Item ${sku.toLowerCase()}`, unitCost: 1 },
      terms: { minQty: 10, maxQty: 50, leadTimeDays: 2 },
      facts: stock,
    });
  }
});

afterAll(async () => {
  await handle?.close();
});

const buyer: TenantScope = { tenantId, supplierId: null, userId: null };
const supplierScope: TenantScope = { tenantId, supplierId: supplierA, userId: null };
const list = (scope: TenantScope, filters: Partial<Parameters<typeof listInventory>[2]> = {}) =>
  withTenant(handle.db, scope, (tx) =>
    listInventory(tx, scope, { page: 1, pageSize: 50, today: "2026-03-03", horizonDays: 56, ...filters }),
  );

/** The figures of a metrics row as the recompute service writes them; only the listed ones matter here. */
function figures(abc: "A" | "B" | "C", xyz: "X" | "Y" | "Z", forecastDaily: number): MetricsSpec {
  return {
    asOf: "2026-03-02",
    annualValue: 0,
    abc,
    abcRank: 1,
    xyz,
    pattern: "smooth",
    forecastMethod: "ses",
    forecastWeekly: forecastDaily * 7,
    forecastSdWeekly: 0,
    forecastDaily,
    safetyStock: 0,
    recommendedMin: 0,
    recommendedMax: 0,
    eoq: 0,
    computedAt: new Date(),
  };
}

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

describe("classes, in transit, cover and projected stockout", () => {
  const ids: Record<string, { agreementId: string; supplierId: string }> = {};

  beforeAll(async () => {
    const rows = await handle.db
      .select({ agreementId: schema.agreements.id, supplierId: schema.agreements.supplierId, sku: schema.items.sku })
      .from(schema.agreements)
      .innerJoin(schema.items, eq(schema.items.id, schema.agreements.itemId))
      .where(eq(schema.agreements.tenantId, tenantId));
    for (const r of rows) ids[r.sku] = r;
    const m = (sku: string, abc: "A" | "B" | "C", xyz: "X" | "Y" | "Z", daily: number) =>
      createMetrics(handle.db, {
        tenantId,
        agreementId: ids[sku].agreementId,
        supplierId: ids[sku].supplierId,
        ...figures(abc, xyz, daily),
      });
    await m("A-LOW", "A", "X", 2); // 5 on hand, 2 a day: day 0 → 3, day 1 → 1, day 2 → 0 (stockout)
    await m("A-OK", "B", "Y", 4); // 20 on hand, 4 a day, +30 arriving day 3: 16, 12, 8, 34 … day 11 → 2, day 12 → 0
    await m("B-HIGH", "C", "Z", 0);
    await handle.db.insert(schema.shipments).values([
      { tenantId, ...ids["A-OK"], asnNumber: "ASN-2026-00001", qty: 30, shipDate: "2026-03-01", expectedArrival: "2026-03-06" },
      // Received shipments are no longer in transit.
      {
        tenantId,
        ...ids["A-OK"],
        asnNumber: "ASN-2026-00001",
        qty: 99,
        shipDate: "2026-02-20",
        expectedArrival: "2026-02-25",
        status: "received",
        receivedQty: 99,
        receivedOn: "2026-02-25",
      },
    ]);
  });

  it("shows class, in transit, days of cover and the first projected stockout day", async () => {
    const { rows } = await list(buyer);
    const bySku = Object.fromEntries(rows.map((r) => [r.sku, r]));
    expect(bySku["A-LOW"]).toMatchObject({ abc: "A", xyz: "X", inTransit: 0, daysOfCover: 2.5, stockoutDate: "2026-03-05" });
    expect(bySku["A-OK"]).toMatchObject({ abc: "B", xyz: "Y", inTransit: 30, daysOfCover: 5, stockoutDate: "2026-03-15" });
    // No demand: cover is unbounded (null) and nothing stocks out.
    expect(bySku["B-HIGH"]).toMatchObject({ abc: "C", xyz: "Z", daysOfCover: null, stockoutDate: null });
    // Already out today: day 0.
    expect(bySku["A-OUT"]).toMatchObject({ abc: null, stockoutDate: "2026-03-03" });
    expect(bySku["B-NONE"]).toMatchObject({ onHand: null, stockoutDate: null, daysOfCover: null });
  });

  it("marks band drift past the threshold against the recommended band, and filters by it", async () => {
    // Agreed 10–50 everywhere: A-LOW recommended 12–55 (within 25 %), A-OK 10–90 (max 44 % off).
    await handle.db.execute(sql`
      update agreement_metrics set recommended_min = v.rmin, recommended_max = v.rmax
      from (values (${ids["A-LOW"].agreementId}::uuid, 12, 55), (${ids["A-OK"].agreementId}::uuid, 10, 90)) as v(id, rmin, rmax)
      where agreement_id = v.id`);
    const bySku = Object.fromEntries((await list(buyer)).rows.map((r) => [r.sku, r]));
    expect(bySku["A-LOW"]).toMatchObject({ recommendedMin: 12, recommendedMax: 55, drift: false });
    expect(bySku["A-OK"]).toMatchObject({ recommendedMin: 10, recommendedMax: 90, drift: true });
    // No demand, no recommendation to drift from.
    expect(bySku["B-HIGH"]).toMatchObject({ recommendedMax: 0, drift: false });
    expect((await list(buyer, { drift: true })).rows.map((r) => r.sku)).toEqual(["A-OK"]);
    // A looser threshold of the company's own: nothing drifts.
    expect((await list(buyer, { drift: true, driftThreshold: 0.5 })).rows).toEqual([]);
  });

  it("gives each agreement its urgency, and lists what needs a plan most urgent first", async () => {
    const { rows } = await list(buyer);
    expect(Object.fromEntries(rows.map((r) => [r.sku, r.urgency]))).toEqual({
      // Out on day 2, a shipment sent today arrives on day 2: not act now, but below min from today.
      "A-LOW": "plan_needed",
      // Below min on day 2, before the 30 in transit arrive on day 3.
      "A-OK": "plan_needed",
      // No demand: nothing runs down, however little there is.
      "A-OUT": "ok",
      "B-HIGH": "ok",
      "B-NONE": null,
    });
    const needed = await list(buyer, { needsPlan: true, sort: "urgency", direction: "asc" });
    expect(needed.rows.map((r) => [r.sku, r.stockoutDate])).toEqual([
      ["A-LOW", "2026-03-05"],
      ["A-OK", "2026-03-15"],
    ]);
  });

  it("lists what needs attention: stocked out, below min, or out within the lead time (2 days here)", async () => {
    // A-OUT is out, A-LOW below min (and out on day 2, not within 2 days), A-OK out on day 12.
    expect((await list(buyer, { attention: true })).rows.map((r) => r.sku)).toEqual(["A-LOW", "A-OUT"]);
    await handle.db.update(schema.agreements).set({ leadTimeDays: 13 }).where(eq(schema.agreements.id, ids["A-OK"].agreementId));
    try {
      expect((await list(buyer, { attention: true, sort: "stockout" })).rows.map((r) => r.sku)).toEqual([
        "A-OUT",
        "A-LOW",
        "A-OK",
      ]);
    } finally {
      await handle.db.update(schema.agreements).set({ leadTimeDays: 2 }).where(eq(schema.agreements.id, ids["A-OK"].agreementId));
    }
  });

  it("filters by cell or class letter", async () => {
    expect((await list(buyer, { classFilter: "AX" })).rows.map((r) => r.sku)).toEqual(["A-LOW"]);
    expect((await list(buyer, { classFilter: "Y" })).rows.map((r) => r.sku)).toEqual(["A-OK"]);
    expect((await list(buyer, { classFilter: "C" })).rows.map((r) => r.sku)).toEqual(["B-HIGH"]);
  });

  it("sorts on every column, both ways, with rows lacking a value last", async () => {
    const skus = async (sort: NonNullable<Parameters<typeof list>[1]>["sort"], direction: "asc" | "desc" = "asc") =>
      (await list(buyer, { sort, direction })).rows.map((r) => r.sku);
    expect(await skus("onHand")).toEqual(["A-OUT", "A-LOW", "A-OK", "B-HIGH", "B-NONE"]);
    expect(await skus("onHand", "desc")).toEqual(["B-HIGH", "A-OK", "A-LOW", "A-OUT", "B-NONE"]);
    expect(await skus("stockout")).toEqual(["A-OUT", "A-LOW", "A-OK", "B-HIGH", "B-NONE"]);
    // No demand (A-OUT has no metrics and no consumption, B-HIGH a forecast of 0) is unbounded cover.
    expect(await skus("cover", "desc")).toEqual(["A-OUT", "B-HIGH", "A-OK", "A-LOW", "B-NONE"]);
    expect(await skus("cover")).toEqual(["A-LOW", "A-OK", "A-OUT", "B-HIGH", "B-NONE"]);
    expect(await skus("inTransit", "desc")).toEqual(["A-OK", "A-LOW", "A-OUT", "B-HIGH", "B-NONE"]);
    expect(await skus("class")).toEqual(["A-LOW", "A-OK", "B-HIGH", "A-OUT", "B-NONE"]);
    expect(await skus("status")).toEqual(["A-OUT", "A-LOW", "B-HIGH", "A-OK", "B-NONE"]);
    expect(await skus("supplier", "desc")).toEqual(["B-HIGH", "B-NONE", "A-LOW", "A-OK", "A-OUT"]);
    for (const sort of ["sku", "item", "site", "min", "max"] as const) {
      expect(await skus(sort)).toHaveLength(5);
    }
  });

  it("property: the projected stockout and the urgency equal the core's projectInventory and urgencyOf", async () => {
    const today = "2026-03-03";
    const cases = fc.sample(
      fc.record({
        onHand: fc.integer({ min: 0, max: 400 }),
        // The latest snapshot is yesterday's, or older: the days between are consumed at the forecast.
        age: fc.integer({ min: 1, max: 6 }),
        daily: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.1, max: 30, noNaN: true })),
        receipts: fc.array(fc.record({ day: fc.integer({ min: -3, max: 70 }), qty: fc.integer({ min: 1, max: 300 }) }), {
          maxLength: 4,
        }),
        min: fc.integer({ min: 0, max: 200 }),
        lead: fc.integer({ min: 1, max: 12 }),
      }),
      { numRuns: 40, seed: 20261122 },
    );
    const db = handle.db;
    const { id: tenant } = await createTenant(db, { slugPrefix: "proj", name: "Projection" });
    const supplier = await createSupplier(db, { tenantId: tenant, code: "P", name: "P" });
    const location = await createLocation(db, { tenantId: tenant, code: "L", name: "L" });
    const expected: Record<string, string | null> = {};
    const expectedUrgency: Record<string, string> = {};
    for (const [n, c] of cases.entries()) {
      const sku = `P-${String(n).padStart(3, "0")}`;
      const { id: agreementId } = await createAgreement(db, {
        tenantId: tenant,
        supplierId: supplier,
        locationId: location,
        item: { sku, name: sku, unitCost: 1 },
        terms: { minQty: c.min, maxQty: 10_000, leadTimeDays: c.lead, reviewPeriodDays: 7 },
        facts: [{ day: addDays(today, -c.age), onHand: c.onHand }],
        metrics: figures("A", "X", c.daily),
      });
      for (const r of c.receipts) {
        const arrival = addDays(today, r.day);
        await db.insert(schema.shipments).values({
          tenantId: tenant,
          supplierId: supplier,
          agreementId,
          asnNumber: "ASN-2026-00001",
          qty: r.qty,
          shipDate: addDays(arrival, -1),
          expectedArrival: arrival,
        });
      }
      const start = Math.max(0, c.onHand - (c.age - 1) * c.daily);
      const projection = projectInventory({
        onHand: start,
        demand: c.daily,
        days: 56,
        min: c.min,
        max: 10_000,
        receipts: c.receipts.map((r) => ({ day: Math.max(0, r.day), quantity: r.qty })),
      });
      expected[sku] = projection.firstStockoutDay === null ? null : addDays(today, projection.firstStockoutDay);
      expectedUrgency[sku] = urgencyOf({
        startOnHand: start,
        forecastDaily: c.daily,
        min: c.min,
        leadTimeDays: c.lead,
        reviewPeriodDays: 7,
        firstOut: projection.firstStockoutDay,
        firstLow: projection.firstBelowMinDay,
      });
    }
    const scope: TenantScope = { tenantId: tenant, supplierId: null, userId: null };
    const { rows } = await withTenant(db, scope, (tx) =>
      listInventory(tx, scope, { page: 1, pageSize: null, today, horizonDays: 56 }),
    );
    expect(Object.fromEntries(rows.map((r) => [r.sku, r.stockoutDate]))).toEqual(expected);
    expect(Object.fromEntries(rows.map((r) => [r.sku, r.urgency]))).toEqual(expectedUrgency);
  });

  it("a forecast near zero with large stock gives no stockout and no integer overflow", async () => {
    await handle.db
      .update(schema.agreementMetrics)
      .set({ forecastDaily: 1e-7 })
      .where(eq(schema.agreementMetrics.agreementId, ids["B-HIGH"].agreementId));
    try {
      const { rows } = await list(buyer, { sort: "stockout" });
      expect(rows.find((r) => r.sku === "B-HIGH")).toMatchObject({ stockoutDate: null });
    } finally {
      await handle.db
        .update(schema.agreementMetrics)
        .set({ forecastDaily: 0 })
        .where(eq(schema.agreementMetrics.agreementId, ids["B-HIGH"].agreementId));
    }
  });

  it("a forecast near zero with stock below min gives no stockout and no integer overflow", async () => {
    // 5 on hand below a min of 10: the first day below min is today, and the days to reach min
    // or zero at 1e-60 a day are far beyond any integer.
    await handle.db
      .update(schema.agreementMetrics)
      .set({ forecastDaily: 1e-60 })
      .where(eq(schema.agreementMetrics.agreementId, ids["A-LOW"].agreementId));
    try {
      const { rows } = await list(buyer, { sort: "urgency" });
      expect(rows.find((r) => r.sku === "A-LOW")).toMatchObject({
        status: "below_min",
        stockoutDate: null,
        urgency: "plan_needed",
      });
    } finally {
      await handle.db
        .update(schema.agreementMetrics)
        .set({ forecastDaily: 2 })
        .where(eq(schema.agreementMetrics.agreementId, ids["A-LOW"].agreementId));
    }
  });

  it("counts approved lines, less what was shipped against them, as receipts", async () => {
    const { agreementId, supplierId } = ids["A-LOW"];
    // Shipped in part: the line's shipped quantity says how much left, as recordShipment keeps it.
    const {
      id: planId,
      lineIds: [lineId],
    } = await createPlan(handle.db, {
      tenantId,
      supplierId,
      status: "approved",
      number: "RP-2026-09999",
      lines: [
        {
          agreementId,
          qty: 10,
          shipDate: "2026-03-03",
          arrivalDate: "2026-03-04",
          status: "shipped",
          approvedQty: 10,
          shippedQty: 4,
        },
      ],
    });
    // 4 of the 10 already shipped and in transit for day 1 too: 6 + 4 arrive on day 1.
    await handle.db.insert(schema.shipments).values({
      tenantId,
      supplierId,
      agreementId,
      planLineId: lineId,
      asnNumber: "ASN-2026-00001",
      qty: 4,
      shipDate: "2026-03-03",
      expectedArrival: "2026-03-04",
    });
    try {
      // 5 on hand, 2 a day: 3 at the end of day 0, then +10 on day 1: 11, 9, 7, 5, 3, 1, 0 on day 7.
      const { rows } = await list(buyer);
      expect(rows.find((r) => r.sku === "A-LOW")).toMatchObject({ inTransit: 4, stockoutDate: "2026-03-10" });
    } finally {
      await handle.db.delete(schema.shipments).where(eq(schema.shipments.planLineId, lineId));
      await handle.db.delete(schema.replenishmentPlans).where(eq(schema.replenishmentPlans.id, planId));
    }
  });
  it("an ASN moves quantity from approved to in transit, total unchanged; its receipt takes it out of transit", async () => {
    const { agreementId, supplierId } = ids["A-LOW"];
    const supplier: TenantScope = { tenantId, supplierId, userId: null };
    const {
      id: planId,
      lineIds: [lineId],
    } = await createPlan(handle.db, {
      tenantId,
      supplierId,
      status: "approved",
      number: "RP-2026-09998",
      lines: [{ agreementId, qty: 10, shipDate: "2026-03-03", arrivalDate: "2026-03-04", status: "accepted", approvedQty: 10 }],
    });
    const aLow = async () => (await list(buyer)).rows.find((r) => r.sku === "A-LOW");
    const inbound = async () =>
      (
        await withTenant(handle.db, buyer, (tx) =>
          loadPlanningContext(tx, buyer, { today: "2026-03-03", horizonDays: 56, agreementIds: [agreementId] }),
        )
      ).agreements[0].inbound.map((r) => [r.source, r.date, r.qty]);
    const ship = (qty: number) =>
      recordShipment(handle.db, supplier, {
        planId,
        requestId: randomUUID(),
        shipDate: "2026-03-03",
        today: "2026-03-03",
        lines: [{ lineId, qty, expectedArrival: "2026-03-04" }],
      });
    try {
      // 5 on hand, 2 a day, +10 on day 1 however it travels: out on day 7.
      expect(await aLow()).toMatchObject({ inTransit: 0, stockoutDate: "2026-03-10" });
      expect(await inbound()).toEqual([["plan_line", "2026-03-04", 10]]);

      const first = await ship(4);
      expect(await aLow()).toMatchObject({ inTransit: 4, stockoutDate: "2026-03-10" });
      expect(await inbound()).toEqual([
        ["shipment", "2026-03-04", 4],
        ["plan_line", "2026-03-04", 6],
      ]);
      const second = await ship(6);
      expect(await aLow()).toMatchObject({ inTransit: 10, stockoutDate: "2026-03-10" });
      expect(await inbound()).toEqual([
        ["shipment", "2026-03-04", 4],
        ["shipment", "2026-03-04", 6],
      ]);

      // Received goods move from in transit to on hand at once, on top of the last snapshot.
      for (const { shipments } of [first, second]) {
        await recordReceipt(handle.db, buyer, {
          shipmentId: shipments[0].id,
          role: "buyer",
          receivedQty: shipments[0].qty,
          receivedOn: "2026-03-03",
          today: "2026-03-03",
        });
      }
      expect(await aLow()).toMatchObject({
        inTransit: 0,
        onHand: 15,
        stockDay: "2026-03-02",
        receivedSince: 10,
        stockoutDate: "2026-03-10",
      });
      expect(await inbound()).toEqual([]);
    } finally {
      await handle.db.delete(schema.shipments).where(eq(schema.shipments.planLineId, lineId));
      await handle.db.delete(schema.replenishmentPlans).where(eq(schema.replenishmentPlans.id, planId));
    }
  });
});
