import { describe, expect, it } from "vitest";
import {
  annualisedTurnover,
  bandCompliance,
  dayNumber,
  daysInventoryOutstanding,
  deadStock,
  fillRate,
  holdingCost,
  inventoryTurnover,
  isoDate,
  onTimeDelivery,
} from "~/core";

describe("inventory turnover and DIO (Chopra & Meindl ch. 3 definitions)", () => {
  it("turnover = COGS ÷ average inventory; DIO = 365 ÷ turnover", () => {
    expect(inventoryTurnover({ cogs: 1_000_000, averageInventory: 250_000 })).toBe(4);
    expect(daysInventoryOutstanding({ turnover: 4 })).toBe(91.25);
    expect(daysInventoryOutstanding({ turnover: 1.5, days: 90 })).toBe(60);
    expect(daysInventoryOutstanding({ turnover: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(annualisedTurnover({ turnover: 1.5, days: 90 })).toBeCloseTo((1.5 * 365) / 90, 12);
  });

  it("rejects bad input naming the parameter", () => {
    expect(() => inventoryTurnover({ cogs: 10, averageInventory: 0 })).toThrow(/^averageInventory must be a finite number > 0/);
    expect(() => inventoryTurnover({ cogs: -1, averageInventory: 5 })).toThrow(/^cogs/);
    expect(() => daysInventoryOutstanding({ turnover: -1 })).toThrow(/^turnover/);
    expect(() => daysInventoryOutstanding({ turnover: 2, days: 0 })).toThrow(/^days/);
    expect(() => annualisedTurnover({ turnover: 2, days: -3 })).toThrow(/^days/);
  });
});

describe("holding cost, fill rate, on-time delivery, dead stock", () => {
  it("holding cost = average value × rate × days ÷ 365", () => {
    expect(holdingCost({ averageInventoryValue: 200_000, holdingRate: 0.25, days: 73 })).toBe(10000);
    expect(holdingCost({ averageInventoryValue: 1000, holdingRate: 0.2 })).toBe(200);
    expect(() => holdingCost({ averageInventoryValue: 1000, holdingRate: -0.2 })).toThrow(/^holdingRate/);
  });

  it("fill rate = received ÷ approved (over-delivery shows above 1)", () => {
    expect(fillRate({ received: 940, approved: 1000 })).toBe(0.94);
    expect(fillRate({ received: 1100, approved: 1000 })).toBe(1.1);
    expect(() => fillRate({ received: 5, approved: 0 })).toThrow(/^approved/);
  });

  it("on-time delivery with a tolerance in days", () => {
    const lines = [
      { receivedOn: "2026-03-01", agreedArrival: "2026-03-02" },
      { receivedOn: "2026-03-02", agreedArrival: "2026-03-02" },
      { receivedOn: "2026-03-04", agreedArrival: "2026-03-02" },
      { receivedOn: "2026-03-01", agreedArrival: "2026-02-27" },
    ];
    expect(onTimeDelivery(lines)).toBe(0.5);
    expect(onTimeDelivery(lines, { toleranceDays: 2 })).toBe(1);
    expect(() => onTimeDelivery([])).toThrow(/^lines must not be empty/);
    expect(() => onTimeDelivery(lines, { toleranceDays: -1 })).toThrow(/^toleranceDays/);
    expect(() => onTimeDelivery([{ receivedOn: "2026-02-30", agreedArrival: "2026-03-01" }])).toThrow(
      /^date must be a calendar date/,
    );
  });

  it("dead stock: no consumption for 180 days (or never) counts, by value", () => {
    const items = [
      { onHand: 10, unitCost: 5, daysSinceLastConsumption: 200 },
      { onHand: 30, unitCost: 5, daysSinceLastConsumption: 3 },
      { onHand: 0, unitCost: 9, daysSinceLastConsumption: null },
    ];
    expect(deadStock(items)).toEqual({ deadValue: 50, totalValue: 200, ratio: 0.25, deadItems: 1 });
    expect(deadStock([{ onHand: 4, unitCost: 1, daysSinceLastConsumption: null }])).toMatchObject({ ratio: 1, deadItems: 1 });
    expect(deadStock(items, { thresholdDays: 2 }).ratio).toBe(1);
    expect(deadStock([])).toEqual({ deadValue: 0, totalValue: 0, ratio: 0, deadItems: 0 });
    expect(() => deadStock([{ onHand: -1, unitCost: 1, daysSinceLastConsumption: 1 }])).toThrow(/^items\[0\]\.onHand/);
    expect(() => deadStock(items, { thresholdDays: 0 })).toThrow(/^thresholdDays/);
  });
});

describe("bandCompliance", () => {
  it("shares of agreement-days in band, below min, stocked out and above max", () => {
    expect(
      bandCompliance([
        { onHand: 50, min: 20, max: 100 },
        { onHand: 10, min: 20, max: 100 },
        { onHand: 0, min: 20, max: 100 },
        { onHand: 120, min: 20, max: 100 },
      ]),
    ).toEqual({ days: 4, inBand: 0.25, belowMin: 0.5, stockedOut: 0.25, aboveMax: 0.25 });
  });

  it("counts min and max themselves as in band, and an empty day with min 0 as in band AND stocked out", () => {
    expect(
      bandCompliance([
        { onHand: 20, min: 20, max: 100 },
        { onHand: 100, min: 20, max: 100 },
      ]).inBand,
    ).toBe(1);
    expect(bandCompliance([{ onHand: 0, min: 0, max: 10 }])).toMatchObject({ inBand: 1, stockedOut: 1 });
    expect(bandCompliance([{ onHand: -3, min: 0, max: 10 }])).toMatchObject({ belowMin: 1, stockedOut: 1 });
  });

  it("rejects no snapshots and invalid bands", () => {
    expect(() => bandCompliance([])).toThrow(/^snapshots must not be empty/);
    expect(() => bandCompliance([{ onHand: 1, min: 5, max: 2 }])).toThrow(/^snapshots\[0\]\.max/);
    expect(() => bandCompliance([{ onHand: Number.NaN, min: 0, max: 2 }])).toThrow(/^snapshots\[0\]\.onHand/);
  });
});

describe("dayNumber and isoDate (calendar days, no clock)", () => {
  it("converts both ways across month ends and leap days", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2026-03-01") - dayNumber("2026-02-27")).toBe(2);
    expect(dayNumber("2024-03-01") - dayNumber("2024-02-28")).toBe(2);
    expect(isoDate(dayNumber("2024-02-28") + 1)).toBe("2024-02-29");
    expect(isoDate(-1)).toBe("1969-12-31");
  });

  it("rejects malformed or impossible dates", () => {
    expect(() => dayNumber("2026-2-3")).toThrow(/^date must be a calendar date written YYYY-MM-DD/);
    expect(() => dayNumber("2025-02-29")).toThrow(/^date/);
    expect(() => isoDate(1.5)).toThrow(/^day must be an integer/);
  });
});
