import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { matchHeaders, openImportFile } from "~/services/imports/read/index.server";
import { toXlsx } from "~/utils/xlsx";
import { allRows, uploadsFolder } from "./support";

const upload = uploadsFolder();

async function workbookFile(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return upload(name, Buffer.from(await workbook.xlsx.writeBuffer()));
}

function stockSheet(workbook: ExcelJS.Workbook, name: string, sku: string) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(["SKU", "Site", "Date", "On hand"]);
  sheet.addRow([sku, "WH1", "2026-03-05", 5]);
}

describe("XLSX sheets", () => {
  it("reads the sheet named after the kind, in English or Chinese, else the first", async () => {
    const path = await workbookFile("book.xlsx", (workbook) => {
      const notes = workbook.addWorksheet("Notes");
      notes.addRow(["Read me first"]);
      stockSheet(workbook, "Consumption", "FROM-CONSUMPTION");
      stockSheet(workbook, "库存", "FROM-STOCK");
    });
    const stock = await openImportFile(path, { kind: "stock" });
    expect(stock.sheet).toBe("库存");
    expect((await allRows(stock, matchHeaders("stock", stock.headers)))[0].values.sku).toBe("FROM-STOCK");

    const consumption = await openImportFile(path, { kind: "consumption" });
    expect(consumption.sheet).toBe("Consumption");

    const first = await openImportFile(path, { kind: "items" });
    expect(first.sheet).toBe("Notes");
    expect(first.headers).toEqual(["Read me first"]);
    expect(await openImportFile(path)).toMatchObject({ format: "xlsx", sheet: "Notes" });
  });

  it("skips a hidden first sheet when no sheet is named after the kind", async () => {
    const path = await workbookFile("hidden.xlsx", (workbook) => {
      workbook.addWorksheet("Lookup", { state: "hidden" }).addRow(["x"]);
      stockSheet(workbook, "Data", "A");
    });
    expect((await openImportFile(path, { kind: "stock" })).sheet).toBe("Data");
  });
});

describe("XLSX cells", () => {
  it("reads cells as the text a person sees", async () => {
    const path = await workbookFile("cells.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("stock");
      sheet.addRow([]);
      sheet.addRow(["物料编码", "仓库", "日期", "现存量", "Note"]);
      sheet.addRow([
        "A-1",
        "WH1",
        new Date(Date.UTC(2026, 2, 5)),
        1234.5,
        { richText: [{ text: "bold " }, { text: "and plain", font: { bold: true } }] },
      ]);
      sheet.addRow([]);
      sheet.addRow([
        { formula: 'CONCAT("B","-2")', result: "B-2" },
        "WH1",
        { formula: "DATE(2026,3,6)", result: new Date(Date.UTC(2026, 2, 6)) },
        { formula: "0.1+0.2", result: 0.30000000000000004 },
        true,
      ]);
      sheet.addRow(["C-3", "WH1", new Date(Date.UTC(2026, 11, 31, 23, 30)), 12345678901234567000, { error: "#N/A" }]);
      sheet.addRow(["D-4", " WH2 ", "2026/3/7", 0.0000001, 1e-7]);
      sheet.getColumn(3).numFmt = "yyyy-mm-dd";
    });
    const file = await openImportFile(path, { kind: "stock" });
    expect(file.headers).toEqual(["物料编码", "仓库", "日期", "现存量", "Note"]);
    const rows = await allRows(file, matchHeaders("stock", file.headers));
    expect(rows).toEqual([
      { row: 3, values: { sku: "A-1", site: "WH1", day: "2026-03-05", on_hand: "1234.5" } },
      { row: 5, values: { sku: "B-2", site: "WH1", day: "2026-03-06", on_hand: "0.3" } },
      { row: 6, values: { sku: "C-3", site: "WH1", day: "2026-12-31", on_hand: "12345678901234600000" } },
      { row: 7, values: { sku: "D-4", site: "WH2", day: "2026/3/7", on_hand: "0.0000001" } },
    ]);
  });

  it("flattens rich text and reads shared strings, booleans and error cells", async () => {
    const path = await workbookFile("texts.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("items");
      sheet.addRow(["sku", "name", "category", "gtin"]);
      sheet.addRow(["A", { richText: [{ text: "Bolt " }, { text: "M6", font: { bold: true } }] }, true, { error: "#N/A" }]);
      sheet.addRow(["A", "Bolt M6", false, 4006381333931]);
    });
    const file = await openImportFile(path);
    expect(await allRows(file, matchHeaders("items", file.headers))).toEqual([
      { row: 2, values: { sku: "A", name: "Bolt M6", category: "TRUE", gtin: "#N/A" } },
      { row: 3, values: { sku: "A", name: "Bolt M6", category: "FALSE", gtin: "4006381333931" } },
    ]);
  });

  it("reads a workbook with inline strings and no shared strings, as the portal's own exports write", async () => {
    const path = upload("inline.xlsx", toXlsx("stock", ["sku", "site", "date", "on_hand"], [["A", "WH1", "2026-03-05", 3]]));
    const file = await openImportFile(path, { kind: "stock" });
    expect(await allRows(file, matchHeaders("stock", file.headers))).toEqual([
      { row: 2, values: { sku: "A", site: "WH1", day: "2026-03-05", on_hand: "3" } },
    ]);
  });

  // exceljs writes sheets before the shared strings, as Excel does, and the reader parks them in
  // temporary files; with the shared strings first it reads each sheet straight from the zip.
  it.each(["sheets first", "shared strings first"])("stops early and reads again, %s", async (order) => {
    const path = await workbookFile(`many-${order}.xlsx`, (workbook) => {
      const sheet = workbook.addWorksheet("stock");
      sheet.addRow(["sku", "site", "date", "on_hand"]);
      for (let i = 0; i < 2000; i++) sheet.addRow([`S${i}`, "WH1", "2026-03-05", i]);
      workbook.addWorksheet("other").addRow(["x"]);
    });
    if (order === "shared strings first") {
      const parts = unzipSync(readFileSync(path));
      const first = [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
      ];
      const names = [...first, ...Object.keys(parts).filter((name) => !first.includes(name) && !name.endsWith("/"))];
      writeFileSync(path, zipSync(Object.fromEntries(names.map((name) => [name, parts[name]]))));
    }
    const file = await openImportFile(path, { kind: "stock" });
    const match = matchHeaders("stock", file.headers);
    const firstRows: number[] = [];
    for await (const row of file.rows(match)) {
      firstRows.push(row.row);
      if (firstRows.length === 3) break;
    }
    expect(firstRows).toEqual([2, 3, 4]);
    const rows = await allRows(file, match);
    expect(rows.length).toBe(2000);
    expect(rows.at(-1)).toEqual({ row: 2001, values: { sku: "S1999", site: "WH1", day: "2026-03-05", on_hand: "1999" } });
  });
});

describe("zip bombs", () => {
  const WORKBOOK = strToU8(
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1"/></sheets></workbook>',
  );
  const bomb = () =>
    zipSync({ "xl/workbook.xml": WORKBOOK, "xl/worksheets/sheet1.xml": new Uint8Array(8 * 1024 * 1024) }, { level: 9 });

  it("refuses a workbook whose directory declares more than the limit, before inflating it", async () => {
    const zip = bomb();
    expect(zip.length).toBeLessThan(64 * 1024);
    await expect(openImportFile(upload("bomb.xlsx", zip), { maxUnzippedBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: "too_large_unzipped",
      details: { limit: 1024 * 1024 },
    });
  });

  it("refuses it too when the directory lies about the sizes", async () => {
    const zip = Buffer.from(bomb());
    // Rewrite the declared size of every entry, in the local headers and the central directory, to 100 bytes.
    for (let at = 0; at < zip.length - 4; at++) {
      const signature = zip.readUInt32LE(at);
      if (signature === 0x04034b50) zip.writeUInt32LE(100, at + 22);
      if (signature === 0x02014b50) zip.writeUInt32LE(100, at + 24);
    }
    await expect(openImportFile(upload("liar.xlsx", zip), { maxUnzippedBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: "too_large_unzipped",
    });
  });

  it("refuses a zip that holds no workbook, and a damaged one", async () => {
    const notWorkbook = zipSync({ "word/document.xml": strToU8("<w/>") });
    await expect(openImportFile(upload("letter.docx", notWorkbook))).rejects.toMatchObject({ code: "not_a_table" });
    const damaged = Buffer.from(bomb()).subarray(0, 2000);
    await expect(openImportFile(upload("cut.xlsx", damaged))).rejects.toMatchObject({ code: "unreadable" });
  });
});
