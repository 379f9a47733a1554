import { describe, expect, it } from "vitest";
import {
  IMPORT_KINDS,
  KIND_COLUMNS,
  KIND_LABELS,
  detectKind,
  matchHeaders,
  openImportFile,
  templateCsv,
  templateXlsx,
} from "~/services/imports/read/index.server";
import { allRows, uploadsFolder } from "./support";

const upload = uploadsFolder();

describe("import templates", () => {
  it("writes the CSV header row in the user's language, UTF-8 with a byte-order mark", () => {
    expect(templateCsv("stock", "en")).toBe("\uFEFFSKU,Site code,Date,On hand\r\n");
    expect(templateCsv("stock", "zh-CN")).toBe("\uFEFF物料编码,仓库编码,日期,现存量\r\n");
    expect(templateCsv("items", "en")).toBe("\uFEFFSKU,Name,Unit of measure,Unit cost,Category,GTIN,Supplier part no.\r\n");
  });

  it.each(IMPORT_KINDS.flatMap((kind) => (["en", "zh-CN"] as const).map((language) => [kind, language] as const)))(
    "reads the %s template in %s back as its own columns, CSV and XLSX",
    async (kind, language) => {
      const headers = KIND_COLUMNS[kind].map((column) => column.header[language]);
      const csv = await openImportFile(upload(`${kind}-${language}.csv`, templateCsv(kind, language)));
      expect(csv).toMatchObject({ format: "csv", encoding: "utf-8", headers });

      const xlsx = await openImportFile(upload(`${kind}-${language}.xlsx`, await templateXlsx(kind, language)), { kind });
      expect(xlsx).toMatchObject({ format: "xlsx", sheet: KIND_LABELS[kind][language], headers });
      const match = matchHeaders(kind, xlsx.headers);
      expect(match.columns.map((column) => column.name)).toEqual(KIND_COLUMNS[kind].map((column) => column.name));
      expect(match.ignored).toEqual([]);
      expect(await allRows(xlsx, match)).toEqual([]);
    },
  );

  it("lets a filled-in Chinese template be recognised without choosing its kind", async () => {
    const csv = templateCsv("consumption", "zh-CN") + "A-1,WH1,2026/3/5,4\r\n";
    const file = await openImportFile(upload("filled.csv", csv));
    expect(detectKind(file.headers)).toBe("consumption");
    expect(await allRows(file, matchHeaders("consumption", file.headers))).toEqual([
      { row: 2, values: { sku: "A-1", site: "WH1", day: "2026/3/5", qty: "4" } },
    ]);
  });
});
