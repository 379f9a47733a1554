import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { mulberry32 } from "@db/seed/random";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { agreementStateSql, listInventory } from "~/models/inventory.server";
import { addDays } from "~/utils/dates";
import { createAgreement, createLocation, createSupplier, createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The stored stock positions (agreement_positions) give exactly the figures the inventory list
 * computes from the facts, whatever the facts: snapshots, consumption (also of 0), goods received
 * without a notice, notices' shipments received on, before and after a snapshot's day, and facts
 * dated after the day the position is asked for. Facts are drawn from a fixed seed, changed in
 * every way the writers change them, and after each change the stored state of every agreement is
 * compared with the list's, and its stock-count and dead-stock figures with those worked out here.
 */

const BASE = "2026-05-10";
const DAYS = 16;
const dayOf = (d: number) => addDays(BASE, d);
let handle: DatabaseHandle;
const tenantId = randomUUID();
const supplierId = randomUUID();
const otherSupplierId = randomUUID();
const siteId = randomUUID();
const buyer: TenantScope = { tenantId, supplierId: null, userId: null };

interface Agreement {
  id: string;
  itemId: string;
  supplierId: string;
}
const agreements: Agreement[] = [];

// The demo's seedable generator, so that every run draws the same facts.
const random = mulberry32(20261204);
const pick = (n: number) => Math.floor(random() * n);

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  await createTenant(db, { id: tenantId, slugPrefix: "positions", name: "Positions test", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "P", name: "Supplier P" });
  await createSupplier(db, { tenantId, id: otherSupplierId, code: "Q", name: "Supplier Q" });
  await createLocation(db, { tenantId, id: siteId, code: "P1", name: "Site one" });
  for (let i = 0; i < 14; i++) {
    const owner = i % 4 === 3 ? otherSupplierId : supplierId;
    const created = await createAgreement(db, {
      tenantId,
      supplierId: owner,
      locationId: siteId,
      item: { sku: `POS-${String(i).padStart(2, "0")}`, name: `Item ${i}`, unitCost: 1 },
      terms: { minQty: 10, maxQty: 500, leadTimeDays: 2 },
    });
    agreements.push({ id: created.id, itemId: created.itemId, supplierId: owner });
  }
  // Agreement 0 keeps no facts at all; the others get a random history.
  for (const a of agreements.slice(1)) await drawFacts(a);
});

afterAll(async () => {
  await handle?.close();
});

const key = (a: Agreement) => ({ tenantId, itemId: a.itemId, locationId: siteId, supplierId: a.supplierId });

/** Random facts on days 0…DAYS−1: snapshots, consumption (some of 0), receipts and shipments. */
async function drawFacts(a: Agreement) {
  const db = handle.db;
  for (let d = 0; d < DAYS; d++) {
    const day = dayOf(d);
    if (random() < 0.3) await db.insert(schema.stockSnapshots).values({ ...key(a), day, onHand: 20 + pick(200) });
    if (random() < 0.6) await db.insert(schema.consumption).values({ ...key(a), day, qty: random() < 0.2 ? 0 : 1 + pick(30) });
    if (random() < 0.15) await db.insert(schema.receipts).values({ ...key(a), day, qty: 1 + pick(50) });
    if (random() < 0.15) await shipment(a, day, random() < 0.7);
  }
}

async function shipment(a: Agreement, day: string, received: boolean) {
  const qty = 10 + pick(40);
  await handle.db.insert(schema.shipments).values({
    tenantId,
    supplierId: a.supplierId,
    agreementId: a.id,
    asnNumber: `ASN-TEST-${randomUUID().slice(0, 8)}`,
    qty,
    shipDate: addDays(day, -2),
    expectedArrival: day,
    status: received ? "received" : "in_transit",
    receivedQty: received ? qty - pick(5) : null,
    receivedOn: received ? day : null,
  });
}

interface StateRow {
  agreement_id: string;
  on_hand: string | null;
  as_of: string | null;
  stock_day: string | null;
  received_since: string | null;
  consumed_since: string | null;
  stored: boolean;
  count_expected: string | null;
  first_count_day: string | null;
  last_consumed_on: string | null;
}

const n = (v: string | number | null) => (v === null ? null : Number(v));

/** Each agreement's position as the list computes it and as the stored state gives it, for `today`. */
async function compare(today: string) {
  return withTenant(handle.db, buyer, async (tx) => {
    const list = await listInventory(tx, buyer, { page: 1, pageSize: null, today, horizonDays: 56 });
    const state = rowsOf<StateRow>(
      await tx.execute(sql`select agreement_id, on_hand, as_of, stock_day, received_since, consumed_since, stored,
                                  count_expected, first_count_day::text, last_consumed_on::text
                           from (${agreementStateSql(tenantId, { today, horizonDays: 56 }, null)}) s`),
    );
    const byId = new Map(state.map((r) => [r.agreement_id, r]));
    expect(state).toHaveLength(list.rows.length);
    for (const row of list.rows) {
      const s = byId.get(row.agreementId)!;
      expect(
        { id: row.agreementId, onHand: n(s.on_hand), asOf: s.as_of, stockDay: s.stock_day },
        `agreement ${row.sku} on ${today}`,
      ).toEqual({ id: row.agreementId, onHand: row.onHand, asOf: row.asOf, stockDay: row.stockDay });
      expect([n(s.received_since) ?? 0, n(s.consumed_since) ?? 0]).toEqual([row.receivedSince, row.consumedSince]);
    }
    return state;
  });
}

/** What the stock-count and dead-stock conditions read, worked out from the facts here. */
async function expectedExtras(a: Agreement) {
  const db = handle.db;
  const where = (t: typeof schema.consumption | typeof schema.receipts | typeof schema.stockSnapshots) =>
    and(eq(t.tenantId, tenantId), eq(t.itemId, a.itemId), eq(t.locationId, siteId));
  const snapshots = (await db.select().from(schema.stockSnapshots).where(where(schema.stockSnapshots))).sort((x, y) =>
    x.day.localeCompare(y.day),
  );
  const consumed = await db.select().from(schema.consumption).where(where(schema.consumption));
  const received = await db.select().from(schema.receipts).where(where(schema.receipts));
  const shipped = (await db.select().from(schema.shipments).where(eq(schema.shipments.agreementId, a.id))).filter(
    (s) => s.status === "received",
  );
  const used = consumed.filter((c) => c.qty > 0).map((c) => c.day);
  const lastConsumedOn = used.length ? used.sort().at(-1)! : null;
  if (snapshots.length === 0) return { countExpected: null, firstCountDay: null, lastConsumedOn };
  const latest = snapshots.at(-1)!;
  const previous = snapshots.at(-2);
  let countExpected: number | null = null;
  if (previous) {
    const between = (day: string | null) => day !== null && day > previous.day && day <= latest.day;
    const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
    countExpected = Math.max(
      0,
      previous.onHand +
        sum(received.filter((r) => between(r.day)).map((r) => r.qty)) +
        sum(shipped.filter((s) => between(s.receivedOn)).map((s) => s.receivedQty ?? 0)) -
        sum(consumed.filter((c) => between(c.day)).map((c) => c.qty)),
    );
  }
  return { countExpected, firstCountDay: snapshots[0].day, lastConsumedOn };
}

async function compareEverything(today: string) {
  const state = await compare(today);
  for (const a of agreements) {
    const s = state.find((r) => r.agreement_id === a.id)!;
    if (!s.stored) continue;
    const expected = await expectedExtras(a);
    expect(
      { countExpected: n(s.count_expected), firstCountDay: s.first_count_day, lastConsumedOn: s.last_consumed_on },
      `agreement ${a.id}`,
    ).toEqual(expected);
  }
  return state;
}

describe("stored stock positions", () => {
  it("give the list's figures on every day, and stand aside for a day before a fact", async () => {
    const last = dayOf(DAYS - 1);
    const storedOn = async (today: string) => (await compareEverything(today)).filter((s) => s.stored).length;
    // From the last fact's day on, every agreement with facts reads its stored row.
    expect(await storedOn(last)).toBeGreaterThanOrEqual(10);
    expect(await storedOn(addDays(last, 5))).toBe(await storedOn(last));
    // Before it, an agreement with facts after that day computes its position from the facts.
    expect(await storedOn(dayOf(DAYS - 4))).toBeLessThan(await storedOn(last));
    await compareEverything(dayOf(3));
  });

  it("follow every change of the facts", async () => {
    const db = handle.db;
    const last = dayOf(DAYS - 1);
    const [a, b, c, d, e] = agreements.slice(1, 6);
    // A newer snapshot, and the latest one deleted.
    await db.insert(schema.stockSnapshots).values({ ...key(a), day: addDays(last, 1), onHand: 77 });
    await compareEverything(addDays(last, 1));
    await db
      .delete(schema.stockSnapshots)
      .where(and(eq(schema.stockSnapshots.itemId, a.itemId), eq(schema.stockSnapshots.day, addDays(last, 1))));
    await compareEverything(addDays(last, 1));
    // Consumption changed and removed; goods received removed.
    await db.update(schema.consumption).set({ qty: 3 }).where(eq(schema.consumption.itemId, b.itemId));
    await db.delete(schema.consumption).where(eq(schema.consumption.itemId, c.itemId));
    await db.delete(schema.receipts).where(eq(schema.receipts.itemId, d.itemId));
    await compareEverything(last);
    // A snapshot of today, then a shipment received today after it was loaded: it counts on top.
    await db
      .insert(schema.stockSnapshots)
      .values({ ...key(e), day: last, onHand: 40 })
      .onConflictDoUpdate({
        target: [
          schema.stockSnapshots.tenantId,
          schema.stockSnapshots.itemId,
          schema.stockSnapshots.locationId,
          schema.stockSnapshots.day,
        ],
        set: { onHand: 40, loadedAt: new Date(Date.now() - 60_000) },
      });
    await shipment(e, last, false);
    await db
      .update(schema.shipments)
      .set({ status: "received", receivedQty: 12, receivedOn: last, updatedAt: new Date() })
      .where(and(eq(schema.shipments.agreementId, e.id), eq(schema.shipments.status, "in_transit")));
    const state = await compareEverything(last);
    const row = state.find((s) => s.agreement_id === e.id)!;
    expect(row.stored).toBe(true);
    expect(n(row.received_since)).toBeGreaterThanOrEqual(12);
  });

  it("an agreement without a stored row computes its position from the facts", async () => {
    const a = agreements[7];
    await handle.db.delete(schema.agreementPositions).where(eq(schema.agreementPositions.agreementId, a.id));
    const state = await compare(dayOf(DAYS - 1));
    expect(state.find((s) => s.agreement_id === a.id)!.stored).toBe(false);
    expect(state.find((s) => s.agreement_id === agreements[0].id)!.on_hand).toBeNull();
  });

  it("a supplier reads the positions of its own agreements only", async () => {
    const scope: TenantScope = { tenantId, supplierId: otherSupplierId, userId: null };
    const seen = await withTenant(handle.db, scope, (tx) =>
      tx.select({ id: schema.agreementPositions.agreementId }).from(schema.agreementPositions),
    );
    const own = agreements.filter((a) => a.supplierId === otherSupplierId).map((a) => a.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => own.includes(r.id))).toBe(true);
  });
});
