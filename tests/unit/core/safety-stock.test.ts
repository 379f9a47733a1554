import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  economicOrderQuantity,
  normalCdf,
  normalLoss,
  orderUpToLevel,
  reorderPoint,
  safetyStock,
  safetyStockForFillRate,
} from "~/core";

describe("safetyStock: SS = z·√(LT·σd² + d̄²·σLT²)", () => {
  it("Chopra & Meindl Example 12-4 (Lego): d̄ 2,500, σd 500, LT 2 weeks, CSL 0.90 → SS ≈ 906", () => {
    expect(safetyStock({ serviceLevel: 0.9, demandMean: 2500, demandSd: 500, leadTime: 2 })).toBeCloseTo(906.19380243682322, 8);
  });

  it("Chopra & Meindl Example 12-6 (Dell, uncertain lead time σLT = 7 days) → σL 17,550, SS ≈ 22,491", () => {
    const ss = safetyStock({ serviceLevel: 0.9, demandMean: 2500, demandSd: 500, leadTime: 7, leadTimeSd: 7 });
    expect(ss).toBeCloseTo(22491.13869652098, 6);
  });

  it("is 0 for a series of zeros, for a zero lead time, and never negative below a 0.5 service level", () => {
    expect(safetyStock({ serviceLevel: 0.98, demandMean: 0, demandSd: 0, leadTime: 3 })).toBe(0);
    expect(safetyStock({ serviceLevel: 0.98, demandMean: 10, demandSd: 4, leadTime: 0 })).toBe(0);
    expect(safetyStock({ serviceLevel: 0.3, demandMean: 10, demandSd: 4, leadTime: 2 })).toBe(0);
  });

  it.each([
    [{ serviceLevel: 1 }, /^serviceLevel must be strictly between 0 and 1/],
    [{ serviceLevel: 0 }, /^serviceLevel/],
    [{ serviceLevel: Number.NaN }, /^serviceLevel/],
    [{ leadTime: -1 }, /^leadTime must be a finite number ≥ 0/],
    [{ demandMean: Number.NaN }, /^demandMean/],
    [{ demandSd: -0.5 }, /^demandSd/],
    [{ leadTimeSd: Number.POSITIVE_INFINITY }, /^leadTimeSd/],
  ])("rejects %o with a RangeError naming the parameter", (patch, message) => {
    const p = { serviceLevel: 0.95, demandMean: 10, demandSd: 3, leadTime: 2, ...patch };
    expect(() => safetyStock(p)).toThrow(RangeError);
    expect(() => safetyStock(p)).toThrow(message);
  });

  const level = fc.double({ min: 0.01, max: 0.9999, noNaN: true });
  const nonNeg = (max: number) => fc.double({ min: 0, max, noNaN: true });

  it("property: never decreases as service level, lead time, lead-time sd or demand sd rises", () => {
    fc.assert(
      fc.property(
        level,
        level,
        nonNeg(1000),
        nonNeg(500),
        nonNeg(60),
        nonNeg(60),
        nonNeg(10),
        nonNeg(100),
        (s1, s2, mu, sd, lt, dlt, ltSd, dsd) => {
          const base = { serviceLevel: Math.min(s1, s2), demandMean: mu, demandSd: sd, leadTime: lt, leadTimeSd: ltSd };
          const ss = safetyStock(base);
          expect(ss).toBeGreaterThanOrEqual(0);
          expect(safetyStock({ ...base, serviceLevel: Math.max(s1, s2) })).toBeGreaterThanOrEqual(ss);
          expect(safetyStock({ ...base, leadTime: lt + dlt })).toBeGreaterThanOrEqual(ss);
          expect(safetyStock({ ...base, demandSd: sd + dsd })).toBeGreaterThanOrEqual(ss);
          expect(safetyStock({ ...base, leadTimeSd: ltSd + dlt })).toBeGreaterThanOrEqual(ss);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("safetyStockForFillRate: σL·G(k) = (1 − β)·Q", () => {
  it("Chopra & Meindl Example 12-5 (Lego): fill rate 0.975, Q 10,000 → ESC 250, SS ≈ 67", () => {
    const ss = safetyStockForFillRate({ fillRate: 0.975, demandMean: 2500, demandSd: 500, leadTime: 2, orderQuantity: 10000 });
    expect(ss).toBeCloseTo(66.69755794644287, 6);
  });

  it("reverses Chopra & Meindl Example 12-3: SS 1,000 with Q 10,000 gives fill rate 0.997487…", () => {
    const ss = safetyStockForFillRate({
      fillRate: 0.997487272916999389,
      demandMean: 2500,
      demandSd: 500,
      leadTime: 2,
      orderQuantity: 10000,
    });
    expect(ss).toBeCloseTo(1000, 6);
  });

  it("solves the loss equation exactly: σL·G(SS/σL) = (1 − β)·Q", () => {
    for (const fillRate of [0.99, 0.999, 0.99999]) {
      const p = { fillRate, demandMean: 40, demandSd: 12, leadTime: 3, leadTimeSd: 0.5, orderQuantity: 150 };
      const sigmaL = Math.sqrt(3 * 144 + 1600 * 0.25);
      const ss = safetyStockForFillRate(p);
      expect(ss).toBeGreaterThan(0);
      expect(sigmaL * normalLoss(ss / sigmaL)).toBeCloseTo((1 - fillRate) * 150, 9);
    }
  });

  it("reaches the far tail (k ≈ 36) when the tolerated shortage is tiny", () => {
    const ss = safetyStockForFillRate({ fillRate: 0.5, demandMean: 0, demandSd: 1, leadTime: 1, orderQuantity: 2e-294 });
    expect(ss).toBeGreaterThan(30);
    expect(ss).toBeLessThan(40);
    expect(normalLoss(ss) / 1e-294).toBeCloseTo(1, 6);
  });

  it("is 0 without uncertainty and when the lot alone meets the fill rate (k < 0)", () => {
    expect(safetyStockForFillRate({ fillRate: 0.99, demandMean: 10, demandSd: 0, leadTime: 2, orderQuantity: 50 })).toBe(0);
    expect(safetyStockForFillRate({ fillRate: 0.5, demandMean: 10, demandSd: 1, leadTime: 1, orderQuantity: 1000 })).toBe(0);
  });

  it("rejects a fill rate outside (0, 1) and a negative or non-finite order quantity", () => {
    const p = { fillRate: 0.95, demandMean: 10, demandSd: 2, leadTime: 1, orderQuantity: 20 };
    expect(() => safetyStockForFillRate({ ...p, fillRate: 1 })).toThrow(/^fillRate must be strictly between 0 and 1/);
    expect(() => safetyStockForFillRate({ ...p, orderQuantity: -5 })).toThrow(/^orderQuantity must be a finite number ≥ 0/);
    expect(() => safetyStockForFillRate({ ...p, orderQuantity: Number.POSITIVE_INFINITY })).toThrow(/^orderQuantity/);
    expect(() => safetyStockForFillRate({ ...p, orderQuantity: Number.NaN })).toThrow(/^orderQuantity/);
    expect(() => safetyStockForFillRate({ ...p, leadTime: -2 })).toThrow(/^leadTime/);
  });

  it("review #3: zero demand with Q = 0 is valid ({ fillRate 0.95, d̄ 0, σd 0, LT 2, Q 0 } → 0)", () => {
    expect(safetyStockForFillRate({ fillRate: 0.95, demandMean: 0, demandSd: 0, leadTime: 2, orderQuantity: 0 })).toBe(0);
    expect(safetyStockForFillRate({ fillRate: 0.95, demandMean: 10, demandSd: 3, leadTime: 0, orderQuantity: 0 })).toBe(0); // σL = 0
  });

  it("review #3: Q = 0 while lead-time demand varies has no finite answer (G(k) = 0) and is refused by name", () => {
    const p = { fillRate: 0.95, demandMean: 10, demandSd: 2, leadTime: 1, orderQuantity: 0 };
    expect(() => safetyStockForFillRate(p)).toThrow(RangeError);
    expect(() => safetyStockForFillRate(p)).toThrow(/^orderQuantity must be > 0 when lead-time demand varies \(σL = 2\)/);
  });

  it("property: never decreases as fill rate, lead time or demand sd rises, nor as Q falls", () => {
    const rate = fc.double({ min: 0.5, max: 0.99999, noNaN: true });
    fc.assert(
      fc.property(
        rate,
        rate,
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        (b1, b2, mu, sd, lt, q) => {
          const base = { fillRate: Math.min(b1, b2), demandMean: mu, demandSd: sd, leadTime: lt, orderQuantity: q };
          const ss = safetyStockForFillRate(base);
          const slack = 1e-9 * (1 + ss);
          expect(safetyStockForFillRate({ ...base, fillRate: Math.max(b1, b2) })).toBeGreaterThanOrEqual(ss - slack);
          expect(safetyStockForFillRate({ ...base, leadTime: lt * 1.5 })).toBeGreaterThanOrEqual(ss - slack);
          expect(safetyStockForFillRate({ ...base, demandSd: sd * 1.5 })).toBeGreaterThanOrEqual(ss - slack);
          expect(safetyStockForFillRate({ ...base, orderQuantity: q / 2 })).toBeGreaterThanOrEqual(ss - slack);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("reorderPoint, economicOrderQuantity, orderUpToLevel", () => {
  it("Chopra & Meindl Example 12-1: ROP = 2,500 × 2 + 1,000 = 6,000", () => {
    expect(reorderPoint({ demandMean: 2500, leadTime: 2, safetyStock: 1000 })).toBe(6000);
    expect(() => reorderPoint({ demandMean: 2500, leadTime: -2, safetyStock: 0 })).toThrow(/^leadTime/);
    expect(() => reorderPoint({ demandMean: 1, leadTime: 2, safetyStock: -1 })).toThrow(/^safetyStock/);
  });

  it("Chopra & Meindl Example 11-1 (Best Buy): D 12,000, S $4,000, H $100 → EOQ ≈ 980", () => {
    expect(economicOrderQuantity({ annualDemand: 12000, orderCost: 4000, holdingCostPerUnit: 100 })).toBeCloseTo(
      979.79589711327124,
      9,
    );
  });

  it("Nahmias, Production and Operations Analysis, pencil example: λ 3,120/yr, K $12, h $0.005 → Q* ≈ 3,870", () => {
    expect(economicOrderQuantity({ annualDemand: 3120, orderCost: 12, holdingCostPerUnit: 0.25 * 0.02 })).toBeCloseTo(
      3869.8837191833038,
      7,
    );
  });

  it("EOQ is 0 without demand and rejects a non-positive holding cost", () => {
    expect(economicOrderQuantity({ annualDemand: 0, orderCost: 50, holdingCostPerUnit: 2 })).toBe(0);
    expect(() => economicOrderQuantity({ annualDemand: 10, orderCost: 50, holdingCostPerUnit: 0 })).toThrow(
      /^holdingCostPerUnit must be a finite number > 0/,
    );
    expect(() => economicOrderQuantity({ annualDemand: -10, orderCost: 50, holdingCostPerUnit: 1 })).toThrow(/^annualDemand/);
  });

  it("Chopra & Meindl, periodic review (Lego): R 4, LT 2, CSL 0.90 → OUL ≈ 16,570", () => {
    expect(orderUpToLevel({ demandMean: 2500, demandSd: 500, reviewPeriod: 4, leadTime: 2, serviceLevel: 0.9 })).toBeCloseTo(
      16569.573707324611,
      7,
    );
  });

  it("order-up-to equals d̄·(R + LT) + SS over R + LT, and never adds a negative safety part", () => {
    const p = { demandMean: 30, demandSd: 8, reviewPeriod: 1, leadTime: 3, serviceLevel: 0.97 };
    expect(orderUpToLevel(p)).toBeCloseTo(
      30 * 4 + safetyStock({ serviceLevel: 0.97, demandMean: 30, demandSd: 8, leadTime: 4 }),
      10,
    );
    expect(orderUpToLevel({ ...p, serviceLevel: 0.2 })).toBe(120);
    expect(() => orderUpToLevel({ ...p, reviewPeriod: -1 })).toThrow(/^reviewPeriod/);
    expect(() => orderUpToLevel({ ...p, serviceLevel: 1.2 })).toThrow(/^serviceLevel/);
  });

  it("property: OUL grows with the review period and the service level", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 8, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (mu, sd, r, s) => {
          const p = { demandMean: mu, demandSd: sd, reviewPeriod: r, leadTime: 2, serviceLevel: s };
          expect(orderUpToLevel({ ...p, reviewPeriod: r + 1 })).toBeGreaterThanOrEqual(orderUpToLevel(p));
          expect(orderUpToLevel({ ...p, serviceLevel: (s + 1) / 2 })).toBeGreaterThanOrEqual(orderUpToLevel(p));
          // the safety part is z·σd·√(R + LT) with z = Φ⁻¹(s), checked through Φ: Φ(part ÷ (σd·√(R + LT))) = s
          const spread = sd * Math.sqrt(r + 2);
          // (only when the safety part is not lost in the rounding of d̄·(R + LT))
          if (spread > 1e-4 * (1 + mu * (r + 2)))
            expect(normalCdf((orderUpToLevel(p) - mu * (r + 2)) / spread)).toBeCloseTo(s, 9);
        },
      ),
    );
  });
});
