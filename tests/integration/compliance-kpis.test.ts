import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { schema } from "@db/client";
import { withTenant } from "@db/scope";
import { dayNumber, isoDate, resolveCompliancePeriods } from "~/core";
import { listInventory } from "~/models/inventory.server";
import { rebuildSegmentWeekRollups } from "~/models/metrics.server";
import { computeKpiReport, computeSupplierRanking } from "~/services/compliance/kpis.server";
import { computeHealth, computeMatrix } from "~/services/compliance/portfolio.server";
import { createAgreement, createLocation, createMetrics, createSupplier, createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Every compliance KPI on a small hand-built tenant whose answers are worked out below, read back
 * through the rollups the triggers keep and the plan facts, as the dashboard reads them.
 *
 * Period: the two ISO weeks 2 to 15 March 2026 (as of the 15th, so 14 days); previous period:
 * 16 February to 1 March.
 * - Agreement A (supplier 1, unit cost 2, band 10–40): on hand 20 on days 1–10 (in band), 5 on
 *   days 11–13 (below min), 0 on day 14 (below min and a stockout); 3 consumed every day.
 *   In the previous period: 20 every day, nothing consumed.
 * - Agreement B (supplier 2, unit cost 1, band 0–10): 50 every day (above max), never consumed:
 *   dead stock at the close.
 * - Receipts of supplier 1: 100 of 100 on 5 March on time, 40 of 50 on 12 March late; one in
 *   the previous period (10 of 10 on 20 February, on time).
 * - Decisions: 6 hours and 36 hours; a plan approved by policy at submission does not count.
 */

let handle: DatabaseHandle;
let db: Database;
const tenantId = randomUUID();
const supplier1 = randomUUID();
const supplier2 = randomUUID();
const site = randomUUID();
const agreementA = randomUUID();
const agreementB = randomUUID();
const AS_OF = "2026-03-15";
const buyerScope = { tenantId, supplierId: null, userId: null };

const day = (n: number) => isoDate(dayNumber("2026-03-01") + n); // day 1 = 2 March

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createTenant(db, { id: tenantId, slugPrefix: "kpis", name: "KPIs", timezone: "UTC", settings: { holdingRate: 0.2 } });
  await createSupplier(db, { tenantId, id: supplier1, code: "S1", name: "Supplier one" });
  await createSupplier(db, { tenantId, id: supplier2, code: "S2", name: "Supplier two" });
  await createLocation(db, { tenantId, id: site, code: "W1", name: "Plant" });
  const onHandA = (n: number) => (n <= 10 ? 20 : n <= 13 ? 5 : 0);
  await createAgreement(db, {
    tenantId,
    id: agreementA,
    supplierId: supplier1,
    locationId: site,
    item: { sku: "A", name: "Item A", unitCost: 2 },
    terms: { minQty: 10, maxQty: 40, leadTimeDays: 3 },
    facts: [
      ...Array.from({ length: 14 }, (_, i) => ({ day: day(-13 + i), onHand: 20 })),
      ...Array.from({ length: 14 }, (_, i) => ({ day: day(i + 1), onHand: onHandA(i + 1), consumed: 3 })),
    ],
  });
  await createAgreement(db, {
    tenantId,
    id: agreementB,
    supplierId: supplier2,
    locationId: site,
    item: { sku: "B", name: "Item B", unitCost: 1 },
    terms: { minQty: 0, maxQty: 10, leadTimeDays: 3 },
    facts: Array.from({ length: 14 }, (_, i) => ({ day: day(i + 1), onHand: 50 })),
  });

  const plan = (supplierId: string, submittedAt: string, decidedAt: string, autoApproved = false) => ({
    tenantId,
    id: randomUUID(),
    supplierId,
    status: "approved" as const,
    requestId: randomUUID(),
    number: `RP-2026-${Math.floor(Math.random() * 1e5)}`,
    submittedAt: new Date(submittedAt),
    decidedAt: new Date(decidedAt),
    route: { steps: autoApproved ? [] : ["buyer" as const], autoApproved, value: 1, reasons: [] },
  });
  const plans = [
    plan(supplier1, "2026-03-03T00:00:00Z", "2026-03-03T06:00:00Z"),
    plan(supplier1, "2026-03-09T00:00:00Z", "2026-03-10T12:00:00Z"),
    plan(supplier2, "2026-03-04T00:00:00Z", "2026-03-04T00:00:01Z", true),
  ];
  await db.insert(schema.replenishmentPlans).values(plans);
  const line = (lineNo: number, approvedQty: number, receivedQty: number, receivedOn: string, onTime: boolean) => ({
    tenantId,
    planId: plans[0].id,
    supplierId: supplier1,
    version: 1,
    lineNo,
    agreementId: agreementA,
    qty: approvedQty,
    shipDate: "2026-02-15",
    arrivalDate: "2026-02-18",
    status: "received" as const,
    approvedQty,
    shippedQty: receivedQty,
    receivedQty,
    receivedOn,
    onTime,
    fillRate: receivedQty / approvedQty,
  });
  await db
    .insert(schema.planLines)
    .values([line(1, 100, 100, "2026-03-05", true), line(2, 50, 40, "2026-03-12", false), line(3, 10, 10, "2026-02-20", true)]);
});

afterAll(async () => {
  await handle?.close();
});

const periods = resolveCompliancePeriods({ from: "2026-03-02", to: "2026-03-15" }, AS_OF);

describe("compliance KPIs on a hand-worked tenant", () => {
  it("the period and the previous one are the two ISO weeks asked for and the two before", () => {
    expect(periods.current).toMatchObject({ from: "2026-03-02", to: "2026-03-15", weeks: 2, days: 14 });
    expect(periods.previous).toMatchObject({ from: "2026-02-16", to: "2026-03-01", weeks: 2, days: 14 });
  });

  it("tenant-wide: every KPI of the period and of the previous one", async () => {
    const report = await withTenant(db, buyerScope, (tx) => computeKpiReport(tx, buyerScope, AS_OF, periods, undefined));
    const k = report.kpis.current;
    // 28 agreement-days: A 10 in band, 4 below min (1 of them at 0); B 14 above max.
    expect(k.bandCompliance).toBeCloseTo(10 / 28, 12);
    expect(k.belowMinShare).toBeCloseTo(4 / 28, 12);
    expect(k.stockoutRate).toBeCloseTo(1 / 28, 12);
    expect(k.aboveMaxShare).toBeCloseTo(14 / 28, 12);
    // Receipts in the period: 1 of 2 on time; 140 received of 150 approved.
    expect(k.onTimeDelivery).toBe(0.5);
    expect(k.fillRate).toBeCloseTo(140 / 150, 12);
    // Stock value over the days: A 10×20×2 + 3×5×2 = 430, B 14×50 = 700 → average 1,130 ÷ 14.
    const average = 1130 / 14;
    expect(k.averageInventoryValue).toBeCloseTo(average, 9);
    // COGS = 42 units × 2 = 84; turnover in 14 days = 84 ÷ average.
    const turnover = 84 / average;
    expect(k.annualisedTurnover).toBeCloseTo((turnover * 365) / 14, 9);
    expect(k.dio).toBeCloseTo(14 / turnover, 9);
    // At the close (15 March) A holds 0 and B 50, all dead (never consumed).
    expect(k.deadStockRatio).toBe(1);
    expect(k.holdingCost).toBeCloseTo((average * 0.2 * 14) / 365, 9);
    // 6 h and 36 h: median 21 h, p90 6 + 0.9 × 30 = 33 h; the policy approval is not counted.
    expect(k.decisionMedianHours).toBeCloseTo(21, 9);
    expect(k.decisionP90Hours).toBeCloseTo(33, 9);

    const p = report.kpis.previous;
    expect(p.bandCompliance).toBe(1);
    expect(p.onTimeDelivery).toBe(1);
    expect(p.fillRate).toBe(1);
    expect(p.annualisedTurnover).toBe(0);
    expect(p.dio).toBeNull();
    expect(p.decisionMedianHours).toBeNull();
    // A's 20 units never consumed before the period: dead at the previous close.
    expect(p.deadStockRatio).toBe(1);
  });

  it("a corrected receipt counts at once: the delivery rollups follow the plan lines", async () => {
    const report = () => withTenant(db, buyerScope, (tx) => computeKpiReport(tx, buyerScope, AS_OF, periods, undefined));
    const line2 = sql`tenant_id = ${tenantId} and line_no = 2 and received_on = '2026-03-12'`;
    await db.execute(sql`update plan_lines set received_qty = 50, on_time = true where ${line2}`);
    expect((await report()).kpis.current).toMatchObject({ onTimeDelivery: 1, fillRate: 1 });
    await db.execute(sql`update plan_lines set received_qty = 40, on_time = false where ${line2}`);
    expect((await report()).kpis.current.onTimeDelivery).toBe(0.5);
  });

  it("weekly trend: one point per week with that week's figures", async () => {
    const report = await withTenant(db, buyerScope, (tx) => computeKpiReport(tx, buyerScope, AS_OF, periods, undefined));
    expect(report.trend.map((w) => w.week)).toEqual(["2026-03-02", "2026-03-09"]);
    // Week 1 (days 1–7): A in band 7 days, B above max 7 → 7/14. Week 2: A 3 in band, 4 below.
    expect(report.trend[0].kpis.bandCompliance).toBe(0.5);
    expect(report.trend[1].kpis.bandCompliance).toBeCloseTo(3 / 14, 12);
    expect(report.trend[1].kpis.belowMinShare).toBeCloseTo(4 / 14, 12);
    expect(report.trend[0].kpis.onTimeDelivery).toBe(1);
    expect(report.trend[1].kpis.onTimeDelivery).toBe(0);
    expect(report.trend[0].kpis.decisionMedianHours).toBe(6);
    expect(report.trend[1].kpis.decisionMedianHours).toBe(36);
  });

  it("a supplier's report holds only its own agreements, whatever supplier is asked for", async () => {
    const scope = { tenantId, supplierId: supplier2, userId: null };
    const own = await withTenant(db, scope, (tx) => computeKpiReport(tx, scope, AS_OF, periods, supplier2));
    expect(own.kpis.current.bandCompliance).toBe(0);
    expect(own.kpis.current.aboveMaxShare).toBe(1);
    expect(own.kpis.current.onTimeDelivery).toBeNull();
    expect(own.kpis.current.averageInventoryValue).toBe(50);
    // Asking for supplier 1 in supplier 2's scope still reads nothing of supplier 1.
    const other = await withTenant(db, scope, (tx) => computeKpiReport(tx, scope, AS_OF, periods, supplier1));
    expect(other.kpis.current.bandCompliance).toBeNull();
    expect(other.kpis.current.onTimeDelivery).toBeNull();
  });

  it("the ranking gives each supplier its own KPIs and its band compliance before", async () => {
    const ranking = await withTenant(db, buyerScope, (tx) => computeSupplierRanking(tx, buyerScope, AS_OF, periods));
    const [one, two] = ranking.rows;
    expect(one.supplier.code).toBe("S1");
    expect(one.kpis.bandCompliance).toBeCloseTo(10 / 14, 12);
    expect(one.kpis.stockoutRate).toBeCloseTo(1 / 14, 12);
    expect(one.kpis.onTimeDelivery).toBe(0.5);
    expect(one.previousBandCompliance).toBe(1);
    expect(one.kpis.decisionMedianHours).toBeCloseTo(21, 9);
    expect(two.supplier.code).toBe("S2");
    expect(two.kpis.aboveMaxShare).toBe(1);
    expect(two.kpis.deadStockRatio).toBe(1);
    expect(two.previousBandCompliance).toBeNull();
    expect(two.kpis.decisionMedianHours).toBeNull();
  });

  it("inventory health: B's 50 units are dead (never consumed) and 40 above its max; A, stocked out, is neither", async () => {
    const health = await withTenant(db, buyerScope, (tx) => computeHealth(tx, buyerScope, "2026-03-16", null));
    expect(health.asOf).toBe("2026-03-15");
    expect(health.deadStockDays).toBe(180);
    expect(health.dead).toMatchObject({ total: 1, totalValue: 50 });
    expect(health.dead.rows).toEqual([
      expect.objectContaining({ sku: "B", onHand: 50, value: 50, lastConsumedOn: null, asOfDay: "2026-03-15" }),
    ]);
    expect(health.overstock).toMatchObject({ total: 1, totalValue: 40 });
    expect(health.overstock.rows[0]).toMatchObject({ sku: "B", onHand: 50, maxQty: 10, aboveMaxValue: 40 });
    expect(health.stockValue).toBe(50);
    // A is already out (not "at risk" any more); B has more than it will ever use.
    expect(health.atRisk.total).toBe(0);
  });

  it("inventory health on stale figures: overstock is what the inventory list shows above max, dead stock needs recent ones", async () => {
    // Eleven weeks after the last snapshot: the list still shows B above max as of 15 March.
    const today = "2026-06-01";
    const health = await withTenant(db, buyerScope, (tx) => computeHealth(tx, buyerScope, today, null));
    const listed = await withTenant(db, buyerScope, (tx) =>
      listInventory(tx, buyerScope, { status: "above_max", today, horizonDays: 90, page: 1, pageSize: null }),
    );
    expect(listed.rows.map((r) => r.sku)).toEqual(["B"]);
    expect(health.overstock.total).toBe(listed.total);
    expect(health.overstock.rows).toEqual([
      expect.objectContaining({
        sku: "B",
        onHand: 50,
        maxQty: 10,
        aboveMaxValue: 40,
        asOfDay: "2026-03-15",
        lastConsumedOn: null,
      }),
    ]);
    expect(health.dead.total).toBe(0);
  });

  it("the matrix: cells of the current classes, and the agreements whose class moved since the previous period", async () => {
    await createMetrics(db, {
      tenantId,
      agreementId: agreementA,
      supplierId: supplier1,
      asOf: AS_OF,
      annualValue: 84,
      abc: "B",
      abcRank: 1,
      xyz: "Y",
      pattern: "smooth",
      forecastMethod: "ses",
      forecastWeekly: 21,
      forecastSdWeekly: 1,
      forecastDaily: 3,
      safetyStock: 5,
      recommendedMin: 10,
      recommendedMax: 40,
      eoq: 30,
      computedAt: new Date(),
    });
    await withTenant(db, buyerScope, (tx) => rebuildSegmentWeekRollups(tx));
    // A was AX until 9 March and BY since 10 March; B got its first class on 14 March.
    await db.insert(schema.agreementClassHistory).values([
      { tenantId, agreementId: agreementA, supplierId: supplier1, validFrom: "2026-02-01", abc: "A", xyz: "X" },
      { tenantId, agreementId: agreementA, supplierId: supplier1, validFrom: "2026-03-10", abc: "B", xyz: "Y" },
      { tenantId, agreementId: agreementB, supplierId: supplier2, validFrom: "2026-03-14", abc: "C", xyz: "Z" },
    ]);
    const matrix = await withTenant(db, buyerScope, (tx) => computeMatrix(tx, buyerScope, AS_OF, periods, null));
    const by = Object.fromEntries(matrix.cells.map((c) => [c.cell, c]));
    expect(matrix.cells.map((c) => c.cell)).toEqual(["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"]);
    expect(by.BY).toMatchObject({ agreements: 1, averageStockValue: 430 / 14, consumptionValue: 84, bandCompliance: 10 / 14 });
    expect(by.AX).toMatchObject({ agreements: 0, averageStockValue: 0, consumptionValue: 0, bandCompliance: null });
    // B has no metrics yet: its days sum into the unclassified row.
    expect(matrix.unclassified).toMatchObject({ agreements: 1, averageStockValue: 50, bandCompliance: 0 });
    expect(matrix.movers.total).toBe(1);
    expect(matrix.movers.transitions).toEqual([{ from: "AX", to: "BY", agreements: 1 }]);
    expect(matrix.movers.rows).toEqual([
      expect.objectContaining({ sku: "A", supplierName: "Supplier one", from: "AX", to: "BY", annualValue: 84 }),
    ]);
  });
});
