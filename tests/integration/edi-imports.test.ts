import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { getImport, listImportErrors } from "~/models/imports.server";
import { readX12 } from "~/services/imports/edi/x12";
import { commitImport, previewImport } from "~/services/imports/pipeline.server";
import { type AppError, isAppError } from "~/utils/app-error";
import { createItem, createLocation, createMembership, createTenant, createUser } from "../support/factories";
import { TWO_STORES_852, x12 } from "../support/edi-interchanges";
import { openTestDatabase } from "../support/test-database";

/**
 * EDI 852 interchanges through the one import pipeline: stock and consumption of one interchange
 * previewed and written together, items matched by GTIN, supplier part number or SKU and sites by
 * code or GLN, a LIN that names no item refused by its number and ids, and a replay changing
 * nothing while the preview says it was already imported.
 */

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "vmi-edi-imports-"));

let handle: DatabaseHandle;
let db: Database;
let tenantId: string;
let scope: TenantScope;
let item1: string;
let item2: string;
let wh1: string;
let wh2: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  tenantId = (await createTenant(db, { slugPrefix: "edi", timezone: "UTC" })).id;
  item1 = await createItem(db, { tenantId, sku: "EDI-1", name: "Bolt", unitCost: 1 });
  item2 = await createItem(db, { tenantId, sku: "EDI-2", name: "Nut", unitCost: 1 });
  await db
    .update(schema.items)
    .set({ gtin: "00012345678905", supplierPartNumber: "AB-12" })
    .where(and(eq(schema.items.tenantId, tenantId), eq(schema.items.id, item1)));
  wh1 = await createLocation(db, { tenantId, code: "WH1" });
  wh2 = await createLocation(db, { tenantId, code: "WH2" });
  await db
    .update(schema.locations)
    .set({ gln: "0614141000012" })
    .where(and(eq(schema.locations.tenantId, tenantId), eq(schema.locations.id, wh2)));
  const userId = await createUser(db, { label: "edi-buyer" });
  await createMembership(db, { tenantId, userId, role: "buyer", supplierId: null });
  scope = { tenantId, supplierId: null, userId, role: "buyer" };
});

afterAll(async () => {
  await handle?.close();
});

let count = 0;
function upload(content: string, fileName = "activity.852") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vmi-edi-upload-"));
  const file = path.join(dir, `upload-${++count}`);
  writeFileSync(file, content);
  return { path: file, fileName };
}

async function recordOf(importId: string) {
  return withTenant(db, scope, async (tx) => ({
    record: await getImport(tx, tenantId, importId),
    errors: await listImportErrors(tx, tenantId, importId),
  }));
}

async function facts() {
  const stock = await db
    .select({
      item: schema.stockSnapshots.itemId,
      site: schema.stockSnapshots.locationId,
      day: schema.stockSnapshots.day,
      qty: schema.stockSnapshots.onHand,
    })
    .from(schema.stockSnapshots)
    .where(eq(schema.stockSnapshots.tenantId, tenantId))
    .orderBy(schema.stockSnapshots.day, schema.stockSnapshots.onHand);
  const used = await db
    .select({
      item: schema.consumption.itemId,
      site: schema.consumption.locationId,
      day: schema.consumption.day,
      qty: schema.consumption.qty,
    })
    .from(schema.consumption)
    .where(eq(schema.consumption.tenantId, tenantId))
    .orderBy(schema.consumption.day, schema.consumption.qty);
  const received = await db
    .select({
      item: schema.receipts.itemId,
      site: schema.receipts.locationId,
      day: schema.receipts.day,
      qty: schema.receipts.qty,
    })
    .from(schema.receipts)
    .where(eq(schema.receipts.tenantId, tenantId))
    .orderBy(schema.receipts.day, schema.receipts.qty);
  return { stock, used, received };
}

const interchange = x12({ sets: [{ control: "0001", segments: TWO_STORES_852 }] });

describe("EDI 852 imports", () => {
  it("recognises an interchange without a kind, previews stock, consumption and receipts together and writes nothing", async () => {
    const id = await previewImport(db, scope, upload(interchange));
    const { record, errors } = await recordOf(id);
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ kind: "edi", status: "previewed", rowsTotal: 6, toInsert: 6, errorRows: 0 });
    expect(record?.source).toMatchObject({
      format: "x12",
      edi: { sets: ["852"], controls: ["ACMEGATEWAY/000000905/905/0001"], notes: { QP: 1 }, previous: null },
    });
    expect(await facts()).toEqual({ stock: [], used: [], received: [] });
  });

  it("writes every kind on confirmation; the same interchange again changes nothing and says when it came", async () => {
    const id = await previewImport(db, scope, upload(interchange), "edi");
    expect(await commitImport(db, scope, id, { recompute: false })).toEqual({
      kind: "edi",
      counts: { inserted: 6, updated: 0, unchanged: 0 },
    });
    expect(await facts()).toEqual({
      stock: [
        { item: item2, site: wh1, day: "2026-11-29", qty: 5 },
        { item: item1, site: wh2, day: "2026-11-29", qty: 11 },
        { item: item1, site: wh1, day: "2026-11-29", qty: 40 },
      ],
      used: [
        { item: item1, site: wh1, day: "2026-11-25", qty: 7 },
        { item: item1, site: wh2, day: "2026-11-29", qty: 2 },
      ],
      // QR, received: dated by the period's end as the ZA has no date.
      received: [{ item: item1, site: wh1, day: "2026-11-29", qty: 12 }],
    });
    const committed = (await recordOf(id)).record;
    const again = await previewImport(db, scope, upload(interchange));
    const { record } = await recordOf(again);
    expect(record).toMatchObject({ toInsert: 0, toUpdate: 0, unchanged: 6, errorRows: 0 });
    expect(record?.source.edi?.previous).toEqual({ importId: id, committedAt: committed?.committedAt?.toISOString() });
    expect(await commitImport(db, scope, again, { recompute: false })).toMatchObject({
      counts: { inserted: 0, updated: 0, unchanged: 6 },
    });
  });

  it("refuses a LIN that matches no item and a location that matches no site, by segment, writing nothing", async () => {
    const text = x12({
      control: "000000906",
      sets: [
        {
          control: "0002",
          segments: [
            "XQ*H*20261201*20261201",
            "N1*ST*STORE*92*WH1",
            "LIN*3*UP*099999999990*VN*ZZ-9",
            "ZA*QA*4*EA",
            "N1*ST*ELSEWHERE*UL*0000000000000",
            "LIN*4*SK*EDI-2",
            "ZA*QA*1*EA",
            "ZA*QS*x*EA",
          ],
        },
      ],
    });
    const id = await previewImport(db, scope, upload(text));
    const { record, errors } = await recordOf(id);
    expect(record).toMatchObject({ status: "previewed", errorRows: 3 });
    expect(errors.map((e) => [e.row, e.column, e.value, e.message, e.params])).toEqual([
      [4, "LIN", "UP 099999999990, VN ZZ-9", "imports.edi.errors.unknownItem", { lin: 3, ids: "UP 099999999990, VN ZZ-9" }],
      [6, "N1", "UL 0000000000000", "imports.edi.errors.unknownSite", { qualifier: "UL", id: "0000000000000" }],
      [9, "ZA02", "x", "imports.edi.errors.quantity", null],
    ]);
    expect(isAppError(await commitImport(db, scope, id).catch((e: unknown) => e))).toBe(true);
    expect((await facts()).stock.some((s) => s.day === "2026-12-01")).toBe(false);
  });

  it("acknowledges each group with a 997: accepted sets, and rejected ones with their segments in error", async () => {
    const good = (await recordOf(await previewImport(db, scope, upload(interchange)))).record;
    const [ack] = readX12(good?.source.edi?.ack997 ?? "");
    expect(ack).toMatchObject({ sender: "VMIPORTAL", receiver: "ACMEGATEWAY", version: "00401" });
    expect(ack.control).toMatch(/^\d{9}$/);
    const body = (text: string) =>
      readX12(text)[0].groups.flatMap((g) => g.transactionSets.flatMap((set) => set.segments.map((x) => x.elements.join("*"))));
    expect(body(good?.source.edi?.ack997 ?? "")).toEqual([
      "ST*997*0001",
      "AK1*PD*905",
      "AK2*852*0001",
      "AK5*A",
      "AK9*A*1*1*1",
      "SE*6*0001",
    ]);
    const text = x12({
      sets: [
        { control: "0001", segments: TWO_STORES_852 },
        { control: "0002", segments: ["XQ*H*20261201*20261201", "N1*ST*STORE*92*WH1", "LIN*9*UP*099999999990", "ZA*QA*x*EA"] },
      ],
    });
    const mixed = (await recordOf(await previewImport(db, scope, upload(text)))).record;
    expect(body(mixed?.source.edi?.ack997 ?? "")).toEqual([
      "ST*997*0001",
      "AK1*PD*905",
      "AK2*852*0001",
      "AK5*A",
      "AK2*852*0002",
      "AK3*ZA*5**8",
      "AK4*2**7*x",
      "AK5*R*5",
      "AK9*P*2*2*1",
      "SE*10*0001",
    ]);
  });

  it("refuses a malformed interchange as the file's error naming the segment", async () => {
    const error = (await previewImport(db, scope, upload(interchange.replace(/SE\*\d+\*0001/, "SE*2*0001"))).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.fieldErrors.file?.[0]).toMatchObject({ key: "imports.edi.malformed", params: { segment: "SE" } });
  });
});
