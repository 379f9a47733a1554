import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import {
  type AlertListFilters,
  alertPeopleNames,
  getAlert,
  listAlertEvents,
  listAlerts,
  listAssignableMembers,
} from "~/models/alerts.server";
import { ResolveSchema, CommentSchema, SnoozeSchema } from "~/services/alerts/action-rules";
import { acknowledgeAlert, assignAlert, commentOnAlert, resolveAlert, snoozeAlert } from "~/services/alerts/actions.server";
import { AppError } from "~/utils/app-error";
import { addDays } from "~/utils/dates";
import { createAlert } from "../support/alert-factories";
import { createAgreement, createLocation, createMemberships, createPlan, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createTwoTenantWorld } from "./support/worlds";

/**
 * Alerts as people see and handle them: the list's filters and its order by urgency, and each
 * action (acknowledge, snooze, assign, resolve, comment) with its event in the history, its
 * refusals, the assignee told in the inbox and by e-mail; a closed alert refuses them all, and a
 * supplier sees and acts on its own supplier's alerts only.
 */
const TODAY = "2026-03-10";

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const otherTenantId = randomUUID();
const supplierA = randomUUID();
const supplierB = randomUUID();
const site1 = randomUUID();
const site2 = randomUUID();
const ag = { a1: randomUUID(), a2: randomUUID(), b1: randomUUID() };
const users = {
  buyer: randomUUID(),
  buyer2: randomUUID(),
  leaver: randomUUID(),
  supA: randomUUID(),
  supA2: randomUUID(),
  supB: randomUUID(),
};

const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer, role: "buyer" };
const supA: TenantScope = { tenantId, supplierId: supplierA, userId: users.supA, role: "supplier" };
const supB: TenantScope = { tenantId, supplierId: supplierB, userId: users.supB, role: "supplier" };
const stranger: TenantScope = { tenantId: otherTenantId, supplierId: null, userId: users.buyer, role: "buyer" };

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
let planId = "";
/** The alerts of the world, by name; see beforeAll. */
const x = {} as Record<"x1" | "x2" | "x3" | "x4" | "x5" | "x6" | "x7", string>;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "alerts.test" });
  await createTwoTenantWorld(db, {
    tenant: { id: tenantId, slugPrefix: "alerts", name: "Alerts test", timezone: "UTC" },
    otherTenant: { id: otherTenantId, slugPrefix: "alerts-other", name: "Other tenant" },
    suppliers: { a: supplierA, b: supplierB },
    site: site1,
  });
  await createLocation(db, { tenantId, id: site2, code: "S2" });
  await createMemberships(db, [
    { tenantId, userId: users.buyer, role: "buyer" },
    { tenantId, userId: users.buyer2, role: "manager" },
    { tenantId, userId: users.leaver, role: "buyer", status: "deactivated" },
    { tenantId, userId: users.supA, role: "supplier", supplierId: supplierA },
    { tenantId, userId: users.supA2, role: "supplier", supplierId: supplierA },
    { tenantId, userId: users.supB, role: "supplier", supplierId: supplierB },
  ]);
  const terms = { minQty: 10, maxQty: 100, leadTimeDays: 5 };
  await createAgreement(db, {
    tenantId,
    supplierId: supplierA,
    locationId: site1,
    id: ag.a1,
    item: { sku: "AL-1", name: "Alpha widget" },
    terms,
    metrics: { asOf: addDays(TODAY, -1), abc: "A", xyz: "X", safetyStock: 20 },
  });
  await createAgreement(db, { tenantId, supplierId: supplierA, locationId: site1, id: ag.a2, item: { sku: "AL-2" }, terms });
  await createAgreement(db, { tenantId, supplierId: supplierB, locationId: site2, id: ag.b1, item: { sku: "BL-1" }, terms });
  planId = (await createPlan(db, { tenantId, supplierId: supplierA, status: "submitted", number: "RP-2026-00077" })).id;

  const a = { tenantId, supplierId: supplierA };
  x.x1 = await createAlert(db, {
    ...a,
    agreementId: ag.a1,
    severity: "critical",
    openedAt: hoursAgo(72),
    value: 3,
    limitValue: 5,
  });
  x.x2 = await createAlert(db, {
    ...a,
    agreementId: ag.a2,
    severity: "warning",
    isTodo: true,
    dueDate: addDays(TODAY, 2),
    assigneeUserId: users.buyer,
    openedAt: hoursAgo(120),
  });
  x.x3 = await createAlert(db, {
    tenantId,
    supplierId: supplierB,
    agreementId: ag.b1,
    severity: "critical",
    openedAt: hoursAgo(24),
  });
  x.x4 = await createAlert(db, { ...a, agreementId: ag.a1, severity: "info", snoozedUntil: addDays(TODAY, 3), dedupeKey: "x4" });
  x.x5 = await createAlert(db, {
    ...a,
    agreementId: ag.a2,
    severity: "warning",
    status: "closed",
    closedAt: hoursAgo(1),
    closeReason: "cleared",
    dedupeKey: "x5",
  });
  x.x6 = await createAlert(db, {
    ...a,
    condition: "plan_waiting",
    subjectType: "plan",
    subjectId: planId,
    dedupeKey: `plan:${planId}`,
    severity: "warning",
    isTodo: true,
    dueDate: addDays(TODAY, 1),
    openedAt: hoursAgo(2),
    value: 30,
    limitValue: 24,
  });
  x.x7 = await createAlert(db, {
    ...a,
    agreementId: ag.a2,
    condition: "no_consumption",
    severity: "warning",
    openedAt: hoursAgo(240),
    dedupeKey: "x7",
  });
});

afterAll(async () => {
  await handle?.close();
});

const list = (scope: TenantScope, filters: Partial<AlertListFilters> = {}) =>
  withTenant(db, scope, (tx) =>
    listAlerts(tx, scope, { status: "open", today: TODAY, userId: scope.userId, page: 1, pageSize: 50, ...filters }),
  );
const ids = async (scope: TenantScope, filters: Partial<AlertListFilters> = {}) =>
  (await list(scope, filters)).rows.map((r) => Object.entries(x).find(([, id]) => id === r.id)?.[0] ?? r.id);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const eventsOf = (scope: TenantScope, alertId: string) => withTenant(db, scope, (tx) => listAlertEvents(tx, scope, alertId));
const alertOf = (alertId: string) => withTenant(db, buyer, (tx) => getAlert(tx, buyer, alertId));

describe("the list", () => {
  it("lists open alerts most urgent first: critical, then to-dos by due date, then the oldest", async () => {
    expect(await ids(buyer)).toEqual(["x1", "x3", "x6", "x2", "x7"]);
    const { counts, total } = await list(buyer);
    expect(counts).toEqual({ critical: 2, warning: 3, info: 0 });
    expect(total).toBe(5);
  });

  it("joins what each alert is about", async () => {
    const { rows } = await list(buyer);
    const one = rows.find((r) => r.id === x.x1)!;
    expect(one).toMatchObject({ sku: "AL-1", itemName: "Alpha widget", siteCode: "S1", supplierName: "Supplier A" });
    expect(one).toMatchObject({ value: 3, limitValue: 5, leadTimeDays: 5, safetyStock: 20, abc: "A", xyz: "X" });
    expect(rows.find((r) => r.id === x.x6)).toMatchObject({ planNumber: "RP-2026-00077", sku: null });
  });

  it("filters by status, severity, condition, supplier, site, cell and search, and pages", async () => {
    expect(await ids(buyer, { status: "snoozed" })).toEqual(["x4"]);
    expect(await ids(buyer, { status: "closed" })).toEqual(["x5"]);
    expect(await ids(buyer, { status: "todo" })).toEqual(["x6", "x2"]);
    expect(await ids(buyer, { status: "mine" })).toEqual(["x2"]);
    expect(await ids(buyer, { status: "all" })).toHaveLength(7);
    expect(await ids(buyer, { severity: "critical" })).toEqual(["x1", "x3"]);
    expect((await list(buyer, { severity: "critical" })).counts).toEqual({ critical: 2, warning: 3, info: 0 });
    expect(await ids(buyer, { condition: "no_consumption" })).toEqual(["x7"]);
    expect(await ids(buyer, { supplierId: supplierB })).toEqual(["x3"]);
    expect(await ids(buyer, { siteId: site2 })).toEqual(["x3"]);
    expect(await ids(buyer, { cell: "AX" })).toEqual(["x1"]);
    expect(await ids(buyer, { cell: "A" })).toEqual(["x1"]);
    expect(await ids(buyer, { search: "alpha" })).toEqual(["x1"]);
    expect(await ids(buyer, { search: "00077" })).toEqual(["x6"]);
    expect(await ids(buyer, { search: "%" })).toEqual([]);
    const second = await list(buyer, { page: 2, pageSize: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([x.x6, x.x2]);
    expect(second.total).toBe(5);
  });

  it("shows a supplier its own supplier's alerts only, whatever supplier it asks for", async () => {
    expect(await ids(supA)).toEqual(["x1", "x6", "x2", "x7"]);
    expect(await ids(supA, { supplierId: supplierB })).toEqual(["x1", "x6", "x2", "x7"]);
    expect(await ids(supB, { status: "all" })).toEqual(["x3"]);
    expect(await ids(stranger, { status: "all" })).toEqual([]);
    expect(await withTenant(db, supB, (tx) => getAlert(tx, supB, x.x1))).toBeNull();
    expect(await eventsOf(supB, x.x1)).toEqual([]);
    expect(await withTenant(db, stranger, (tx) => getAlert(tx, stranger, x.x1))).toBeNull();
  });
});

describe("acting on an alert", () => {
  it("acknowledges once, with its event by the actor", async () => {
    await acknowledgeAlert(db, buyer, { alertId: x.x1 });
    expect(await alertOf(x.x1)).toMatchObject({ status: "acknowledged" });
    expect((await alertOf(x.x1))?.acknowledgedAt).not.toBeNull();
    const events = await eventsOf(buyer, x.x1);
    expect(events.map((e) => [e.kind, e.actorUserId])).toEqual([
      ["opened", null],
      ["acknowledged", users.buyer],
    ]);
    expect(await ids(buyer, { status: "acknowledged" })).toEqual(["x1"]);
    const again = await rejection(acknowledgeAlert(db, buyer, { alertId: x.x1 }));
    expect(again).toMatchObject({ code: "conflict", reason: "acknowledged" });
    expect(await eventsOf(buyer, x.x1)).toHaveLength(2);
  });

  it("snoozes to a day after today and at most a year ahead; the open list leaves it out until then", async () => {
    for (const until of [TODAY, addDays(TODAY, -3), addDays(TODAY, 366)]) {
      const refused = await rejection(snoozeAlert(db, buyer, { alertId: x.x7, until, today: TODAY }));
      expect(refused.code).toBe("invalid");
      expect(Object.keys(refused.fieldErrors)).toEqual(["until"]);
    }
    await snoozeAlert(db, supA, { alertId: x.x7, until: addDays(TODAY, 365), today: TODAY });
    expect((await alertOf(x.x7))?.snoozedUntil).toBe(addDays(TODAY, 365));
    expect(await ids(buyer)).not.toContain("x7");
    expect(await ids(buyer, { status: "snoozed" })).toEqual(["x7", "x4"]);
    // On the day itself it is open again.
    expect(await ids(buyer, { today: addDays(TODAY, 365) })).toContain("x7");
    const events = await eventsOf(buyer, x.x7);
    expect(events.at(-1)).toMatchObject({ kind: "snoozed", actorUserId: users.supA, detail: { until: addDays(TODAY, 365) } });
    expect(SnoozeSchema.safeParse({ intent: "snooze", until: "2026-02-31" }).success).toBe(false);
  });

  it("assigns to a person who may see it, with a due date, as a to-do; the assignee is told in the inbox and by e-mail", async () => {
    const dueDate = addDays(TODAY, 4);
    // The buyer's side assigns to its own people and the alert's supplier's, not another supplier's, nor a leaver.
    const assignable = await withTenant(db, buyer, (tx) => listAssignableMembers(tx, x.x3));
    expect(assignable.map((m) => m.userId).sort()).toEqual([users.buyer, users.buyer2, users.supB].sort());
    for (const assignee of [users.supA, users.leaver, randomUUID()]) {
      const refused = await rejection(assignAlert(db, buyer, { alertId: x.x3, assignee, dueDate, today: TODAY }));
      expect(refused.code).toBe("invalid");
      expect(Object.keys(refused.fieldErrors)).toEqual(["assignee"]);
    }
    const early = await rejection(
      assignAlert(db, buyer, { alertId: x.x3, assignee: users.buyer2, dueDate: addDays(TODAY, -1), today: TODAY }),
    );
    expect(Object.keys(early.fieldErrors)).toEqual(["dueDate"]);

    const done = await assignAlert(db, buyer, { alertId: x.x3, assignee: users.buyer2, dueDate, today: TODAY });
    expect(done.told).toBe(1);
    expect(await alertOf(x.x3)).toMatchObject({ assigneeUserId: users.buyer2, dueDate, isTodo: true });
    const events = await eventsOf(buyer, x.x3);
    expect(events.at(-1)).toMatchObject({
      id: done.eventId,
      kind: "assigned",
      actorUserId: users.buyer,
      detail: { assigneeUserId: users.buyer2, dueDate },
    });
    const inbox = rowsOf<{ user_id: string; kind: string; link: string; payload: Record<string, unknown> }>(
      await db.execute(sql`select user_id, kind, link, payload from notifications where event_id = ${done.eventId}::uuid`),
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ user_id: users.buyer2, kind: "alert.assigned", link: `alerts/${x.x3}` });
    expect(inbox[0].payload).toMatchObject({
      sku: "BL-1",
      siteCode: "S2",
      supplierName: "Supplier B",
      dueDate,
      condition: "projected_stockout",
    });
    const mail = rowsOf<{ user_id: string; kind: string }>(
      await db.execute(sql`select user_id, kind from email_outbox where event_id = ${done.eventId}::uuid`),
    );
    expect(mail).toEqual([{ user_id: users.buyer2, kind: "alert.assigned" }]);
    expect(await ids(buyer, { status: "todo" })).toContain("x3");

    // The names of the people it concerns, for whoever sees it.
    const names = await withTenant(db, buyer, (tx) => alertPeopleNames(tx, [x.x3]));
    expect(Object.fromEntries(names)).toEqual({ [users.buyer]: "buyer", [users.buyer2]: "buyer2" });
    expect((await withTenant(db, supA, (tx) => alertPeopleNames(tx, [x.x3]))).size).toBe(0);
  });

  it("lets a supplier assign within its own supplier only", async () => {
    const assignable = await withTenant(db, supA, (tx) => listAssignableMembers(tx, x.x2));
    expect(assignable.map((m) => m.userId).sort()).toEqual([users.supA, users.supA2].sort());
    const refused = await rejection(
      assignAlert(db, supA, { alertId: x.x2, assignee: users.buyer2, dueDate: TODAY, today: TODAY }),
    );
    expect(Object.keys(refused.fieldErrors)).toEqual(["assignee"]);
    const done = await assignAlert(db, supA, { alertId: x.x2, assignee: users.supA2, dueDate: TODAY, today: TODAY });
    expect(done.told).toBe(1);
    // Assigning to oneself tells nobody.
    const self = await assignAlert(db, supA, { alertId: x.x2, assignee: users.supA, dueDate: TODAY, today: TODAY });
    expect(self.told).toBe(0);
  });

  it("comments, and resolves with a comment, which closes the alert", async () => {
    expect(ResolveSchema.safeParse({ intent: "resolve", resolution: "   " }).success).toBe(false);
    expect(ResolveSchema.safeParse({ intent: "resolve" }).success).toBe(false);
    expect(ResolveSchema.safeParse({ intent: "resolve", resolution: "x".repeat(1001) }).success).toBe(false);
    expect(CommentSchema.safeParse({ intent: "comment", comment: "a\u0001b" }).success).toBe(false);
    expect(CommentSchema.safeParse({ intent: "comment", comment: "" }).success).toBe(false);
    expect(ResolveSchema.parse({ intent: "resolve", resolution: "  Counted\r\nagain  " }).resolution).toBe("Counted\nagain");

    await commentOnAlert(db, supA, { alertId: x.x6, comment: "Waiting for the buyer" });
    await resolveAlert(db, buyer, { alertId: x.x6, comment: "Plan approved by phone" });
    expect(await alertOf(x.x6)).toMatchObject({
      status: "closed",
      closeReason: "resolved",
      resolution: "Plan approved by phone",
    });
    expect((await alertOf(x.x6))?.closedAt).not.toBeNull();
    const events = await eventsOf(supA, x.x6);
    expect(events.map((e) => [e.kind, e.actorUserId, e.detail.comment ?? null])).toEqual([
      ["opened", null, null],
      ["commented", users.supA, "Waiting for the buyer"],
      ["resolved", users.buyer, "Plan approved by phone"],
    ]);
    expect(await ids(buyer, { status: "closed" })).toEqual(["x6", "x5"]);
  });

  it("refuses every action on a closed alert with a conflict, writing nothing", async () => {
    const before = await eventsOf(buyer, x.x5);
    // One at a time: each is refused before the next is tried.
    const attempts = [
      () => acknowledgeAlert(db, buyer, { alertId: x.x5 }),
      () => snoozeAlert(db, buyer, { alertId: x.x5, until: addDays(TODAY, 1), today: TODAY }),
      () => assignAlert(db, buyer, { alertId: x.x5, assignee: users.buyer2, dueDate: TODAY, today: TODAY }),
      () => resolveAlert(db, buyer, { alertId: x.x5, comment: "Again" }),
      () => commentOnAlert(db, supA, { alertId: x.x5, comment: "Late note" }),
    ];
    for (const attempt of attempts) expect(await rejection(attempt())).toMatchObject({ code: "conflict", reason: "closed" });
    expect(await eventsOf(buyer, x.x5)).toEqual(before);
    expect(await alertOf(x.x5)).toMatchObject({ status: "closed", closeReason: "cleared", resolution: null });
  });

  it("finds no alert of another supplier or another tenant to act on, and changes nothing", async () => {
    const before = await alertOf(x.x1);
    const eventsBefore = await eventsOf(buyer, x.x1);
    for (const scope of [supB, stranger]) {
      const attempts = [
        () => acknowledgeAlert(db, scope, { alertId: x.x1 }),
        () => snoozeAlert(db, scope, { alertId: x.x1, until: addDays(TODAY, 1), today: TODAY }),
        () => assignAlert(db, scope, { alertId: x.x1, assignee: users.supB, dueDate: TODAY, today: TODAY }),
        () => resolveAlert(db, scope, { alertId: x.x1, comment: "Not mine" }),
        () => commentOnAlert(db, scope, { alertId: x.x1, comment: "Not mine" }),
      ];
      for (const attempt of attempts) expect((await rejection(attempt())).code).toBe("not_found");
    }
    expect(await alertOf(x.x1)).toEqual(before);
    expect(await eventsOf(buyer, x.x1)).toEqual(eventsBefore);
    expect((await rejection(acknowledgeAlert(db, buyer, { alertId: randomUUID() }))).code).toBe("not_found");
  });
});
