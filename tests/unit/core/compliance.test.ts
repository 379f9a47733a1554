import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_DELIVERY_TOTALS,
  EMPTY_STOCK_TOTALS,
  NO_DECISIONS,
  addStockTotals,
  complianceKpis,
  isoWeekStart,
  percentile,
  resolveCompliancePeriods,
} from "~/core";

describe("isoWeekStart", () => {
  it("gives the Monday of the ISO week", () => {
    expect(isoWeekStart("2026-11-22")).toBe("2026-11-16"); // a Sunday
    expect(isoWeekStart("2026-11-16")).toBe("2026-11-16"); // a Monday
    expect(isoWeekStart("2027-01-01")).toBe("2026-12-28"); // ISO week 2026-W53
    expect(isoWeekStart("1970-01-01")).toBe("1969-12-29");
  });
});

describe("percentile (type 7, as R's quantile and Excel's PERCENTILE.INC)", () => {
  it("interpolates between closest ranks", () => {
    // R: quantile(c(1, 2, 3, 4), c(0.5, 0.9)) → 2.5, 3.7
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 1)).toBe(3);
  });

  it("refuses no values, a p outside [0, 1] and non-finite values", () => {
    expect(() => percentile([], 0.5)).toThrow(/values must not be empty/);
    expect(() => percentile([1], 1.5)).toThrow(/p must be between 0 and 1/);
    expect(() => percentile([1, Number.NaN], 0.5)).toThrow(/values\[1\]/);
  });

  it("lies between the smallest and largest value and grows with p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const q = percentile(values, p);
          expect(q).toBeGreaterThanOrEqual(Math.min(...values));
          expect(q).toBeLessThanOrEqual(Math.max(...values));
          expect(percentile(values, Math.min(1, p + 0.1))).toBeGreaterThanOrEqual(q);
        },
      ),
    );
  });
});

describe("resolveCompliancePeriods", () => {
  it("a preset is the last N ISO weeks ending with the week of as-of, the previous the N before", () => {
    // 2026-11-21 is a Saturday: its week is 16–22 Nov and has facts up to the 21st.
    const { current, previous } = resolveCompliancePeriods({ preset: 4 }, "2026-11-21");
    expect(current).toMatchObject({ from: "2026-10-26", to: "2026-11-22", weeks: 4, days: 27, lastDay: "2026-11-21" });
    expect(current.weekStarts).toEqual(["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]);
    expect(previous).toMatchObject({ from: "2026-09-28", to: "2026-10-25", weeks: 4, days: 28, lastDay: "2026-10-25" });
  });

  it("custom dates widen to whole weeks and stop at as-of", () => {
    const { current, previous } = resolveCompliancePeriods({ from: "2026-03-04", to: "2026-03-18" }, "2026-11-21");
    expect(current).toMatchObject({ from: "2026-03-02", to: "2026-03-22", weeks: 3, days: 21 });
    expect(previous).toMatchObject({ from: "2026-02-09", to: "2026-03-01", weeks: 3 });
    const late = resolveCompliancePeriods({ from: "2026-11-10", to: "2026-12-31" }, "2026-11-21").current;
    expect(late).toMatchObject({ from: "2026-11-09", to: "2026-11-22", weeks: 2, days: 13, lastDay: "2026-11-21" });
  });

  it("refuses reversed dates, a start after as-of and more than 104 weeks", () => {
    expect(() => resolveCompliancePeriods({ from: "2026-03-18", to: "2026-03-04" }, "2026-11-21")).toThrow(
      /from must not be after to/,
    );
    expect(() => resolveCompliancePeriods({ from: "2026-11-25", to: "2026-11-30" }, "2026-11-21")).toThrow(
      /from must not be after 2026-11-21/,
    );
    expect(() => resolveCompliancePeriods({ from: "2020-01-01", to: "2026-11-21" }, "2026-11-21")).toThrow(/at most 104 weeks/);
    expect(() => resolveCompliancePeriods({ preset: 5 as 4 }, "2026-11-21")).toThrow(/preset must be 4, 13 or 52/);
  });
});

/** What the database's percentile_cont gives over these decision times (the core's percentile). */
const decisionsOf = (hours: number[]) => ({
  count: hours.length,
  medianHours: percentile(hours, 0.5),
  p90Hours: percentile(hours, 0.9),
});

describe("complianceKpis", () => {
  // Two agreements over a 14-day period, worked by hand:
  // A: 14 snapshots: 10 in band, 3 below min (1 of them at 0), 1 above max; value 100 a day;
  //    consumed 700 (at cost). B: 14 snapshots: 7 in band, 7 above max; value 300 a day; consumed 0.
  const stock = {
    snapshotDays: 28,
    inBandDays: 17,
    belowMinDays: 3,
    stockoutDays: 1,
    aboveMaxDays: 8,
    stockValueDays: 14 * 100 + 14 * 300,
    consumptionValue: 700,
    closeValue: 400,
    deadCloseValue: 300,
  };
  // Five receipts, four on time; 950 received of 1,000 approved. Decisions after 2, 4, 10 and 30 hours.
  const delivery = { receivedLines: 5, onTimeLines: 4, receivedQty: 950, approvedQty: 1000 };

  it("computes every KPI as docs/domain.md defines it", () => {
    const kpis = complianceKpis({ stock, delivery, decisions: decisionsOf([30, 2, 10, 4]), days: 14, holdingRate: 0.25 });
    expect(kpis.bandCompliance).toBeCloseTo(17 / 28, 12);
    expect(kpis.belowMinShare).toBeCloseTo(3 / 28, 12);
    expect(kpis.stockoutRate).toBeCloseTo(1 / 28, 12);
    expect(kpis.aboveMaxShare).toBeCloseTo(8 / 28, 12);
    expect(kpis.onTimeDelivery).toBe(0.8);
    expect(kpis.fillRate).toBe(0.95);
    // Average inventory value = 5,600 ÷ 14 days = 400; turnover = 700 ÷ 400 = 1.75 in 14 days.
    expect(kpis.averageInventoryValue).toBe(400);
    expect(kpis.annualisedTurnover).toBeCloseTo((1.75 * 365) / 14, 10); // 45.625
    expect(kpis.dio).toBeCloseTo(14 / 1.75, 10); // 8 days
    expect(kpis.deadStockRatio).toBe(0.75);
    // 400 × 25 % × 14 ÷ 365
    expect(kpis.holdingCost).toBeCloseTo((400 * 0.25 * 14) / 365, 10);
    // Sorted 2, 4, 10, 30: median 7; p90 at rank 2.7 → 10 + 0.7 × 20 = 24.
    expect(kpis.decisionMedianHours).toBe(7);
    expect(kpis.decisionP90Hours).toBeCloseTo(24, 10);
  });

  it("is null where there is nothing to measure", () => {
    const kpis = complianceKpis({
      stock: EMPTY_STOCK_TOTALS,
      delivery: EMPTY_DELIVERY_TOTALS,
      decisions: NO_DECISIONS,
      days: 7,
      holdingRate: 0.2,
    });
    expect(kpis).toEqual({
      bandCompliance: null,
      belowMinShare: null,
      stockoutRate: null,
      aboveMaxShare: null,
      onTimeDelivery: null,
      fillRate: null,
      averageInventoryValue: 0,
      annualisedTurnover: null,
      dio: null,
      deadStockRatio: null,
      holdingCost: 0,
      decisionMedianHours: null,
      decisionP90Hours: null,
    });
    // Stock that never moves: turnover 0, DIO unbounded (null).
    const idle = complianceKpis({
      stock: { ...stock, consumptionValue: 0 },
      delivery,
      decisions: NO_DECISIONS,
      days: 14,
      holdingRate: 0.2,
    });
    expect(idle.annualisedTurnover).toBe(0);
    expect(idle.dio).toBeNull();
  });

  it("refuses negative totals and a period without days", () => {
    expect(() =>
      complianceKpis({ stock: { ...stock, inBandDays: -1 }, delivery, decisions: NO_DECISIONS, days: 14, holdingRate: 0.2 }),
    ).toThrow("stock.inBandDays must be a finite number ≥ 0 (got -1)");
    expect(() => complianceKpis({ stock, delivery, decisions: NO_DECISIONS, days: 0, holdingRate: 0.2 })).toThrow(
      "days must be a finite number > 0 (got 0)",
    );
  });

  it("sums of totals give the KPIs of the whole (shares weighted by agreement-days)", () => {
    const whole = addStockTotals(stock, { ...stock, inBandDays: 28, belowMinDays: 0, stockoutDays: 0, aboveMaxDays: 0 });
    expect(
      complianceKpis({ stock: whole, delivery, decisions: NO_DECISIONS, days: 14, holdingRate: 0 }).bandCompliance,
    ).toBeCloseTo(45 / 56, 12);
  });
});
