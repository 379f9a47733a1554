import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import type { TenantScope } from "@db/scope";
import { evaluateAlerts } from "~/services/alerts/evaluate.server";
import { updateAgreement } from "~/services/agreements/update.server";
import { decideStep, submitPlan } from "~/services/plans/index.server";
import { addDays, todayIn } from "~/utils/dates";
import { createAlertRule } from "../support/alert-factories";
import { createLocation, createMemberships, createSupplier, createTenant, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createPlannedAgreement } from "./support/worlds";

/**
 * The alerts follow a plan or an agreement's terms at once, without waiting for the next scheduled
 * evaluation: a plan decided leaves "waiting for a decision", and the lines it approved, now stock
 * on its way, close the projected stockout they cover; a band brought back to the recommended one
 * closes its drift. The services evaluate after their own transaction, at the real clock, so the
 * company's day here is the real today.
 */

const TODAY = todayIn("UTC", new Date());
let handle: DatabaseHandle;
let db: Database;
const tenantId = randomUUID();
const supplierId = randomUUID();
const site = randomUUID();
const users = { supplier: randomUUID(), buyer: randomUUID() };
const sup: TenantScope = { tenantId, supplierId, userId: users.supplier };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "alerts-follow.test", passwordHash: "x" });
  await createTenant(db, { id: tenantId, slugPrefix: "alerts-follow", name: "Alerts follow plans", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
  await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
  await createMemberships(db, [
    { tenantId, userId: users.supplier, role: "supplier", supplierId },
    { tenantId, userId: users.buyer, role: "buyer" },
  ]);
});

afterAll(async () => {
  await handle?.close();
});

async function openAlerts() {
  return db
    .select({ condition: schema.alerts.condition, subjectId: schema.alerts.subjectId })
    .from(schema.alerts)
    .where(and(eq(schema.alerts.tenantId, tenantId), isNull(schema.alerts.closedAt)));
}

describe("alerts follow plans", () => {
  it("a plan decided leaves 'waiting' at once, and its approved lines close the stockout they cover", async () => {
    // 3 on hand, 2 a day, lead time 2 days: out tomorrow, within the lead time.
    const agreementId = await createPlannedAgreement(db, {
      tenantId,
      supplierId,
      locationId: site,
      sku: "FOLLOW-1",
      abc: "B",
      xyz: "Y",
      min: 10,
      max: 500,
      onHand: 3,
      daily: 2,
      unitCost: 1,
      today: TODAY,
    });
    await createAlertRule(db, { tenantId, condition: { kind: "projected_stockout", horizon: "lead_time" } });
    await createAlertRule(db, { tenantId, condition: { kind: "plan_waiting", hours: 1 } });
    await evaluateAlerts(db, tenantId, { trigger: "test" });
    expect(await openAlerts()).toEqual([{ condition: "projected_stockout", subjectId: agreementId }]);

    const { plan } = await submitPlan(db, sup, {
      requestId: randomUUID(),
      today: TODAY,
      // A stockout later in the horizon asks for a reason; within the lead time it is covered.
      lines: [{ agreementId, qty: 50, shipDate: TODAY, arrivalDate: addDays(TODAY, 1), reason: "A first delivery" }],
    });
    // Submitted, not approved: nothing is on its way yet, and the plan has not waited an hour.
    expect(await openAlerts()).toEqual([{ condition: "projected_stockout", subjectId: agreementId }]);

    // Two hours later the scheduled evaluation finds it waiting.
    await db.execute(sql`update replenishment_plans set submitted_at = submitted_at - interval '2 hours' where id = ${plan.id}`);
    await db.execute(sql`update plan_events set occurred_at = occurred_at - interval '2 hours' where plan_id = ${plan.id}`);
    await evaluateAlerts(db, tenantId, { trigger: "test" });
    expect((await openAlerts()).map((a) => a.condition).sort()).toEqual(["plan_waiting", "projected_stockout"]);

    const decided = await decideStep(db, buyer, { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer", all: "IA" });
    expect(decided.plan.status).toBe("approved");
    expect(await openAlerts()).toEqual([]);
  });
});

describe("alerts follow agreement edits", () => {
  it("a band brought back to the recommended one closes its drift alert at once", async () => {
    // Recommended 10–500 (the planned agreement's own band), agreed 10–900: max 80 % off.
    const agreementId = await createPlannedAgreement(db, {
      tenantId,
      supplierId,
      locationId: site,
      sku: "FOLLOW-2",
      abc: "C",
      xyz: "X",
      min: 10,
      max: 500,
      onHand: 300,
      daily: 2,
      unitCost: 1,
      today: TODAY,
    });
    const [terms] = await db.select().from(schema.agreements).where(eq(schema.agreements.id, agreementId));
    await db.update(schema.agreements).set({ maxQty: 900 }).where(eq(schema.agreements.id, agreementId));
    await createAlertRule(db, { tenantId, condition: { kind: "band_drift", percent: 25 } });
    await evaluateAlerts(db, tenantId, { trigger: "test" });
    const drifting = async () => (await openAlerts()).filter((a) => a.condition === "band_drift").map((a) => a.subjectId);
    expect(await drifting()).toEqual([agreementId]);

    const [current] = await db.select().from(schema.agreements).where(eq(schema.agreements.id, agreementId));
    await updateAgreement(db, buyer, {
      agreementId,
      version: current.version,
      terms: {
        minQty: terms.minQty,
        maxQty: 500,
        leadTimeDays: terms.leadTimeDays,
        leadTimeSdDays: terms.leadTimeSdDays,
        moq: terms.moq,
        packSize: terms.packSize,
        reviewPeriodDays: terms.reviewPeriodDays,
      },
    });
    expect(await drifting()).toEqual([]);
  });
});
