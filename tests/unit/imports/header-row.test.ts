import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  chooseHeaderRow,
  columnLabel,
  detectKind,
  headerScore,
  matchHeaders,
  openImportFile,
} from "~/services/imports/read/index.server";
import { allRows, encodeGb18030, uploadsFolder } from "./support";

const upload = uploadsFolder();

/** A Kingdee stock report as it is exported: a title, a print date and a blank line above the header. */
const KINGDEE_STOCK = [
  "即时库存查询,,,,",
  "打印日期：2026-12-04,,,,",
  ",,,,",
  "物料编码,物料名称,仓库,日期,现存量",
  "A-1,六角螺栓,WH1,2026-12-04,12",
  "B-2,垫圈,WH1,2026-12-04,7",
  "",
].join("\r\n");

describe("which row is the header", () => {
  it("scores a row by the columns it names, and only when it could be a header", () => {
    expect(headerScore(["即时库存查询", "", "", ""], "stock")).toBe(0);
    // One known word in a title ("Stock" means on hand) is not a header.
    expect(headerScore(["Stock", "2026-12"], "stock")).toBe(0);
    expect(headerScore(["物料编码", "物料名称", "仓库", "现存量"], "stock")).toBe(3);
    // Without a kind, the kind the row fits best: items finds SKU and name, stock finds three.
    expect(headerScore(["物料编码", "物料名称", "仓库", "现存量"])).toBe(3);
  });

  it("takes the first of the best rows among the first ten, else the first row", () => {
    const header = ["sku", "site", "date", "on_hand"];
    expect(chooseHeaderRow([["Stock report"], ["sku", "site"], header, header], "stock")).toBe(2);
    expect(chooseHeaderRow([["Stock report"], ["nothing", "known"]], "stock")).toBe(0);
    const titles = Array.from({ length: 10 }, (_, i) => [`title ${i}`]);
    expect(chooseHeaderRow([...titles, header], "stock")).toBe(0);
  });
});

describe("CSV with title rows above the header", () => {
  it("finds the header below a Kingdee title and keeps the spreadsheet's row numbers", async () => {
    const file = await openImportFile(upload("kingdee.csv", `\uFEFF${KINGDEE_STOCK}`), { kind: "stock" });
    expect(file).toMatchObject({ delimiter: ",", headerRow: 4, headers: ["物料编码", "物料名称", "仓库", "日期", "现存量"] });
    const match = matchHeaders("stock", file.headers);
    expect(match).toMatchObject({ missing: [], ignored: ["物料名称"] });
    expect(await allRows(file, match)).toEqual([
      { row: 5, values: { sku: "A-1", site: "WH1", day: "2026-12-04", on_hand: "12" } },
      { row: 6, values: { sku: "B-2", site: "WH1", day: "2026-12-04", on_hand: "7" } },
    ]);
  });

  it("finds it without a kind chosen, so that the headers can tell the kind", async () => {
    const file = await openImportFile(upload("kingdee-gbk.csv", encodeGb18030(KINGDEE_STOCK)));
    expect(file).toMatchObject({ encoding: "gb18030", headerRow: 4 });
    expect(detectKind(file.headers)).toBe("stock");
  });

  it("takes the delimiter from the header, not from a title holding another one or none", async () => {
    const semicolons =
      "Stock report, plant 1000\nPrinted 2026-12-04\nMaterial;Plant;Posting date;Unrestricted\nA-1;WH1;2026-12-04;1,5\n";
    const file = await openImportFile(upload("sap.csv", semicolons), { kind: "stock" });
    expect(file).toMatchObject({ delimiter: ";", headerRow: 3 });
    expect(matchHeaders("stock", file.headers).missing).toEqual(["site", "on_hand"]);

    const tabs = "Stock on hand\n\nsku\tsite\tdate\ton_hand\nA-1\tWH1\t2026-12-04\t3\n";
    const tabbed = await openImportFile(upload("tabs.csv", tabs), { kind: "stock" });
    expect(tabbed).toMatchObject({ delimiter: "\t", headerRow: 3 });
    expect(await allRows(tabbed, matchHeaders("stock", tabbed.headers))).toEqual([
      { row: 4, values: { sku: "A-1", site: "WH1", day: "2026-12-04", on_hand: "3" } },
    ]);
  });

  it("counts a title cell with line breaks as one row", async () => {
    const file = await openImportFile(upload("quoted-title.csv", '"Stock\nreport"\nsku,site,date,on_hand\nA,WH1,2026-12-04,1\n'));
    expect(file.headerRow).toBe(2);
    expect((await allRows(file, matchHeaders("stock", file.headers)))[0].row).toBe(3);
  });

  it("with no row that reads as a header, reports the missing columns against the first row", async () => {
    const file = await openImportFile(upload("unknown.csv", "Report\nfoo,bar,baz\nA,WH1,1\n"), { kind: "stock" });
    expect(file).toMatchObject({ headerRow: 1, headers: ["Report"] });
    expect(matchHeaders("stock", file.headers).missing).toEqual(["sku", "site", "day", "on_hand"]);
  });

  it("leaves a file whose header is on the first row as it was", async () => {
    const file = await openImportFile(upload("plain.csv", "sku,site,date,on_hand\nsku,site,date,on_hand\nA,WH1,2026-12-04,1\n"));
    // A second row that repeats the header does not win: the first of the best is the header.
    expect(file.headerRow).toBe(1);
  });
});

describe("XLSX with title rows above the header", () => {
  async function stockReport(name: string): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("即时库存");
    sheet.addRow(["即时库存查询"]);
    sheet.mergeCells("A1:E1");
    sheet.addRow(["公司：上海某某制造有限公司"]);
    sheet.addRow(["期间：2026-12-01 至 2026-12-04"]);
    sheet.addRow([]);
    sheet.addRow(["物料编码", "物料名称", "仓库", "日期", "现存量"]);
    sheet.addRow(["A-1", "六角螺栓", "WH1", new Date(Date.UTC(2026, 11, 4)), 12]);
    sheet.addRow(["B-2", "垫圈", "WH1", new Date(Date.UTC(2026, 11, 4)), 7.5]);
    return upload(name, Buffer.from(await workbook.xlsx.writeBuffer()));
  }

  it("finds the header on the sheet's row 5 and numbers the data rows as Excel does", async () => {
    const file = await openImportFile(await stockReport("report.xlsx"), { kind: "stock" });
    expect(file).toMatchObject({ format: "xlsx", headerRow: 5, headers: ["物料编码", "物料名称", "仓库", "日期", "现存量"] });
    expect(await allRows(file, matchHeaders("stock", file.headers))).toEqual([
      { row: 6, values: { sku: "A-1", site: "WH1", day: "2026-12-04", on_hand: "12" } },
      { row: 7, values: { sku: "B-2", site: "WH1", day: "2026-12-04", on_hand: "7.5" } },
    ]);
  });

  it("finds it without a kind chosen", async () => {
    const file = await openImportFile(await stockReport("report-any.xlsx"));
    expect(file.headerRow).toBe(5);
    expect(detectKind(file.headers)).toBe("stock");
  });

  it("with no row that reads as a header, takes the sheet's first row with text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data");
    sheet.addRow([]);
    sheet.addRow(["Report"]);
    sheet.addRow(["colour", "size"]);
    const file = await openImportFile(upload("none.xlsx", Buffer.from(await workbook.xlsx.writeBuffer())), { kind: "items" });
    expect(file).toMatchObject({ headerRow: 2, headers: ["Report"] });
    expect(matchHeaders("items", file.headers).missing).toEqual(["sku", "name"]);
  });
});

describe("column labels", () => {
  it("names a column by its template headers in both languages, once when they are the same", () => {
    expect(columnLabel("stock", "sku")).toBe("SKU / 物料编码");
    expect(columnLabel("agreements", "lead_time_days")).toBe("Lead time (days) / 提前期（天）");
    expect(columnLabel("sites", "gln")).toBe("GLN");
    expect(columnLabel("sites", "nonsense")).toBe("nonsense");
  });
});
