import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { listInventory } from "~/models/inventory.server";
import { startScheduler } from "~/server/scheduler";
import { evaluateAlerts } from "~/services/alerts/evaluate.server";
import type { AlertRule } from "~/services/alerts/rule-schema";
import { applyRows } from "~/services/imports/batch.server";
import { addDays, todayIn } from "~/utils/dates";
import { createAlertRule } from "../support/alert-factories";
import {
  createAgreement,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * How an evaluation treats alerts: once per condition while it holds, the cool-down against
 * flapping, snoozed and resolved alerts, scope, evaluations limited to some agreements, who is
 * told (a supplier only of its own), and the same verdict as the inventory list's.
 */

const TODAY = "2026-05-10";
const YESTERDAY = addDays(TODAY, -1);
const NOON = new Date(`${TODAY}T12:00:00Z`);
const minutesLater = (m: number) => new Date(NOON.getTime() + m * 60_000);
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function company() {
  const db = handle.db;
  const { id: tenantId } = await createTenant(db, { slugPrefix: "alert-eval", timezone: "UTC" });
  const [s1, s2] = [randomUUID(), randomUUID()];
  const [w1, w2] = [randomUUID(), randomUUID()];
  await createSupplier(db, { tenantId, id: s1, code: "S1" });
  await createSupplier(db, { tenantId, id: s2, code: "S2" });
  await createLocation(db, { tenantId, id: w1, code: "W1" });
  await createLocation(db, { tenantId, id: w2, code: "W2" });
  return { tenantId, s1, s2, w1, w2 };
}
type Company = Awaited<ReturnType<typeof company>>;

/** An agreement with 21 on hand and safety stock 20: below 110 % of it (22). */
async function lowAgreement(c: Company, supplierId = c.s1, siteId = c.w1, cell: [string, string] = ["C", "Z"]) {
  const created = await createAgreement(handle.db, {
    tenantId: c.tenantId,
    supplierId,
    locationId: siteId,
    item: { sku: `LOW-${randomUUID().slice(0, 6)}`, name: "Low item", unitCost: 1 },
    terms: { minQty: 0, maxQty: 100, leadTimeDays: 5 },
    facts: [{ day: YESTERDAY, onHand: 21 }],
    metrics: { asOf: YESTERDAY, safetyStock: 20, abc: cell[0] as "A", xyz: cell[1] as "X" },
  });
  return { ...created, supplierId, siteId };
}

const nearSafety = (given: Partial<AlertRule> = {}) => ({
  condition: { kind: "below_safety_stock" as const, percent: 110 },
  ...given,
});

async function alertsOf(tenantId: string) {
  return handle.db.select().from(schema.alerts).where(eq(schema.alerts.tenantId, tenantId)).orderBy(asc(schema.alerts.openedAt));
}

async function eventsOf(alertId: string) {
  const rows = await handle.db
    .select()
    .from(schema.alertEvents)
    .where(eq(schema.alertEvents.alertId, alertId))
    .orderBy(asc(schema.alertEvents.at));
  return rows.map((e) => e.kind);
}

/** Raises (or lowers back) the agreement's stock position today with goods received without a notice. */
async function receive(c: Company, a: { itemId: string; siteId: string; supplierId: string }, qty: number) {
  await handle.db
    .insert(schema.receipts)
    .values({ tenantId: c.tenantId, itemId: a.itemId, locationId: a.siteId, supplierId: a.supplierId, day: TODAY, qty });
}
async function unreceive(c: Company) {
  await handle.db.delete(schema.receipts).where(eq(schema.receipts.tenantId, c.tenantId));
}

const evaluate = (c: Company, now = NOON, agreementIds?: string[]) =>
  evaluateAlerts(handle.db, c.tenantId, { trigger: "test", now, agreementIds });

describe("once per condition", () => {
  it("a second evaluation keeps the alert it opened, and each run is recorded", async () => {
    const c = await company();
    const ruleId = await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety() });
    await lowAgreement(c);
    const first = await evaluate(c);
    const second = await evaluate(c, minutesLater(15));
    expect(first.rules.map((r) => [r.opened, r.kept])).toEqual([[1, 0]]);
    expect(second.rules.map((r) => [r.opened, r.kept, r.closed])).toEqual([[0, 1, 0]]);
    const [alert] = await alertsOf(c.tenantId);
    expect(await eventsOf(alert.id)).toEqual(["opened"]);
    expect(alert.lastSeenAt.toISOString()).toBe(minutesLater(15).toISOString());
    const runs = await handle.db.select().from(schema.alertEvaluations).where(eq(schema.alertEvaluations.ruleId, ruleId));
    expect(runs.map((r) => [r.matched, r.opened, r.kept]).sort()).toEqual([
      [1, 0, 1],
      [1, 1, 0],
    ]);
  });
});

describe("a rule edited to another condition", () => {
  it("closes the alerts of the old condition and opens those of the new one", async () => {
    const c = await company();
    const ruleId = await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety({ cooldownMinutes: 60 }) });
    const a = await lowAgreement(c);
    await evaluate(c);
    const definition = {
      condition: { kind: "no_consumption", days: 1 },
      scope: { cells: [], supplierIds: [], siteIds: [] },
      recipients: { roles: ["buyer"], userIds: [] },
      channels: { inApp: true, email: "none" },
      todo: null,
    };
    await handle.db
      .update(schema.alertRules)
      .set({ condition: "no_consumption", definition })
      .where(eq(schema.alertRules.id, ruleId));
    await evaluate(c, minutesLater(10));
    const all = await alertsOf(c.tenantId);
    expect(all.map((x) => [x.subjectId, x.condition, x.status])).toEqual([
      [a.id, "below_safety_stock", "closed"],
      [a.id, "no_consumption", "open"],
    ]);
  });
});

describe("cool-down", () => {
  it("a condition that returns within the cool-down reopens its alert quietly; after it, a new alert opens", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety({ cooldownMinutes: 60 }) });
    const buyer = await createUser(handle.db);
    await createMembership(handle.db, { tenantId: c.tenantId, userId: buyer, role: "buyer" });
    const a = await lowAgreement(c);
    await evaluate(c);
    await receive(c, a, 10);
    await evaluate(c, minutesLater(10));
    const [cleared] = await alertsOf(c.tenantId);
    expect([cleared.status, cleared.closeReason]).toEqual(["closed", "cleared"]);
    await unreceive(c);
    await evaluate(c, minutesLater(20));
    const afterReturn = await alertsOf(c.tenantId);
    expect(afterReturn.map((x) => [x.id, x.status])).toEqual([[cleared.id, "open"]]);
    expect(await eventsOf(cleared.id)).toEqual(["opened", "cleared", "reopened"]);
    // Outside the cool-down (cleared at +10, back at +80): a new alert, and a second message.
    await receive(c, a, 10);
    await evaluate(c, minutesLater(30));
    await unreceive(c);
    await evaluate(c, minutesLater(100));
    const all = await alertsOf(c.tenantId);
    expect(all.map((x) => x.status)).toEqual(["closed", "open"]);
    const inbox = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.userId, buyer));
    expect(inbox.map((n) => n.eventId).sort()).toEqual(all.map((x) => x.id).sort());
  });

  it("an alert a person resolved stays resolved within the cool-down while its condition holds", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety({ cooldownMinutes: 60 }) });
    await lowAgreement(c);
    await evaluate(c);
    const [alert] = await alertsOf(c.tenantId);
    await handle.db
      .update(schema.alerts)
      .set({ status: "closed", closedAt: minutesLater(5), closeReason: "resolved", resolution: "Counted: it is right" })
      .where(eq(schema.alerts.id, alert.id));
    await evaluate(c, minutesLater(30));
    expect((await alertsOf(c.tenantId)).map((x) => x.status)).toEqual(["closed"]);
    await evaluate(c, minutesLater(70));
    expect((await alertsOf(c.tenantId)).map((x) => x.status)).toEqual(["closed", "open"]);
  });

  it("a snoozed alert is kept, not duplicated, and still closes when its condition clears", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety() });
    const a = await lowAgreement(c);
    await evaluate(c);
    const [alert] = await alertsOf(c.tenantId);
    await handle.db
      .update(schema.alerts)
      .set({ snoozedUntil: addDays(TODAY, 3) })
      .where(eq(schema.alerts.id, alert.id));
    await evaluate(c, minutesLater(15));
    expect((await alertsOf(c.tenantId)).map((x) => [x.id, x.status, x.snoozedUntil])).toEqual([
      [alert.id, "open", addDays(TODAY, 3)],
    ]);
    await receive(c, a, 10);
    await evaluate(c, minutesLater(30));
    expect((await alertsOf(c.tenantId)).map((x) => x.status)).toEqual(["closed"]);
  });
});

describe("scope", () => {
  it("by ABC-XYZ cell, supplier and site", async () => {
    const c = await company();
    const inScope = await lowAgreement(c, c.s1, c.w1, ["A", "X"]);
    const otherCell = await lowAgreement(c, c.s1, c.w1, ["B", "X"]);
    const otherSupplier = await lowAgreement(c, c.s2, c.w1, ["A", "X"]);
    const otherSite = await lowAgreement(c, c.s1, c.w2, ["A", "X"]);
    await createAlertRule(handle.db, {
      tenantId: c.tenantId,
      ...nearSafety({ scope: { cells: ["AX", "AY"], supplierIds: [c.s1], siteIds: [c.w1] } }),
    });
    await evaluate(c);
    const subjects = (await alertsOf(c.tenantId)).map((x) => x.subjectId);
    expect(subjects).toEqual([inScope.id]);
    expect(subjects).not.toContain(otherCell.id);
    expect(subjects).not.toContain(otherSupplier.id);
    expect(subjects).not.toContain(otherSite.id);
  });

  it("an evaluation of some agreements leaves the others' alerts as they are; a disabled rule is not evaluated", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety() });
    await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety({ enabled: false }) });
    const a = await lowAgreement(c);
    const b = await lowAgreement(c);
    await evaluate(c);
    expect((await alertsOf(c.tenantId)).length).toBe(2);
    await receive(c, b, 10);
    await evaluate(c, minutesLater(5), [a.id]);
    const open = await handle.db
      .select()
      .from(schema.alerts)
      .where(and(eq(schema.alerts.tenantId, c.tenantId), isNull(schema.alerts.closedAt)));
    expect(open.map((x) => x.subjectId).sort()).toEqual([a.id, b.id].sort());
    await evaluate(c, minutesLater(10));
    const still = await handle.db
      .select()
      .from(schema.alerts)
      .where(and(eq(schema.alerts.tenantId, c.tenantId), isNull(schema.alerts.closedAt)));
    expect(still.map((x) => x.subjectId)).toEqual([a.id]);
  });
});

describe("who is told", () => {
  it("a supplier's members of its own alerts only; buyers of all; by e-mail or the digest as the rule says", async () => {
    const c = await company();
    const [buyer, s1Member, s2Member, named] = await Promise.all([1, 2, 3, 4].map(() => createUser(handle.db)));
    await createMembership(handle.db, { tenantId: c.tenantId, userId: buyer, role: "buyer" });
    await createMembership(handle.db, { tenantId: c.tenantId, userId: s1Member, role: "supplier", supplierId: c.s1 });
    await createMembership(handle.db, { tenantId: c.tenantId, userId: s2Member, role: "supplier", supplierId: c.s2 });
    await createMembership(handle.db, { tenantId: c.tenantId, userId: named, role: "supplier", supplierId: c.s2 });
    await createAlertRule(handle.db, {
      tenantId: c.tenantId,
      ...nearSafety({ recipients: { roles: ["buyer", "supplier"], userIds: [named] }, channels: { inApp: true, email: "each" } }),
    });
    const digest = await createAlertRule(handle.db, {
      tenantId: c.tenantId,
      ...nearSafety({ recipients: { roles: ["buyer"], userIds: [] }, channels: { inApp: false, email: "digest" } }),
    });
    const a = await lowAgreement(c, c.s1);
    await evaluate(c);
    const alerts = await alertsOf(c.tenantId);
    const each = alerts.find((x) => x.ruleId !== digest)!;
    const inbox = await handle.db.select().from(schema.notifications).where(eq(schema.notifications.tenantId, c.tenantId));
    expect(inbox.map((n) => [n.userId, n.eventId, n.kind]).sort()).toEqual(
      [
        [buyer, each.id, "alert.opened"],
        [s1Member, each.id, "alert.opened"],
      ].sort(),
    );
    expect(inbox[0].payload).toMatchObject({ sku: expect.stringMatching(/^LOW-/), value: 21, limit: 22 });
    const mail = await handle.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.tenantId, c.tenantId));
    expect(mail.map((m) => m.userId).sort()).toEqual([buyer, s1Member].sort());
    const queued = await handle.db.select().from(schema.alertDigestItems).where(eq(schema.alertDigestItems.tenantId, c.tenantId));
    expect(queued.map((q) => [q.userId, q.alertId])).toEqual([[buyer, alerts.find((x) => x.ruleId === digest)!.id]]);
    expect(a.supplierId).toBe(c.s1);
  });

  it("a supplier scope reads its own alerts only", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, ...nearSafety() });
    const own = await lowAgreement(c, c.s1);
    await lowAgreement(c, c.s2);
    await evaluate(c);
    const scope: TenantScope = { tenantId: c.tenantId, supplierId: c.s1, userId: null };
    const seen = await withTenant(handle.db, scope, (tx) => tx.select().from(schema.alerts));
    expect(seen.map((x) => x.subjectId)).toEqual([own.id]);
  });
});

describe("the same verdict as the inventory list", () => {
  it("every agreement the list shows as out within lead time has its alert, and no other", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, condition: { kind: "projected_stockout", horizon: "lead_time" } });
    // A spread of stock, demand, lead times, stock counts of earlier days and shipments in transit.
    let seed = 7;
    // A small fixed-seed generator (mulberry32): the same spread on every run.
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let i = 0; i < 40; i += 1) {
      const created = await createAgreement(handle.db, {
        tenantId: c.tenantId,
        supplierId: i % 2 ? c.s1 : c.s2,
        locationId: c.w1,
        item: { sku: `MIX-${i}`, name: "Mixed", unitCost: 1 },
        terms: { minQty: 5, maxQty: 200, leadTimeDays: 1 + next(14) },
        facts: next(5) === 0 ? [] : [{ day: addDays(TODAY, -1 - next(4)), onHand: next(60) }],
        metrics: { asOf: YESTERDAY, forecastDaily: next(4) === 0 ? 0 : 1 + next(8) },
      });
      if (next(3) === 0) {
        await handle.db.insert(schema.shipments).values({
          tenantId: c.tenantId,
          supplierId: i % 2 ? c.s1 : c.s2,
          agreementId: created.id,
          asnNumber: `ASN-2026-${String(i).padStart(5, "0")}`,
          qty: 10 + next(40),
          shipDate: addDays(TODAY, -3),
          expectedArrival: addDays(TODAY, next(10) - 2),
        });
      }
    }
    await evaluate(c);
    const buyer: TenantScope = { tenantId: c.tenantId, supplierId: null, userId: null };
    const list = await withTenant(handle.db, buyer, (tx) =>
      listInventory(tx, buyer, { today: TODAY, horizonDays: 56, atRisk: true, page: 1, pageSize: null }),
    );
    const alerted = (await alertsOf(c.tenantId)).filter((x) => x.closedAt === null).map((x) => x.subjectId);
    // Some are at risk and some are not: the comparison means something.
    expect(list.rows.length).toBeGreaterThan(3);
    expect(list.rows.length).toBeLessThan(40);
    expect(alerted.sort()).toEqual(list.rows.map((r) => r.agreementId).sort());
  });
});

describe("the scheduler", () => {
  // The scheduler walks every tenant of the database: only on this file's own PGlite database.
  it.skipIf(!!process.env.DATABASE_URL)("evaluates each company's rules every 15 minutes, under its lock", async () => {
    const c = await company();
    const ruleId = await createAlertRule(handle.db, { tenantId: c.tenantId, condition: { kind: "shipment_overdue", days: 1 } });
    const a = await lowAgreement(c);
    await handle.db.insert(schema.shipments).values({
      tenantId: c.tenantId,
      supplierId: c.s1,
      agreementId: a.id,
      asnNumber: "ASN-2026-09999",
      qty: 5,
      shipDate: addDays(TODAY, -5),
      expectedArrival: addDays(TODAY, -2),
    });
    let now = NOON;
    const scheduler = startScheduler(handle.db, { firstDelayMs: 3_600_000, clock: () => now, log: () => {} });
    const runs = async () =>
      (await handle.db.select().from(schema.alertEvaluations).where(eq(schema.alertEvaluations.ruleId, ruleId))).map(
        (r) => r.trigger,
      );
    try {
      await scheduler.tick();
      expect(await runs()).toEqual(["schedule"]);
      expect((await alertsOf(c.tenantId)).map((x) => x.condition)).toEqual(["shipment_overdue"]);
      now = minutesLater(5);
      await scheduler.tick();
      expect(await runs()).toEqual(["schedule"]);
      now = minutesLater(15);
      await scheduler.tick();
      expect(await runs()).toEqual(["schedule", "schedule"]);
      expect((await alertsOf(c.tenantId)).length).toBe(1);
    } finally {
      await scheduler.stop();
    }
  });
});

describe("after an import", () => {
  it("a stock count imported through the API's door that clears a condition closes its alert at once", async () => {
    const c = await company();
    await createAlertRule(handle.db, { tenantId: c.tenantId, condition: { kind: "projected_above_max", horizon: 14 } });
    // 150 held, max 100, no demand: above max from today on.
    const created = await createAgreement(handle.db, {
      tenantId: c.tenantId,
      supplierId: c.s1,
      locationId: c.w1,
      item: { sku: "OVER-1", name: "Overstocked", unitCost: 1 },
      terms: { minQty: 10, maxQty: 100, leadTimeDays: 5 },
      facts: [{ day: addDays(todayIn("UTC"), -3), onHand: 150 }],
    });
    await evaluateAlerts(handle.db, c.tenantId, { trigger: "test" });
    expect((await alertsOf(c.tenantId)).map((a) => [a.subjectId, a.status])).toEqual([[created.id, "open"]]);
    const admin: TenantScope = { tenantId: c.tenantId, supplierId: null, userId: null, role: "admin" };
    const imported = await applyRows(handle.db, admin, "stock", [
      { row: 0, values: { sku: "OVER-1", site: "W1", day: todayIn("UTC"), on_hand: "60" } },
    ]);
    expect(imported.written).toBe(true);
    const [alert] = await alertsOf(c.tenantId);
    expect([alert.status, alert.closeReason]).toEqual(["closed", "cleared"]);
    const runs = await handle.db.select().from(schema.alertEvaluations).where(eq(schema.alertEvaluations.tenantId, c.tenantId));
    expect(runs.map((r) => [r.trigger, r.agreements]).sort()).toEqual([
      ["import", 1],
      ["test", null],
    ]);
  });
});
