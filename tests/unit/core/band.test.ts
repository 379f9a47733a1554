import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recommendAgreementBand, recommendBand } from "~/core";

/** The cover cap and the width floors of the recommended band, and its explanation in days. */

describe("recommendBand: cover cap and width floors", () => {
  // 100 a week, σ 30, LT 2 weeks, 95 %: SS 69.8, min 270. EOQ √(2·5200·50/0.02) = 5,099 → 5,136 in packs of 48.
  const cheap = {
    demandMean: 100,
    demandSd: 30,
    leadTime: 2,
    periodsPerYear: 52,
    target: { kind: "cycle" as const, serviceLevel: 0.95 },
    orderCost: 50,
    holdingCostPerUnit: 0.02,
    packSize: 48,
  };

  it("without a cap or review period, the band is the formula's", () => {
    const band = recommendBand(cheap);
    expect(band).toMatchObject({ min: 270, lot: 5136, max: 5406, formulaMax: 5406, cap: null, capped: false, floor: null });
    expect(band.minWidth).toBe(48);
  });

  it("caps the max at maxCover periods of demand, keeping whole packs above min", () => {
    // 8 weeks of cover = 800; 800 − 270 = 530 → 11 packs of 48 = 528 → max 798.
    const band = recommendBand({ ...cheap, maxCover: 8 });
    expect(band).toMatchObject({ min: 270, max: 798, formulaMax: 5406, cap: 800, capped: true, floor: null, lot: 5136 });
  });

  it("leaves a max within the cap alone", () => {
    expect(recommendBand({ ...cheap, maxCover: 60 })).toMatchObject({ max: 5406, cap: 6000, capped: false });
  });

  it("never caps below min + one pack: a lead time longer than the cap keeps a one-pack band", () => {
    // Cap 1 week = 100 < min 270.
    const band = recommendBand({ ...cheap, maxCover: 1 });
    expect(band).toMatchObject({ min: 270, max: 318, capped: true, floor: "pack", minWidth: 48 });
  });

  it("makes the band at least one review period of demand wide, rounded up to packs", () => {
    // Lot 48 (free orders); a review every 3 weeks = 300 → 7 packs = 336.
    const free = { ...cheap, orderCost: 0 };
    expect(recommendBand(free)).toMatchObject({ lot: 48, max: 318, floor: null });
    expect(recommendBand({ ...free, reviewPeriod: 3 })).toMatchObject({
      min: 270,
      max: 606,
      minWidth: 336,
      floor: "review-period",
    });
    // A review period shorter than a pack's demand leaves the pack as the floor, already met by the lot.
    expect(recommendBand({ ...free, reviewPeriod: 0.1 })).toMatchObject({ max: 318, minWidth: 48, floor: null });
  });

  it("the review-period floor wins over the cap", () => {
    const band = recommendBand({ ...cheap, maxCover: 3, reviewPeriod: 2 });
    // Cap 300 → 270 + 0 packs; floor 200 → 5 packs = 240.
    expect(band).toMatchObject({ min: 270, max: 510, capped: true, floor: "review-period", minWidth: 240 });
  });

  it("periodic review: a one-day review no longer gives a band a unit or two wide", () => {
    // 9 a week, σ 8, LT 8 days, BZ's 93 %, reviewed daily, MOQ 1, pack 1, unit cost 50 × 25 %.
    const params = {
      demandMean: 9,
      demandSd: 8,
      leadTime: 8 / 7,
      leadTimeSd: 2.3 / 7,
      target: { kind: "cycle" as const, serviceLevel: 0.93 },
      review: "periodic" as const,
      reviewPeriod: 1 / 7,
      periodsPerYear: 52,
      orderCost: 500,
      holdingCostPerUnit: 12.5,
      moq: 1,
      packSize: 1,
    };
    const uncapped = recommendBand(params);
    expect(uncapped.orderUpTo! - uncapped.min).toBeLessThan(5);
    expect(uncapped.max).toBe(uncapped.min + uncapped.lot);
    // B's 60 days of cover: 9 × 60/7 = 77.1 → 77.
    const capped = recommendBand({ ...params, maxCover: 60 / 7 });
    expect(capped).toMatchObject({ capped: true, max: 77, floor: null });
  });

  it("no demand: the MOQ above min without a cap, a 0–0 band with one", () => {
    const none = { ...cheap, demandMean: 0, demandSd: 0, moq: 100 };
    expect(recommendBand(none)).toMatchObject({ min: 0, max: 144, minWidth: 0 });
    expect(recommendBand({ ...none, maxCover: 4, reviewPeriod: 1 })).toMatchObject({ min: 0, max: 0, capped: true, floor: null });
  });

  it("rejects a cap or a review period that is not positive", () => {
    expect(() => recommendBand({ ...cheap, maxCover: 0 })).toThrow(/^maxCover/);
    expect(() => recommendBand({ ...cheap, maxCover: Number.NaN })).toThrow(/^maxCover/);
    expect(() => recommendBand({ ...cheap, reviewPeriod: -1 })).toThrow(/^reviewPeriod/);
  });

  it("property: with demand, min + minWidth ≤ max ≤ max(cap, min + minWidth), and max − min is whole packs under continuous review", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.1, max: 52, noNaN: true }),
        fc.double({ min: 0.1, max: 8, noNaN: true }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        (mu, lt, moq, pack, cover, review, holding) => {
          const band = recommendBand({
            ...cheap,
            demandMean: mu,
            demandSd: mu / 3,
            leadTime: lt,
            moq,
            packSize: pack,
            maxCover: cover,
            reviewPeriod: review,
            holdingCostPerUnit: holding,
          });
          const tolerance = 1e-6 * Math.max(1, band.max);
          expect(band.minWidth).toBeGreaterThanOrEqual(Math.max(pack, mu * review) - tolerance);
          expect(band.max - band.min).toBeGreaterThanOrEqual(band.minWidth - tolerance);
          expect(band.max).toBeLessThanOrEqual(Math.max(mu * cover, band.min + band.minWidth) + tolerance);
          expect(band.max).toBeLessThanOrEqual(Math.max(band.formulaMax, band.min + band.minWidth) + tolerance);
          const packs = (band.max - band.min) / pack;
          expect(Math.abs(packs - Math.round(packs))).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe("recommendAgreementBand (days, with its explanation)", () => {
  const base = {
    weeklyDemand: 175,
    weeklyDemandSd: 70,
    leadTimeDays: 12,
    reviewPeriodDays: 7,
    serviceLevel: 0.95,
    orderCost: 0,
    holdingCostPerUnit: 0,
    moq: 900,
    packSize: 50,
    maxCoverDays: 60,
  };

  it("explains min as lead time × daily demand + safety stock and max as min + the order quantity", () => {
    const band = recommendAgreementBand(base);
    // SS = 1.6449 × 70 × √(12/7) = 150.75; min ⌈300 + 150.75⌉ = 451; max 451 + 900.
    expect(band).toMatchObject({ min: 451, max: 1351, eoq: 0, lot: 900 });
    expect(band.safetyStock).toBeCloseTo(150.75, 2);
    expect(band.explanation).toMatchObject({
      dailyDemand: 25,
      leadTimeDays: 12,
      leadTimeDemand: 300,
      serviceLevel: 0.95,
      review: "continuous",
      reviewPeriodDays: 7,
      reviewPeriodDemand: 175,
      orderQuantity: 900,
      eoq: null,
      orderQuantityFrom: "moq",
      orderUpTo: null,
      formulaMax: 1351,
      capDays: 60,
      cap: 1500,
      capped: false,
      minWidth: 200,
      floor: null,
    });
    expect(band.explanation.safetyStock).toBe(band.safetyStock);
  });

  it("caps a cheap item's economic lot at the class's days of cover", () => {
    // Unit cost 0.11 × 25 %: EOQ √(2 · 9,100 · 500 / 0.0275) = 18,190 → 18,200; cap 60 × 25 = 1,500.
    const band = recommendAgreementBand({ ...base, moq: 100, orderCost: 500, holdingCostPerUnit: 0.0275 });
    expect(band.eoq).toBeCloseTo(Math.sqrt((2 * 175 * 52 * 500) / 0.0275), 6);
    expect(band).toMatchObject({ min: 451, lot: 18_200, max: 1451, capped: true });
    expect(band.explanation).toMatchObject({ orderQuantityFrom: "eoq", capped: true, capDays: 60, cap: 1500, floor: null });
    expect(band.explanation.eoq).toBe(band.eoq);
  });

  it("widens a one-pack lot to a review period of demand, and names the floor", () => {
    const band = recommendAgreementBand({ ...base, moq: 0, reviewPeriodDays: 14 });
    expect(band).toMatchObject({ lot: 50, max: 451 + 350 });
    expect(band.explanation).toMatchObject({
      orderQuantityFrom: "pack",
      floor: "review-period",
      minWidth: 350,
      reviewPeriodDemand: 350,
    });
  });

  it("without a cover limit nothing is capped; without a service level there is no safety stock", () => {
    const band = recommendAgreementBand({ ...base, maxCoverDays: undefined, serviceLevel: null, leadTimeSdDays: 3 });
    expect(band).toMatchObject({ safetyStock: 0, min: 300, max: 1200 });
    expect(band.explanation).toMatchObject({ capDays: null, cap: null, capped: false, serviceLevel: null });
  });

  it("periodic review reports the order-up-to level", () => {
    const band = recommendAgreementBand({ ...base, review: "periodic", moq: 0, packSize: 1, reviewPeriodDays: 28 });
    // d̄·(R + LT) = 25 × 40 = 1,000 + 1.6449 × 70 × √(40/7) = 275.3 → 1,276; cap 1,500.
    expect(band.explanation.orderUpTo).toBe(1276);
    expect(band).toMatchObject({ max: 1276, capped: false, floor: null });
  });

  it("rejects invalid input naming the parameter", () => {
    expect(() => recommendAgreementBand({ ...base, leadTimeDays: -1 })).toThrow(/^leadTimeDays/);
    expect(() => recommendAgreementBand({ ...base, leadTimeSdDays: -1 })).toThrow(/^leadTimeSdDays/);
    expect(() => recommendAgreementBand({ ...base, reviewPeriodDays: 0 })).toThrow(/^reviewPeriodDays/);
    expect(() => recommendAgreementBand({ ...base, holdingCostPerUnit: -1 })).toThrow(/^holdingCostPerUnit/);
    expect(() => recommendAgreementBand({ ...base, maxCoverDays: 0 })).toThrow(/^maxCoverDays/);
    expect(() => recommendAgreementBand({ ...base, serviceLevel: "0.95" as never })).toThrow(/^serviceLevel/);
    expect(() => recommendAgreementBand({ ...base, serviceLevel: 1 })).toThrow(/serviceLevel/);
  });
});
