import { describe, expect, it } from "vitest";
import {
  agreementIndex,
  isCalendarDate,
  isWholeMultiple,
  planLineImpacts,
  projectPlanLines,
  reasonsRequired,
  smallestOrderable,
  startingOnHand,
  type PlanLineFacts,
  type PlanningContext,
} from "~/core";
import { A, agreement, B, TODAY } from "../support/planning";

// A: 100 on hand, 10 a day, band 50–200. B: 20 on hand, 10 a day: out of stock from tomorrow.
const context: PlanningContext = {
  today: TODAY,
  horizonDays: 14,
  agreements: [agreement(A), agreement(B, { onHand: 20, min: 0, max: 500, moq: 0, packSize: 10 })],
};

const fact = (line: number, agreementId: string | null, qty: number | null, arrivalDate: string | null, hasReason = false) =>
  ({ line, agreementId, qty, arrivalDate, hasReason }) satisfies PlanLineFacts;

describe("agreementIndex", () => {
  it("finds an agreement by its id in either case", () => {
    expect(agreementIndex(context).get(A.toLowerCase())?.packSize).toBe(25);
    expect(agreementIndex(context).get(B.toUpperCase().toLowerCase())?.agreementId).toBe(B);
  });
});

describe("startingOnHand", () => {
  it("starts from yesterday's snapshot, or an older one less the demand since, never below 0", () => {
    expect(startingOnHand(agreement(A), TODAY)).toBe(100);
    expect(startingOnHand(agreement(A, { onHandDay: "2026-03-07" }), TODAY)).toBe(80);
    expect(startingOnHand(agreement(A, { onHandDay: "2026-03-06" }), TODAY)).toBe(70);
    expect(startingOnHand(agreement(A, { onHandDay: "2026-01-01" }), TODAY)).toBe(0);
    expect(startingOnHand(agreement(A, { onHand: null, onHandDay: null }), TODAY)).toBe(0);
  });
});

describe("packs, MOQ and dates", () => {
  it("tells whole packs, fractional ones within the tolerance", () => {
    expect(isWholeMultiple(75, 25)).toBe(true);
    expect(isWholeMultiple(0.9, 0.3)).toBe(true);
    expect(isWholeMultiple(80, 25)).toBe(false);
  });

  it("rounds the MOQ up to whole packs, at least one pack", () => {
    expect(smallestOrderable(50, 25)).toBe(50);
    expect(smallestOrderable(60, 25)).toBe(75);
    expect(smallestOrderable(0, 10)).toBe(10);
    expect(smallestOrderable(0, 25)).toBe(25);
    expect(smallestOrderable(0.9, 0.3)).toBeCloseTo(0.9, 12);
  });

  it("knows a real calendar date written YYYY-MM-DD", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("28/02/2026")).toBe(false);
  });
});

describe("reasonsRequired", () => {
  it("asks a line that lifts stock above max for a reason, with the day and the stock", () => {
    expect(reasonsRequired([fact(1, A, 300, "2026-03-12")], context)).toEqual([
      { line: 1, code: "reason_required_above_max", params: { max: 200, date: "2026-03-12", onHand: 370 } },
    ]);
    expect(reasonsRequired([fact(1, A, 300, "2026-03-12", true)], context)).toEqual([]);
  });

  it("charges a stockout left after the plan to the agreement's last line, even one that cannot be projected", () => {
    expect(reasonsRequired([fact(1, B, 10, "2026-03-11"), fact(2, B, null, null)], context)).toEqual([
      { line: 2, code: "reason_required_stockout", params: { date: "2026-03-12" } },
    ]);
    expect(reasonsRequired([fact(1, B, 10, "2026-03-11"), fact(2, B, null, null, true)], context)).toEqual([]);
  });

  it("leaves out lines it cannot project: unknown agreement, no quantity above 0, no arrival", () => {
    expect(
      reasonsRequired(
        [fact(1, "99999999-9999-4999-8999-999999999999", 900, TODAY), fact(2, A, 0, TODAY), fact(3, A, 900, null)],
        context,
      ),
    ).toEqual([]);
  });
});

describe("projectPlanLines", () => {
  it("projects the agreement with and without its lines, and each line's effect", () => {
    const p = projectPlanLines(context, A, [fact(1, A, 50, "2026-03-12"), fact(2, B, 500, "2026-03-12")]);
    expect(p?.lines).toEqual([
      {
        line: 1,
        qty: 50,
        arrivalDate: "2026-03-12",
        pushesAboveMax: false,
        aboveMaxDate: null,
        onHandBefore: 70,
        onHandAfter: 120,
      },
    ]);
    expect(p?.dates).toHaveLength(14);
    expect(p?.startOnHand).toBe(100);
    expect(p?.stockoutDate).toBeNull();
    expect(projectPlanLines(context, "99999999-9999-4999-8999-999999999999", [])).toBeNull();
  });

  it("says when the plan still leaves a stockout", () => {
    expect(projectPlanLines(context, B, [fact(1, B, 10, "2026-03-11")])?.stockoutDate).toBe("2026-03-12");
  });
});

describe("planLineImpacts", () => {
  it("gives each line's stock on arrival, its first day above max and the stockout the plan leaves", () => {
    const impacts = planLineImpacts(
      [
        { line: 2, agreementId: A, qty: 300, arrivalDate: "2026-03-12" },
        { line: 1, agreementId: A, qty: 50, arrivalDate: "2026-03-12" },
      ],
      context,
    );
    expect(
      impacts.map(({ line, stockOnArrival, aboveMaxDate, stockoutDate, keepsInBand }) => ({
        line,
        stockOnArrival,
        aboveMaxDate,
        stockoutDate,
        keepsInBand,
      })),
    ).toEqual([
      // Line 1 adds 50 to the 370 line 2 leaves: above max on its page, but the submission checks
      // charge the overflow to the later line only.
      { line: 1, stockOnArrival: 80, aboveMaxDate: "2026-03-12", stockoutDate: null, keepsInBand: true },
      { line: 2, stockOnArrival: 80, aboveMaxDate: "2026-03-12", stockoutDate: null, keepsInBand: false },
    ]);
  });

  it("counts every other line of the agreement on both sides, later ones too", () => {
    // B: 20 on hand, 10 a day. Line 1 lands today, line 2 on day 5: line 1's chart is refilled by line 2.
    const [first, second] = planLineImpacts(
      [
        { line: 1, agreementId: B, qty: 30, arrivalDate: TODAY },
        { line: 2, agreementId: B, qty: 100, arrivalDate: "2026-03-15" },
      ],
      context,
    );
    expect(first.withLine.slice(0, 7)).toEqual([40, 30, 20, 10, 0, 90, 80]);
    expect(first.without.slice(0, 7)).toEqual([10, 0, 0, 0, 0, 90, 80]);
    expect(second.withLine).toEqual(first.withLine);
    expect(second.without.slice(0, 7)).toEqual([40, 30, 20, 10, 0, 0, 0]);
    expect(first.stockoutDate).toBe("2026-03-14");
  });
});
