import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { getImport, listImportErrors } from "~/models/imports.server";
import { applyRows } from "~/services/imports/batch.server";
import { acceptUpload, commitImport, discardImport, previewImport } from "~/services/imports/pipeline.server";
import { checkInBackground, commitInBackground, failInterruptedImports, progressOf } from "~/services/imports/runs.server";
import { type AppError, isAppError } from "~/utils/app-error";
import {
  createAgreement,
  createItem,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The import pipeline on a real database: a file is checked and previewed without writing a
 * record, a confirmed import writes every row or none, the same data again changes nothing, bad
 * rows are named by row and column as the file has them, and an import acts in its own company
 * only, for the roles that may import the kind.
 */

// Before anything reads the environment: the files wait in a directory of this test's own.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "vmi-imports-"));

let handle: DatabaseHandle;
let db: Database;
let tenantId: string;
let otherTenantId: string;
let s1: string;
let s2: string;
let l1: string;
const scopes = {} as Record<"admin" | "buyer" | "manager" | "supplier" | "otherAdmin", TenantScope>;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  tenantId = (await createTenant(db, { slugPrefix: "imports", timezone: "UTC" })).id;
  s1 = await createSupplier(db, { tenantId, code: "S1" });
  s2 = await createSupplier(db, { tenantId, code: "S2" });
  l1 = await createLocation(db, { tenantId, code: "WH1" });
  for (const role of ["admin", "buyer", "manager", "supplier"] as const) {
    const userId = await createUser(db, { label: `imports-${role}` });
    const supplierId = role === "supplier" ? s1 : null;
    await createMembership(db, { tenantId, userId, role, supplierId });
    scopes[role] = { tenantId, supplierId, userId, role };
  }
  // Another company with the same SKU and site code: an import must never reach its rows.
  otherTenantId = (await createTenant(db, { slugPrefix: "imports-other", timezone: "UTC" })).id;
  await createItem(db, { tenantId: otherTenantId, sku: "IMP-1", name: "Other company's item", unitCost: 9 });
  await createLocation(db, { tenantId: otherTenantId, code: "WH1" });
  const otherAdmin = await createUser(db, { label: "imports-other-admin" });
  await createMembership(db, { tenantId: otherTenantId, userId: otherAdmin, role: "admin" });
  scopes.otherAdmin = { tenantId: otherTenantId, supplierId: null, userId: otherAdmin, role: "admin" };
});

afterAll(async () => {
  await handle?.close();
});

let fileCount = 0;
/** A file as a user uploads it: written where the upload lands, then handed to the pipeline. */
function upload(content: string | Buffer, fileName = "data.csv") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vmi-upload-"));
  const file = path.join(dir, `upload-${++fileCount}`);
  writeFileSync(file, content);
  return { path: file, fileName };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function recordOf(importId: string, scope = scopes.admin) {
  return withTenant(db, scope, async (tx) => ({
    record: await getImport(tx, scope.tenantId, importId),
    errors: await listImportErrors(tx, scope.tenantId, importId),
  }));
}

async function itemsNamed(tenant: string) {
  const rows = await db
    .select({ sku: schema.items.sku, name: schema.items.name, unitCost: schema.items.unitCost, uom: schema.items.uom })
    .from(schema.items)
    .where(eq(schema.items.tenantId, tenant))
    .orderBy(schema.items.sku);
  return rows;
}

describe("items", () => {
  const csv = '\uFEFF物料编码,物料名称,单位,单价,备注\r\nIMP-1,六角螺栓 M8,PCS,"1,234.50",x\r\nIMP-2,Washer,,0.5,\r\n';

  it("previews a UTF-8 file with Chinese headers: counts, ignored columns, and nothing written", async () => {
    const id = await previewImport(db, scopes.admin, upload(csv), "items");
    const { record, errors } = await recordOf(id);
    expect(errors).toEqual([]);
    expect(record).toMatchObject({
      kind: "items",
      status: "previewed",
      rowsTotal: 2,
      toInsert: 2,
      toUpdate: 0,
      unchanged: 0,
      errorRows: 0,
      source: { format: "csv", encoding: "utf-8", delimiter: ",", ignored: ["备注"] },
    });
    expect(await itemsNamed(tenantId)).toEqual([]);
  });

  it("writes every row on confirmation, then the same file again changes nothing", async () => {
    const id = await previewImport(db, scopes.admin, upload(csv), "items");
    expect(await commitImport(db, scopes.admin, id)).toEqual({
      kind: "items",
      counts: { inserted: 2, updated: 0, unchanged: 0 },
    });
    expect(await itemsNamed(tenantId)).toEqual([
      { sku: "IMP-1", name: "六角螺栓 M8", unitCost: 1234.5, uom: "PCS" },
      { sku: "IMP-2", name: "Washer", unitCost: 0.5, uom: "EA" },
    ]);
    // The other company's IMP-1 is untouched.
    expect(await itemsNamed(otherTenantId)).toEqual([{ sku: "IMP-1", name: "Other company's item", unitCost: 9, uom: "EA" }]);

    const again = await previewImport(db, scopes.admin, upload(csv), "items");
    expect((await recordOf(again)).record).toMatchObject({ toInsert: 0, toUpdate: 0, unchanged: 2 });
    expect((await commitImport(db, scopes.admin, again)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const audit = rowsOf<{ action: string; after: { kind: string; inserted: number } }>(
      await db.execute(sql`select action, after from audit_events where tenant_id = ${tenantId}::uuid and entity_id = ${id}`),
    );
    expect(audit).toEqual([{ action: "import.commit", after: expect.objectContaining({ kind: "items", inserted: 2 }) }]);
  });

  it("changes what differs and leaves an empty cell's value as it is", async () => {
    const id = await previewImport(db, scopes.admin, upload("sku,name,unit_cost\nIMP-2,Flat washer,\n"), "items");
    expect((await recordOf(id)).record).toMatchObject({ toInsert: 0, toUpdate: 1, unchanged: 0 });
    await commitImport(db, scopes.admin, id);
    expect((await itemsNamed(tenantId)).find((i) => i.sku === "IMP-2")).toEqual({
      sku: "IMP-2",
      name: "Flat washer",
      unitCost: 0.5,
      uom: "EA",
    });
  });

  it("names each bad row by its row and column as the file has them, and refuses to write any", async () => {
    const file = "SKU;Name;Unit cost\nIMP-3;Nut;abc\nIMP-4;;1\nIMP-5;Bolt;2\nIMP-5;Bolt again;3\n";
    const id = await previewImport(db, scopes.admin, upload(file), "items");
    const { record, errors } = await recordOf(id);
    expect(record).toMatchObject({
      rowsTotal: 4,
      errorRows: 3,
      toInsert: 1,
      source: expect.objectContaining({ delimiter: ";" }),
    });
    expect(errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
      [2, "Unit cost", "abc", "imports.errors.number"],
      [3, "Name", "", "adminCatalog.errors.nameRequired"],
      [5, null, null, "imports.errors.duplicate"],
    ]);
    expect(errors[2].params).toEqual({ row: 5, first: 4 });
    const refused = await errorOf(commitImport(db, scopes.admin, id));
    expect(refused.status).toBe(409);
    expect((await itemsNamed(tenantId)).map((i) => i.sku)).toEqual(["IMP-1", "IMP-2"]);
  });

  it("a missing required column is one error naming it", async () => {
    const id = await previewImport(db, scopes.admin, upload("sku,unit_cost\nIMP-9,1\n"), "items");
    const { record, errors } = await recordOf(id);
    expect(record).toMatchObject({ rowsTotal: 0, errorRows: 1 });
    expect(errors).toEqual([
      expect.objectContaining({
        row: 1,
        column: "Name / 物料名称",
        message: "imports.errors.missingColumn",
        params: { column: "Name / 物料名称" },
      }),
    ]);
  });
});

describe("agreements and daily facts", () => {
  beforeAll(async () => {
    await createItem(db, { tenantId, sku: "IMP-F1", name: "Fact item", unitCost: 3 });
    await createAgreement(db, {
      tenantId,
      supplierId: s2,
      locationId: l1,
      item: { sku: "IMP-F2", name: "Someone else's", unitCost: 1 },
      terms: { minQty: 1, maxQty: 10, leadTimeDays: 3 },
    });
  });

  it("a buyer creates an agreement by codes; another supplier's item-site is that row's error", async () => {
    const file = "supplier,sku,site,min,max,lead_time_days\nS1,IMP-F1,WH1,10,40,5\nS1,IMP-F2,WH1,1,5,2\nS1,NOPE,WH9,1,5,2\n";
    const id = await previewImport(db, scopes.buyer, upload(file), "agreements");
    const { errors } = await recordOf(id, scopes.buyer);
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, "supplier", "imports.errors.otherSupplier"],
      [4, "sku", "imports.errors.unknownSku"],
      [4, "site", "imports.errors.unknownSite"],
    ]);
    const good = await previewImport(
      db,
      scopes.buyer,
      upload("supplier,sku,site,min,max,lead_time_days\nS1,IMP-F1,WH1,10,40,5\n"),
      "agreements",
    );
    expect((await commitImport(db, scopes.buyer, good)).counts).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const [agreement] = await db
      .select({ supplierId: schema.agreements.supplierId, min: schema.agreements.minQty, lead: schema.agreements.leadTimeDays })
      .from(schema.agreements)
      .innerJoin(
        schema.items,
        and(eq(schema.items.tenantId, schema.agreements.tenantId), eq(schema.items.id, schema.agreements.itemId)),
      )
      .where(and(eq(schema.agreements.tenantId, tenantId), eq(schema.items.sku, "IMP-F1")));
    expect(agreement).toEqual({ supplierId: s1, min: 10, lead: 5 });
  });

  it("stock in tab-separated GB18030 with Chinese dates goes in under the agreement's supplier; a replay changes nothing", async () => {
    // 物料编码 仓库 日期 现存量 and 2026年11月30日, as Chinese Excel saves a CSV (GBK bytes).
    const gbk = (hex: string) => Buffer.from(hex, "hex");
    const ascii = (text: string) => Buffer.from(text, "latin1");
    const file = Buffer.concat([
      gbk("ceefc1cfb1e0c2eb09b2d6bfe209c8d5c6da09cfd6b4e6c1bf0d0a"),
      ascii("IMP-F1\tWH1\t2026"),
      gbk("c4ea"),
      ascii("11"),
      gbk("d4c2"),
      ascii("30"),
      gbk("c8d5"),
      ascii("\t25\r\nIMP-F1\tWH1\t2026/12/1\t1,200\r\n"),
    ]);
    const id = await previewImport(db, scopes.buyer, upload(file, "stock.csv"), "stock");
    const { record, errors } = await recordOf(id, scopes.buyer);
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ toInsert: 2, source: expect.objectContaining({ encoding: "gb18030", delimiter: "\t" }) });
    await commitImport(db, scopes.buyer, id);
    const facts = rowsOf<{ day: string; on_hand: string; supplier_id: string }>(
      await db.execute(sql`
        select s.day::text as day, s.on_hand::text as on_hand, s.supplier_id from stock_snapshots s join items i on i.tenant_id = s.tenant_id and i.id = s.item_id
        where s.tenant_id = ${tenantId}::uuid and i.sku = 'IMP-F1' order by s.day`),
    );
    expect(facts.map((f) => [f.day, Number(f.on_hand), f.supplier_id])).toEqual([
      ["2026-11-30", 25, s1],
      ["2026-12-01", 1200, s1],
    ]);
    const replay = await previewImport(db, scopes.buyer, upload(file, "stock.csv"), "stock");
    expect((await commitImport(db, scopes.buyer, replay)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it("writes nothing when the data changed since the preview, and the import still waits", async () => {
    const id = await previewImport(db, scopes.buyer, upload("sku,site,day,qty\nIMP-F1,WH1,2026-12-01,4\n"), "consumption");
    await db
      .update(schema.locations)
      .set({ code: "WH1-MOVED" })
      .where(and(eq(schema.locations.tenantId, tenantId), eq(schema.locations.id, l1)));
    try {
      const refused = await errorOf(commitImport(db, scopes.buyer, id));
      expect(refused).toMatchObject({
        status: 409,
        userMessage: { key: "imports.errors.changedSincePreview", params: { rows: 1, count: 1 } },
      });
      const consumed = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from consumption where tenant_id = ${tenantId}::uuid`),
      );
      expect(consumed).toEqual([{ n: 0 }]);
      expect((await recordOf(id, scopes.buyer)).record?.status).toBe("previewed");
    } finally {
      await db
        .update(schema.locations)
        .set({ code: "WH1" })
        .where(and(eq(schema.locations.tenantId, tenantId), eq(schema.locations.id, l1)));
    }
    await discardImport(db, scopes.buyer, id);
    expect((await recordOf(id, scopes.buyer)).record?.status).toBe("discarded");
    expect((await errorOf(commitImport(db, scopes.buyer, id))).status).toBe(409);
  });
});

describe("who may import what", () => {
  it("a buyer may not import master data; a manager and a supplier reach nothing", async () => {
    const refused = await errorOf(previewImport(db, scopes.buyer, upload("sku,name\nX,Y\n"), "items"));
    expect(refused.fieldErrors.kind?.map((m) => m.key)).toEqual(["imports.errors.kindNotAllowed"]);
    expect((await errorOf(previewImport(db, scopes.manager, upload("sku,name\nX,Y\n"), "items"))).status).toBe(404);
    expect((await errorOf(previewImport(db, scopes.supplier, upload("sku,name\nX,Y\n"), "items"))).status).toBe(404);
  });

  it("another company's administrator cannot see, confirm or discard this company's import", async () => {
    const id = await previewImport(db, scopes.admin, upload("code,name\nS9,New supplier\n"), "suppliers");
    expect((await recordOf(id, scopes.otherAdmin)).record).toBeNull();
    expect((await errorOf(commitImport(db, scopes.otherAdmin, id))).status).toBe(404);
    expect((await errorOf(discardImport(db, scopes.otherAdmin, id))).status).toBe(404);
    expect((await recordOf(id)).record?.status).toBe("previewed");
  });

  it("the headers decide the kind when none is chosen, and say so when they cannot", async () => {
    const id = await previewImport(db, scopes.admin, upload("site code,site name,GLN\nWH7,Seventh,\n"));
    expect((await recordOf(id)).record?.kind).toBe("sites");
    const unknown = await errorOf(previewImport(db, scopes.admin, upload("colour,size\nred,L\n")));
    expect(unknown.fieldErrors.kind?.map((m) => m.key)).toEqual(["imports.errors.kindUnknown"]);
  });
});

describe("in the background", () => {
  const rows = (n: number) => ["sku,name", ...Array.from({ length: n }, (_, i) => `BG-${i},Background ${i}`)].join("\n");

  it("an accepted upload is checked in the background, with its progress, and then waits previewed", async () => {
    const id = await acceptUpload(db, scopes.admin, upload(rows(12_000)), "items");
    expect((await recordOf(id)).record).toMatchObject({ status: "checking", rowsTotal: 0 });
    const seen: number[] = [];
    const checking = checkInBackground(db, scopes.admin, id);
    // Sampled while it runs: the rows read so far only grow.
    while (progressOf(id)) {
      seen.push(progressOf(id)?.rowsDone ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await checking;
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await recordOf(id)).record).toMatchObject({ status: "previewed", rowsTotal: 12_000, toInsert: 12_000 });
    const { written } = await commitInBackground(db, scopes.admin, id);
    expect((await written).counts.inserted).toBe(12_000);
    expect((await recordOf(id)).record?.status).toBe("committed");
  });

  it("a confirmation refused because the data changed writes nothing and says why on the import", async () => {
    await createItem(db, { tenantId, sku: "BG-GONE", name: "Soon renamed", unitCost: 1 });
    const id = await previewImport(db, scopes.buyer, upload("sku,site,day,on_hand\nBG-GONE,WH1,2026-12-01,3\n"), "stock");
    await db
      .update(schema.items)
      .set({ sku: "BG-RENAMED" })
      .where(and(eq(schema.items.tenantId, tenantId), eq(schema.items.sku, "BG-GONE")));
    const { written } = await commitInBackground(db, scopes.buyer, id);
    await expect(written).rejects.toMatchObject({ status: 409 });
    expect((await recordOf(id, scopes.buyer)).record).toMatchObject({ status: "previewed", failure: "imports.failure.changed" });
  });

  it("imports left checking or committing by a stopped server are marked failed, interrupted, at the next start", async () => {
    const checking = await acceptUpload(db, scopes.admin, upload(rows(3)), "items");
    const committing = await previewImport(db, scopes.admin, upload("sku,name\nBG-C,Committing\n"), "items");
    await withTenant(db, scopes.admin, (tx) =>
      tx.update(schema.imports).set({ status: "committing" }).where(eq(schema.imports.id, committing)),
    );
    expect(await failInterruptedImports(db)).toBeGreaterThanOrEqual(2);
    for (const id of [checking, committing]) {
      expect((await recordOf(id)).record).toMatchObject({ status: "failed", failure: "imports.failure.interrupted" });
    }
    expect((await itemsNamed(tenantId)).some((i) => i.sku === "BG-C")).toBe(false);
  });
});

describe("a batch of rows (the API's door)", () => {
  const row = (index: number, values: Record<string, string>) => ({ row: index, values });

  it("writes a good batch at once, and the same batch again changes nothing", async () => {
    const batch = [
      row(0, { code: "API-S1", name: "Batch supplier" }),
      row(1, { code: "API-S2", name: "Second", email: "a@b.example" }),
    ];
    const dry = await applyRows(db, scopes.admin, "suppliers", batch, { dryRun: true });
    expect(dry).toEqual({ counts: { inserted: 2, updated: 0, unchanged: 0 }, problems: [], written: false });
    expect(await applyRows(db, scopes.admin, "suppliers", batch)).toMatchObject({ counts: { inserted: 2 }, written: true });
    expect(await applyRows(db, scopes.admin, "suppliers", batch)).toMatchObject({
      counts: { inserted: 0, updated: 0, unchanged: 2 },
    });
  });

  it("a batch with one bad row writes none of it and names the row's index and field", async () => {
    const result = await applyRows(db, scopes.buyer, "stock", [
      row(0, { sku: "IMP-F1", site: "WH1", day: "2026-12-02", on_hand: "5" }),
      row(1, { sku: "IMP-F1", site: "WH1", day: "2026-13-01", on_hand: "5" }),
    ]);
    expect(result.written).toBe(false);
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([[1, "day", "imports.errors.date"]]);
    const written = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from stock_snapshots where tenant_id = ${tenantId}::uuid and day = '2026-12-02'`,
      ),
    );
    expect(written).toEqual([{ n: 0 }]);
  });
});
