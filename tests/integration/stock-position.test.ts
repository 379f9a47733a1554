import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { listInventory } from "~/models/inventory.server";
import { loadPlanningContext } from "~/models/planning.server";
import { createAgreement, createLocation, createSupplier, createTenant, insertFacts } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The stock position every page shows: the last snapshot, plus what was received after it (goods
 * received without a notice and notices' shipments received), less what was consumed after it;
 * a newer snapshot supersedes; a receipt on the snapshot's own day counts only when it was
 * recorded after the snapshot was loaded.
 */

const TODAY = "2026-05-10";
let handle: DatabaseHandle;
const tenantId = randomUUID();
const supplierId = randomUUID();
const site = randomUUID();
const buyer: TenantScope = { tenantId, supplierId: null, userId: null };
let agreementId: string;
let itemId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  await createTenant(db, { id: tenantId, slugPrefix: "position", name: "Position test", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "P", name: "Supplier P" });
  await createLocation(db, { tenantId, id: site, code: "P1", name: "Site one" });
  const created = await createAgreement(db, {
    tenantId,
    supplierId,
    locationId: site,
    item: { sku: "POS-1", name: "Position item", unitCost: 1 },
    terms: { minQty: 10, maxQty: 500, leadTimeDays: 2 },
  });
  agreementId = created.id;
  itemId = created.itemId;
});

afterAll(async () => {
  await handle?.close();
});

const key = () => ({ tenantId, itemId, locationId: site, supplierId });

async function position() {
  const list = await withTenant(handle.db, buyer, (tx) =>
    listInventory(tx, buyer, { page: 1, pageSize: 10, today: TODAY, horizonDays: 56 }),
  );
  const row = list.rows[0];
  const context = await withTenant(handle.db, buyer, (tx) =>
    loadPlanningContext(tx, buyer, { today: TODAY, horizonDays: 56, agreementIds: [agreementId] }),
  );
  const planning = context.agreements[0];
  expect([planning.onHand, planning.onHandDay]).toEqual([row.onHand, row.asOf]);
  return { onHand: row.onHand, asOf: row.asOf, stockDay: row.stockDay, received: row.receivedSince, consumed: row.consumedSince };
}

async function receivedShipment(qty: number, day: string, at: Date) {
  await handle.db.insert(schema.shipments).values({
    tenantId,
    supplierId,
    agreementId,
    asnNumber: "ASN-2026-00001",
    qty,
    shipDate: "2026-05-01",
    expectedArrival: day,
    status: "received",
    receivedQty: qty,
    receivedOn: day,
    createdAt: at,
    updatedAt: at,
  });
}

describe("the stock position", () => {
  it("is the last snapshot plus receipts less consumption since, known to the last day of consumption", async () => {
    await insertFacts(handle.db, key(), [
      { day: "2026-05-05", onHand: 999, consumed: 50 },
      { day: "2026-05-07", onHand: 100, consumed: 5, received: 40 },
      { day: "2026-05-08", consumed: 7, received: 20 },
      { day: "2026-05-09", consumed: 3 },
      // A receipt dated after today does not count yet.
      { day: "2026-05-11", received: 500 },
    ]);
    expect(await position()).toEqual({ onHand: 110, asOf: "2026-05-09", stockDay: "2026-05-07", received: 20, consumed: 10 });
  });

  it("counts a notice's shipment received after the snapshot's day, and on its day only when recorded after it was loaded", async () => {
    const [snapshot] = await handle.db
      .select({ loadedAt: schema.stockSnapshots.loadedAt })
      .from(schema.stockSnapshots)
      .where(sql`${schema.stockSnapshots.tenantId} = ${tenantId} and ${schema.stockSnapshots.day} = '2026-05-07'`);
    await receivedShipment(30, "2026-05-08", new Date());
    await receivedShipment(4, "2026-05-07", new Date(snapshot.loadedAt.getTime() - 60_000));
    await receivedShipment(6, "2026-05-07", new Date(snapshot.loadedAt.getTime() + 60_000));
    expect(await position()).toMatchObject({ onHand: 146, received: 56 });
  });

  it("starts again from a newer snapshot, which supersedes everything before it", async () => {
    await insertFacts(handle.db, key(), [{ day: "2026-05-10", onHand: 12 }]);
    expect(await position()).toEqual({ onHand: 12, asOf: "2026-05-10", stockDay: "2026-05-10", received: 0, consumed: 0 });
  });
});
