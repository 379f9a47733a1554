import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import { getImport, listImportErrors } from "~/models/imports.server";
import { commitImport, previewImport } from "~/services/imports/pipeline.server";
import { recordShipment } from "~/services/shipments/index.server";
import { addDays, todayIn } from "~/utils/dates";
import {
  createAgreement,
  createLocation,
  createMembership,
  createPlan,
  createSupplier,
  createTenant,
  createUser,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Receipts imported from the buyer's ERP: a row that names a shipping notice by its ASN number
 * receives that notice's shipment as the receipt page does; a row without one is goods received
 * that no notice announced. Bad references are row errors, and the same file again changes nothing.
 */

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "vmi-import-receipts-"));

const TODAY = todayIn("UTC");
const SHIPPED = addDays(TODAY, -5);
const ARRIVED = addDays(TODAY, -1);

let handle: DatabaseHandle;
let db: Database;
let tenantId: string;
let buyer: TenantScope;
let asnNumber: string;
const shipmentIds: string[] = [];
const lineIds: string[] = [];

let fileCount = 0;
function upload(content: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vmi-upload-"));
  const file = path.join(dir, `receipts-${++fileCount}.csv`);
  writeFileSync(file, content);
  return { path: file, fileName: "receipts.csv" };
}

async function preview(content: string) {
  const id = await previewImport(db, buyer, upload(content), "receipts");
  return withTenant(db, buyer, async (tx) => ({
    id,
    record: await getImport(tx, tenantId, id),
    errors: await listImportErrors(tx, tenantId, id),
  }));
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  tenantId = (await createTenant(db, { slugPrefix: "receipts", timezone: "UTC" })).id;
  const supplierId = await createSupplier(db, { tenantId, code: "RS1" });
  const site = await createLocation(db, { tenantId, code: "RWH" });
  const buyerId = await createUser(db, { label: "receipts-buyer" });
  await createMembership(db, { tenantId, userId: buyerId, role: "buyer" });
  buyer = { tenantId, supplierId: null, userId: buyerId, role: "buyer" };
  const supplierUser = await createUser(db, { label: "receipts-supplier" });
  await createMembership(db, { tenantId, userId: supplierUser, role: "supplier", supplierId });
  const agreements: string[] = [];
  for (const sku of ["RC-1", "RC-2", "RC-3"]) {
    const created = await createAgreement(db, {
      tenantId,
      supplierId,
      locationId: site,
      item: { sku, name: sku, unitCost: 2 },
      terms: { minQty: 10, maxQty: 500, leadTimeDays: 4 },
    });
    agreements.push(created.id);
  }
  const plan = await createPlan(db, {
    tenantId,
    supplierId,
    status: "approved",
    number: "RP-2026-09001",
    lines: agreements.slice(0, 2).map((agreementId) => ({
      agreementId,
      qty: 100,
      shipDate: SHIPPED,
      arrivalDate: ARRIVED,
      status: "accepted" as const,
      approvedQty: 100,
    })),
  });
  lineIds.push(...plan.lineIds);
  const asn = await recordShipment(
    db,
    { tenantId, supplierId, userId: supplierUser },
    {
      planId: plan.id,
      requestId: randomUUID(),
      shipDate: SHIPPED,
      carrier: "SF",
      tracking: "SF100",
      lines: plan.lineIds.map((lineId) => ({ lineId, qty: 100, expectedArrival: ARRIVED })),
      today: TODAY,
    },
  );
  asnNumber = asn.asnNumber;
  shipmentIds.push(...asn.shipments.map((s) => s.id));
});

afterAll(async () => {
  await handle?.close();
});

async function shipmentState() {
  return rowsOf<{ status: string; received_qty: string | null; received_on: string | null; line_status: string }>(
    await db.execute(sql`
      select sh.status, sh.received_qty::text, sh.received_on::text, pl.status as line_status
      from shipments sh join plan_lines pl on pl.tenant_id = sh.tenant_id and pl.id = sh.plan_line_id
      where sh.tenant_id = ${tenantId}::uuid order by pl.line_no`),
  ).map((r) => [r.status, r.received_qty === null ? null : Number(r.received_qty), r.received_on, r.line_status]);
}

describe("receipts", () => {
  it("a notice is numbered once for all its lines", () => {
    expect(asnNumber).toMatch(/^ASN-\d{4}-\d{5}$/);
    expect(shipmentIds).toHaveLength(2);
  });

  it("names each bad reference by its row and column, and writes nothing", async () => {
    const file = [
      "SKU,Site code,Date,Quantity,Reference",
      `RC-1,RWH,${ARRIVED},95,ASN-1999-00001`,
      `RC-3,RWH,${ARRIVED},10,${asnNumber}`,
      `RC-1,RWH,${addDays(SHIPPED, -1)},95,${asnNumber}`,
      `RC-2,RWH,${addDays(TODAY, 1)},95,${asnNumber}`,
      `RC-1,RWH,${ARRIVED},95,${"X".repeat(65)}`,
    ].join("\n");
    const { record, errors } = await preview(file);
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, "Reference", "imports.errors.unknownNotice"],
      [3, "Reference", "imports.errors.noticeOtherItem"],
      [4, "Date", "imports.errors.beforeShipDate"],
      [5, "Date", "imports.errors.inFuture"],
      [6, "Reference", "imports.errors.tooLong"],
    ]);
    expect(record).toMatchObject({ errorRows: 5, toInsert: 0 });
    expect(await shipmentState()).toEqual([
      ["in_transit", null, null, "shipped"],
      ["in_transit", null, null, "shipped"],
    ]);
  });

  it("receives the notice's shipment and records an unannounced receipt; the same file again changes nothing", async () => {
    // The ERP quotes the number in its own case.
    const file = [
      "sku,site,day,qty,reference",
      `RC-1,RWH,${ARRIVED},95,${asnNumber.toLowerCase()}`,
      `RC-3,RWH,${ARRIVED},12,`,
    ].join("\n");
    const first = await preview(file);
    expect(first.errors).toEqual([]);
    expect(first.record).toMatchObject({ toInsert: 2, toUpdate: 0, unchanged: 0 });
    expect((await commitImport(db, buyer, first.id)).counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await shipmentState()).toEqual([
      ["received", 95, ARRIVED, "received"],
      ["in_transit", null, null, "shipped"],
    ]);
    const facts = rowsOf<{ day: string; qty: string }>(
      await db.execute(sql`select day::text, qty::text from receipts where tenant_id = ${tenantId}::uuid`),
    );
    expect(facts.map((f) => [f.day, Number(f.qty)])).toEqual([[ARRIVED, 12]]);
    const audit = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from audit_events where tenant_id = ${tenantId}::uuid and action = 'shipment.receive'`,
      ),
    );
    expect(Number(audit[0].n)).toBe(1);

    const replay = await preview(file);
    expect((await commitImport(db, buyer, replay.id)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await shipmentState()).toEqual([
      ["received", 95, ARRIVED, "received"],
      ["in_transit", null, null, "shipped"],
    ]);
  });

  it("a shipment already received with another quantity is that row's error", async () => {
    const { errors } = await preview(`sku,site,day,qty,reference\nRC-1,RWH,${ARRIVED},90,${asnNumber}\n`);
    expect(errors.map((e) => [e.row, e.column, e.message, e.params])).toEqual([
      [2, "reference", "imports.errors.noticeReceived", { qty: 95, day: ARRIVED }],
    ]);
  });
});
