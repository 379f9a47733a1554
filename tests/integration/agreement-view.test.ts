import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { eq } from "drizzle-orm";
import type { Membership } from "~/services/auth/guards.server";
import { loadAgreementView } from "~/services/inventory/agreement-view.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { setDatabase } from "~/utils/db.server";
import { addDays, todayIn } from "~/utils/dates";
import { createAgreement, createLocation, createPlan, createSupplier, createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;
const tenantId = randomUUID();
const supplierA = randomUUID();
const supplierB = randomUUID();
const site = randomUUID();
const agreementA = randomUUID();
const agreementB = randomUUID();
const TZ = "Asia/Shanghai";
const today = todayIn(TZ);

function membership(supplierId: string | null, tenant = tenantId): Membership {
  const userId = randomUUID();
  return {
    tenant: { id: tenant, slug: "view", name: "View test", currency: "CNY", timezone: TZ },
    role: supplierId ? "supplier" : "buyer",
    supplierId,
    // A fresh data version each time: every call computes (the cache has its own tests).
    dataVersion: randomUUID(),
    user: { id: userId, email: "x@example.com", name: "X", locale: "en" },
    scope: { tenantId: tenant, supplierId, userId: null },
  } as Membership;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  setDatabase(handle);
  const db = handle.db;
  await createTenant(db, { id: tenantId, slugPrefix: "view", name: "View test", timezone: TZ });
  await createSupplier(db, { tenantId, id: supplierA, code: "A", name: "Supplier A" });
  await createSupplier(db, { tenantId, id: supplierB, code: "B", name: "Supplier B" });
  await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
  const yesterday = addDays(today, -1);
  // Agreed band 10..40, but the computed figures recommend safety stock 15 and min 50: both warnings.
  await createAgreement(db, {
    tenantId,
    id: agreementA,
    supplierId: supplierA,
    locationId: site,
    item: { sku: "A-1", name: "Bolt", unitCost: 2, category: "Fasteners" },
    terms: { minQty: 10, maxQty: 40, leadTimeDays: 3, packSize: 5 },
    // Yesterday's stock 30; 4 consumed every day of the last two weeks.
    facts: Array.from({ length: 14 }, (_, i) => ({ day: addDays(yesterday, -i), onHand: i === 0 ? 30 : undefined, consumed: 4 })),
    metrics: {
      asOf: yesterday,
      annualValue: 100,
      abc: "A",
      abcRank: 1,
      xyz: "X",
      pattern: "smooth",
      forecastMethod: "holt-winters",
      seasonSource: "category",
      seasonPeers: 7,
      forecastWeekly: 28,
      forecastSdWeekly: 3,
      forecastDaily: 4,
      safetyStock: 15,
      recommendedMin: 50,
      recommendedMax: 90,
      eoq: 40,
      computedAt: new Date(),
    },
  });
  await createAgreement(db, {
    tenantId,
    id: agreementB,
    supplierId: supplierB,
    locationId: site,
    item: { sku: "B-1", name: "Nut", unitCost: 1 },
    terms: { minQty: 1, maxQty: 9, leadTimeDays: 1 },
  });
  // 20 in transit arriving in 2 days; a draft plan line of 25 arriving in 5 days.
  await db.insert(schema.shipments).values({
    tenantId,
    supplierId: supplierA,
    agreementId: agreementA,
    asnNumber: "ASN-2026-00001",
    qty: 20,
    shipDate: today,
    expectedArrival: addDays(today, 2),
  });
  await createPlan(db, {
    tenantId,
    supplierId: supplierA,
    lines: [{ agreementId: agreementA, qty: 25, shipDate: today, arrivalDate: addDays(today, 5) }],
  });
});

afterAll(async () => {
  setDatabase(undefined);
  await handle?.close();
});

describe("the agreement page's figures", () => {
  it("warns when the agreed min is below the recommended safety stock and the agreed max below the recommended min", async () => {
    const view = await loadAgreementView(membership(supplierA), agreementA);
    expect(view?.warnings).toEqual([
      { code: "minBelowSafetyStock", agreed: 10, recommended: 15 },
      { code: "maxBelowRecommendedMin", agreed: 40, recommended: 50 },
    ]);
    expect(view?.agreement.metrics).toMatchObject({
      abc: "A",
      xyz: "X",
      forecastDaily: 4,
      recommendedMin: 50,
      recommendedMax: 90,
    });
  });

  it("says where the forecast's season came from, with how many agreements lent it to the buyer only", async () => {
    const buyer = await loadAgreementView(membership(null), agreementA);
    expect(buyer!.agreement.category).toBe("Fasteners");
    expect(buyer!.agreement.metrics).toMatchObject({ seasonSource: "category", seasonPeers: 7 });
    // The count tells of agreements that are not the supplier's own.
    const supplier = await loadAgreementView(membership(supplierA), agreementA);
    expect(supplier!.agreement.metrics).toMatchObject({ seasonSource: "category", seasonPeers: null });
    // Without metrics the view has none, season included.
    expect((await loadAgreementView(membership(supplierB), agreementB))!.agreement.metrics).toBeNull();
  });

  it("projects from yesterday's stock with shipments in transit, and with the draft plans too", async () => {
    const view = await loadAgreementView(membership(supplierA), agreementA);
    const days = view!.projection!.days;
    expect(days).toHaveLength(56);
    // 30 − 4 = 26, 22, then +20 on day 2: 38, 34, 30, then the draft's +25 on day 5 (without it: 26).
    expect(days.slice(0, 6).map((d) => d.onHand)).toEqual([26, 22, 38, 34, 30, 26]);
    expect(days.slice(0, 6).map((d) => d.withDrafts)).toEqual([26, 22, 38, 34, 30, 51]);
    expect(days[2].receipt).toBe(20);
    expect(days[5].draftReceipt).toBe(25);
    // Without the draft: 26 on day 5, then 4 a day → 2 on day 11, 0 on day 12; with it 51 → 0 on day 18.
    expect(view!.projection!.firstStockout).toBe(addDays(today, 12));
    expect(view!.projection!.firstStockoutWithDrafts).toBe(addDays(today, 18));
    expect(view!.inbound.inTransit).toHaveLength(1);
    expect(view!.inbound.draftLines).toMatchObject([{ qty: 25, planNumber: null }]);
  });

  it("sums consumption into weeks ending yesterday, oldest first, with empty weeks as 0", async () => {
    const view = await loadAgreementView(membership(supplierA), agreementA);
    expect(view!.weekly).toHaveLength(104);
    expect(view!.weekly.slice(-3).map((w) => w.qty)).toEqual([0, 28, 28]);
    expect(view!.weekly.at(-1)!.weekStart).toBe(addDays(today, -7));
    expect(view!.stock).toEqual([{ day: addDays(today, -1), onHand: 30 }]);
  });

  it("is null (→ 404) for another supplier's agreement, an unknown id or a malformed one; a buyer sees both", async () => {
    expect(await loadAgreementView(membership(supplierA), agreementB)).toBeNull();
    expect(await loadAgreementView(membership(supplierB), agreementA)).toBeNull();
    expect(await loadAgreementView(membership(supplierA), randomUUID())).toBeNull();
    expect(await loadAgreementView(membership(supplierA), "not-a-uuid")).toBeNull();
    expect((await loadAgreementView(membership(null), agreementB))?.agreement.sku).toBe("B-1");
    // No stock data, no metrics: no projection and no warnings.
    expect(await loadAgreementView(membership(null), agreementB)).toMatchObject({ projection: null, warnings: [] });
  });

  it("does not explain a recommended band that today's terms and settings do not give", async () => {
    // The stored 50–90 was written by hand, not by the recompute.
    const view = await loadAgreementView(membership(supplierA), agreementA);
    expect(view!.bandExplanation).toMatchObject({ current: false, abc: "A" });
    expect((await loadAgreementView(membership(null), agreementB))!.bandExplanation).toBeNull();
  });

  it("shows the buyer the supplier's draft lines on the agreement too", async () => {
    const asBuyer = await loadAgreementView(membership(null), agreementA);
    expect(asBuyer!.inbound.draftLines).toHaveLength(1);
  });

  it("projects an approved line shipped in part as its shipment in transit plus the rest still to ship", async () => {
    const arrival = addDays(today, 3);
    const {
      id: planId,
      lineIds: [lineId],
    } = await createPlan(handle.db, {
      tenantId,
      supplierId: supplierA,
      status: "approved",
      number: "RP-2026-00001",
      lines: [
        {
          agreementId: agreementA,
          qty: 12,
          shipDate: today,
          arrivalDate: arrival,
          status: "shipped",
          approvedQty: 10,
          approvedArrivalDate: arrival,
          shippedQty: 4,
        },
      ],
    });
    await handle.db.insert(schema.shipments).values({
      tenantId,
      supplierId: supplierA,
      agreementId: agreementA,
      planLineId: lineId,
      asnNumber: "ASN-2026-00001",
      qty: 4,
      shipDate: today,
      expectedArrival: arrival,
    });
    try {
      const view = await loadAgreementView(membership(supplierA), agreementA);
      // 4 in transit and the 6 approved but not shipped arrive on day 3: the approved 10, not 14 or 16.
      expect(view!.projection!.days[3].receipt).toBe(10);
      expect(view!.inbound.inTransit.map((s) => s.qty).sort((a, b) => a - b)).toEqual([4, 20]);
    } finally {
      await handle.db.delete(schema.shipments).where(eq(schema.shipments.planLineId, lineId));
      await handle.db.delete(schema.replenishmentPlans).where(eq(schema.replenishmentPlans.id, planId));
    }
  });
});

describe("the recommended band's explanation", () => {
  const bandTenant = randomUUID();
  const supplier = randomUUID();
  let cheap = "";
  let free = "";
  const history = (daily: number) =>
    Array.from({ length: 800 }, (_, i) => ({ day: addDays(today, -1 - i), consumed: daily, onHand: i === 0 ? 400 : undefined }));

  beforeAll(async () => {
    const db = handle.db;
    await createTenant(db, { id: bandTenant, slugPrefix: "bands", name: "Band test", timezone: TZ });
    await createSupplier(db, { tenantId: bandTenant, id: supplier, code: "S", name: "Supplier" });
    const location = await createLocation(db, { tenantId: bandTenant, code: "L", name: "Site" });
    // 25 a day of a cheap item (the only one with value: class A), lead time 12 days, packs of 50.
    cheap = (
      await createAgreement(db, {
        tenantId: bandTenant,
        supplierId: supplier,
        locationId: location,
        item: { sku: "CHEAP", name: "Washer", unitCost: 0.1 },
        terms: { minQty: 100, maxQty: 2000, leadTimeDays: 12, leadTimeSdDays: 0, moq: 100, packSize: 50, reviewPeriodDays: 7 },
        facts: history(25),
      })
    ).id;
    // 2 a day at no cost (class C): a lot of one pack, reviewed every 28 days.
    free = (
      await createAgreement(db, {
        tenantId: bandTenant,
        supplierId: supplier,
        locationId: location,
        item: { sku: "FREE", name: "Sample", unitCost: 0 },
        terms: { minQty: 10, maxQty: 80, leadTimeDays: 7, leadTimeSdDays: 0, moq: 0, packSize: 1, reviewPeriodDays: 28 },
        facts: history(2),
      })
    ).id;
    await recomputeTenant(db, bandTenant, { now: new Date() });
  });

  it("caps the cheap item's lot at class A's 30 days of cover, and says so", async () => {
    const view = await loadAgreementView(membership(null, bandTenant), cheap);
    // Steady demand: no safety stock; min 12 × 25 = 300. EOQ √(2 · 9,100 · 500 / 0.025) = 19,079
    // → 19,100 would be 764 days; 30 days × 25 = 750 → 300 + 9 packs.
    expect(view!.agreement.metrics).toMatchObject({ abc: "A", xyz: "X", recommendedMin: 300, recommendedMax: 750 });
    expect(view!.bandExplanation).toMatchObject({
      current: true,
      abc: "A",
      min: 300,
      max: 750,
      dailyDemand: 25,
      leadTimeDays: 12,
      orderQuantity: 19_100,
      orderQuantityFrom: "eoq",
      capped: true,
      capDays: 30,
      cap: 750,
      floor: null,
    });
  });

  it("widens a one-pack lot to the 28 days of demand between two reviews", async () => {
    const view = await loadAgreementView(membership(null, bandTenant), free);
    expect(view!.agreement.metrics).toMatchObject({ abc: "C", recommendedMin: 14, recommendedMax: 14 + 56, eoq: 0 });
    expect(view!.bandExplanation).toMatchObject({
      current: true,
      orderQuantity: 1,
      orderQuantityFrom: "pack",
      eoq: null,
      floor: "review-period",
      minWidth: 56,
      capped: false,
    });
  });

  it("stops explaining when the cover limit changes, until the recompute applies it", async () => {
    const db = handle.db;
    await db
      .update(schema.tenants)
      .set({ settings: { maxCoverDays: { A: 20, B: 60, C: 120 } } })
      .where(eq(schema.tenants.id, bandTenant));
    expect((await loadAgreementView(membership(null, bandTenant), cheap))!.bandExplanation).toMatchObject({ current: false });
    await recomputeTenant(db, bandTenant, { now: new Date() });
    const view = await loadAgreementView(membership(null, bandTenant), cheap);
    // 20 days × 25 = 500 → 300 + 4 packs.
    expect(view!.agreement.metrics).toMatchObject({ recommendedMin: 300, recommendedMax: 500 });
    expect(view!.bandExplanation).toMatchObject({ current: true, capDays: 20, cap: 500, max: 500 });
  });
});
