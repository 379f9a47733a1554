import { describe, expect, it } from "vitest";
import type { LineReview } from "~/services/plans/review-lines";
import { expandProjection } from "~/components/plans/projection-series";
import { compactProjection, pageOfLines, readReviewQuery } from "~/services/plans/review-page";

/** The plan page's paging and filters, and the projection as the page sends it. */

const facts = (lineNo: number, over: Partial<LineReview> = {}): LineReview => ({
  lineNo,
  agreement: null,
  projection: [
    { date: "2026-12-30", without: 5, withLine: 15 },
    { date: "2026-12-31", without: 0, withLine: 10.5 },
    { date: "2027-01-01", without: 0, withLine: 6 },
  ],
  asDecided: false,
  value: 10,
  holdingCost: 1,
  daysHeld: 2,
  lowest: 6,
  highest: 15,
  stockoutDate: null,
  belowMinDate: null,
  aboveMaxDate: null,
  otherAboveMaxDate: null,
  inBand: true,
  ...over,
});

const lines = Array.from({ length: 120 }, (_, i) => ({ lineNo: i + 1, decisionCode: i === 4 ? "IQ" : i === 9 ? "IA" : null }));
const reviewed = lines.map((l) =>
  facts(l.lineNo, l.lineNo % 10 === 0 ? { stockoutDate: "2027-01-02" } : l.lineNo === 7 ? { aboveMaxDate: "2027-01-01" } : {}),
);

describe("the plan page's lines, a page at a time", () => {
  it("reads the page and the problem from the URL, anything else as page 1 of every line", () => {
    expect(readReviewQuery(new URLSearchParams("page=3&problem=stockout"))).toEqual({ page: 3, problem: "stockout" });
    for (const q of ["page=0", "page=-1", "page=1e3", "page=0x2", "page=", "problem=nope", ""]) {
      expect(readReviewQuery(new URLSearchParams(q)), q).toEqual({ page: 1, problem: null });
    }
  });

  it("pages fifty lines at a time, the last page for one past it, and counts each problem", () => {
    const first = pageOfLines(lines, reviewed, { page: 1, problem: null });
    expect(first.lines.map((l) => l.lineNo)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(first.paging).toMatchObject({ page: 1, pages: 3, total: 120, matching: 120, partial: true, decided: 2 });
    expect(first.paging.counts).toEqual({ stockout: 12, "above-max": 1, changed: 1 });
    const past = pageOfLines(lines, reviewed, { page: 7, problem: null });
    expect(past.paging.page).toBe(3);
    expect(past.lines.map((l) => l.lineNo)).toEqual(Array.from({ length: 20 }, (_, i) => i + 101));
  });

  it("filters by problem; a plan on one page is not partial", () => {
    const out = pageOfLines(lines, reviewed, { page: 1, problem: "stockout" });
    expect(out.lines.map((l) => l.lineNo)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(out.paging).toMatchObject({ pages: 1, matching: 12, partial: true, problem: "stockout" });
    expect(pageOfLines(lines, reviewed, { page: 1, problem: "changed" }).lines.map((l) => l.lineNo)).toEqual([5]);
    const small = pageOfLines(lines.slice(0, 3), reviewed.slice(0, 3), { page: 1, problem: null });
    expect(small.paging.partial).toBe(false);
  });

  it("without a review (the supplier) only the changed filter is offered", () => {
    const out = pageOfLines(lines, null, { page: 1, problem: "stockout" });
    expect(out.paging.counts).toEqual({ stockout: null, "above-max": null, changed: 1 });
    expect(out.paging.problem).toBeNull();
    expect(out.paging.matching).toBe(120);
  });
});

describe("the projection as the page sends it", () => {
  it("is the same day by day once expanded, across a year's end", () => {
    const line = facts(1);
    const sent = compactProjection(line);
    expect(sent.projection).toEqual([]);
    expect(sent.series).toEqual({ from: "2026-12-30", without: [5, 0, 0], withLine: [15, 10.5, 6] });
    expect(expandProjection(JSON.parse(JSON.stringify(sent))).projection).toEqual(line.projection);
    expect(expandProjection(compactProjection(facts(2, { projection: [] }))).projection).toEqual([]);
  });
});
