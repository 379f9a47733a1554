import { truncateSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ImportFileError, matchHeaders, openImportFile } from "~/services/imports/read/index.server";
import { allRows, encodeGb18030, uploadsFolder, utf16 } from "./support";

const upload = uploadsFolder();
const STOCK = "sku,site,date,on_hand\r\nA-1,WH1,2026-03-05,12\r\nB-2,WH1,2026/3/6,7\r\n";

async function readStock(content: string | Uint8Array) {
  const file = await openImportFile(upload("stock.csv", content), { fileName: "stock.csv" });
  return { file, rows: await allRows(file, matchHeaders("stock", file.headers)) };
}

const STOCK_ROWS = [
  { row: 2, values: { sku: "A-1", site: "WH1", day: "2026-03-05", on_hand: "12" } },
  { row: 3, values: { sku: "B-2", site: "WH1", day: "2026/3/6", on_hand: "7" } },
];

describe("CSV encodings", () => {
  it("reads UTF-8 without a byte-order mark", async () => {
    const { file, rows } = await readStock(STOCK);
    expect(file).toMatchObject({ format: "csv", encoding: "utf-8", delimiter: ",", headers: ["sku", "site", "date", "on_hand"] });
    expect(rows).toEqual(STOCK_ROWS);
  });

  it("reads UTF-8 with a byte-order mark, which stays out of the first header", async () => {
    const { file, rows } = await readStock(`\uFEFF${STOCK}`);
    expect(file.encoding).toBe("utf-8");
    expect(file.headers[0]).toBe("sku");
    expect(rows).toEqual(STOCK_ROWS);
  });

  it.each(["le", "be"] as const)("reads UTF-16 %s with its byte-order mark", async (order) => {
    const { file, rows } = await readStock(utf16("物料编码,仓库,日期,现存量\r\n甲-1,一号库,2026-03-05,12\r\n", order));
    expect(file.encoding).toBe(`utf-16${order}`);
    expect(file.headers).toEqual(["物料编码", "仓库", "日期", "现存量"]);
    expect(rows).toEqual([{ row: 2, values: { sku: "甲-1", site: "一号库", day: "2026-03-05", on_hand: "12" } }]);
  });

  it("reads GB18030 (GBK) as Chinese Excel saves CSV, detected without a mark", async () => {
    const { file, rows } = await readStock(encodeGb18030("物料编码,仓库,日期,现存量\r\n螺丝-1,上海仓,2026年3月5日,12\r\n"));
    expect(file.encoding).toBe("gb18030");
    expect(file.headers).toEqual(["物料编码", "仓库", "日期", "现存量"]);
    expect(rows).toEqual([{ row: 2, values: { sku: "螺丝-1", site: "上海仓", day: "2026年3月5日", on_hand: "12" } }]);
  });

  it("reads GB18030 whose first Chinese character comes after a long ASCII start", async () => {
    const ascii = "sku,site,date,on_hand\n" + "A,WH1,2026-03-05,1\n".repeat(20_000);
    const { file, rows } = await readStock(Buffer.concat([Buffer.from(ascii), encodeGb18030("螺丝,上海仓,2026-03-05,2\n")]));
    expect(file.encoding).toBe("gb18030");
    expect(rows.at(-1)).toEqual({ row: 20_002, values: { sku: "螺丝", site: "上海仓", day: "2026-03-05", on_hand: "2" } });
  });

  it("keeps UTF-8 when a multi-byte character straddles two read chunks", async () => {
    // 64 KiB chunks: put the three bytes of 仓 across the first boundary.
    const head = "sku,site,date,on_hand\n";
    const filler = "x".repeat(64 * 1024 - head.length - 1);
    const { file, rows } = await readStock(`${head}${filler}仓,WH1,2026-03-05,1\n`);
    expect(file.encoding).toBe("utf-8");
    expect(rows[0].values.sku).toBe(`${filler}仓`);
  });
});

describe("CSV delimiters, quotes and lines", () => {
  it.each([
    [";", 'sku;site;date;on_hand\n"A;1";WH1;2026-03-05;1,5\n', { sku: "A;1", on_hand: "1,5" }],
    ["\t", "sku\tsite\tdate\ton_hand\nA 1\tWH1\t2026-03-05\t1,234\n", { sku: "A 1", on_hand: "1,234" }],
    [",", '"sku","site","date","on_hand"\n"A,1",WH1,2026-03-05,"1,234"\n', { sku: "A,1", on_hand: "1,234" }],
  ])("detects %j from the header line", async (delimiter, content, values) => {
    const { file, rows } = await readStock(content);
    expect(file.delimiter).toBe(delimiter);
    expect(rows).toEqual([{ row: 2, values: { site: "WH1", day: "2026-03-05", ...values } }]);
  });

  it("counts a quoted cell with line breaks, quotes and delimiters as one row", async () => {
    const { rows } = await readStock(
      'sku,site,date,on_hand\n"A\nline two\r\nthree",WH1,2026-03-05,1\n"B ""quoted"", with comma",WH2,2026-03-06,2\nC,WH3,2026-03-07,3\n',
    );
    expect(rows).toEqual([
      { row: 2, values: { sku: "A\nline two\r\nthree", site: "WH1", day: "2026-03-05", on_hand: "1" } },
      { row: 3, values: { sku: 'B "quoted", with comma', site: "WH2", day: "2026-03-06", on_hand: "2" } },
      { row: 4, values: { sku: "C", site: "WH3", day: "2026-03-07", on_hand: "3" } },
    ]);
  });

  it("reads LF and CRLF alike, with or without a last line end", async () => {
    const lf = await readStock("sku,site,date,on_hand\nA,WH1,2026-03-05,1\nB,WH1,2026-03-05,2");
    const crlf = await readStock("sku,site,date,on_hand\r\nA,WH1,2026-03-05,1\r\nB,WH1,2026-03-05,2\r\n");
    expect(lf.rows).toEqual(crlf.rows);
    expect(crlf.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(crlf.rows[1].values.on_hand).toBe("2");
  });

  it("skips rows with no text but keeps their numbers; the header is the first row with text", async () => {
    const { file, rows } = await readStock("\n,,,\nsku,site,date,on_hand\nA,WH1,2026-03-05,1\n\n , ,,\nB,WH1,2026-03-05,2\n");
    expect(file.headers).toEqual(["sku", "site", "date", "on_hand"]);
    expect(rows.map((r) => [r.row, r.values.sku])).toEqual([
      [4, "A"],
      [7, "B"],
    ]);
  });

  it("trims cells, gives an empty cell as empty text, leaves out columns the file lacks", async () => {
    const file = await openImportFile(upload("items.csv", "sku,name,colour\n  A-1 , Bolt M6 ,red\nB-2\n"));
    const rows = await allRows(file, matchHeaders("items", file.headers));
    expect(rows).toEqual([
      { row: 2, values: { sku: "A-1", name: "Bolt M6" } },
      { row: 3, values: { sku: "B-2", name: "" } },
    ]);
  });

  it("refuses a quote never closed, naming the row where it opened", async () => {
    const file = await openImportFile(upload("broken.csv", 'sku,site,date,on_hand\nA,WH1,2026-03-05,1\n"B,WH1,2026-03-05,2\n'));
    const error = await allRows(file, matchHeaders("stock", file.headers)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: "unreadable", details: { row: 3 } });
  });
});

describe("files that are not tables", () => {
  it.each([
    ["empty.csv", "", "empty"],
    ["blank.csv", "\r\n ,, \r\n\r\n", "empty"],
    ["scan.pdf", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "not_a_table"],
    ["photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "not_a_table"],
    ["old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "legacy_excel"],
    ["report.xls", "<html><body><table><tr><td>sku</td></tr></table></body></html>", "not_a_table"],
    ["data.bin", Buffer.from([1, 2, 0, 4, 5, 0, 7]), "not_a_table"],
  ])("refuses %s as %s", async (name, content, code) => {
    await expect(openImportFile(upload(name, content), { fileName: name })).rejects.toMatchObject({ code });
  });
});

describe("streaming", () => {
  it("reads 200,000 rows one at a time, not the file whole", async () => {
    const lines = ["sku,site,date,on_hand"];
    for (let i = 0; i < 200_000; i++) lines.push(`SKU-${i},WH${i % 7},2026-03-05,${i}`);
    const path = upload("big.csv", `${lines.join("\n")}\n`);

    const file = await openImportFile(path);
    const match = matchHeaders("stock", file.headers);
    let count = 0;
    let last: unknown;
    for await (const row of file.rows(match)) {
      count += 1;
      last = row;
    }
    expect(count).toBe(200_000);
    expect(last).toEqual({ row: 200_001, values: { sku: "SKU-199999", site: "WH2", day: "2026-03-05", on_hand: "199999" } });

    // Cut the file once the first row is out: a reader that had taken the file whole would not notice.
    let afterCut = 0;
    for await (const _row of file.rows(match)) {
      if (afterCut === 0) truncateSync(path, 1024 * 1024);
      afterCut += 1;
    }
    expect(afterCut).toBeGreaterThan(0);
    expect(afterCut).toBeLessThan(100_000);
  });
});
