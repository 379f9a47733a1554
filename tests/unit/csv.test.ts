import { describe, expect, it } from "vitest";
import { csvFileName, inertCell, toCsv } from "~/utils/csv";

describe("CSV export", () => {
  it("makes cells that a spreadsheet would run as a formula inert: = + - @ tab CR", () => {
    for (const risky of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      expect(inertCell(risky)).toBe(`'${risky}`);
    }
    expect(inertCell("NW-1001")).toBe("NW-1001");
    expect(inertCell("a=b")).toBe("a=b");
  });

  it("quotes commas, quotes and line breaks, keeps numbers numeric, ends lines with CRLF and starts with a BOM", () => {
    const csv = toCsv(
      ["SKU", "Name", "Qty"],
      [
        ["NW-1", 'Bolt, 6 mm "hex"', 12.5],
        ["=cmd|' /C calc'!A0", "line\nbreak", -3],
        ["CT-2", null, null],
      ],
    );
    expect(csv).toBe(
      '\uFEFFSKU,Name,Qty\r\nNW-1,"Bolt, 6 mm ""hex""",12.5\r\n\'=cmd|\' /C calc\'!A0,"line\nbreak",-3\r\nCT-2,,\r\n',
    );
  });

  it("names files safely", () => {
    expect(csvFileName("inventory acme/北京", "2026-11-22")).toBe("inventory-acme-2026-11-22.csv");
  });
});
