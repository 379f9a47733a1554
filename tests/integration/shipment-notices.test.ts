import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import { getNotice, listNotices } from "~/models/shipment-notices.server";
import { recordShipment } from "~/services/shipments/index.server";
import { cancelNotice, correctNotice } from "~/services/shipments/correct-notice.server";
import { notifyOverdueNotices } from "~/services/shipments/overdue.server";
import { receiveNotice } from "~/services/shipments/receive-notice.server";
import { receiveNoticeShipment } from "~/services/shipments/record-receipt.server";
import { evaluateAlerts } from "~/services/alerts/evaluate.server";
import { AppError } from "~/utils/app-error";
import { createAlertRule } from "../support/alert-factories";
import { createAgreement, createMemberships, createPlan, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createTwoTenantWorld } from "./support/worlds";

/**
 * Shipping notices as one shipment with its lines: the list groups a notice's lines, the buyer
 * receives them all in one transaction, the supplier corrects or cancels a notice none of which
 * is received, and who is told of each (and of an overdue notice, once).
 */
const TODAY = "2026-03-10";

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const otherTenantId = randomUUID();
const supplierA = randomUUID();
const supplierB = randomUUID();
const site = randomUUID();
const ag = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID(), b1: randomUUID() };
const users = { a: randomUUID(), b: randomUUID(), buyer: randomUUID(), buyer2: randomUUID(), a2: randomUUID() };

const supA: TenantScope = { tenantId, supplierId: supplierA, userId: users.a };
const supB: TenantScope = { tenantId, supplierId: supplierB, userId: users.b };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "notices.test", passwordHash: "x" });
  await createTwoTenantWorld(db, {
    tenant: { id: tenantId, slugPrefix: "notice", name: "Notices test", timezone: "UTC" },
    otherTenant: { id: otherTenantId, slugPrefix: "notice-other", name: "Other tenant" },
    suppliers: { a: supplierA, b: supplierB },
    site,
  });
  await createMemberships(db, [
    { tenantId, userId: users.a, role: "supplier", supplierId: supplierA },
    { tenantId, userId: users.a2, role: "supplier", supplierId: supplierA },
    { tenantId, userId: users.b, role: "supplier", supplierId: supplierB },
    { tenantId, userId: users.buyer, role: "buyer" },
    { tenantId, userId: users.buyer2, role: "buyer" },
  ]);
  const agreements: [string, string, string][] = [
    [supplierA, ag.a1, "N-1"],
    [supplierA, ag.a2, "N-2"],
    [supplierA, ag.a3, "N-3"],
    [supplierB, ag.b1, "NB-1"],
  ];
  for (const [supplierId, id, sku] of agreements) {
    await createAgreement(db, {
      tenantId,
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

let planCount = 0;

/** An approved plan of supplier A with a line per agreement (100 each), shipped in one notice. */
async function shippedNotice(options: { qty?: number[]; arrival?: string; supplier?: "a" | "b" } = {}) {
  const b = options.supplier === "b";
  const agreementIds = b ? [ag.b1] : [ag.a1, ag.a2, ag.a3];
  const plan = await createPlan(db, {
    tenantId,
    supplierId: b ? supplierB : supplierA,
    status: "approved",
    number: `RP-2026-${String(++planCount).padStart(5, "0")}`,
    lines: agreementIds.map((agreementId) => ({
      agreementId,
      qty: 100,
      shipDate: "2026-03-01",
      arrivalDate: "2026-03-12",
      status: "accepted" as const,
      approvedQty: 100,
    })),
  });
  const qty = options.qty ?? agreementIds.map(() => 100);
  const asn = await recordShipment(db, b ? supB : supA, {
    planId: plan.id,
    requestId: randomUUID(),
    shipDate: "2026-03-09",
    carrier: "DHL",
    tracking: "JD0001",
    today: TODAY,
    lines: plan.lineIds.map((lineId, i) => ({ lineId, qty: String(qty[i]), expectedArrival: options.arrival ?? "2026-03-12" })),
  });
  return { plan, asn, ids: asn.shipments.map((s) => s.id) };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a rejection");
}

async function lines(planId: string) {
  return rowsOf<{ status: string; shipped_qty: string; received_qty: string }>(
    await db.execute(
      sql`select status, shipped_qty, received_qty from plan_lines where tenant_id = ${tenantId} and plan_id = ${planId}::uuid order by line_no`,
    ),
  ).map((r) => ({ status: r.status, shipped: Number(r.shipped_qty), received: Number(r.received_qty) }));
}

async function statuses(ids: readonly string[]) {
  const rows = rowsOf<{ id: string; status: string }>(
    await db.execute(
      sql`select id, status from shipments where tenant_id = ${tenantId} and id = any(${`{${ids.join(",")}}`}::uuid[])`,
    ),
  );
  return ids.map((id) => rows.find((r) => r.id === id)?.status);
}

/** Who got an inbox row of this kind about this notice. */
async function told(kind: string, asnNumber: string) {
  return rowsOf<{ user_id: string }>(
    await db.execute(sql`
      select user_id from notifications
      where tenant_id = ${tenantId} and kind = ${kind} and payload ->> 'asnNumber' = ${asnNumber}
      order by user_id`),
  )
    .map((r) => r.user_id)
    .sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

describe("one notice, one shipment", () => {
  it("lists a 3-line notice as one row with its lines, quantities and status; the page shows every line", async () => {
    const { asn, ids } = await shippedNotice({ qty: [100, 50, 25] });
    const list = await withTenant(db, buyer, (tx) => listNotices(tx, buyer, { today: TODAY, page: 1, pageSize: 200 }));
    const rows = list.rows.filter((r) => r.asnNumber === asn.asnNumber);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lines: 3, qty: 175, receivedQty: null, status: "in_transit", overdue: false, uom: "EA" });
    expect(ids).toContain(rows[0].firstShipmentId);

    // Any line's address opens the whole notice.
    const page = await withTenant(db, buyer, (tx) => getNotice(tx, buyer, ids[2], TODAY));
    expect(page?.summary.asnNumber).toBe(asn.asnNumber);
    expect(page?.lines.map((l) => l.qty)).toEqual([100, 50, 25]);
    // Another supplier sees neither the notice nor its lines.
    expect(await withTenant(db, supB, (tx) => getNotice(tx, supB, ids[0], TODAY))).toBeNull();
    const theirs = await withTenant(db, supB, (tx) => listNotices(tx, supB, { today: TODAY, page: 1, pageSize: 200 }));
    expect(theirs.rows.some((r) => r.asnNumber === asn.asnNumber)).toBe(false);
  });

  it("tells the company's buyers when a notice is recorded, not the supplier", async () => {
    const { asn } = await shippedNotice();
    expect(await told("shipment.recorded", asn.asnNumber)).toEqual(sorted(users.buyer, users.buyer2));
  });
});

describe("receiving a notice", () => {
  it("receives every line in one submission, partly where the buyer says, and tells the supplier's people once", async () => {
    const { plan, asn, ids } = await shippedNotice({ qty: [100, 60, 100] });
    const result = await receiveNotice(db, buyer, {
      shipmentId: ids[1],
      role: "buyer",
      today: TODAY,
      lines: [
        { shipmentId: ids[0], receivedQty: "100", receivedOn: TODAY },
        { shipmentId: ids[1], receivedQty: "60", receivedOn: TODAY, closeLine: false },
        { shipmentId: ids[2], receivedQty: "98", receivedOn: "2026-03-09" },
      ],
    });
    expect(result.received).toHaveLength(3);
    expect(await statuses(ids)).toEqual(["received", "received", "received"]);
    // Line 2 was shipped short and the buyer expects the rest: it stays open.
    expect(await lines(plan.id)).toEqual([
      { status: "received", shipped: 100, received: 100 },
      { status: "shipped", shipped: 60, received: 60 },
      { status: "received", shipped: 100, received: 98 },
    ]);
    // Two receipt days: two messages, to each of the supplier's people (never the buyer).
    const notified = rowsOf<{ user_id: string; n: string }>(
      await db.execute(sql`select user_id, count(*) as n from notifications
        where tenant_id = ${tenantId} and kind = 'shipment.received' and payload ->> 'asnNumber' = ${asn.asnNumber}
        group by user_id order by user_id`),
    ).map((r) => [r.user_id, Number(r.n)]);
    expect(notified).toEqual(sorted(users.a, users.a2).map((u) => [u, 2]));
    const list = await withTenant(db, buyer, (tx) =>
      listNotices(tx, buyer, { today: TODAY, page: 1, pageSize: 200, status: "received" }),
    );
    expect(list.rows.find((r) => r.asnNumber === asn.asnNumber)).toMatchObject({ receivedQty: 258, status: "received" });
  });

  it("is all or nothing: one bad line refuses the form with every problem and receives nothing", async () => {
    const { plan, ids } = await shippedNotice();
    const error = await rejection(
      receiveNotice(db, buyer, {
        shipmentId: ids[0],
        role: "buyer",
        today: TODAY,
        lines: [
          { shipmentId: ids[0], receivedQty: "100", receivedOn: TODAY },
          { shipmentId: ids[1], receivedQty: "-1", receivedOn: TODAY },
          { shipmentId: ids[2], receivedQty: "5", receivedOn: "2026-03-11" },
        ],
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(Object.keys(error.fieldErrors)).toEqual(["lines[1].receivedQty", "lines[2].receivedOn"]);
    expect(error.fieldErrors["lines[1].receivedQty"][0]).toMatchObject({ key: "shipments.errors.negative", params: { line: 2 } });
    expect(await statuses(ids)).toEqual(["in_transit", "in_transit", "in_transit"]);
    expect((await lines(plan.id)).map((l) => l.received)).toEqual([0, 0, 0]);
  });

  it("receives only the ticked lines; refuses a line of another notice, a supplier, and a notice received meanwhile", async () => {
    const { asn, ids } = await shippedNotice();
    const other = await shippedNotice();
    const foreign = await rejection(
      receiveNotice(db, buyer, {
        shipmentId: ids[0],
        role: "buyer",
        today: TODAY,
        lines: [{ shipmentId: other.ids[0], receivedQty: "1", receivedOn: TODAY }],
      }),
    );
    expect(foreign.fieldErrors["lines[0].shipmentId"][0].key).toBe("shipments.errors.not_in_notice");
    expect((await rejection(receiveNotice(db, supA, { shipmentId: ids[0], role: "supplier", lines: [] }))).code).toBe(
      "forbidden",
    );

    await receiveNotice(db, buyer, {
      shipmentId: ids[0],
      role: "buyer",
      today: TODAY,
      lines: [
        { shipmentId: ids[0], receivedQty: "100", receivedOn: TODAY },
        { shipmentId: ids[1], receive: false, receivedQty: "100", receivedOn: TODAY },
        { shipmentId: ids[2], receive: false, receivedQty: "100", receivedOn: TODAY },
      ],
    });
    expect(await statuses(ids)).toEqual(["received", "in_transit", "in_transit"]);
    const summary = await withTenant(db, buyer, (tx) => getNotice(tx, buyer, ids[0], TODAY));
    expect(summary?.summary).toMatchObject({ status: "partly_received", receivedLines: 1 });
    // The same form again: its first line is no longer in transit.
    const again = await rejection(
      receiveNotice(db, buyer, {
        shipmentId: ids[0],
        role: "buyer",
        today: TODAY,
        lines: [{ shipmentId: ids[0], receivedQty: "100", receivedOn: TODAY }],
      }),
    );
    expect(again).toMatchObject({ code: "conflict", reason: "received" });
    expect(asn.asnNumber).toMatch(/^ASN-2026-\d{5}$/);
  });

  it("the import's receipt of a notice's line still works, and tells the supplier", async () => {
    const { asn, ids } = await shippedNotice({ supplier: "b" });
    await withTenant(db, buyer, (tx) => receiveNoticeShipment(tx, buyer, { shipmentId: ids[0], qty: 100, day: TODAY }, 0));
    expect(await statuses(ids)).toEqual(["received"]);
    expect(await told("shipment.received", asn.asnNumber)).toEqual([users.b]);
  });
});

describe("correcting and cancelling a notice", () => {
  it("corrects quantities, arrivals, carrier and tracking: the plan lines follow, the audit keeps before and after, the buyers are told", async () => {
    const { plan, asn, ids } = await shippedNotice({ qty: [100, 50, 25] });
    const result = await correctNotice(db, supA, {
      shipmentId: ids[1],
      carrier: "SF Express",
      tracking: "SF9",
      lines: [
        { shipmentId: ids[0], qty: "80", expectedArrival: "2026-03-12" },
        { shipmentId: ids[1], qty: "55", expectedArrival: "2026-03-14" },
        { shipmentId: ids[2], qty: "25", expectedArrival: "2026-03-12" },
      ],
    });
    expect(result).toMatchObject({ asnNumber: asn.asnNumber, changed: true });
    expect((await lines(plan.id)).map((l) => l.shipped)).toEqual([80, 55, 25]);
    const page = await withTenant(db, buyer, (tx) => getNotice(tx, buyer, ids[0], TODAY));
    expect(page?.lines.map((l) => [l.qty, l.expectedArrival, l.carrier, l.tracking])).toEqual([
      [80, "2026-03-12", "SF Express", "SF9"],
      [55, "2026-03-14", "SF Express", "SF9"],
      [25, "2026-03-12", "SF Express", "SF9"],
    ]);
    const [audit] = rowsOf<{ before: unknown; after: unknown; actor_user_id: string }>(
      await db.execute(sql`select before, after, actor_user_id from audit_events
        where tenant_id = ${tenantId} and action = 'shipment.correct' and after ->> 'asnNumber' = ${asn.asnNumber}`),
    );
    const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
    expect(audit.actor_user_id).toBe(users.a);
    expect(json(audit.before)).toMatchObject({ carrier: "DHL", lines: [{ qty: 100 }, { qty: 50 }, { qty: 25 }] });
    expect(json(audit.after)).toMatchObject({ carrier: "SF Express", lines: [{ qty: 80 }, { qty: 55 }, { qty: 25 }] });
    expect(await told("shipment.corrected", asn.asnNumber)).toEqual(sorted(users.buyer, users.buyer2));

    // The same values again change nothing and tell nobody.
    const same = await correctNotice(db, supA, { shipmentId: ids[0], carrier: "SF Express", tracking: "SF9", lines: [] });
    expect(same.changed).toBe(false);
  });

  it("refuses a quantity above what the line may ship, naming the line; nothing changes", async () => {
    const { plan, ids } = await shippedNotice({ qty: [100, 50, 25] });
    const error = await rejection(
      correctNotice(db, supA, { shipmentId: ids[0], lines: [{ shipmentId: ids[1], qty: "106", expectedArrival: "2026-03-08" }] }),
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["lines[0].qty", "lines[0].expectedArrival"]);
    expect(error.fieldErrors["lines[0].qty"][0]).toMatchObject({
      key: "shipments.errors.over_max",
      params: { line: 2, max: 105 },
    });
    expect((await lines(plan.id)).map((l) => l.shipped)).toEqual([100, 50, 25]);
  });

  it("cancels a notice: its lines leave transit, the plan lines may ship again, the buyers are told", async () => {
    const { plan, asn, ids } = await shippedNotice();
    expect((await rejection(cancelNotice(db, supB, { shipmentId: ids[0] }))).code).toBe("not_found");
    expect((await rejection(cancelNotice(db, buyer, { shipmentId: ids[0] }))).code).toBe("forbidden");
    await cancelNotice(db, supA, { shipmentId: ids[2] });
    expect(await statuses(ids)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(await lines(plan.id)).toEqual([0, 1, 2].map(() => ({ status: "accepted", shipped: 0, received: 0 })));
    expect(await told("shipment.cancelled", asn.asnNumber)).toEqual(sorted(users.buyer, users.buyer2));
    const list = await withTenant(db, supA, (tx) =>
      listNotices(tx, supA, { today: TODAY, page: 1, pageSize: 200, status: "cancelled" }),
    );
    expect(list.rows.map((r) => r.asnNumber)).toContain(asn.asnNumber);
    // Nothing of a cancelled notice can be received, corrected or cancelled again.
    expect(
      await rejection(
        receiveNotice(db, buyer, {
          shipmentId: ids[0],
          role: "buyer",
          today: TODAY,
          lines: [{ shipmentId: ids[0], receivedQty: "1", receivedOn: TODAY }],
        }),
      ),
    ).toMatchObject({ code: "conflict" });
    expect(await rejection(cancelNotice(db, supA, { shipmentId: ids[0] }))).toMatchObject({
      code: "conflict",
      reason: "cancelled",
    });
  });

  it("refuses to correct or cancel once a line is received", async () => {
    const { plan, ids } = await shippedNotice();
    await receiveNotice(db, buyer, {
      shipmentId: ids[0],
      role: "buyer",
      today: TODAY,
      lines: [{ shipmentId: ids[0], receivedQty: "100", receivedOn: TODAY }],
    });
    expect(await rejection(cancelNotice(db, supA, { shipmentId: ids[1] }))).toMatchObject({
      code: "conflict",
      reason: "received",
    });
    expect(
      await rejection(
        correctNotice(db, supA, { shipmentId: ids[1], lines: [{ shipmentId: ids[1], qty: "1", expectedArrival: TODAY }] }),
      ),
    ).toMatchObject({ code: "conflict", reason: "received" });
    expect(await statuses(ids)).toEqual(["received", "in_transit", "in_transit"]);
    expect((await lines(plan.id)).map((l) => l.shipped)).toEqual([100, 100, 100]);
  });
});

describe("overdue notices", () => {
  it("tells both sides once per notice whose expected arrival passed with a line still in transit", async () => {
    const { asn } = await shippedNotice({ arrival: "2026-03-09", supplier: "b" });
    const before = await notifyOverdueNotices(db, tenantId, "2026-03-09");
    expect(before, "not overdue on its arrival day").toBe(0);
    expect(await notifyOverdueNotices(db, tenantId, TODAY)).toBeGreaterThanOrEqual(1);
    expect(await told("shipment.overdue", asn.asnNumber)).toEqual(sorted(users.buyer, users.buyer2, users.b));
    // Told once: the next check tells nobody of it again.
    await notifyOverdueNotices(db, tenantId, "2026-03-11");
    expect(await told("shipment.overdue", asn.asnNumber)).toHaveLength(3);
    const overdue = await withTenant(db, supB, (tx) =>
      listNotices(tx, supB, { today: TODAY, page: 1, pageSize: 200, overdue: true }),
    );
    expect(overdue.rows.map((r) => r.asnNumber)).toEqual([asn.asnNumber]);
  });
});

// Last in the file: the rule it adds makes every later write of the tenant evaluate alerts.
describe("the alerts follow a notice", () => {
  it("receiving an overdue notice closes its lines' overdue alerts at once, not at the next scheduled evaluation", async () => {
    const ruleId = await createAlertRule(db, { tenantId, condition: { kind: "shipment_overdue", days: 1 } });
    const { ids } = await shippedNotice({ arrival: "2026-03-10" });
    // The writes' evaluations run on today's clock, long after the notice's arrival: overdue.
    await evaluateAlerts(db, tenantId, { trigger: "test" });
    const open = async () =>
      rowsOf<{ subject_id: string }>(
        await db.execute(sql`select subject_id from alerts where rule_id = ${ruleId} and closed_at is null order by subject_id`),
      )
        .map((r) => r.subject_id)
        // Notices of the earlier tests are overdue too; this one's lines are the point.
        .filter((id) => ids.includes(id));
    expect(await open()).toEqual(sorted(...ids));
    await receiveNotice(db, buyer, {
      shipmentId: ids[0],
      role: "buyer",
      today: TODAY,
      lines: ids.map((id) => ({ shipmentId: id, receivedQty: "100", receivedOn: TODAY })),
    });
    expect(await open()).toEqual([]);
  });
});
