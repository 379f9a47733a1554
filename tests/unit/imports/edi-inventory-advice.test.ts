import { describe, expect, it } from "vitest";
import { readInventoryAdvice, x12Date } from "~/services/imports/edi/inventory-advice";
import { readX12 } from "~/services/imports/edi/x12";
import { RETAIL_852_5010, TWO_STORES_852, WAREHOUSE_846, x12 } from "../../support/edi-interchanges";

function adviceOf(segments: string[], options: { id?: string; version?: string; separator?: string } = {}) {
  const [interchange] = readX12(
    x12({ version: options.version, separator: options.separator, sets: [{ id: options.id, control: "0001", segments }] }),
  );
  const group = interchange.groups[0];
  return readInventoryAdvice(group.transactionSets[0], group.version);
}

const brief = (rows: ReturnType<typeof adviceOf>["rows"]) =>
  rows.map((r) => [
    r.kind,
    r.lin,
    r.ids.map((i) => `${i.qualifier} ${i.id}`).join(", "),
    `${r.location.qualifier} ${r.location.id}`,
    r.day,
    r.qty,
    r.segment,
  ]);

describe("readInventoryAdvice: 852", () => {
  it("reads on hand, sales and receipts per LIN and location; the ZA's own date, else the period's end", () => {
    const advice = adviceOf(TWO_STORES_852);
    expect(brief(advice.rows)).toEqual([
      ["stock", 1, "UP 012345678905, VN AB-12", "92 WH1", "2026-11-29", 40, 7],
      ["consumption", 1, "UP 012345678905, VN AB-12", "92 WH1", "2026-11-25", 7, 8],
      ["receipts", 1, "UP 012345678905, VN AB-12", "92 WH1", "2026-11-29", 12, 9],
      ["stock", 2, "IN EDI-2", "92 WH1", "2026-11-29", 5, 11],
      ["stock", 3, "UP 012345678905", "UL 0614141000012", "2026-11-29", 11, 15],
      ["consumption", 3, "UP 012345678905", "UL 0614141000012", "2026-11-29", 2, 16],
    ]);
    expect(advice.rows[0]).toMatchObject({ unit: "EA", location: { segment: 5 }, item: { segment: 6 } });
    expect(advice.problems).toEqual([]);
  });

  it("keeps other activities (QP) as notes, not rows", () => {
    expect(adviceOf(TWO_STORES_852).notes).toEqual([{ activity: "QP", reason: "informational", lin: 2, qty: 3, segment: 12 }]);
  });

  it("reads the same rows from the one-line and CRLF forms", () => {
    const lines = adviceOf(TWO_STORES_852);
    expect(adviceOf(TWO_STORES_852, { separator: "" })).toEqual(lines);
    expect(adviceOf(TWO_STORES_852, { separator: "\r\n  " })).toEqual(lines);
  });

  it("reads 003030 dates as YYMMDD", () => {
    const advice = adviceOf(
      ["XQ*H*261123*261129", "N1*ST*STORE*92*WH1", "LIN**UP*012345678905", "ZA*QA*4*EA", "ZA*QS*1*EA*003*261124"],
      {
        version: "003030",
      },
    );
    expect(advice.rows.map((r) => [r.kind, r.day, r.qty])).toEqual([
      ["stock", "2026-11-29", 4],
      ["consumption", "2026-11-24", 1],
    ]);
  });

  it("reads SDQ location/quantity pairs of a ZA loop, past the segments between", () => {
    const advice = adviceOf(RETAIL_852_5010, { version: "005010" });
    expect(brief(advice.rows)).toEqual([
      ["consumption", 783496, "IN 990402230, UP 012345678905, UK 00012345678905", "UL 0614141000012", "2026-11-28", 3, 13],
      ["consumption", 783496, "IN 990402230, UP 012345678905, UK 00012345678905", "UL 0614141000029", "2026-11-28", 5, 13],
      ["stock", 783496, "IN 990402230, UP 012345678905, UK 00012345678905", "UL 0614141000012", "2026-11-28", 40, 15],
    ]);
    expect(advice.problems).toEqual([]);
  });

  it("names the segment and element of what it cannot read", () => {
    const advice = adviceOf([
      "XQ*H*20261123*20261199",
      "LIN*1*UP*1",
      "ZA*QA*4*EA",
      "N1*ST*STORE*92*WH1",
      "ZA*QA*x*EA",
      "ZA*QS*2*EA*003*20260231",
      "LIN*2",
      "ZA*QA*1",
    ]);
    expect(advice.rows).toEqual([]);
    expect(advice.problems.map((p) => [p.segmentId, p.segment, p.element, p.value, p.message])).toEqual([
      ["XQ", 2, 3, "20261199", "imports.edi.errors.date"],
      ["ZA", 4, null, null, "imports.edi.errors.noLocation"],
      ["ZA", 6, 2, "x", "imports.edi.errors.quantity"],
      ["ZA", 7, 5, "20260231", "imports.edi.errors.date"],
      ["LIN", 8, 3, null, "imports.edi.errors.noItemId"],
    ]);
  });

  it("refuses a transaction set other than 852 and 846", () => {
    expect(adviceOf(["BIG*20261130*INV1"], { id: "810" }).problems).toEqual([
      expect.objectContaining({ segmentId: "ST", message: "imports.edi.errors.unsupportedSet", params: { id: "810" } }),
    ]);
  });
});

describe("readInventoryAdvice: 846", () => {
  it("reads on hand (17 over 33) per LIN, dated by the LIN's DTM or the header's", () => {
    const advice = adviceOf(WAREHOUSE_846, { id: "846" });
    expect(brief(advice.rows)).toEqual([
      ["stock", 1, "SK EDI-2", "92 WH1", "2026-11-29", 20, 7],
      ["stock", 2, "VP AB-12", "92 WH1", "2026-11-27", 6, 10],
    ]);
    expect(advice.notes.map((n) => [n.activity, n.lin, n.qty])).toEqual([
      ["33", 1, 18],
      ["02", 2, 4],
    ]);
  });

  it("spreads a LIN loop's on hand over the locations its SDQ segments name, wherever they stand in the loop", () => {
    const advice = adviceOf(
      [
        "BIA*00*SI*20261130*20261130",
        "LIN**VP*AB-12*UP*012345678905",
        "CTP***335",
        "SDQ*EA*54*100*26*200*4",
        "QTY*33*30*EA",
        "LIN**SK*EDI-2",
        "QTY*33*9*EA",
        "SDQ*EA*54*100*9",
        "CTT*2",
      ],
      { id: "846" },
    );
    expect(brief(advice.rows)).toEqual([
      ["stock", 1, "VP AB-12, UP 012345678905", "54 100", "2026-11-30", 26, 5],
      ["stock", 1, "VP AB-12, UP 012345678905", "54 200", "2026-11-30", 4, 5],
      ["stock", 2, "SK EDI-2", "54 100", "2026-11-30", 9, 9],
    ]);
    expect(advice.problems).toEqual([]);
  });
});

describe("x12Date", () => {
  it("reads CCYYMMDD, and YYMMDD where the version writes it", () => {
    expect(x12Date("20261130")).toBe("2026-11-30");
    expect(x12Date("261130", true)).toBe("2026-11-30");
    expect(x12Date("261130")).toBeNull();
    expect(x12Date("20261131")).toBeNull();
  });
});
