import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { getImport, listImportErrors } from "~/models/imports.server";
import { previewImport } from "~/services/imports/pipeline.server";
import {
  createAgreement,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * ERP exports with a report title, the company, a date or blank lines above the header, through
 * the pipeline as a user uploads them: the header is found where it is, and every row the user is
 * told about carries the number the spreadsheet shows, the header's own problems included.
 */

// Before anything reads the environment: the files wait in a directory of this test's own.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "vmi-imports-title-"));

let handle: DatabaseHandle;
let db: Database;
let admin: TenantScope;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  const tenantId = (await createTenant(db, { slugPrefix: "imports-title", timezone: "UTC" })).id;
  const supplierId = await createSupplier(db, { tenantId, code: "S1" });
  const locationId = await createLocation(db, { tenantId, code: "WH1" });
  await createAgreement(db, {
    tenantId,
    supplierId,
    locationId,
    item: { sku: "TR-1", name: "Hex bolt", unitCost: 1 },
    terms: { minQty: 1, maxQty: 100, leadTimeDays: 3 },
  });
  const userId = await createUser(db, { label: "imports-title-admin" });
  await createMembership(db, { tenantId, userId, role: "admin" });
  admin = { tenantId, supplierId: null, userId, role: "admin" };
});

afterAll(async () => {
  await handle?.close();
});

let fileCount = 0;
function upload(content: string | Buffer, fileName: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vmi-upload-"));
  const file = path.join(dir, `upload-${++fileCount}`);
  writeFileSync(file, content);
  return { path: file, fileName };
}

async function recordOf(importId: string) {
  return withTenant(db, admin, async (tx) => ({
    record: await getImport(tx, admin.tenantId, importId),
    errors: await listImportErrors(tx, admin.tenantId, importId),
  }));
}

/** A Kingdee 即时库存查询 export: title, print date and a blank line, then the header on row 4. */
const KINGDEE = [
  "即时库存查询,,,,",
  "打印日期：2026-12-04,,,,",
  ",,,,",
  "物料编码,物料名称,仓库,日期,现存量",
  "TR-1,六角螺栓,WH1,2026-11-30,12",
  "TR-1,六角螺栓,WH1,2026-12-01,abc",
  "NOPE,不存在,WH1,2026-12-01,3",
  "",
].join("\r\n");

describe("title rows above the header", () => {
  it("a CSV's header is found on row 4; its data rows keep their own numbers", async () => {
    const id = await previewImport(db, admin, upload(`\uFEFF${KINGDEE}`, "即时库存.csv"), "stock");
    const { record, errors } = await recordOf(id);
    expect(record).toMatchObject({
      kind: "stock",
      status: "previewed",
      rowsTotal: 3,
      toInsert: 1,
      errorRows: 2,
      source: { format: "csv", delimiter: ",", headerRow: 4, ignored: ["物料名称"] },
    });
    expect(errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
      [6, "现存量", "abc", "imports.errors.number"],
      [7, "物料编码", "NOPE", "imports.errors.unknownSku"],
    ]);
  });

  it("with no kind chosen, the headers below the title tell the kind", async () => {
    const id = await previewImport(db, admin, upload(KINGDEE, "stock.csv"));
    expect((await recordOf(id)).record).toMatchObject({ kind: "stock", rowsTotal: 3, source: { headerRow: 4 } });
  });

  it("a workbook's missing column is named as the templates write it, on the header's own row", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("库存");
    sheet.addRow(["上海某某制造有限公司"]);
    sheet.addRow(["库存报表 2026-12-04"]);
    sheet.addRow(["物料编码", "仓库", "结存数量", "备注"]);
    sheet.addRow(["TR-1", "WH1", 5, ""]);
    const id = await previewImport(db, admin, upload(Buffer.from(await workbook.xlsx.writeBuffer()), "stock.xlsx"), "stock");
    const { record, errors } = await recordOf(id);
    expect(record).toMatchObject({ rowsTotal: 0, errorRows: 1, source: { format: "xlsx", sheet: "库存", headerRow: 3 } });
    expect(errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Date / 日期",
        message: "imports.errors.missingColumn",
        params: { column: "Date / 日期" },
      }),
    ]);
  });

  it("a column named twice is named as the templates write it", async () => {
    const file = "Stock report\nsku,料号,site,date,on_hand\nTR-1,TR-1,WH1,2026-11-30,1\n";
    const id = await previewImport(db, admin, upload(file, "dup.csv"), "stock");
    const { errors } = await recordOf(id);
    expect(errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: "sku, 料号",
        message: "imports.errors.duplicateColumn",
        params: { column: "SKU / 物料编码", headers: "sku, 料号" },
      }),
    ]);
  });

  it("a file whose header is the first row records no header row", async () => {
    const id = await previewImport(db, admin, upload("sku,site,date,on_hand\nTR-1,WH1,2026-11-30,12\n", "plain.csv"), "stock");
    const { record } = await recordOf(id);
    expect(record?.source).toEqual({ format: "csv", encoding: "utf-8", delimiter: ",", ignored: [] });
  });
});
