import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import { getPlan } from "~/models/plans/read.server";
import { loadApprovalQueue } from "~/services/plans/queue.server";
import {
  decideStep,
  requestChanges,
  revisePlan,
  submitPlan,
  withdrawPlan,
  type LineDecisionInput,
} from "~/services/plans/index.server";
import { AppError } from "~/utils/app-error";
import { addDays } from "~/utils/dates";
import { createLocation, createMemberships, createSupplier, createTenant, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createPlannedAgreement } from "./support/worlds";

/**
 * The approval workflow: routing at submission, step decisions with EDI 855 codes, the
 * order of steps, stale decisions, the audit trail and the notifications, on the real database.
 */

const TODAY = "2026-03-10";

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const supplierId = randomUUID();
const otherSupplierId = randomUUID();
const site = randomUUID();
const users = {
  supplier: randomUUID(),
  supplierColleague: randomUUID(),
  otherSupplier: randomUUID(),
  buyer: randomUUID(),
  buyer2: randomUUID(),
  manager: randomUUID(),
  admin: randomUUID(),
};
/** A: class AX (buyer then manager); B: BY (buyer); C: CX slow mover that a small line keeps in band (auto). */
const ag = { a: randomUUID(), b: randomUUID(), c: randomUUID() };

const sup: TenantScope = { tenantId, supplierId, userId: users.supplier };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };
const buyer2: TenantScope = { tenantId, supplierId: null, userId: users.buyer2 };
const manager: TenantScope = { tenantId, supplierId: null, userId: users.manager };
const admin: TenantScope = { tenantId, supplierId: null, userId: users.admin };

/** An agreement of supplier S at the site, of the given class (see createPlannedAgreement). */
async function insertAgreement(
  id: string,
  sku: string,
  cell: { abc: "A" | "B" | "C"; xyz: "X" | "Y" },
  terms: { min: number; max: number; onHand: number; daily: number; unitCost: number },
) {
  await createPlannedAgreement(db, { tenantId, supplierId, locationId: site, id, sku, ...cell, ...terms, today: TODAY });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "approvals.test", passwordHash: "x" });
  await createTenant(db, { id: tenantId, slugPrefix: "approvals", name: "Approvals test", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
  await createSupplier(db, { tenantId, id: otherSupplierId, code: "O", name: "Supplier O" });
  await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
  await createMemberships(db, [
    { tenantId, userId: users.supplier, role: "supplier", supplierId },
    { tenantId, userId: users.supplierColleague, role: "supplier", supplierId },
    { tenantId, userId: users.otherSupplier, role: "supplier", supplierId: otherSupplierId },
    { tenantId, userId: users.buyer, role: "buyer" },
    { tenantId, userId: users.buyer2, role: "buyer" },
    { tenantId, userId: users.manager, role: "manager" },
    { tenantId, userId: users.admin, role: "admin" },
  ]);
  // Stock never runs out within the horizon for A and B (900 on hand, 10 a day), and never for C.
  await insertAgreement(ag.a, "A-1", { abc: "A", xyz: "X" }, { min: 50, max: 1500, onHand: 900, daily: 10, unitCost: 5 });
  await insertAgreement(ag.b, "B-1", { abc: "B", xyz: "Y" }, { min: 50, max: 1500, onHand: 900, daily: 10, unitCost: 5 });
  await insertAgreement(ag.c, "C-1", { abc: "C", xyz: "X" }, { min: 10, max: 500, onHand: 200, daily: 2, unitCost: 2 });
});

afterAll(async () => {
  await handle?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

const line = (agreementId: string, qty: number, ship = 1, arrive = 3) => ({
  agreementId,
  qty,
  shipDate: addDays(TODAY, ship),
  arrivalDate: addDays(TODAY, arrive),
});

async function submit(lines: (ReturnType<typeof line> & { reason?: string })[]) {
  return (await submitPlan(db, sup, { requestId: randomUUID(), lines, today: TODAY })).plan;
}

const accept = (lineNo: number): LineDecisionInput => ({ lineNo, code: "IA" });

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** The kinds of notification a user has in its inbox for a plan, read as that user. */
async function inboxOf(userId: string, planId: string, supplier: string | null = null) {
  return withTenant(db, { tenantId, supplierId: supplier, userId }, async (tx) =>
    rowsOf<{ kind: string }>(
      await tx.execute(sql`select kind from notifications where link = ${`plans/${planId}`} order by created_at, kind`),
    ).map((r) => r.kind),
  );
}

async function outboxFor(planId: string) {
  return rowsOf<{ recipient_user: string; kind: string }>(
    await db.execute(sql`
      select user_id::text as recipient_user, kind from email_outbox
      where tenant_id = ${tenantId} and link = ${`plans/${planId}`} order by kind, user_id`),
  );
}

async function auditActions(planId: string) {
  return rowsOf<{ action: string; actor: string | null }>(
    await db.execute(sql`
      select action, actor_user_id::text as actor from audit_events
      where tenant_id = ${tenantId} and entity_id = ${planId} order by occurred_at, action`),
  );
}

async function detail(scope: TenantScope, planId: string) {
  const plan = await withTenant(db, scope, (tx) => getPlan(tx, scope, planId));
  if (!plan) throw new Error("plan not visible");
  return plan;
}

/** Every row a decision may write, to show a refused one wrote nothing. */
async function snapshot(planId: string) {
  return rowsOf(
    await db.execute(sql`
      select
        (select row_to_json(p) from replenishment_plans p where p.id = ${planId}) as plan,
        (select json_agg(row_to_json(l) order by l.line_no) from plan_lines l where l.plan_id = ${planId}) as lines,
        (select count(*) from plan_events e where e.plan_id = ${planId}) as events,
        (select count(*) from audit_events a where a.entity_id = ${planId}) as audits,
        (select count(*) from notifications n where n.link = ${`plans/${planId}`}) as inbox,
        (select count(*) from email_outbox o where o.link = ${`plans/${planId}`}) as outbox`),
  )[0];
}

// ---------------------------------------------------------------------------------------------

describe("routing at submission", () => {
  it("approves an all-CX plan that keeps stock in band and stays under the threshold, as a recorded system decision", async () => {
    const plan = await submit([line(ag.c, 20)]);
    expect(plan).toMatchObject({ status: "approved", decisionCode: "AD" });
    expect(plan.route).toMatchObject({ steps: [], autoApproved: true, value: 40, reasons: [{ code: "auto-approvable" }] });
    const d = await detail(sup, plan.id);
    expect(d.lines.map((l) => [l.status, l.decisionCode, l.approvedQty])).toEqual([["accepted", "IA", 20]]);
    expect(d.events.map((e) => [e.action, e.toStatus, e.actorRole])).toEqual([
      ["submitted", "submitted", "supplier"],
      ["auto_approved", "approved", "system"],
    ]);
    expect(await auditActions(plan.id)).toEqual([
      { action: "plan.submit", actor: users.supplier },
      { action: "plan.auto_approve", actor: null },
    ]);
    // The submitting supplier is not told of what it sees; its colleague is; no buyer is asked.
    expect(await inboxOf(users.supplier, plan.id, supplierId)).toEqual([]);
    expect(await inboxOf(users.supplierColleague, plan.id, supplierId)).toEqual(["plan.decided"]);
    expect(await inboxOf(users.buyer, plan.id)).toEqual([]);
  });

  it("sends a plan with a line above max to a buyer, naming the line", async () => {
    const plan = await submit([{ ...line(ag.c, 400), reason: "Stocking up before the holiday" }]);
    expect(plan.status).toBe("submitted");
    expect(plan.route).toMatchObject({
      steps: ["buyer"],
      autoApproved: false,
      reasons: [{ code: "not-auto-approvable", line: 1, why: "leaves-band" }],
    });
  });

  it("sends a plan with an A-class line to a buyer, then a manager; every buyer hears of it, nobody else", async () => {
    const plan = await submit([line(ag.a, 100), line(ag.b, 100)]);
    expect(plan.status).toBe("submitted");
    expect(plan.route).toMatchObject({ steps: ["buyer", "manager"], reasons: [{ code: "a-class-line", line: 1 }] });
    expect(await inboxOf(users.buyer, plan.id)).toEqual(["plan.submitted"]);
    expect(await inboxOf(users.buyer2, plan.id)).toEqual(["plan.submitted"]);
    expect(await inboxOf(users.manager, plan.id)).toEqual([]);
    expect(await inboxOf(users.admin, plan.id)).toEqual([]);
    expect(await inboxOf(users.otherSupplier, plan.id, otherSupplierId)).toEqual([]);
    expect((await outboxFor(plan.id)).map((o) => o.recipient_user).sort()).toEqual([users.buyer, users.buyer2].sort());
  });

  it("sends a plan above the manager threshold to a manager too", async () => {
    await db.execute(
      sql`update tenants set settings = '{"approval":{"managerThreshold":1000,"autoApproveThreshold":100}}' where id = ${tenantId}`,
    );
    try {
      const plan = await submit([line(ag.b, 300)]);
      expect(plan.route).toMatchObject({
        steps: ["buyer", "manager"],
        value: 1500,
        reasons: [{ code: "value-above-threshold", value: 1500, threshold: 1000 }],
      });
    } finally {
      await db.execute(sql`update tenants set settings = '{}' where id = ${tenantId}`);
    }
  });
});

describe("a one-step plan: the buyer decides", () => {
  it("refuses the manager, the admin and the supplier; the buyer's changed quantity makes it AC", async () => {
    const plan = await submit([line(ag.b, 100), line(ag.b, 50, 5, 8)]);
    const decisions = [{ lineNo: 1, code: "IQ", qty: 60, reason: "Enough until the next review" }, accept(2)];
    expect(
      await rejection(decideStep(db, manager, { planId: plan.id, lockVersion: plan.lockVersion, role: "manager", decisions })),
    ).toMatchObject({
      reason: "state",
    });
    expect(
      await rejection(decideStep(db, admin, { planId: plan.id, lockVersion: plan.lockVersion, role: "admin", decisions })),
    ).toMatchObject({ code: "forbidden", status: 403 });
    expect(
      await rejection(decideStep(db, sup, { planId: plan.id, lockVersion: plan.lockVersion, role: "supplier", decisions })),
    ).toMatchObject({ code: "forbidden", status: 403 });

    const { plan: decided } = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      decisions,
      comment: "OK",
    });
    expect(decided).toMatchObject({ status: "approved", decisionCode: "AC", lockVersion: plan.lockVersion + 1 });
    expect(decided.decidedAt).not.toBeNull();
    const d = await detail(sup, plan.id);
    expect(d.lines.map((l) => [l.lineNo, l.status, l.decisionCode, l.approvedQty, l.decisionReason])).toEqual([
      [1, "accepted", "IQ", 60, "Enough until the next review"],
      [2, "accepted", "IA", 50, null],
    ]);
    const last = d.events[d.events.length - 1];
    expect(last).toMatchObject({
      action: "approved",
      fromStatus: "submitted",
      toStatus: "approved",
      actorRole: "buyer",
      comment: "OK",
    });
    expect(last.details).toMatchObject({
      step: "buyer",
      lines: [
        { lineNo: 1, code: "IQ", qty: 60 },
        { lineNo: 2, code: "IA", qty: 50 },
      ],
    });
    expect((await auditActions(plan.id)).map((a) => a.action)).toEqual(["plan.submit", "plan.approve"]);
    expect(await inboxOf(users.supplier, plan.id, supplierId)).toEqual(["plan.decided"]);
    // Decided: nobody may decide again.
    expect(
      await rejection(decideStep(db, buyer, { planId: plan.id, lockVersion: decided.lockVersion, role: "buyer", decisions })),
    ).toMatchObject({
      reason: "state",
    });
  });

  it("maps a mix of accepted and rejected lines to partially approved, and all rejected to RD", async () => {
    const mixed = await submit([line(ag.b, 100), line(ag.b, 50, 5, 8)]);
    const { plan: partial } = await decideStep(db, buyer, {
      planId: mixed.id,
      lockVersion: mixed.lockVersion,
      role: "buyer",
      decisions: [
        { lineNo: 1, code: "DR", arrivalDate: addDays(TODAY, 6), reason: "Dock closed on the 13th" },
        { lineNo: 2, code: "IR", reason: "Not needed" },
      ],
    });
    expect(partial).toMatchObject({ status: "partially_approved", decisionCode: "AC" });
    const lines = (await detail(buyer, mixed.id)).lines;
    expect(lines.map((l) => [l.status, l.decisionCode, l.approvedQty, l.approvedArrivalDate])).toEqual([
      ["accepted", "DR", 100, addDays(TODAY, 6)],
      ["rejected", "IR", 0, addDays(TODAY, 8)],
    ]);

    const none = await submit([line(ag.b, 100)]);
    const { plan: rejected } = await decideStep(db, buyer2, {
      planId: none.id,
      lockVersion: none.lockVersion,
      role: "buyer",
      decisions: [{ lineNo: 1, code: "IR", reason: "Covered by stock" }],
    });
    expect(rejected).toMatchObject({ status: "rejected", decisionCode: "RD" });
  });

  it("refuses decisions with errors, each naming its line and field, and writes nothing", async () => {
    const plan = await submit([line(ag.b, 100), line(ag.b, 50, 5, 8)]);
    const before = await snapshot(plan.id);
    const error = await rejection(
      decideStep(db, buyer, {
        planId: plan.id,
        lockVersion: plan.lockVersion,
        role: "buyer",
        decisions: [{ lineNo: 1, code: "IQ", qty: 100, reason: "" }],
      }),
    );
    // Under the review form's names of the fields: line 1 is lines[0].
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", status: 400 });
    expect((error as AppError).fieldErrors).toEqual({
      "lines[0].qty": [{ key: "approvals.review.errors.unchanged" }],
      "lines[0].reason": [{ key: "approvals.review.errors.required" }],
      "lines[1].code": [{ key: "approvals.review.errors.required" }],
    });
    expect(await snapshot(plan.id)).toEqual(before);

    // Packs of 10: a changed quantity must stay whole packs.
    const packs = await rejection(
      decideStep(db, buyer, {
        planId: plan.id,
        lockVersion: plan.lockVersion,
        role: "buyer",
        decisions: [{ lineNo: 1, code: "IQ", qty: 55, reason: "Half a pack less" }, accept(2)],
      }),
    );
    expect((packs as AppError).fieldErrors).toEqual({
      "lines[0].qty": [{ key: "approvals.review.errors.not_pack_multiple", params: { packSize: 10 } }],
    });
    expect(await snapshot(plan.id)).toEqual(before);
  });
});

describe("a two-step plan: buyer, then manager", () => {
  it("goes through the steps in order, with the buyer's decisions kept for the manager", async () => {
    const plan = await submit([line(ag.a, 100), line(ag.b, 100)]);
    const decisions = [accept(1), { lineNo: 2, code: "IQ", qty: 80, reason: "Less is enough" }];
    // The manager cannot decide before the buyer's step.
    expect(
      await rejection(decideStep(db, manager, { planId: plan.id, lockVersion: plan.lockVersion, role: "manager", decisions })),
    ).toMatchObject({
      reason: "state",
      details: { status: "submitted" },
    });

    const { plan: reviewed } = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      decisions,
    });
    expect(reviewed).toMatchObject({ status: "in_review", decisionCode: null, decidedAt: null });
    const lines = (await detail(manager, plan.id)).lines;
    expect(lines.map((l) => [l.status, l.decisionCode, l.approvedQty])).toEqual([
      ["pending", "IA", 100],
      ["pending", "IQ", 80],
    ]);
    expect(await inboxOf(users.manager, plan.id)).toEqual(["plan.step_reached"]);
    expect(await inboxOf(users.supplier, plan.id, supplierId)).toEqual([]);

    // The manager reviews line 2 as the buyer decided it: 80 units at 5, not the 100 submitted.
    const { loadPlanForReview } = await import("~/services/plans/review.server");
    const review = (await loadPlanForReview(db, manager, plan.id))!.review!;
    expect(review.lines.map((l) => [l.lineNo, l.asDecided, l.value])).toEqual([
      [1, false, 500],
      [2, true, 400],
    ]);
    expect(review.lines[1].holdingCost).toBeGreaterThan(0);

    // The buyer's step is done; the supplier can no longer take the plan back.
    expect(
      await rejection(decideStep(db, buyer, { planId: plan.id, lockVersion: reviewed.lockVersion, role: "buyer", decisions })),
    ).toMatchObject({
      reason: "state",
    });
    expect(await rejection(withdrawPlan(db, sup, { planId: plan.id, lockVersion: reviewed.lockVersion }))).toMatchObject({
      reason: "state",
    });

    const { plan: final } = await decideStep(db, manager, {
      planId: plan.id,
      lockVersion: reviewed.lockVersion,
      role: "manager",
      decisions: [accept(1), { lineNo: 2, code: "IR", reason: "Over budget this month" }],
    });
    expect(final).toMatchObject({ status: "partially_approved", decisionCode: "AC" });
    const d = await detail(sup, plan.id);
    expect(d.events.map((e) => [e.action, e.actorRole])).toEqual([
      ["submitted", "supplier"],
      ["step_decided", "buyer"],
      ["partially_approved", "manager"],
    ]);
    expect((await auditActions(plan.id)).map((a) => a.action)).toEqual([
      "plan.submit",
      "plan.decide_step",
      "plan.partially_approve",
    ]);
    expect(await inboxOf(users.supplier, plan.id, supplierId)).toEqual(["plan.decided"]);
  });

  it("lets the manager approve all as the buyer decided, keeping the buyer's changes and rejections", async () => {
    const plan = await submit([line(ag.a, 100), line(ag.b, 100), line(ag.b, 50, 5, 8)]);
    const { plan: reviewed } = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      decisions: [
        { lineNo: 1, code: "IQ", qty: 80, reason: "Internal: the other source is cheaper" },
        { lineNo: 2, code: "DR", arrivalDate: addDays(TODAY, 9), reason: "Dock closed" },
        { lineNo: 3, code: "IR", reason: "Not needed" },
      ],
    });
    // While the manager has it, the supplier sees no decision yet, in the lines or the timeline.
    const { loadPlanForReview } = await import("~/services/plans/review.server");
    const supplierView = (await loadPlanForReview(db, sup, plan.id))!.detail;
    expect(supplierView.lines.map((l) => [l.decisionCode, l.approvedQty, l.decisionReason])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(JSON.stringify(supplierView.events)).not.toContain("cheaper");

    const { plan: final } = await decideStep(db, manager, {
      planId: plan.id,
      lockVersion: reviewed.lockVersion,
      role: "manager",
      all: "IA",
    });
    expect(final).toMatchObject({ status: "partially_approved", decisionCode: "AC" });
    const lines = (await detail(sup, plan.id)).lines;
    expect(lines.map((l) => [l.status, l.decisionCode, l.approvedQty, l.approvedArrivalDate])).toEqual([
      ["accepted", "IQ", 80, addDays(TODAY, 3)],
      ["accepted", "DR", 100, addDays(TODAY, 9)],
      ["rejected", "IR", 0, addDays(TODAY, 8)],
    ]);
  });

  it("ends at the buyer's step when the buyer rejects every line", async () => {
    const plan = await submit([line(ag.a, 100)]);
    const { plan: rejected } = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      decisions: [{ lineNo: 1, code: "IR", reason: "Duplicate of last week's plan" }],
    });
    expect(rejected).toMatchObject({ status: "rejected", decisionCode: "RD" });
    expect(await inboxOf(users.manager, plan.id)).toEqual([]);
  });

  it("lets the manager send the plan back; the revision starts undecided and is routed anew", async () => {
    const plan = await submit([line(ag.a, 100)]);
    const { plan: reviewed } = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      decisions: [accept(1)],
    });
    expect(
      await rejection(
        requestChanges(db, buyer, { planId: plan.id, lockVersion: reviewed.lockVersion, role: "buyer", comment: "x" }),
      ),
    ).toMatchObject({ reason: "state" });
    const { plan: back } = await requestChanges(db, manager, {
      planId: plan.id,
      lockVersion: reviewed.lockVersion,
      role: "manager",
      comment: "Split into two deliveries",
    });
    expect(back.status).toBe("changes_requested");
    expect(await inboxOf(users.supplier, plan.id, supplierId)).toEqual(["plan.changes_requested"]);

    const { plan: revised } = await revisePlan(db, sup, { planId: plan.id, lockVersion: back.lockVersion });
    expect(revised).toMatchObject({ status: "draft", version: 2, route: null, decisionCode: null });
    const lines = (await detail(sup, plan.id)).lines;
    expect(lines.map((l) => [l.status, l.decisionCode, l.approvedQty])).toEqual([["pending", null, null]]);
    const { plan: resubmitted } = await submitPlan(db, sup, {
      planId: plan.id,
      requestId: randomUUID(),
      lockVersion: revised.lockVersion,
      lines: [line(ag.a, 50), line(ag.a, 50, 8, 10)],
      today: TODAY,
    });
    expect(resubmitted).toMatchObject({ status: "submitted", version: 2, route: { steps: ["buyer", "manager"] } });
  });
});

describe("stale and concurrent decisions", () => {
  it("refuses a decision on a stale version and writes nothing", async () => {
    const plan = await submit([line(ag.b, 100)]);
    await db.execute(sql`update replenishment_plans set note = 'touched', lock_version = lock_version + 1 where id = ${plan.id}`);
    const before = await snapshot(plan.id);
    const error = await rejection(
      decideStep(db, buyer, { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer", decisions: [accept(1)] }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", reason: "stale", status: 409 });
    expect(await snapshot(plan.id)).toEqual(before);
  });

  it("50 approvers deciding the same step at once: exactly one decision, 49 conflicts, one audit row", async () => {
    const plan = await submit([line(ag.b, 100)]);
    const attempts = Array.from({ length: 50 }, (_, i) =>
      decideStep(db, i % 2 ? buyer : buyer2, {
        planId: plan.id,
        lockVersion: plan.lockVersion,
        role: "buyer",
        decisions: [accept(1)],
      }),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(r.reason).toMatchObject({ code: "conflict", status: 409 });
    expect((await auditActions(plan.id)).filter((a) => a.action === "plan.approve")).toHaveLength(1);
    const d = await detail(buyer, plan.id);
    expect(d.events.filter((e) => e.action === "approved")).toHaveLength(1);
    expect(await inboxOf(users.supplier, plan.id, supplierId)).toEqual(["plan.decided"]);
  });
});

describe("the approval queue", () => {
  it("lists the plans waiting for each step, oldest first, with value and line count", async () => {
    const queue = await loadApprovalQueue(db, buyer, "submitted", { today: TODAY });
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((r) => r.status === "submitted")).toBe(true);
    const waited = queue.map((r) => r.waitingSince);
    expect(waited).toEqual([...waited].sort());
    // Projected today: the plan whose only line lifts C-1 above max (400 on top of ~190, max 500).
    const stockingUp = queue.find((r) => r.value === 800);
    expect(stockingUp).toMatchObject({ lineCount: 1, aboveMaxLines: 1, stockoutLines: 0, supplierName: "Supplier S" });
    expect(queue.some((r) => r.aboveMaxLines === 0 && r.stockoutLines === 0)).toBe(true);
    const manager = await loadApprovalQueue(db, { tenantId, supplierId: null, userId: users.manager }, "in_review", {
      today: TODAY,
    });
    expect(manager.every((r) => r.status === "in_review" && r.steps.includes("manager"))).toBe(true);
  });
});
