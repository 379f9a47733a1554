import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import type { AlertRule } from "~/services/alerts/rule-schema";
import { evaluateAlerts } from "~/services/alerts/evaluate.server";
import { addDays } from "~/utils/dates";
import { createAlertRule } from "../support/alert-factories";
import {
  type AgreementTerms,
  createAgreement,
  createLocation,
  createPlan,
  createSupplier,
  createTenant,
  type FactDay,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Each condition on a dataset built here, whose answer is worked out beside it: the alert opens
 * when the condition holds, not a day early, and closes when it clears. The company's clock is
 * UTC; "today" is TODAY, and the stock snapshot of yesterday is the stock at the start of today.
 */

const TODAY = "2026-05-10";
const YESTERDAY = addDays(TODAY, -1);
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

interface World {
  tenantId: string;
  supplierId: string;
  siteId: string;
}

async function world(): Promise<World> {
  const db = handle.db;
  const { id: tenantId } = await createTenant(db, { slugPrefix: "alert-cond", timezone: "UTC" });
  const supplierId = randomUUID();
  const siteId = randomUUID();
  await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
  await createLocation(db, { tenantId, id: siteId, code: "W1", name: "Warehouse" });
  return { tenantId, supplierId, siteId };
}

interface AgreementOptions {
  terms?: Partial<AgreementTerms>;
  facts?: readonly FactDay[];
  forecastDaily?: number;
  safetyStock?: number;
  recommended?: { min: number; max: number };
  abc?: "A" | "B" | "C";
  xyz?: "X" | "Y" | "Z";
}

async function agreement(w: World, options: AgreementOptions = {}): Promise<string> {
  const created = await createAgreement(handle.db, {
    tenantId: w.tenantId,
    supplierId: w.supplierId,
    locationId: w.siteId,
    item: { sku: `SKU-${randomUUID().slice(0, 6)}`, name: "Item", unitCost: 1 },
    terms: { minQty: 0, maxQty: 1_000, leadTimeDays: 5, reviewPeriodDays: 7, ...options.terms },
    facts: options.facts ?? [],
    metrics: {
      asOf: YESTERDAY,
      forecastDaily: options.forecastDaily ?? 0,
      safetyStock: options.safetyStock ?? 0,
      recommendedMin: options.recommended?.min ?? 0,
      recommendedMax: options.recommended?.max ?? 0,
      abc: options.abc ?? "C",
      xyz: options.xyz ?? "Z",
    },
  });
  return created.id;
}

async function rule(w: World, given: Partial<AlertRule>): Promise<string> {
  return createAlertRule(handle.db, { tenantId: w.tenantId, ...given });
}

/**
 * Evaluates the company at noon of `day`; returns the open alerts by agreement or subject id.
 * `fromFacts` drops the company's stored stock positions first, so that the evaluation computes
 * every position from the facts (as for an agreement created since its last fact).
 */
async function openAlertsOn(
  w: World,
  day: string,
  fromFacts = false,
): Promise<Map<string, { value: number | null; limit: number | null }>> {
  if (fromFacts) await handle.db.delete(schema.agreementPositions).where(eq(schema.agreementPositions.tenantId, w.tenantId));
  await evaluateAlerts(handle.db, w.tenantId, { trigger: "test", now: noonOf(day) });
  const rows = await handle.db
    .select()
    .from(schema.alerts)
    .where(and(eq(schema.alerts.tenantId, w.tenantId), isNull(schema.alerts.closedAt)));
  return new Map(rows.map((r) => [r.subjectId, { value: r.value, limit: r.limitValue }]));
}

describe("projected stockout", () => {
  it("opens once the projected stockout falls within the lead time, not a day early, and clears with new stock", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "projected_stockout", horizon: "lead_time" } });
    // 12 at the start of today, 2 a day: closing stock 10, 8, 6, 4, 2, 0 → out on day 5, lead time 5: not within.
    const id = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 12 }], forecastDaily: 2, terms: { leadTimeDays: 5 } });
    expect((await openAlertsOn(w, TODAY)).has(id)).toBe(false);
    // A day later, nothing new counted: 10 at the start of that day → out on its day 4 < 5.
    expect((await openAlertsOn(w, addDays(TODAY, 1))).get(id)).toEqual({ value: 4, limit: 5 });
    // A count of 100 at the end of today: 50 days of stock, the alert clears.
    await handle.db.insert(schema.stockSnapshots).values({
      tenantId: w.tenantId,
      itemId: await itemOf(id),
      locationId: w.siteId,
      supplierId: w.supplierId,
      day: TODAY,
      onHand: 100,
    });
    expect((await openAlertsOn(w, addDays(TODAY, 1))).has(id)).toBe(false);
  });

  it("looks a number of days ahead when the rule gives one", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "projected_stockout", horizon: 3 } });
    const outOnDay3 = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 8 }], forecastDaily: 2 });
    const outOnDay2 = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 6 }], forecastDaily: 2 });
    const open = await openAlertsOn(w, TODAY);
    expect(open.has(outOnDay3)).toBe(false);
    expect(open.get(outOnDay2)?.value).toBe(2);
  });
});

async function itemOf(agreementId: string): Promise<string> {
  const [row] = await handle.db
    .select({ itemId: schema.agreements.itemId })
    .from(schema.agreements)
    .where(eq(schema.agreements.id, agreementId));
  return row.itemId;
}

describe("projected below min and above max", () => {
  it("below min: the first day closing stock falls below min, within the horizon", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "projected_below_min", horizon: 2 } });
    // 20, 5 a day, min 12: closing 15 (day 0), 10 (day 1) → below min on day 1.
    const soon = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 20 }], forecastDaily: 5, terms: { minQty: 12 } });
    // 25: closing 20, 15, 10 → day 2, not within 2 days.
    const later = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 25 }], forecastDaily: 5, terms: { minQty: 12 } });
    const open = await openAlertsOn(w, TODAY);
    expect(open.get(soon)).toEqual({ value: 1, limit: 2 });
    expect(open.has(later)).toBe(false);
  });

  it("above max: a shipment in transit lifts closing stock above max on its arrival day", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "projected_above_max", horizon: 4 } });
    // 50, 1 a day, max 60; 30 arrive on day 3: closing stock that day 50 + 30 − 4 = 76 > 60.
    const id = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 50 }], forecastDaily: 1, terms: { maxQty: 60 } });
    await handle.db.insert(schema.shipments).values({
      tenantId: w.tenantId,
      supplierId: w.supplierId,
      agreementId: id,
      asnNumber: "ASN-2026-00001",
      qty: 30,
      shipDate: YESTERDAY,
      expectedArrival: addDays(TODAY, 3),
    });
    expect((await openAlertsOn(w, TODAY)).get(id)).toEqual({ value: 3, limit: 4 });
    // Looking 3 days ahead, day 3 is not within: the alert clears.
    await handle.db
      .update(schema.alertRules)
      .set({
        definition: {
          condition: { kind: "projected_above_max", horizon: 3 },
          scope: { cells: [], supplierIds: [], siteIds: [] },
          recipients: { roles: ["buyer"], userIds: [] },
          channels: { inApp: true, email: "none" },
          todo: null,
        },
      })
      .where(eq(schema.alertRules.tenantId, w.tenantId));
    expect((await openAlertsOn(w, TODAY)).has(id)).toBe(false);
  });
});

describe("stock against safety stock and cover", () => {
  it("on hand below a share of safety stock", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "below_safety_stock", percent: 110 } });
    const below = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 21 }], safetyStock: 20 });
    const at = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 22 }], safetyStock: 20 });
    const open = await openAlertsOn(w, TODAY);
    expect(open.get(below)).toEqual({ value: 21, limit: 22 });
    expect(open.has(at)).toBe(false);
  });

  it("days of cover below a number of days", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "days_of_cover_below", days: 5 } });
    const short = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 9 }], forecastDaily: 2 });
    const enough = await agreement(w, { facts: [{ day: YESTERDAY, onHand: 10 }], forecastDaily: 2 });
    const open = await openAlertsOn(w, TODAY);
    expect(open.get(short)).toEqual({ value: 4.5, limit: 5 });
    expect(open.has(enough)).toBe(false);
  });
});

describe.each([
  ["stored", false],
  ["computed from the facts", true],
])("dead stock, positions %s", (_, fromFacts) => {
  it("opens when stock has been held 180 days since the last consumption, not a day early", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "no_consumption", days: 180 }, todo: { dueInDays: 14 } });
    const id = await agreement(w, {
      facts: [
        { day: addDays(TODAY, -400), onHand: 50 },
        { day: addDays(TODAY, -179), consumed: 3 },
        { day: YESTERDAY, onHand: 40 },
      ],
    });
    const empty = await agreement(w, {
      facts: [
        { day: addDays(TODAY, -300), consumed: 1 },
        { day: YESTERDAY, onHand: 0 },
      ],
    });
    expect((await openAlertsOn(w, TODAY, fromFacts)).has(id)).toBe(false);
    const open = await openAlertsOn(w, addDays(TODAY, 1), fromFacts);
    expect(open.get(id)).toEqual({ value: 180, limit: 180 });
    expect(open.has(empty)).toBe(false);
    const [todo] = await handle.db.select().from(schema.alerts).where(eq(schema.alerts.subjectId, id));
    expect([todo.isTodo, todo.dueDate]).toEqual([true, addDays(TODAY, 15)]);
  });
});

describe("band drift", () => {
  it("the agreed max further than the share from the recommended one", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "band_drift", percent: 25 } });
    const drifting = await agreement(w, { terms: { minQty: 100, maxQty: 260 }, recommended: { min: 100, max: 200 } });
    const close = await agreement(w, { terms: { minQty: 100, maxQty: 240 }, recommended: { min: 100, max: 200 } });
    const open = await openAlertsOn(w, TODAY);
    expect(open.get(drifting)).toEqual({ value: 30, limit: 25 });
    expect(open.has(close)).toBe(false);
  });
});

describe("plans and shipments", () => {
  it("a plan waiting longer than the hours given", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "plan_waiting", hours: 24 } });
    const now = noonOf(TODAY);
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const late = await createPlan(handle.db, {
      tenantId: w.tenantId,
      supplierId: w.supplierId,
      status: "submitted",
      number: "P-1",
      submittedAt: hoursAgo(25),
    });
    const recent = await createPlan(handle.db, {
      tenantId: w.tenantId,
      supplierId: w.supplierId,
      status: "submitted",
      number: "P-2",
      submittedAt: hoursAgo(23),
    });
    const open = await openAlertsOn(w, TODAY);
    expect(open.get(late.id)?.value).toBeCloseTo(25, 6);
    expect(open.has(recent.id)).toBe(false);
    await handle.db
      .update(schema.replenishmentPlans)
      .set({ status: "approved" })
      .where(eq(schema.replenishmentPlans.id, late.id));
    expect((await openAlertsOn(w, TODAY)).has(late.id)).toBe(false);
  });

  it("a shipment overdue by the days given, and a receipt differing from its shipment", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "shipment_overdue", days: 1 } });
    await rule(w, { condition: { kind: "receipt_difference", percent: 5, days: 14 } });
    const id = await agreement(w);
    const shipment = async (values: Partial<typeof schema.shipments.$inferInsert>) => {
      const [row] = await handle.db
        .insert(schema.shipments)
        .values({
          tenantId: w.tenantId,
          supplierId: w.supplierId,
          agreementId: id,
          asnNumber: `ASN-2026-${randomUUID().slice(0, 5)}`,
          qty: 100,
          shipDate: addDays(TODAY, -5),
          expectedArrival: YESTERDAY,
          ...values,
        })
        .returning({ id: schema.shipments.id });
      return row.id;
    };
    const overdue = await shipment({});
    const dueToday = await shipment({ expectedArrival: TODAY });
    const short = await shipment({ status: "received", receivedQty: 90, receivedOn: addDays(TODAY, -2) });
    const nearly = await shipment({ status: "received", receivedQty: 97, receivedOn: addDays(TODAY, -2) });
    const open = await openAlertsOn(w, TODAY);
    expect(open.get(overdue)).toEqual({ value: 1, limit: 1 });
    expect(open.has(dueToday)).toBe(false);
    expect(open.get(short)).toEqual({ value: 10, limit: 5 });
    expect(open.has(nearly)).toBe(false);
    // Received: no longer overdue. And 14 days after the short receipt it leaves the window.
    await handle.db
      .update(schema.shipments)
      .set({ status: "received", receivedQty: 100, receivedOn: TODAY })
      .where(eq(schema.shipments.id, overdue));
    const later = await openAlertsOn(w, addDays(TODAY, 12));
    expect(later.has(overdue)).toBe(false);
    expect(later.has(short)).toBe(false);
  });
});

describe.each([
  ["stored", false],
  ["computed from the facts", true],
])("stock discrepancy, positions %s", (_, fromFacts) => {
  it("a count differing from the position expected from the one before → a cycle-count to-do; a count that agrees clears it", async () => {
    const w = await world();
    await rule(w, { condition: { kind: "stock_discrepancy", percent: 10, days: 30 }, todo: { dueInDays: 3 } });
    // 100 counted 10 days ago, 10 consumed since, 5 received: 95 expected; 80 counted → 15.8 % off.
    const id = await agreement(w, {
      facts: [
        { day: addDays(TODAY, -10), onHand: 100 },
        { day: addDays(TODAY, -5), consumed: 10, received: 5 },
        { day: YESTERDAY, onHand: 80 },
      ],
    });
    const open = await openAlertsOn(w, TODAY, fromFacts);
    expect(open.get(id)?.value).toBeCloseTo((100 * 15) / 95, 9);
    expect(open.get(id)?.limit).toBe(10);
    // A recount today of 78 after 2 consumed: as expected, the to-do clears.
    await handle.db.insert(schema.consumption).values({
      tenantId: w.tenantId,
      itemId: await itemOf(id),
      locationId: w.siteId,
      supplierId: w.supplierId,
      day: TODAY,
      qty: 2,
    });
    await handle.db.insert(schema.stockSnapshots).values({
      tenantId: w.tenantId,
      itemId: await itemOf(id),
      locationId: w.siteId,
      supplierId: w.supplierId,
      day: TODAY,
      onHand: 78,
    });
    expect((await openAlertsOn(w, addDays(TODAY, 1), fromFacts)).has(id)).toBe(false);
  });
});
