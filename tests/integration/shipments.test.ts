import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { getNotice, listNotices } from "~/models/shipment-notices.server";
import { recordReceipt, recordShipment, type AsnInput } from "~/services/shipments/index.server";
import { AppError } from "~/utils/app-error";
import { createAgreement, createPlan, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createTwoTenantWorld } from "./support/worlds";

/**
 * The ASN and receipt services against the database (PGlite, or PostgreSQL under npm run
 * test:pg): what they write, what they refuse and that a refusal writes nothing.
 */
const TODAY = "2026-03-10";

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const otherTenantId = randomUUID();
const supplierA = randomUUID();
const supplierB = randomUUID();
const site = randomUUID();
const ag = { a1: randomUUID(), a2: randomUUID(), b1: randomUUID(), other: randomUUID() };
const users = { a: randomUUID(), b: randomUUID(), buyer: randomUUID(), manager: randomUUID(), otherBuyer: randomUUID() };

const supA: TenantScope = { tenantId, supplierId: supplierA, userId: users.a };
const supB: TenantScope = { tenantId, supplierId: supplierB, userId: users.b };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };
const manager: TenantScope = { tenantId, supplierId: null, userId: users.manager };
const otherBuyer: TenantScope = { tenantId: otherTenantId, supplierId: null, userId: users.otherBuyer };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "shipments.test", passwordHash: "x" });
  await createTwoTenantWorld(db, {
    tenant: { id: tenantId, slugPrefix: "ship", name: "Shipments test", timezone: "UTC" },
    otherTenant: { id: otherTenantId, slugPrefix: "ship-other", name: "Other tenant" },
    suppliers: { a: supplierA, b: supplierB },
    site,
  });
  const agreements: [string, string, string, string][] = [
    [tenantId, supplierA, ag.a1, "A-1"],
    [tenantId, supplierA, ag.a2, "A-2"],
    [tenantId, supplierB, ag.b1, "B-1"],
    [otherTenantId, supplierA, ag.other, "X-1"],
  ];
  for (const [tenant, supplierId, id, sku] of agreements) {
    await createAgreement(db, {
      tenantId: tenant,
      supplierId,
      locationId: site,
      id,
      item: { sku, unitCost: 2 },
      terms: { minQty: 10, maxQty: 500, leadTimeDays: 2 },
    });
  }
});

afterAll(async () => {
  await handle?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

type LineSpec = {
  agreementId?: string;
  qty?: number;
  status?: "pending" | "accepted" | "rejected" | "shipped" | "received";
  approvedQty?: number | null;
  arrivalDate?: string;
  approvedArrivalDate?: string | null;
};

let planCount = 0;

/** A plan as the approval workflow leaves it (written as the owner), with its lines' ids by line number. */
async function planWith(lines: LineSpec[], options: { status?: schema.PlanStatus; supplierId?: string; tenant?: string } = {}) {
  const supplierId = options.supplierId ?? supplierA;
  const tenant = options.tenant ?? tenantId;
  return createPlan(db, {
    tenantId: tenant,
    supplierId,
    status: options.status ?? "approved",
    number: `RP-2026-${String(++planCount).padStart(5, "0")}`,
    lines: lines.map((l) => ({
      agreementId: l.agreementId ?? (supplierId === supplierA ? (tenant === tenantId ? ag.a1 : ag.other) : ag.b1),
      qty: l.qty ?? 100,
      shipDate: "2026-03-01",
      arrivalDate: l.arrivalDate ?? "2026-03-12",
      status: l.status ?? "accepted",
      approvedQty: l.approvedQty === undefined ? (l.status === "rejected" ? 0 : (l.qty ?? 100)) : l.approvedQty,
      approvedArrivalDate: l.approvedArrivalDate === undefined ? null : l.approvedArrivalDate,
    })),
  });
}

function asn(planId: string, lines: AsnInput["lines"], extra: Partial<AsnInput> = {}): AsnInput {
  return {
    planId,
    requestId: randomUUID(),
    shipDate: "2026-03-09",
    carrier: "DHL",
    tracking: "JD0001",
    lines,
    today: TODAY,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/**
 * A refusal's problems in the order found: each form field name with its message's code (the key
 * after `shipments.errors.`) and values; a line's values start with the plan's line number.
 */
function problems(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "invalid", status: 400 });
  return Object.entries((error as AppError).fieldErrors).flatMap(([name, messages]) =>
    messages.map((m) => ({ name, code: m.key.replace(/^shipments\.errors\./, ""), ...(m.params ? { params: m.params } : {}) })),
  );
}

async function lineRow(id: string) {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select status, shipped_qty, received_qty, received_on::text as received_on, on_time, fill_rate
      from plan_lines where tenant_id = ${tenantId} and id = ${id}::uuid`),
  );
  const r = rows[0];
  return {
    status: String(r.status),
    shippedQty: Number(r.shipped_qty),
    receivedQty: Number(r.received_qty),
    receivedOn: r.received_on === null ? null : String(r.received_on),
    onTime: r.on_time === null ? null : Boolean(r.on_time),
    fillRate: r.fill_rate === null ? null : Number(r.fill_rate),
  };
}

async function shipmentsOfPlan(planId: string) {
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select sh.id, sh.plan_line_id, sh.qty, sh.ship_date::text as ship_date, sh.expected_arrival::text as expected_arrival,
             sh.carrier, sh.tracking, sh.status, sh.received_qty, sh.received_on::text as received_on
      from shipments sh join plan_lines pl on pl.tenant_id = sh.tenant_id and pl.id = sh.plan_line_id
      where sh.tenant_id = ${tenantId} and pl.plan_id = ${planId}::uuid
      order by pl.line_no, sh.created_at`),
  ).map((r) => ({
    ...r,
    id: String(r.id),
    qty: Number(r.qty),
    received_qty: r.received_qty === null ? null : Number(r.received_qty),
  }));
}

async function auditRows(action: string, entityId: string) {
  return rowsOf<{ actor_user_id: string; supplier_id: string; before: unknown; after: unknown }>(
    await db.execute(sql`
      select actor_user_id, supplier_id, before, after from audit_events
      where tenant_id = ${tenantId} and action = ${action} and entity_id = ${entityId}`),
  ).map((r) => ({
    ...r,
    before: typeof r.before === "string" ? JSON.parse(r.before) : r.before,
    after: typeof r.after === "string" ? JSON.parse(r.after) : r.after,
  }));
}

/** What the services may write, for "nothing written" checks. */
async function snapshot() {
  const n = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: unknown }>(await db.execute(query))[0].n);
  return {
    shipments: await n(sql`select count(*) as n from shipments where tenant_id = ${tenantId}`),
    received: await n(sql`select count(*) as n from shipments where tenant_id = ${tenantId} and status = 'received'`),
    audit: await n(sql`select count(*) as n from audit_events where tenant_id = ${tenantId}`),
    lines: rowsOf<Record<string, unknown>>(
      await db.execute(sql`
        select id, status, shipped_qty, received_qty, received_on::text, on_time, fill_rate
        from plan_lines where tenant_id = ${tenantId} order by id`),
    ).map((r) => JSON.stringify(Object.values(r).map(String))),
  };
}

async function setShipping(shipping: { overShipTolerance?: number; onTimeToleranceDays?: number }) {
  await db
    .update(schema.tenants)
    .set({ settings: { shipping } })
    .where(sql`id = ${tenantId}`);
}

// ---------------------------------------------------------------------------------------------

describe("recording an ASN", () => {
  it("writes a shipment in transit per line, raises each line's shipped quantity, and audits it with the request id", async () => {
    const plan = await planWith([{ qty: 100 }, { qty: 40, agreementId: ag.a2, status: "shipped" }]);
    await db.execute(sql`update plan_lines set shipped_qty = 10 where id = ${plan.lineIds[1]}::uuid`);
    const input = asn(plan.id, [
      { lineId: plan.lineIds[0], qty: "60", expectedArrival: "2026-03-12" },
      { lineId: plan.lineIds[1], qty: 30, expectedArrival: "2026-03-13" },
    ]);
    const result = await recordShipment(db, supA, input);
    expect(result.replayed).toBe(false);
    expect(result.shipments.map((s) => [s.lineNo, s.qty, s.expectedArrival])).toEqual([
      [1, 60, "2026-03-12"],
      [2, 30, "2026-03-13"],
    ]);
    const rows = await shipmentsOfPlan(plan.id);
    expect(rows).toMatchObject([
      {
        plan_line_id: plan.lineIds[0],
        qty: 60,
        ship_date: "2026-03-09",
        expected_arrival: "2026-03-12",
        carrier: "DHL",
        tracking: "JD0001",
        status: "in_transit",
        received_qty: null,
      },
      { plan_line_id: plan.lineIds[1], qty: 30, expected_arrival: "2026-03-13", status: "in_transit" },
    ]);
    expect(rows.map((r) => r.id)).toEqual(result.shipments.map((s) => s.id));
    expect(await lineRow(plan.lineIds[0])).toMatchObject({ status: "shipped", shippedQty: 60, receivedQty: 0 });
    expect(await lineRow(plan.lineIds[1])).toMatchObject({ status: "shipped", shippedQty: 40 });

    const [audit] = await auditRows("shipment.record", plan.id);
    expect(audit).toMatchObject({ actor_user_id: users.a, supplier_id: supplierA });
    expect(audit.before).toEqual({
      lines: [
        { lineId: plan.lineIds[0], lineNo: 1, status: "accepted", shippedQty: 0 },
        { lineId: plan.lineIds[1], lineNo: 2, status: "shipped", shippedQty: 10 },
      ],
    });
    expect(audit.after).toMatchObject({
      requestId: input.requestId,
      shipDate: "2026-03-09",
      carrier: "DHL",
      tracking: "JD0001",
      lines: [
        { lineNo: 1, status: "shipped", shippedQty: 60 },
        { lineNo: 2, status: "shipped", shippedQty: 40 },
      ],
    });
  });

  it("allows exactly the approved quantity plus the tolerance in all, and refuses anything above, saying the maximum", async () => {
    // Approved 100 of 120 planned; the default tolerance is 5 %: 105 in all.
    const plan = await planWith([{ qty: 120, approvedQty: 100 }]);
    const lineId = plan.lineIds[0];
    const over = await rejection(
      recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 105.0001, expectedArrival: "2026-03-12" }])),
    );
    expect(problems(over)).toEqual([
      { name: "lines[0].qty", code: "over_max", params: { line: 1, max: 105, total: 105, approved: 100, shipped: 0 } },
    ]);
    await recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 100, expectedArrival: "2026-03-12" }]));
    const again = await rejection(
      recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 5.0001, expectedArrival: "2026-03-12" }])),
    );
    expect(problems(again)).toEqual([
      { name: "lines[0].qty", code: "over_max", params: { line: 1, max: 5, total: 105, approved: 100, shipped: 100 } },
    ]);
    await recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 5, expectedArrival: "2026-03-12" }]));
    expect(await lineRow(lineId)).toMatchObject({ status: "shipped", shippedQty: 105 });
    const full = await rejection(
      recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 0.0001, expectedArrival: "2026-03-12" }])),
    );
    expect(problems(full)[0]).toMatchObject({ code: "over_max", params: { max: 0 } });
  });

  it("follows the tenant's tolerance setting", async () => {
    await setShipping({ overShipTolerance: 0 });
    try {
      const plan = await planWith([{ qty: 7 }]);
      const lineId = plan.lineIds[0];
      const over = await rejection(recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 7.5, expectedArrival: "2026-03-12" }])));
      expect(problems(over)[0]).toMatchObject({
        name: "lines[0].qty",
        code: "over_max",
        params: { max: 7 },
      });
      await recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 7, expectedArrival: "2026-03-12" }]));
    } finally {
      await setShipping({});
    }
  });

  it("refuses with every error at once, each naming its line and field, and writes nothing", async () => {
    const plan = await planWith([{}, {}, {}, { status: "rejected" }, { status: "pending", approvedQty: null }]);
    const before = await snapshot();
    const error = await rejection(
      recordShipment(
        db,
        supA,
        asn(
          plan.id,
          [
            { lineId: plan.lineIds[0], qty: 10, expectedArrival: "2026-03-12" },
            { lineId: plan.lineIds[1], qty: 0, expectedArrival: "2026-03-12" },
            { lineId: plan.lineIds[2], qty: "ten", expectedArrival: "2026-03-01" },
            { lineId: plan.lineIds[3], qty: 5, expectedArrival: "2026-03-12" },
            { lineId: plan.lineIds[4], qty: 5, expectedArrival: "2026-03-12" },
            { lineId: plan.lineIds[0], qty: 1, expectedArrival: "2026-03-12" },
            { lineId: randomUUID(), qty: 1, expectedArrival: "2026-03-12" },
          ],
          { shipDate: "2026-03-09", carrier: "x".repeat(101), tracking: "   " },
        ),
      ),
    );
    const found = problems(error);
    expect(found.map((x) => [x.name, x.params?.line, x.code])).toEqual([
      ["carrier", undefined, "too_long"],
      ["lines[1].qty", 2, "not_positive"],
      ["lines[2].qty", 3, "invalid_number"],
      ["lines[2].expectedArrival", 3, "before_ship_date"],
      ["lines[3].lineId", 4, "not_shippable"],
      ["lines[4].lineId", 5, "not_shippable"],
      ["lines[5].lineId", 1, "duplicate_line"],
      ["lines[6].lineId", 7, "unknown_line"],
    ]);
    expect(found[0].params).toEqual({ max: 100 });
    expect(found.find((x) => x.name === "lines[3].lineId")?.params).toEqual({ line: 4, status: "rejected" });
    expect(found.find((x) => x.name === "lines[4].lineId")?.params).toEqual({ line: 5, status: "pending" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a ship date after today, a missing or malformed one, no lines, and a missing arrival", async () => {
    const plan = await planWith([{}]);
    const lineId = plan.lineIds[0];
    const before = await snapshot();
    const future = await rejection(
      recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 1, expectedArrival: "2026-03-12" }], { shipDate: "2026-03-11" })),
    );
    expect(problems(future)).toEqual([{ name: "shipDate", code: "in_future", params: { today: TODAY } }]);
    const bad = await rejection(
      recordShipment(db, supA, asn(plan.id, [{ lineId, qty: 1, expectedArrival: "" }], { shipDate: "2026-02-30" })),
    );
    expect(problems(bad)).toEqual([
      { name: "shipDate", code: "invalid_date" },
      { name: "lines[0].expectedArrival", code: "required", params: { line: 1 } },
    ]);
    const none = await rejection(recordShipment(db, supA, asn(plan.id, [])));
    expect(problems(none)).toEqual([{ name: "lines", code: "no_lines" }]);
    // A line the form lists but the supplier did not tick is not read: with none ticked, none ships.
    const unticked = await rejection(
      recordShipment(db, supA, asn(plan.id, [{ lineId, ship: false, qty: "ten", expectedArrival: "" }])),
    );
    expect(problems(unticked)).toEqual([{ name: "lines", code: "no_lines" }]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a received line, a plan that is not approved (409), and buyer roles (403)", async () => {
    const received = await planWith([{ status: "received" }]);
    const r = await rejection(
      recordShipment(db, supA, asn(received.id, [{ lineId: received.lineIds[0], qty: 1, expectedArrival: "2026-03-12" }])),
    );
    expect(problems(r)).toEqual([{ name: "lines[0].lineId", code: "not_shippable", params: { line: 1, status: "received" } }]);

    for (const status of ["submitted", "in_review", "rejected", "withdrawn", "draft"] as const) {
      const plan = await planWith([{ status: "accepted" }], { status });
      const error = await rejection(
        recordShipment(db, supA, asn(plan.id, [{ lineId: plan.lineIds[0], qty: 1, expectedArrival: "2026-03-12" }])),
      );
      expect(error, status).toBeInstanceOf(AppError);
      expect(error, status).toMatchObject({
        code: "conflict",
        status: 409,
        reason: "state",
        userMessage: { key: "shipments.new.conflict", params: { status } },
      });
    }
    const plan = await planWith([{}]);
    const forbidden = await rejection(
      recordShipment(db, buyer, asn(plan.id, [{ lineId: plan.lineIds[0], qty: 1, expectedArrival: "2026-03-12" }])),
    );
    expect(forbidden).toBeInstanceOf(AppError);
    expect(forbidden).toMatchObject({ code: "forbidden", status: 403 });
  });

  it("answers not found for another supplier's plan, another tenant's, an unknown or a malformed id", async () => {
    const theirs = await planWith([{}], { supplierId: supplierB });
    const elsewhere = await planWith([{}], { tenant: otherTenantId });
    const own = await planWith([{}]);
    const before = await snapshot();
    for (const [planId, lineId] of [
      [theirs.id, theirs.lineIds[0]],
      [elsewhere.id, elsewhere.lineIds[0]],
      [randomUUID(), randomUUID()],
      ["not-a-plan", randomUUID()],
    ]) {
      const error = await rejection(recordShipment(db, supA, asn(planId, [{ lineId, qty: 1, expectedArrival: "2026-03-12" }])));
      expect(error, planId).toBeInstanceOf(AppError);
      expect(error, planId).toMatchObject({ code: "not_found", status: 404 });
    }
    // A line of another plan in an ASN of one's own plan is no line of that plan.
    const mixed = await rejection(
      recordShipment(db, supA, asn(own.id, [{ lineId: theirs.lineIds[0], qty: 1, expectedArrival: "2026-03-12" }])),
    );
    expect(problems(mixed)).toEqual([{ name: "lines[0].lineId", code: "unknown_line", params: { line: 1 } }]);
    expect(await snapshot()).toEqual(before);
  });

  it("records a double submit once, also when both arrive at the same time", async () => {
    const plan = await planWith([{ qty: 50 }]);
    const lineId = plan.lineIds[0];
    const input = asn(plan.id, [{ lineId, qty: 20, expectedArrival: "2026-03-12" }]);
    const first = await recordShipment(db, supA, input);
    const second = await recordShipment(db, supA, { ...input });
    expect(second.replayed).toBe(true);
    expect(second.shipments).toEqual(first.shipments);
    expect(await shipmentsOfPlan(plan.id)).toHaveLength(1);
    expect(await lineRow(lineId)).toMatchObject({ shippedQty: 20 });

    const racing = asn(plan.id, [{ lineId, qty: 30, expectedArrival: "2026-03-12" }]);
    const results = await Promise.all([recordShipment(db, supA, racing), recordShipment(db, supA, { ...racing })]);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await shipmentsOfPlan(plan.id)).toHaveLength(2);
    expect(await lineRow(lineId)).toMatchObject({ shippedQty: 50 });
    expect(await auditRows("shipment.record", plan.id)).toHaveLength(2);
  });
});

describe("recording a receipt", () => {
  async function shipped(lines: LineSpec[], ship: { qty: number; expectedArrival?: string }[], shipDate = "2026-03-09") {
    const plan = await planWith(lines);
    const result = await recordShipment(
      db,
      supA,
      asn(
        plan.id,
        ship.map((s, i) => ({
          lineId: plan.lineIds[Math.min(i, plan.lineIds.length - 1)],
          qty: s.qty,
          expectedArrival: s.expectedArrival ?? "2026-03-12",
        })),
        { shipDate },
      ),
    );
    return { plan, shipments: result.shipments };
  }

  const receive = (
    shipmentId: string,
    receivedQty: unknown,
    receivedOn: unknown,
    scope: TenantScope = buyer,
    role: "buyer" | "manager" | "admin" | "supplier" = "buyer",
  ) => recordReceipt(db, scope, { shipmentId, role, receivedQty, receivedOn, today: TODAY });

  it("receives a shipment: the line is received, on time, with its fill rate, and audited", async () => {
    const { plan, shipments } = await shipped([{ qty: 100, arrivalDate: "2026-03-12" }], [{ qty: 100 }]);
    const result = await receive(shipments[0].id, "95", "2026-03-10");
    expect(result).toEqual({
      shipment: { id: shipments[0].id, status: "received", receivedQty: 95, receivedOn: "2026-03-10" },
      line: { id: plan.lineIds[0], status: "received", receivedQty: 95, receivedOn: "2026-03-10", onTime: true, fillRate: 0.95 },
    });
    expect(await shipmentsOfPlan(plan.id)).toMatchObject([{ status: "received", received_qty: 95, received_on: "2026-03-10" }]);
    expect(await lineRow(plan.lineIds[0])).toEqual({
      status: "received",
      shippedQty: 100,
      receivedQty: 95,
      receivedOn: "2026-03-10",
      onTime: true,
      fillRate: 0.95,
    });
    const [audit] = await auditRows("shipment.receive", shipments[0].id);
    expect(audit).toMatchObject({ actor_user_id: users.buyer, supplier_id: supplierA });
    expect(audit.before).toMatchObject({ status: "in_transit", qty: 100 });
    expect(audit.after).toMatchObject({
      shipment: { status: "received", receivedQty: 95 },
      line: { status: "received", onTime: true },
    });
  });

  it("judges on time against the approved arrival date plus the tenant's tolerance days", async () => {
    // Planned for the 5th, approved for the 8th: received on the 9th is a day late.
    const late = await shipped(
      [{ qty: 10, arrivalDate: "2026-03-05", approvedArrivalDate: "2026-03-08" }],
      [{ qty: 10, expectedArrival: "2026-03-08" }],
      "2026-03-06",
    );
    expect((await receive(late.shipments[0].id, 12, "2026-03-09")).line).toMatchObject({ onTime: false, fillRate: 1.2 });
    expect(await lineRow(late.plan.lineIds[0])).toMatchObject({ onTime: false, fillRate: 1.2 });

    const onTheDay = await shipped(
      [{ qty: 10, arrivalDate: "2026-03-05", approvedArrivalDate: "2026-03-08" }],
      [{ qty: 10, expectedArrival: "2026-03-08" }],
      "2026-03-06",
    );
    expect((await receive(onTheDay.shipments[0].id, 10, "2026-03-08")).line).toMatchObject({ onTime: true, fillRate: 1 });

    await setShipping({ onTimeToleranceDays: 1 });
    try {
      const tolerated = await shipped(
        [{ qty: 10, arrivalDate: "2026-03-08" }],
        [{ qty: 10, expectedArrival: "2026-03-08" }],
        "2026-03-06",
      );
      expect((await receive(tolerated.shipments[0].id, 10, "2026-03-09")).line).toMatchObject({ onTime: true });
      const tooLate = await shipped(
        [{ qty: 10, arrivalDate: "2026-03-08" }],
        [{ qty: 10, expectedArrival: "2026-03-08" }],
        "2026-03-06",
      );
      expect((await receive(tooLate.shipments[0].id, 10, "2026-03-10")).line).toMatchObject({ onTime: false });
    } finally {
      await setShipping({});
    }
  });

  it("keeps a line shipped while another of its shipments is in transit; the last receipt closes it", async () => {
    const plan = await planWith([{ qty: 100, arrivalDate: "2026-03-09" }]);
    const lineId = plan.lineIds[0];
    const one = await recordShipment(
      db,
      supA,
      asn(plan.id, [{ lineId, qty: 60, expectedArrival: "2026-03-09" }], { shipDate: "2026-03-08" }),
    );
    const two = await recordShipment(
      db,
      supA,
      asn(plan.id, [{ lineId, qty: 40, expectedArrival: "2026-03-10" }], { shipDate: "2026-03-09" }),
    );
    const first = await receive(two.shipments[0].id, 40, "2026-03-10");
    expect(first.line).toEqual({
      id: lineId,
      status: "shipped",
      receivedQty: 40,
      receivedOn: null,
      onTime: null,
      fillRate: null,
    });
    expect(await lineRow(lineId)).toMatchObject({ status: "shipped", receivedQty: 40, receivedOn: null, onTime: null });
    // Received on the 9th, but the other shipment came on the 10th: the line was received on the 10th, late.
    const last = await receive(one.shipments[0].id, 59, "2026-03-09");
    expect(last.line).toEqual({
      id: lineId,
      status: "received",
      receivedQty: 99,
      receivedOn: "2026-03-10",
      onTime: false,
      fillRate: 0.99,
    });
  });

  it("keeps a line shipped short open when the buyer expects the rest; the rest can still ship and completes it", async () => {
    const plan = await planWith([{ qty: 100, arrivalDate: "2026-03-09" }]);
    const lineId = plan.lineIds[0];
    const first = await recordShipment(
      db,
      supA,
      asn(plan.id, [{ lineId, qty: 60, expectedArrival: "2026-03-09" }], { shipDate: "2026-03-08" }),
    );
    const kept = await recordReceipt(db, buyer, {
      shipmentId: first.shipments[0].id,
      role: "buyer",
      receivedQty: 60,
      receivedOn: "2026-03-09",
      today: TODAY,
      closeLine: false,
    });
    expect(kept.line).toEqual({ id: lineId, status: "shipped", receivedQty: 60, receivedOn: null, onTime: null, fillRate: null });
    const rest = await recordShipment(
      db,
      supA,
      asn(plan.id, [{ lineId, qty: 40, expectedArrival: "2026-03-10" }], { shipDate: "2026-03-09" }),
    );
    const last = await receive(rest.shipments[0].id, 40, "2026-03-10");
    expect(last.line).toEqual({
      id: lineId,
      status: "received",
      receivedQty: 100,
      receivedOn: "2026-03-10",
      onTime: false,
      fillRate: 1,
    });
  });

  it("answers a second receipt of the same shipment with a conflict, writing nothing", async () => {
    const { plan, shipments } = await shipped([{ qty: 10 }], [{ qty: 10 }]);
    await receive(shipments[0].id, 10, "2026-03-10");
    const before = await snapshot();
    const again = await rejection(receive(shipments[0].id, 3, "2026-03-10"));
    expect(again).toBeInstanceOf(AppError);
    expect(again).toMatchObject({
      code: "conflict",
      status: 409,
      reason: "received",
      userMessage: { key: "shipments.detail.conflict" },
    });
    expect(await snapshot()).toEqual(before);
    expect(await lineRow(plan.lineIds[0])).toMatchObject({ receivedQty: 10 });
  });

  it("takes one of two receipts of the same shipment at once; the other is a conflict", async () => {
    const { plan, shipments } = await shipped([{ qty: 10 }], [{ qty: 10 }]);
    const outcomes = await Promise.allSettled([
      receive(shipments[0].id, 10, "2026-03-10"),
      receive(shipments[0].id, 9, "2026-03-10"),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect(refused.reason).toMatchObject({ code: "conflict", reason: "received" });
    const kept = outcomes.find(
      (o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof receive>>> => o.status === "fulfilled",
    )!;
    expect(await lineRow(plan.lineIds[0])).toMatchObject({ status: "received", receivedQty: kept.value.shipment.receivedQty });
    expect(await auditRows("shipment.receive", shipments[0].id)).toHaveLength(1);
  });

  it("refuses a negative or malformed quantity and a day before shipping or after today, naming the field, writing nothing", async () => {
    const { shipments } = await shipped([{ qty: 10 }], [{ qty: 10 }]);
    const id = shipments[0].id;
    const before = await snapshot();
    const cases: [unknown, unknown, { name: string; code: string }[]][] = [
      [-1, "2026-03-10", [{ name: "receivedQty", code: "negative" }]],
      ["", "2026-03-10", [{ name: "receivedQty", code: "required" }]],
      [1.00001, "2026-03-10", [{ name: "receivedQty", code: "too_precise" }]],
      [5, "2026-03-08", [{ name: "receivedOn", code: "before_ship_date" }]],
      [5, "2026-03-11", [{ name: "receivedOn", code: "in_future" }]],
      [
        "x",
        "yesterday",
        [
          { name: "receivedQty", code: "invalid_number" },
          { name: "receivedOn", code: "invalid_date" },
        ],
      ],
    ];
    for (const [qty, on, expected] of cases) {
      const error = await rejection(receive(id, qty, on));
      expect(problems(error), `${qty} ${on}`).toMatchObject(expected);
    }
    expect(await snapshot()).toEqual(before);
    // A zero receipt (nothing arrived) is a receipt: the fill rate says so.
    expect((await receive(id, 0, "2026-03-09")).line).toMatchObject({ status: "received", fillRate: 0 });
  });

  it("is the buyer's alone: suppliers, managers and admins are refused; another tenant's buyer finds nothing", async () => {
    const { shipments } = await shipped([{ qty: 10 }], [{ qty: 10 }]);
    const id = shipments[0].id;
    const before = await snapshot();
    for (const [scope, role] of [
      [supA, "supplier"],
      [manager, "manager"],
      [manager, "admin"],
      [buyer, "supplier"],
    ] as const) {
      const error = await rejection(receive(id, 10, "2026-03-10", scope, role));
      expect(error, role).toMatchObject({ code: "forbidden", status: 403 });
    }
    for (const refused of [
      await rejection(receive(id, 10, "2026-03-10", otherBuyer)),
      await rejection(receive(randomUUID(), 10, "2026-03-10")),
      await rejection(receive("nope", 10, "2026-03-10")),
    ]) {
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "not_found", status: 404 });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("the shipment list and page", () => {
  it("shows a supplier its own notices only, buyers all of them; filters by status, overdue and supplier", async () => {
    const theirs = await planWith([{ qty: 10 }], { supplierId: supplierB });
    const theirShipment = await recordShipment(
      db,
      supB,
      asn(theirs.id, [{ lineId: theirs.lineIds[0], qty: 10, expectedArrival: "2026-03-09" }], { shipDate: "2026-03-09" }),
    );
    const list = (scope: TenantScope, filters: Partial<Parameters<typeof listNotices>[2]> = {}) =>
      withTenant(db, scope, (tx) => listNotices(tx, scope, { today: TODAY, page: 1, pageSize: 200, ...filters }));

    const own = await list(supA);
    expect(own.total).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.supplierId === supplierA)).toBe(true);
    const forged = await list(supA, { supplierId: supplierB });
    expect(forged.rows.every((r) => r.supplierId === supplierA)).toBe(true);
    const all = await list(buyer);
    expect(all.total).toBe(own.total + 1);
    expect((await list(buyer, { supplierId: supplierB })).rows.map((r) => r.asnNumber)).toEqual([theirShipment.asnNumber]);

    // Newest ship date first.
    const days = all.rows.map((r) => r.shipDate);
    expect([...days].sort().reverse()).toEqual(days);
    expect((await list(buyer, { status: "received" })).rows.every((r) => r.status === "received")).toBe(true);
    const overdue = await list(buyer, { overdue: true });
    expect(overdue.rows.map((r) => r.firstShipmentId)).toContain(theirShipment.shipments[0].id);
    expect(overdue.rows.every((r) => r.status !== "received" && r.firstArrival < TODAY && r.overdue)).toBe(true);

    const page = await list(buyer, { page: 2, pageSize: 2 });
    expect(page.rows.map((r) => r.firstShipmentId)).toEqual(all.rows.slice(2, 4).map((r) => r.firstShipmentId));

    const detail = (scope: TenantScope) =>
      withTenant(db, scope, (tx) => getNotice(tx, scope, theirShipment.shipments[0].id, TODAY));
    expect(await detail(supA)).toBeNull();
    expect(await detail(otherBuyer)).toBeNull();
    const notice = await detail(supB);
    expect(notice?.summary).toMatchObject({ asnNumber: theirShipment.asnNumber, planId: theirs.id, lines: 1, overdue: true });
    expect(notice?.lines).toMatchObject([
      { sku: "B-1", qty: 10, planId: theirs.id, lineNo: 1, status: "in_transit", overdue: true, approvedQty: 10 },
    ]);
  });
});
