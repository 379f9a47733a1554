import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { columnName, sheetName, toXlsx } from "~/utils/xlsx";

/** The parts of a workbook written by toXlsx, as text. */
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

describe("toXlsx", () => {
  const bytes = toXlsx(
    "Suppliers",
    ["SKU", "Name", "Band compliance (%)"],
    [
      ["NW-1", "Bolt <M6> & nut", 75.5],
      ['=HYPERLINK("http://evil")', "+1", -3],
      ["@SUM(A1)", "-2", null],
      ["\tTab", " padded ", Number.NaN],
    ],
  );
  const files = parts(bytes);
  const sheet = files["xl/worksheets/sheet1.xml"];

  it("is a zip with the parts a spreadsheet needs", () => {
    expect(bytes[0]).toBe(0x50); // "PK"
    expect(bytes[1]).toBe(0x4b);
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    expect(files["xl/workbook.xml"]).toContain('<sheet name="Suppliers" sheetId="1" r:id="rId1"/>');
  });

  it("writes text as inline strings and numbers as numbers, never a formula", () => {
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t>SKU</t></is></c>');
    expect(sheet).toContain('<c r="C2"><v>75.5</v></c>');
    expect(sheet).toContain('<c r="C3"><v>-3</v></c>');
    expect(sheet).toContain("<t>Bolt &lt;M6&gt; &amp; nut</t>");
    expect(sheet).not.toContain("<f>");
    // Empty and non-finite cells are left out.
    expect(sheet).not.toContain('r="C4"');
    expect(sheet).not.toContain('r="C5"');
  });

  it("marks every formula-like text cell with the quote prefix style, and no other", () => {
    for (const ref of ["A3", "B3", "A4", "B4", "A5"]) expect(sheet).toMatch(new RegExp(`<c r="${ref}" t="inlineStr" s="2">`));
    expect(sheet).toMatch(/<c r="A2" t="inlineStr"><is>/);
    expect(sheet).toMatch(/<c r="B5" t="inlineStr"><is><t xml:space="preserve"> padded <\/t>/);
    expect(files["xl/styles.xml"]).toContain('quotePrefix="1"');
    expect(sheet).toContain("<t>=HYPERLINK(&quot;http://evil&quot;)</t>");
  });

  it("freezes the header row", () => {
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it("names columns past Z and sheets as Excel accepts them", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    expect(sheetName("Q3: [draft] / review?")).toBe("Q3   draft    review");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
    expect(sheetName("")).toBe("Sheet1");
  });

  it("drops characters XML cannot hold", () => {
    const text = parts(toXlsx("S", ["a"], [["bad\u0001char\u0008s"]]))["xl/worksheets/sheet1.xml"];
    expect(text).toContain("<t>badchars</t>");
  });
});
