import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { loadPlanningContext } from "~/models/planning.server";
import { getPlan, listPlans } from "~/models/plans/read.server";
import {
  proposePlan,
  requestChanges,
  revisePlan,
  saveDraft,
  submitPlan,
  withdrawPlan,
  type ProposedPlanLine,
} from "~/services/plans/index.server";
import { AppError } from "~/utils/app-error";
import { addDays } from "~/utils/dates";
import { createAgreement, createMetrics, createPlan, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createTwoTenantWorld } from "./support/worlds";

const TODAY = "2026-03-10";
const YESTERDAY = "2026-03-09";
const NUMBER = /^RP-2026-\d{5}$/;

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const otherTenantId = randomUUID();
const supplierA = randomUUID();
const supplierB = randomUUID();
const site = randomUUID();
/** A1: needs stock (fallback forecast 10/day from consumption); A2: above max, has metrics;
 * A3: runs out before anything can arrive; A4: slow mover, in band all horizon; B1: supplier B's;
 * OTHER: another tenant's. */
const ag = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID(), a4: randomUUID(), b1: randomUUID(), other: randomUUID() };
const users = { a: randomUUID(), b: randomUUID(), buyer: randomUUID() };

const supA: TenantScope = { tenantId, supplierId: supplierA, userId: users.a };
const supB: TenantScope = { tenantId, supplierId: supplierB, userId: users.b };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };

async function insertAgreement(
  tenant: string,
  supplierId: string,
  id: string,
  sku: string,
  terms: { min: number; max: number; lead: number; moq: number; pack: number },
  facts?: { onHand: number; daily: number },
) {
  await createAgreement(db, {
    tenantId: tenant,
    supplierId,
    locationId: site,
    id,
    item: { sku, unitCost: 2 },
    terms: { minQty: terms.min, maxQty: terms.max, leadTimeDays: terms.lead, moq: terms.moq, packSize: terms.pack },
    facts: facts && [
      { day: "2026-03-01", onHand: 999 },
      { day: YESTERDAY, onHand: facts.onHand },
      ...Array.from({ length: 40 }, (_, i) => ({ day: addDays(TODAY, -40 + i), consumed: i < 12 ? 1000 : facts.daily })),
    ],
  });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "plans.test", passwordHash: "x" });
  await createTwoTenantWorld(db, {
    tenant: { id: tenantId, slugPrefix: "plans", name: "Plans test", timezone: "UTC" },
    otherTenant: { id: otherTenantId, slugPrefix: "plans-other", name: "Other tenant" },
    suppliers: { a: supplierA, b: supplierB },
    site,
  });
  await insertAgreement(
    tenantId,
    supplierA,
    ag.a1,
    "A-1",
    { min: 50, max: 200, lead: 2, moq: 50, pack: 25 },
    { onHand: 60, daily: 10 },
  );
  await insertAgreement(
    tenantId,
    supplierA,
    ag.a2,
    "A-2",
    { min: 50, max: 300, lead: 2, moq: 0, pack: 1 },
    { onHand: 500, daily: 10 },
  );
  await insertAgreement(
    tenantId,
    supplierA,
    ag.a3,
    "A-3",
    { min: 100, max: 400, lead: 3, moq: 0, pack: 10 },
    { onHand: 30, daily: 10 },
  );
  await insertAgreement(
    tenantId,
    supplierA,
    ag.a4,
    "A-4",
    { min: 10, max: 500, lead: 2, moq: 0, pack: 10 },
    { onHand: 200, daily: 2 },
  );
  await insertAgreement(
    tenantId,
    supplierB,
    ag.b1,
    "B-1",
    { min: 50, max: 200, lead: 2, moq: 0, pack: 1 },
    { onHand: 10, daily: 10 },
  );
  await insertAgreement(otherTenantId, supplierA, ag.other, "X-1", { min: 50, max: 200, lead: 2, moq: 0, pack: 1 });
  await createMetrics(db, {
    tenantId,
    agreementId: ag.a2,
    supplierId: supplierA,
    asOf: YESTERDAY,
    annualValue: 1000,
    abc: "B",
    abcRank: 2,
    xyz: "X",
    pattern: "smooth",
    forecastMethod: "ses",
    forecastWeekly: 35,
    forecastSdWeekly: 3,
    forecastDaily: 5,
    safetyStock: 10,
    recommendedMin: 40,
    recommendedMax: 250,
    eoq: 100,
    computedAt: new Date("2026-03-09T20:00:00Z"),
  });
});

afterAll(async () => {
  await handle?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

async function count(table: string, where = sql`true`) {
  const result = await db.execute(
    sql`select count(*) as n from ${sql.identifier(table)} where tenant_id = ${tenantId} and ${where}`,
  );
  return Number(rowsOf<{ n: unknown }>(result)[0].n);
}

/** Every row the plan services may write, for "nothing written" checks. */
async function snapshot() {
  const counter = rowsOf<{ last_number: unknown }>(
    await db.execute(sql`select last_number from plan_counters where tenant_id = ${tenantId}`),
  );
  return {
    plans: await count("replenishment_plans"),
    lines: await count("plan_lines"),
    events: await count("plan_events"),
    audit: await count("audit_events"),
    counter: counter[0] ? Number(counter[0].last_number) : 0,
    lockVersions: rowsOf<{ id: string; lock_version: number }>(
      await db.execute(sql`select id, lock_version from replenishment_plans where tenant_id = ${tenantId} order by id`),
    ).map((r) => `${r.id}:${r.lock_version}`),
  };
}

const line = (agreementId: string, qty: number, shipDate: string, arrivalDate: string, reason?: string) => ({
  agreementId,
  qty,
  shipDate,
  arrivalDate,
  ...(reason ? { reason } : {}),
});
/** A line that keeps A-4 inside its band all horizon: needs no reason. */
const goodLine = () => line(ag.a4, 100, "2026-03-11", "2026-03-13");

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/**
 * A refused plan's errors as the rules name them: each line error (1-based line, field, code,
 * values) from the field it is under (`lines[2].qty`), and the plan's own (no lines, too many,
 * the note) from the form's messages and the `note` field.
 */
function planErrorsOf(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "invalid", status: 400 });
  const e = error as AppError;
  const code = (key: string) => key.replace(/^plans\.errors\./, "");
  const withParams = <T extends object>(x: T, params?: Record<string, string | number>) => (params ? { ...x, params } : x);
  const lines = Object.entries(e.fieldErrors).flatMap(([name, messages]) => {
    const m = /^lines\[(\d+)\]\.(\w+)$/.exec(name);
    return m ? messages.map((msg) => withParams({ line: Number(m[1]) + 1, field: m[2], code: code(msg.key) }, msg.params)) : [];
  });
  const plan = [
    ...(e.fieldErrors.note ?? []).map((msg) => withParams({ field: "note", code: code(msg.key) }, msg.params)),
    ...e.formErrors.map((msg) => withParams({ field: "lines", code: code(msg.key) }, msg.params)),
  ];
  return { errors: lines, planErrors: plan };
}

const view = (scope: TenantScope, planId: string) => withTenant(db, scope, (tx) => getPlan(tx, scope, planId));

async function submitNew(lines: unknown[] = [goodLine()], scope: TenantScope = supA) {
  return (await submitPlan(db, scope, { requestId: randomUUID(), lines, today: TODAY })).plan;
}

// ---------------------------------------------------------------------------------------------

describe("the planning context", () => {
  it("has the supplier's own agreements only, with stock, forecast (metrics or fallback) and inbound", async () => {
    // An in-transit shipment, and an accepted line of an approved plan of another supplier scope
    // (written as the owner, as the approval workflow will).
    await db.insert(schema.shipments).values({
      tenantId,
      supplierId: supplierA,
      agreementId: ag.a1,
      asnNumber: "ASN-2026-00001",
      qty: 40,
      shipDate: "2026-03-08",
      expectedArrival: "2026-03-12",
    });
    const { id: planId } = await createPlan(db, {
      tenantId,
      supplierId: supplierA,
      status: "approved",
      number: "RP-2025-99999",
      lines: [
        {
          agreementId: ag.a1,
          qty: 75,
          shipDate: "2026-03-14",
          arrivalDate: "2026-03-16",
          status: "accepted",
          approvedQty: 50,
          approvedArrivalDate: "2026-03-17",
        },
      ],
    });

    const context = await withTenant(db, supA, (tx) => loadPlanningContext(tx, supA, { today: TODAY, horizonDays: 56 }));
    expect(context.agreements.map((a) => a.sku)).toEqual(["A-1", "A-2", "A-3", "A-4"]);
    const [a1, a2] = context.agreements;
    expect(a1).toMatchObject({
      onHand: 60,
      onHandDay: YESTERDAY,
      forecastDaily: 10,
      forecastSource: "history",
      metrics: null,
      min: 50,
      max: 200,
      leadTimeDays: 2,
      moq: 50,
      packSize: 25,
      siteCode: "S1",
      supplierName: "Supplier A",
      uom: "EA",
    });
    expect(a1.inbound).toEqual([
      { date: "2026-03-12", qty: 40, source: "shipment" },
      { date: "2026-03-17", qty: 50, source: "plan_line" },
    ]);
    expect(a2).toMatchObject({ forecastDaily: 5, forecastSource: "metrics", onHand: 500 });
    expect(a2.metrics).toMatchObject({ abc: "B", xyz: "X", recommendedMin: 40, recommendedMax: 250 });

    // The plan being edited does not count its own accepted lines.
    const editing = await withTenant(db, supA, (tx) =>
      loadPlanningContext(tx, supA, { today: TODAY, horizonDays: 56, agreementIds: [ag.a1], excludePlanId: planId }),
    );
    expect(editing.agreements[0].inbound.map((r) => r.source)).toEqual(["shipment"]);

    // Buyers see every supplier; a supplier asking for another's agreement gets nothing.
    const all = await withTenant(db, buyer, (tx) => loadPlanningContext(tx, buyer, { today: TODAY, horizonDays: 56 }));
    expect(all.agreements.map((a) => a.sku)).toEqual(["A-1", "A-2", "A-3", "A-4", "B-1"]);
    const forged = await withTenant(db, supA, (tx) =>
      loadPlanningContext(tx, supA, { today: TODAY, horizonDays: 56, agreementIds: [ag.b1, ag.other, "nonsense"] }),
    );
    expect(forged.agreements).toEqual([]);

    await db.execute(sql`delete from plan_lines where tenant_id = ${tenantId} and plan_id = ${planId}`);
    await db.execute(sql`delete from replenishment_plans where tenant_id = ${tenantId} and id = ${planId}`);
    await db.execute(sql`delete from shipments where tenant_id = ${tenantId}`);
  });

  it("takes a snapshot dated today, as an ERP's export of current stock, as the stock at the start of today", async () => {
    const [agreement] = await db
      .select({ itemId: schema.agreements.itemId, locationId: schema.agreements.locationId })
      .from(schema.agreements)
      .where(sql`${schema.agreements.id} = ${ag.a4}`);
    await db.insert(schema.stockSnapshots).values({ tenantId, supplierId: supplierA, ...agreement, day: TODAY, onHand: 777 });
    try {
      const context = await withTenant(db, supA, (tx) =>
        loadPlanningContext(tx, supA, { today: TODAY, horizonDays: 56, agreementIds: [ag.a4] }),
      );
      expect(context.agreements[0]).toMatchObject({ onHand: 777, onHandDay: TODAY });
    } finally {
      await db.execute(sql`delete from stock_snapshots where tenant_id = ${tenantId} and day = ${TODAY}::date`);
    }
  });
});

describe("proposal → draft → submit → withdraw", () => {
  let proposed: ProposedPlanLine[];

  it("proposes lines for the supplier's agreements that need stock within the horizon", async () => {
    const proposal = await proposePlan(db, supA, { today: TODAY });
    expect(proposal.today).toBe(TODAY);
    expect(proposal.horizonDays).toBe(56);
    proposed = proposal.lines;
    const agreements = new Set(proposed.map((l) => l.agreementId));
    // A-2 is above max, A-4 stays in band; B-1 is another supplier's.
    expect([...agreements].sort()).toEqual([ag.a1, ag.a3].sort());
    for (const l of proposed.filter((p) => p.agreementId === ag.a1)) {
      expect(l.qty % 25).toBe(0);
      expect(l.qty).toBeGreaterThanOrEqual(50);
      expect(l.shipDate >= TODAY).toBe(true);
      expect(l.arrivalDate).toBe(addDays(l.shipDate, 2));
      expect(l.proposedQty).toBe(l.qty);
    }
    // A-1's first line: day 2 would end at 30, room 170 → 6 packs of 25.
    expect(proposed[0]).toMatchObject({
      agreementId: ag.a1,
      qty: 150,
      shipDate: TODAY,
      arrivalDate: "2026-03-12",
      exceedsMax: false,
    });
  });

  it("refuses to propose for a buyer scope", async () => {
    expect(await rejection(proposePlan(db, buyer, { today: TODAY }))).toMatchObject({ code: "forbidden", status: 403 });
  });

  let planId: string;

  it("saves the proposal as a draft, unnumbered, with the proposed quantities", async () => {
    const { plan, replayed } = await saveDraft(db, supA, {
      requestId: randomUUID(),
      note: " first try ",
      lines: proposed,
      today: TODAY,
    });
    expect(replayed).toBe(false);
    expect(plan).toMatchObject({
      status: "draft",
      version: 1,
      lockVersion: 1,
      number: null,
      note: "first try",
      supplierId: supplierA,
      submittedAt: null,
    });
    planId = plan.id;
    const detail = await view(supA, planId);
    expect(detail?.lines.map((l) => [l.lineNo, l.agreementId, l.qty, l.proposedQty])).toEqual(
      proposed.map((p, i) => [i + 1, p.agreementId, p.qty, p.qty]),
    );
    expect(detail?.events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([["created", null, "draft"]]);
  });

  it("edits the draft; a stale lock version is refused", async () => {
    const lines = proposed.map((p) => ({ ...p, qty: p.agreementId === ag.a1 ? p.qty - 50 : p.qty }));
    const { plan } = await saveDraft(db, supA, { planId, requestId: randomUUID(), lockVersion: 1, lines, today: TODAY });
    expect(plan.lockVersion).toBe(2);
    const stale = await rejection(saveDraft(db, supA, { planId, requestId: randomUUID(), lockVersion: 1, lines, today: TODAY }));
    expect(stale).toBeInstanceOf(AppError);
    expect(stale).toMatchObject({ code: "conflict", reason: "stale", status: 409, details: { lockVersion: 2 } });
  });

  it("refuses the submission with every error while A-3 still runs out, writing nothing", async () => {
    const before = await snapshot();
    const error = await rejection(
      submitPlan(db, supA, { planId, requestId: randomUUID(), lockVersion: 2, lines: proposed, today: TODAY }),
    );
    const lastA3 = proposed.map((p) => p.agreementId).lastIndexOf(ag.a3) + 1;
    expect(planErrorsOf(error).errors).toEqual([
      { line: lastA3, field: "reason", code: "reason_required_stockout", params: { date: "2026-03-12" } },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("submits: numbered RP-YYYY-NNNNN, submitted_at, timeline event and audit row", async () => {
    const lines = proposed.map((p, i) =>
      i + 1 === proposed.map((x) => x.agreementId).lastIndexOf(ag.a3) + 1 ? { ...p, reason: "Nothing arrives sooner" } : p,
    );
    const { plan } = await submitPlan(db, supA, { planId, requestId: randomUUID(), lockVersion: 2, lines, today: TODAY });
    expect(plan).toMatchObject({ id: planId, status: "submitted", version: 1, lockVersion: 3, number: "RP-2026-00001" });
    expect(plan.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const detail = await view(supA, planId);
    expect(detail?.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole, e.actorUserId])).toEqual([
      ["created", null, "draft", "supplier", users.a],
      ["submitted", "draft", "submitted", "supplier", users.a],
    ]);
    expect(detail?.lines.find((l) => l.reason)?.reason).toBe("Nothing arrives sooner");
    expect(
      await count("audit_events", sql`entity_id = ${planId} and action = 'plan.submit' and actor_user_id = ${users.a}`),
    ).toBe(1);
  });

  it("withdraws before any decision, once", async () => {
    const { plan } = await withdrawPlan(db, supA, { planId, lockVersion: 3 });
    expect(plan).toMatchObject({ status: "withdrawn", lockVersion: 4, number: "RP-2026-00001" });
    const again = await rejection(withdrawPlan(db, supA, { planId, lockVersion: 4 }));
    expect(again).toMatchObject({ code: "conflict", reason: "state", details: { status: "withdrawn" } });
    expect(again).toBeInstanceOf(AppError);
    const detail = await view(supA, planId);
    expect(detail?.events.map((e) => e.action)).toEqual(["created", "submitted", "withdrawn"]);
    expect(await count("audit_events", sql`entity_id = ${planId} and action = 'plan.withdraw'`)).toBe(1);
  });

  it("withdraws a draft the supplier no longer wants; it leaves the drafts", async () => {
    const { plan } = await saveDraft(db, supA, { requestId: randomUUID(), lines: [goodLine()], today: TODAY });
    const { plan: withdrawn } = await withdrawPlan(db, supA, { planId: plan.id, lockVersion: plan.lockVersion });
    expect(withdrawn).toMatchObject({ status: "withdrawn", number: null });
    const drafts = await withTenant(db, supA, (tx) => listPlans(tx, supA, { status: "draft", page: 1, pageSize: 50 }));
    expect(drafts.rows.map((r) => r.id)).not.toContain(plan.id);
  });

  it("does not withdraw a plan with a decided line", async () => {
    const plan = await submitNew();
    await db.execute(sql`update plan_lines set status = 'accepted' where tenant_id = ${tenantId} and plan_id = ${plan.id}`);
    await db.execute(sql`update replenishment_plans set status = 'in_review' where tenant_id = ${tenantId} and id = ${plan.id}`);
    expect(await rejection(withdrawPlan(db, supA, { planId: plan.id, lockVersion: plan.lockVersion }))).toMatchObject({
      reason: "state",
      details: { status: "in_review" },
    });
  });
});

describe("numbers", () => {
  it("are sequential per tenant and given at first submission only", async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await submitNew()).number);
    for (const n of numbers) expect(n).toMatch(NUMBER);
    const seq = numbers.map((n) => Number(n?.slice(-5)));
    expect(seq[1]).toBe(seq[0] + 1);
    expect(seq[2]).toBe(seq[0] + 2);
    const draft = await saveDraft(db, supA, { requestId: randomUUID(), lines: [goodLine()], today: TODAY });
    expect(draft.plan.number).toBeNull();
  });
});

describe("request changes → revise → resubmit", () => {
  it("keeps the number and the first version's lines, and submits version 2", async () => {
    const first = await submitNew([goodLine(), line(ag.a4, 50, "2026-03-20", "2026-03-22")]);

    // Only the buyer's side asks for changes, and says what to change.
    expect(
      await rejection(
        requestChanges(db, supA, { planId: first.id, lockVersion: first.lockVersion, comment: "x", role: "buyer" }),
      ),
    ).toMatchObject({ code: "forbidden", status: 403 });
    const noComment = await rejection(
      requestChanges(db, buyer, { planId: first.id, lockVersion: first.lockVersion, comment: "  ", role: "buyer" }),
    );
    expect(noComment).toMatchObject({ code: "invalid", fieldErrors: { comment: [{ key: "plans.errors.required" }] } });
    // Not revisable before changes are requested.
    expect(await rejection(revisePlan(db, supA, { planId: first.id, lockVersion: first.lockVersion }))).toMatchObject({
      reason: "state",
    });

    const sent = await requestChanges(db, buyer, {
      planId: first.id,
      lockVersion: first.lockVersion,
      comment: "Ship the second lot later",
      role: "buyer",
    });
    expect(sent.plan).toMatchObject({ status: "changes_requested" });
    expect(sent.plan.decidedAt).not.toBeNull();

    const revised = await revisePlan(db, supA, { planId: first.id, lockVersion: sent.plan.lockVersion });
    expect(revised.plan).toMatchObject({ status: "draft", version: 2, number: first.number, decidedAt: null });
    let detail = await view(supA, first.id);
    expect(detail?.lines.map((l) => [l.version, l.lineNo, l.qty, l.shipDate])).toEqual([
      [2, 1, 100, "2026-03-11"],
      [2, 2, 50, "2026-03-20"],
    ]);

    const resubmitted = await submitPlan(db, supA, {
      planId: first.id,
      requestId: randomUUID(),
      lockVersion: revised.plan.lockVersion,
      lines: [goodLine(), line(ag.a4, 50, "2026-03-27", "2026-03-29")],
      today: TODAY,
    });
    expect(resubmitted.plan).toMatchObject({ status: "submitted", version: 2, number: first.number });
    detail = await view(supA, first.id);
    expect(detail?.allLines.map((l) => [l.version, l.lineNo, l.shipDate])).toEqual([
      [1, 1, "2026-03-11"],
      [1, 2, "2026-03-20"],
      [2, 1, "2026-03-11"],
      [2, 2, "2026-03-27"],
    ]);
    expect(detail?.lines.map((l) => l.version)).toEqual([2, 2]);
    expect(detail?.events.map((e) => [e.action, e.version, e.actorRole, e.comment])).toEqual([
      ["submitted", 1, "supplier", null],
      ["changes_requested", 1, "buyer", "Ship the second lot later"],
      ["revised", 2, "supplier", null],
      ["resubmitted", 2, "supplier", null],
    ]);
    expect(await count("audit_events", sql`entity_id = ${first.id}`)).toBe(4);
  });
});

describe("validation", () => {
  it("names the line and field of every error and writes nothing", async () => {
    const before = await snapshot();
    const error = await rejection(
      submitPlan(db, supA, {
        requestId: randomUUID(),
        today: TODAY,
        lines: [
          goodLine(),
          line(ag.a1, 60, "2026-03-11", "2026-03-13"),
          line(ag.a1, 25, "2026-03-09", "2026-03-11"),
          line(ag.a1, 100, "2026-03-15", "2026-03-14"),
          { agreementId: ag.a1, qty: "", shipDate: "2026-03-11", arrivalDate: "soon" },
          line(ag.a1, 0, "2026-03-11", "2026-03-13"),
        ],
      }),
    );
    expect(error).toMatchObject({ status: 400 });
    expect(planErrorsOf(error).errors.filter((e) => e.field !== "reason")).toEqual([
      { line: 2, field: "qty", code: "qty_not_pack_multiple", params: { packSize: 25 } },
      { line: 3, field: "qty", code: "qty_below_moq", params: { moq: 50, minimum: 50 } },
      { line: 3, field: "shipDate", code: "ship_date_in_past", params: { today: TODAY } },
      { line: 4, field: "arrivalDate", code: "arrival_before_ship", params: { shipDate: "2026-03-15" } },
      { line: 5, field: "qty", code: "required" },
      { line: 5, field: "arrivalDate", code: "invalid_date" },
      { line: 6, field: "qty", code: "qty_not_positive" },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a 'proposed' quantity only when the core proposes it: a forged one is stored as none", async () => {
    const proposal = await proposePlan(db, supA, { today: TODAY });
    const real = proposal.lines[0];
    const forged = { ...goodLine(), proposedQty: 12_345 };
    const { plan } = await saveDraft(db, supA, {
      requestId: randomUUID(),
      today: TODAY,
      lines: [{ ...real, reason: "kept" }, forged],
    });
    const detail = await view(supA, plan.id);
    expect(detail?.lines.map((l) => l.proposedQty)).toEqual([real.proposedQty, null]);
  });

  it("refuses more than 500 lines at once, before checking any of them", async () => {
    const before = await snapshot();
    const many = Array.from({ length: 501 }, () => goodLine());
    const error = await rejection(submitPlan(db, supA, { requestId: randomUUID(), lines: many, today: TODAY }));
    // Refused on the count alone, with the form error that names the limit.
    expect(planErrorsOf(error)).toMatchObject({
      errors: [],
      planErrors: [{ field: "lines", code: "too_many_lines", params: { max: 500 } }],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("needs a reason for a line above max; with one, the plan goes through and keeps it", async () => {
    const big = line(ag.a1, 300, "2026-03-11", "2026-03-13");
    const error = planErrorsOf(await rejection(submitPlan(db, supA, { requestId: randomUUID(), lines: [big], today: TODAY })));
    // Day 3 ends at 60 − 40 + 300 = 320; and 360 units do not last the 56 days at 10 a day.
    expect(error.errors).toEqual([
      { line: 1, field: "reason", code: "reason_required_above_max", params: { max: 200, date: "2026-03-13", onHand: 320 } },
      { line: 1, field: "reason", code: "reason_required_stockout", params: { date: "2026-04-14" } },
    ]);
    const ok = await submitPlan(db, supA, {
      requestId: randomUUID(),
      lines: [{ ...big, reason: "Plant shutdown stock" }],
      today: TODAY,
    });
    expect((await view(supA, ok.plan.id))?.lines[0].reason).toBe("Plant shutdown stock");
  });

  it("refuses an empty submission but saves an empty draft", async () => {
    const error = await rejection(submitPlan(db, supA, { requestId: randomUUID(), lines: [], today: TODAY }));
    expect(planErrorsOf(error)).toMatchObject({ errors: [], planErrors: [{ field: "lines", code: "no_lines" }] });
    const draft = await saveDraft(db, supA, { requestId: randomUUID(), lines: [], today: TODAY });
    expect(draft.plan.status).toBe("draft");
  });

  it("leaves a draft untouched when its submission is refused", async () => {
    const { plan } = await saveDraft(db, supA, { requestId: randomUUID(), lines: [goodLine()], today: TODAY });
    const before = await snapshot();
    await rejection(
      submitPlan(db, supA, {
        planId: plan.id,
        requestId: randomUUID(),
        lockVersion: 1,
        lines: [line(ag.a1, 30, TODAY, TODAY)],
        today: TODAY,
      }),
    );
    expect(await snapshot()).toEqual(before);
    expect((await view(supA, plan.id))?.lines.map((l) => l.qty)).toEqual([100]);
  });
});

describe("idempotency", () => {
  it("a repeated save or submit with the same requestId returns the one plan", async () => {
    const requestId = randomUUID();
    const first = await submitPlan(db, supA, { requestId, lines: [goodLine()], today: TODAY });
    const before = await snapshot();
    const second = await submitPlan(db, supA, { requestId, lines: [goodLine()], today: TODAY });
    expect(second).toEqual({ plan: first.plan, replayed: true });
    expect(await snapshot()).toEqual(before);

    const draftKey = randomUUID();
    const d1 = await saveDraft(db, supA, { requestId: draftKey, lines: [goodLine()], today: TODAY });
    const d2 = await saveDraft(db, supA, { requestId: draftKey, lines: [goodLine()], today: TODAY });
    expect(d2.plan.id).toBe(d1.plan.id);
    expect(d2.replayed).toBe(true);
  });

  it("two concurrent submissions with the same requestId create one plan and use one number", async () => {
    const requestId = randomUUID();
    const before = await snapshot();
    const results = await Promise.all(
      [1, 2, 3].map(() => submitPlan(db, supA, { requestId, lines: [goodLine()], today: TODAY })),
    );
    expect(new Set(results.map((r) => r.plan.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await count("replenishment_plans", sql`request_id = ${requestId}`)).toBe(1);
    const after = await snapshot();
    expect(after.plans).toBe(before.plans + 1);
    expect(after.counter).toBe(before.counter + 1);
    expect(results[0].plan.number).toBe(`RP-2026-${String(after.counter).padStart(5, "0")}`);
  });

  it("a repeated submission of an existing draft is applied once, also concurrently", async () => {
    const { plan } = await saveDraft(db, supA, { requestId: randomUUID(), lines: [goodLine()], today: TODAY });
    const requestId = randomUUID();
    const input = { planId: plan.id, requestId, lockVersion: plan.lockVersion, lines: [goodLine()], today: TODAY };
    const results = await Promise.all([submitPlan(db, supA, input), submitPlan(db, supA, input)]);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results[0].plan).toEqual(results[1].plan);
    expect(await count("plan_events", sql`plan_id = ${plan.id} and action = 'submitted'`)).toBe(1);
    // A new form (new requestId) with the old lock version is a conflict.
    expect(await rejection(submitPlan(db, supA, { ...input, requestId: randomUUID() }))).toMatchObject({
      code: "conflict",
      status: 409,
    });
  });
});

describe("isolation", () => {
  let planOfA: { id: string; lockVersion: number };

  beforeAll(async () => {
    planOfA = await submitNew();
  });

  it("supplier B cannot see, list, withdraw, revise or edit supplier A's plan", async () => {
    expect(await view(supB, planOfA.id)).toBeNull();
    expect(await view(supA, planOfA.id)).not.toBeNull();
    expect(await view(supA, randomUUID())).toBeNull();
    expect(await view(supA, "not-a-uuid")).toBeNull();
    const before = await snapshot();
    for (const attempt of [
      () => withdrawPlan(db, supB, { planId: planOfA.id, lockVersion: planOfA.lockVersion }),
      () => revisePlan(db, supB, { planId: planOfA.id, lockVersion: planOfA.lockVersion }),
      () =>
        saveDraft(db, supB, {
          planId: planOfA.id,
          requestId: randomUUID(),
          lockVersion: planOfA.lockVersion,
          lines: [],
          today: TODAY,
        }),
      () =>
        submitPlan(db, supB, {
          planId: planOfA.id,
          requestId: randomUUID(),
          lockVersion: planOfA.lockVersion,
          lines: [line(ag.b1, 10, TODAY, "2026-03-12")],
          today: TODAY,
        }),
    ]) {
      // Not found, whichever use case refused it: never "forbidden", which would confirm the plan exists.
      const error = await rejection(attempt());
      expect(error).toMatchObject({ status: 404 });
    }
    expect(await snapshot()).toEqual(before);
    const listed = await withTenant(db, supB, (tx) => listPlans(tx, supB, { page: 1, pageSize: 100, supplierId: supplierA }));
    expect(listed.rows.every((r) => r.supplierId === supplierB)).toBe(true);
    expect(listed.rows.map((r) => r.id)).not.toContain(planOfA.id);
  });

  it("a forged agreement id (another supplier's, another tenant's, random) is refused on its line", async () => {
    const before = await snapshot();
    for (const forged of [ag.b1, ag.other, randomUUID()]) {
      const error = await rejection(
        submitPlan(db, supA, {
          requestId: randomUUID(),
          lines: [goodLine(), line(forged, 100, "2026-03-11", "2026-03-13")],
          today: TODAY,
        }),
      );
      expect(planErrorsOf(error).errors).toEqual([{ line: 2, field: "agreementId", code: "unknown_agreement" }]);
      const draft = await rejection(
        saveDraft(db, supA, { requestId: randomUUID(), lines: [line(forged, 100, "2026-03-11", "2026-03-13")], today: TODAY }),
      );
      expect(planErrorsOf(draft).errors).toEqual([{ line: 1, field: "agreementId", code: "unknown_agreement" }]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("the database itself refuses a line for another supplier's agreement", async () => {
    const error = await rejection(
      withTenant(db, supA, (tx) =>
        tx.insert(schema.planLines).values({
          tenantId,
          planId: planOfA.id,
          supplierId: supplierA,
          version: 1,
          lineNo: 99,
          agreementId: ag.b1,
          qty: 1,
          shipDate: TODAY,
          arrivalDate: TODAY,
        }),
      ),
    );
    expect(error).toBeInstanceOf(Error);
  });

  it("a buyer scope cannot create, edit, submit, withdraw or revise a plan as a supplier", async () => {
    const before = await snapshot();
    for (const attempt of [
      () => saveDraft(db, buyer, { requestId: randomUUID(), lines: [goodLine()], today: TODAY }),
      () => submitPlan(db, buyer, { requestId: randomUUID(), lines: [goodLine()], today: TODAY }),
      () =>
        submitPlan(db, buyer, {
          planId: planOfA.id,
          requestId: randomUUID(),
          lockVersion: planOfA.lockVersion,
          lines: [goodLine()],
          today: TODAY,
        }),
      () => withdrawPlan(db, buyer, { planId: planOfA.id, lockVersion: planOfA.lockVersion }),
      () => revisePlan(db, buyer, { planId: planOfA.id, lockVersion: planOfA.lockVersion }),
    ]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "forbidden", status: 403 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("buyers read every supplier's plans; lists filter by supplier, status and date", async () => {
    const b = await submitNew([line(ag.b1, 100, TODAY, "2026-03-12", "Below min already")], supB);
    expect(await view(buyer, b.id)).not.toBeNull();
    const all = await withTenant(db, buyer, (tx) => listPlans(tx, buyer, { page: 1, pageSize: 200 }));
    expect(new Set(all.rows.map((r) => r.supplierId))).toEqual(new Set([supplierA, supplierB]));
    expect(all.total).toBe(await count("replenishment_plans"));
    const onlyB = await withTenant(db, buyer, (tx) => listPlans(tx, buyer, { page: 1, pageSize: 50, supplierId: supplierB }));
    expect(onlyB.rows.map((r) => [r.id, r.status, r.lineCount, r.totalQty, r.supplierName])).toEqual([
      [b.id, "submitted", 1, 100, "Supplier B"],
    ]);
    const drafts = await withTenant(db, supA, (tx) => listPlans(tx, supA, { page: 1, pageSize: 200, status: "draft" }));
    expect(drafts.rows.length).toBeGreaterThan(0);
    expect(drafts.rows.every((r) => r.status === "draft" && r.supplierId === supplierA)).toBe(true);
    const future = await withTenant(db, buyer, (tx) => listPlans(tx, buyer, { page: 1, pageSize: 50, from: "2999-01-01" }));
    expect(future).toEqual({ rows: [], total: 0 });
    const paged = await withTenant(db, buyer, (tx) => listPlans(tx, buyer, { page: 999, pageSize: 2 }));
    expect(paged.rows).toEqual([]);
    expect(paged.total).toBe(all.total);
  });
});
