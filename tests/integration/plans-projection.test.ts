import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { projectInventory } from "~/core";
import { getPlan } from "~/models/plans/read.server";
import { changesAsked } from "~/services/plans/draft-builder.server";
import { requestChanges, revisePlan, submitPlan } from "~/services/plans/index.server";
import { loadPlanForReview } from "~/services/plans/review.server";
import { addDays, todayIn } from "~/utils/dates";
import { createAgreement, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createTwoTenantWorld } from "./support/worlds";

/**
 * The review page's projection of a plan's lines for one item, on the real clock (the review
 * reads the tenant's today): 400 on hand, 40 a day, band 300–1,500; the plan's three lines land
 * on days 3, 15 and 30.
 */

const TODAY = todayIn("UTC");
const DAILY = 40;

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const otherTenantId = randomUUID();
const supplierId = randomUUID();
const otherSupplier = randomUUID();
const site = randomUUID();
const agreementId = randomUUID();
const users = { sup: randomUUID(), buyer: randomUUID() };
const sup: TenantScope = { tenantId, supplierId, userId: users.sup };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "plans-projection.test", passwordHash: "x" });
  await createTwoTenantWorld(db, {
    tenant: { id: tenantId, slugPrefix: "projection", name: "Projection test", timezone: "UTC" },
    otherTenant: { id: otherTenantId, slugPrefix: "projection-other", name: "Other tenant" },
    suppliers: { a: supplierId, b: otherSupplier },
    site,
  });
  await createAgreement(db, {
    tenantId,
    supplierId,
    locationId: site,
    id: agreementId,
    item: { sku: "CT-1", unitCost: 2 },
    terms: { minQty: 300, maxQty: 1_500, leadTimeDays: 3, moq: 0, packSize: 10 },
    facts: [
      { day: addDays(TODAY, -1), onHand: 400 },
      ...Array.from({ length: 28 }, (_, i) => ({ day: addDays(TODAY, -28 + i), consumed: DAILY })),
    ],
  });
});

afterAll(async () => {
  await handle?.close();
});

const line = (qty: number, ship: number, arrive: number, reason = "Cover the weeks ahead") => ({
  agreementId,
  qty,
  shipDate: addDays(TODAY, ship),
  arrivalDate: addDays(TODAY, arrive),
  reason,
});

const submit = async (lines: unknown[]) => (await submitPlan(db, sup, { requestId: randomUUID(), lines })).plan;

describe("the review page's projection of a line", () => {
  it("counts the plan's other lines for the item on both sides, and its badges match its numbers", async () => {
    const plan = await submit([line(600, 0, 3), line(500, 12, 15), line(600, 27, 30)]);
    const review = (await loadPlanForReview(db, buyer, plan.id))!.review!;
    const [first, second, third] = review.lines;
    const days = first.projection.length;
    const byHand = (arrivals: [number, number][]) =>
      projectInventory({
        onHand: 400,
        demand: DAILY,
        days,
        receipts: arrivals.map(([day, quantity]) => ({ day, quantity })),
        min: 300,
        max: 1_500,
      }).onHand;
    const all = byHand([
      [3, 600],
      [15, 500],
      [30, 600],
    ]);
    // Line 1 alone would run out about day 25; lines 2 and 3 refill it, and its chart shows that.
    expect(byHand([[3, 600]])[25]).toBe(0);
    expect(first.projection.map((p) => p.withLine)).toEqual(all);
    expect(first.projection.map((p) => p.without)).toEqual(
      byHand([
        [15, 500],
        [30, 600],
      ]),
    );
    expect(second.projection.map((p) => p.withLine)).toEqual(all);
    expect(third.projection.map((p) => p.without)).toEqual(
      byHand([
        [3, 600],
        [15, 500],
      ]),
    );
    // Lowest with the plan is below min 300 on some day: no line says "in band".
    expect(first.lowest).toBe(Math.min(...all));
    expect(first.lowest).toBeLessThan(300);
    for (const l of review.lines) {
      expect(l.inBand).toBe(false);
      expect(l.belowMinDate ?? l.stockoutDate).not.toBeNull();
    }
  });
});

describe("a revision after changes were requested", () => {
  it("shows what was asked, and moves ship dates that passed to today instead of refusing them", async () => {
    const first = await submit([line(600, 0, 3), line(500, 12, 15)]);
    const sent = await requestChanges(db, buyer, {
      planId: first.id,
      lockVersion: first.lockVersion,
      comment: "Half of line 2, please",
      role: "buyer",
    });
    const revised = await revisePlan(db, sup, { planId: first.id, lockVersion: sent.plan.lockVersion });
    const detail = await withTenant(db, sup, (tx) => getPlan(tx, sup, first.id));
    expect(changesAsked(detail!)).toMatchObject({ version: 1, comment: "Half of line 2, please", role: "buyer", lines: [] });

    // Two days later the first line's ship date has passed: it moves to that day, its arrival by as much.
    const later = addDays(TODAY, 2);
    const resubmitted = await submitPlan(db, sup, {
      planId: first.id,
      requestId: randomUUID(),
      lockVersion: revised.plan.lockVersion,
      lines: [line(600, 0, 3), line(250, 12, 15)],
      today: later,
    });
    expect(resubmitted.movedShipDates).toBe(1);
    expect(resubmitted.plan).toMatchObject({ status: "submitted", version: 2 });
    const after = await withTenant(db, sup, (tx) => getPlan(tx, sup, first.id));
    expect(after!.lines.map((l) => [l.lineNo, l.qty, l.shipDate, l.arrivalDate])).toEqual([
      [1, 600, later, addDays(TODAY, 5)],
      [2, 250, addDays(TODAY, 12), addDays(TODAY, 15)],
    ]);
  });

  it("still refuses a past ship date on a first submission", async () => {
    const error = await submitPlan(db, sup, { requestId: randomUUID(), lines: [line(600, -1, 3)] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid", status: 400 });
  });
});
