import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import { getPlan } from "~/models/plans/read.server";
import { decideSelection, recordPageDecisions } from "~/services/plans/decide-selection.server";
import { decideStep, submitPlan } from "~/services/plans/index.server";
import { planPageOf } from "~/services/plans/plan-page.server";
import { loadApprovalQueue, worstUrgency } from "~/services/plans/queue.server";
import { loadPlanForReview } from "~/services/plans/review.server";
import { AppError } from "~/utils/app-error";
import { addDays } from "~/utils/dates";
import { createLocation, createMemberships, createSupplier, createTenant, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createPlannedAgreement } from "./support/worlds";

/**
 * Decisions for a selection of lines (all or none, kept until the step is finished), the plan page
 * of a large plan a page at a time, and the approval queue's worst problem by urgency, on the real
 * database.
 */

const TODAY = "2026-03-10";

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const supplierId = randomUUID();
const site = randomUUID();
const users = { supplier: randomUUID(), buyer: randomUUID(), manager: randomUUID() };
const sup: TenantScope = { tenantId, supplierId, userId: users.supplier };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };
const manager: TenantScope = { tenantId, supplierId: null, userId: users.manager };
/** Ample stock (never short) and A-class: a buyer, then a manager. */
const ample = randomUUID();
/** Runs out tomorrow: nothing sent today arrives in time. */
const short = randomUUID();

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "selection.test", passwordHash: "x" });
  await createTenant(db, { id: tenantId, slugPrefix: "selection", name: "Selection test", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
  await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
  await createMemberships(db, [
    { tenantId, userId: users.supplier, role: "supplier", supplierId },
    { tenantId, userId: users.buyer, role: "buyer" },
    { tenantId, userId: users.manager, role: "manager" },
  ]);
  const common = { tenantId, supplierId, locationId: site, xyz: "X" as const, daily: 10, unitCost: 5, today: TODAY };
  await createPlannedAgreement(db, { ...common, id: ample, sku: "AMP-1", abc: "A", min: 50, max: 5000, onHand: 3000 });
  await createPlannedAgreement(db, { ...common, id: short, sku: "SHO-1", abc: "C", min: 50, max: 500, onHand: 15 });
});

afterAll(async () => {
  await handle?.close();
});

/** A plan of `count` lines of the ample agreement, a week apart in arrival. */
async function submitLines(count: number, agreementId = ample) {
  const lines = Array.from({ length: count }, (_, i) => ({
    agreementId,
    qty: 10,
    shipDate: addDays(TODAY, 1),
    arrivalDate: addDays(TODAY, 3 + (i % 50)),
    reason: "Spread over the quarter",
  }));
  return (await submitPlan(db, sup, { requestId: randomUUID(), lines, today: TODAY })).plan;
}

/** The current lines with their decisions, as the buyer's side reads them. */
async function linesOf(planId: string) {
  return (await withTenant(db, buyer, (tx) => getPlan(tx, buyer, planId)))?.lines ?? [];
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

async function eventsOf(planId: string) {
  return rowsOf<{ action: string }>(
    await db.execute(sql`select action from plan_events where plan_id = ${planId} order by occurred_at`),
  ).map((r) => r.action);
}

describe("decisions for a selection of lines", () => {
  it("approves and rejects selections, kept pending until approve all finishes the step with them", async () => {
    const plan = await submitLines(6);
    const approved = await decideSelection(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      lines: ["1", "2", "2", "3"],
      code: "IA",
    });
    expect(approved.plan).toMatchObject({ status: "submitted", lockVersion: plan.lockVersion + 1 });
    const rejected = await decideSelection(db, buyer, {
      planId: plan.id,
      lockVersion: approved.plan.lockVersion,
      role: "buyer",
      lines: ["4"],
      code: "IR",
      reason: "Not this month",
    });
    const pending = await linesOf(plan.id);
    expect(pending.map((l) => [l.lineNo, l.decisionCode, l.status])).toEqual([
      [1, "IA", "pending"],
      [2, "IA", "pending"],
      [3, "IA", "pending"],
      [4, "IR", "pending"],
      [5, null, "pending"],
      [6, null, "pending"],
    ]);
    expect(pending[3].decisionReason).toBe("Not this month");
    expect(await eventsOf(plan.id)).toContain("lines_decided");

    // The supplier sees neither the pending decisions nor the selection in the timeline.
    const seen = await loadPlanForReview(db, sup, plan.id);
    expect(seen!.detail.lines.every((l) => l.decisionCode === null)).toBe(true);
    expect(seen!.detail.events.map((e) => e.action)).not.toContain("lines_decided");

    // Approve all keeps the recorded rejection and accepts the rest: the buyer's step is done.
    const done = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: rejected.plan.lockVersion,
      role: "buyer",
      all: "IA",
    });
    expect(done.plan.status).toBe("in_review");
    const decided = await linesOf(plan.id);
    expect(decided.map((l) => l.decisionCode)).toEqual(["IA", "IA", "IA", "IR", "IA", "IA"]);

    // The manager's selection approval keeps what the buyer decided.
    const kept = await decideSelection(db, manager, {
      planId: plan.id,
      lockVersion: done.plan.lockVersion,
      role: "manager",
      lines: ["4", "5"],
      code: "IA",
    });
    expect((await linesOf(plan.id)).map((l) => l.decisionCode)).toEqual(["IA", "IA", "IA", "IR", "IA", "IA"]);
    const final = await decideStep(db, manager, {
      planId: plan.id,
      lockVersion: kept.plan.lockVersion,
      role: "manager",
      all: "IA",
    });
    expect(final.plan).toMatchObject({ status: "partially_approved", decisionCode: "AC" });
  });

  it("refuses the whole selection when one line is not the plan's, a reject has no reason, or the page is stale", async () => {
    const plan = await submitLines(3);
    const base = { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer" as const };
    const unknown = await rejection(decideSelection(db, buyer, { ...base, lines: ["1", "2", "9"], code: "IA" }));
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown).toMatchObject({ code: "invalid" });
    expect((unknown as AppError).fieldErrors.selected?.[0]).toMatchObject({
      key: "approvals.review.selection.unknownLines",
      params: { lines: "9" },
    });
    for (const lines of [[], ["1", "x"], ["0"], ["1.5"], ["-1"], ["0x2"]]) {
      expect(await rejection(decideSelection(db, buyer, { ...base, lines, code: "IA" })), lines.join()).toMatchObject({
        code: "invalid",
      });
    }
    expect(await rejection(decideSelection(db, buyer, { ...base, lines: ["1"], code: "IR", reason: "  " }))).toMatchObject({
      code: "invalid",
    });
    expect(await rejection(decideSelection(db, buyer, { ...base, lines: ["1"], code: "IR", reason: "a\u0000b" }))).toMatchObject({
      code: "invalid",
    });
    expect(
      await rejection(decideSelection(db, buyer, { ...base, lockVersion: plan.lockVersion + 5, lines: ["1"], code: "IA" })),
    ).toMatchObject({ code: "conflict" });
    // Not the buyer's step for a manager; never the supplier's.
    expect(await rejection(decideSelection(db, manager, { ...base, role: "manager", lines: ["1"], code: "IA" }))).toMatchObject({
      code: "conflict",
    });
    expect(await rejection(decideSelection(db, sup, { ...base, role: "supplier", lines: ["1"], code: "IA" }))).toMatchObject({
      code: "forbidden",
    });
    // Nothing was written by any of them.
    expect((await linesOf(plan.id)).every((l) => l.decisionCode === null)).toBe(true);
    expect((await withTenant(db, buyer, (tx) => getPlan(tx, buyer, plan.id)))?.plan.lockVersion).toBe(plan.lockVersion);
    expect(await eventsOf(plan.id)).not.toContain("lines_decided");
  });

  it("records a page's decisions by the lines' places in the plan, all or none, every error named by its field", async () => {
    const plan = await submitLines(8);
    const base = { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer" as const };
    const page: ({ code: string; qty?: string; reason?: string } | undefined)[] = [];
    page[5] = { code: "IQ", qty: "20", reason: "One more pack" };
    page[6] = { code: "IR", reason: "" };
    page[7] = { code: "IQ", qty: "25", reason: "Odd" };
    const refused = await rejection(recordPageDecisions(db, buyer, { ...base, lines: page }));
    expect(refused).toMatchObject({ code: "invalid" });
    expect(Object.keys((refused as AppError).fieldErrors).sort()).toEqual(["lines[6].reason", "lines[7].qty"]);
    expect((await linesOf(plan.id)).every((l) => l.decisionCode === null)).toBe(true);
    expect(await rejection(recordPageDecisions(db, buyer, { ...base, lines: [] }))).toMatchObject({ code: "invalid" });

    page[6] = { code: "IR", reason: "Not needed" };
    page[7] = { code: "IA" };
    const recorded = await recordPageDecisions(db, buyer, { ...base, lines: page });
    expect(recorded.plan).toMatchObject({ status: "submitted", lockVersion: plan.lockVersion + 1 });
    const lines = await linesOf(plan.id);
    expect(lines.map((l) => [l.lineNo, l.decisionCode, l.approvedQty])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
      [4, null, null],
      [5, null, null],
      [6, "IQ", 20],
      [7, "IR", 0],
      [8, "IA", 10],
    ]);
    const done = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: recorded.plan.lockVersion,
      role: "buyer",
      all: "IA",
    });
    expect((await linesOf(plan.id)).map((l) => l.decisionCode)).toEqual(["IA", "IA", "IA", "IA", "IA", "IQ", "IR", "IA"]);
    expect(done.plan.status).toBe("in_review");
  });

  it("pages a 200-line plan, filters it by problem and groups its route's reasons by kind", async () => {
    const plan = await submitLines(200);
    const found = await loadPlanForReview(db, buyer, plan.id);
    const first = planPageOf(found!, "buyer", { page: 1, problem: null });
    expect(first.lines.map((l) => l.lineNo)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(first.review!.lines).toHaveLength(50);
    expect(first.paging).toMatchObject({ page: 1, pages: 4, total: 200, matching: 200, partial: true, decided: 0 });
    expect(first.review!.totals.value).toBe(200 * 10 * 5);
    const last = planPageOf(found!, "buyer", { page: 9, problem: null });
    expect(last.paging.page).toBe(4);
    expect(last.lines[0].lineNo).toBe(151);
    // Ample stock: every line lifts it above max or not, none leaves a stockout.
    expect(first.paging.counts.stockout).toBe(0);
    const stockout = planPageOf(found!, "buyer", { page: 1, problem: "stockout" });
    expect(stockout.lines).toHaveLength(0);
    const reasons = (first.plan.route?.reasons ?? []) as { code: string }[];
    expect(reasons.filter((r) => r.code === "a-class-line")).toHaveLength(200);

    await decideSelection(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      lines: ["7", "8"],
      code: "IR",
      reason: "No",
    });
    const changed = planPageOf((await loadPlanForReview(db, buyer, plan.id))!, "buyer", { page: 1, problem: "changed" });
    expect(changed.lines.map((l) => l.lineNo)).toEqual([7, 8]);
    expect(changed.paging).toMatchObject({ matching: 2, decided: 2, problem: "changed" });
  });
});

describe("the approval queue's worst problem", () => {
  it("is the most urgent of the plan's agreements, counted", () => {
    expect(worstUrgency([null, "ok", "covered", "plan_needed", "covered"])).toEqual({ urgency: "plan_needed", agreements: 1 });
    expect(worstUrgency(["act_now", "act_now", "ok"])).toEqual({ urgency: "act_now", agreements: 2 });
    expect(worstUrgency([null])).toBeNull();
  });

  it("says act now only for an item that runs out before a shipment could arrive", async () => {
    const shortPlan = await submitLines(1, short);
    const amplePlan = await submitLines(1, ample);
    const queue = await loadApprovalQueue(db, buyer, "submitted", { today: TODAY });
    expect(queue.find((r) => r.id === shortPlan.id)?.worst).toEqual({ urgency: "act_now", agreements: 1 });
    expect(queue.find((r) => r.id === amplePlan.id)?.worst).toEqual({ urgency: "ok", agreements: 1 });
  });
});
