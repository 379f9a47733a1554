import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CELL_POLICIES,
  policyFor,
  projectInventory,
  proposeReplenishment,
  recommendBand,
  roundUpToMultiple,
  safetyStock,
  safetyStockForFillRate,
  type Abc,
  type Xyz,
} from "~/core";

describe("policyFor (docs/domain.md defaults per ABC-XYZ cell)", () => {
  it.each([
    ["A", "X", 0.98, "buyer-then-manager"],
    ["A", "Y", 0.97, "buyer-then-manager"],
    ["A", "Z", 0.95, "buyer-then-manager"],
    ["B", "X", 0.95, "buyer"],
    ["B", "Y", 0.95, "buyer"],
    ["B", "Z", 0.93, "buyer"],
    ["C", "X", 0.95, "auto-if-in-band"],
    ["C", "Y", 0.95, "auto-if-in-band"],
    ["C", "Z", null, "buyer"],
  ] as const)("%s%s: service level %s, approval %s", (abc, xyz, serviceLevel, approval) => {
    expect(policyFor(abc, xyz)).toMatchObject({ cell: `${abc}${xyz}`, serviceLevel, approval });
  });

  it("reviews BZ periodically and the others continuously", () => {
    expect(policyFor("B", "Z").review).toBe("periodic");
    expect(policyFor("A", "X")).toMatchObject({ review: "continuous", strategy: "continuous-tight" });
    expect(policyFor("C", "Z").strategy).toBe("order-on-demand");
  });

  it("applies tenant overrides to one cell only, and checks them", () => {
    const settings = { cells: { BZ: { serviceLevel: 0.9, approval: "buyer-then-manager" as const } } };
    expect(policyFor("B", "Z", settings)).toMatchObject({
      serviceLevel: 0.9,
      approval: "buyer-then-manager",
      review: "periodic",
    });
    expect(policyFor("B", "Y", settings).serviceLevel).toBe(0.95);
    expect(DEFAULT_CELL_POLICIES.BZ.serviceLevel).toBe(0.93);
    expect(() => policyFor("A", "X", { cells: { AX: { serviceLevel: 1 } } })).toThrow(/^settings\.cells\.AX\.serviceLevel/);
    expect(() => policyFor("D" as Abc, "X")).toThrow(/^abc/);
    expect(() => policyFor("A", "W" as Xyz)).toThrow(/^xyz/);
  });
});

describe("roundUpToMultiple (the pack-size rule)", () => {
  it("rounds up to whole packs, ignoring floating-point noise", () => {
    expect(roundUpToMultiple(101, 12)).toBe(108);
    expect(roundUpToMultiple(96, 12)).toBe(96);
    expect(roundUpToMultiple(0, 12)).toBe(0);
    expect(roundUpToMultiple(0.1 + 0.2, 0.1)).toBeCloseTo(0.3, 12);
    expect(() => roundUpToMultiple(5, 0)).toThrow(/^step/);
    expect(() => roundUpToMultiple(-5, 1)).toThrow(/^value/);
  });
});

describe("recommendBand", () => {
  const base = {
    demandMean: 100,
    demandSd: 30,
    leadTime: 2,
    periodsPerYear: 52,
    target: { kind: "cycle" as const, serviceLevel: 0.95 },
    orderCost: 50,
    holdingCostPerUnit: 2,
    moq: 300,
    packSize: 48,
  };

  it("min = ⌈d̄·LT + SS⌉, max = min + max(EOQ, MOQ) rounded up to the pack size", () => {
    const band = recommendBand(base);
    // SS = 1.6449 × 30 × √2 = 69.79 → min ⌈269.79⌉ = 270; EOQ √(2·5200·50/2) = 509.9 → 11 packs = 528
    expect(band.safetyStock).toBeCloseTo(69.7852292206004, 9);
    expect(band.safetyFactor).toBeCloseTo(1.6448536269514722, 12);
    expect(band).toMatchObject({ min: 270, lot: 528, max: 798 });
    expect(band.eoq).toBeCloseTo(509.9019513592785, 9);
  });

  it("uses the MOQ when it exceeds the EOQ", () => {
    expect(recommendBand({ ...base, moq: 1000 })).toMatchObject({ lot: 1008, max: 1278 });
  });

  it("fill-rate target: the safety stock of safetyStockForFillRate with Q = the lot", () => {
    const band = recommendBand({ ...base, target: { kind: "fill-rate", fillRate: 0.995 } });
    expect(band.safetyStock).toBeCloseTo(
      safetyStockForFillRate({ fillRate: 0.995, demandMean: 100, demandSd: 30, leadTime: 2, orderQuantity: 528 }),
      12,
    );
    expect(band.min).toBe(Math.ceil(200 + band.safetyStock));
  });

  it("no target (CZ): no safety stock, min = lead-time demand", () => {
    expect(recommendBand({ ...base, target: { kind: "none" } })).toMatchObject({ safetyStock: 0, min: 200 });
  });

  it("periodic review: max = order-up-to level d̄·(R + LT) + z·σd·√(R + LT), but at least min + lot", () => {
    const orderUpTo = Math.ceil(600 + 1.6448536269514722 * 30 * Math.sqrt(6));
    const cheap = recommendBand({ ...base, review: "periodic", reviewPeriod: 4, orderCost: 5, moq: 0 });
    expect(cheap).toMatchObject({ min: 270, lot: 192, orderUpTo, max: orderUpTo });
    // Lot 528 (the EOQ in packs): an order placed at min would overshoot the order-up-to level 721.
    expect(recommendBand({ ...base, review: "periodic", reviewPeriod: 4 })).toMatchObject({ orderUpTo, max: 798 });
  });

  it("a free order (order cost 0, so EOQ 0) still orders at least one pack, and the fill-rate safety stock uses that lot", () => {
    const free = { ...base, orderCost: 0, moq: 0, packSize: 12 };
    expect(recommendBand(free)).toMatchObject({ eoq: 0, lot: 12, min: 270, max: 282 });
    const fillRate = recommendBand({ ...free, target: { kind: "fill-rate", fillRate: 0.99 } });
    const sigmaL = 30 * Math.SQRT2;
    expect(fillRate.safetyStock).toBeCloseTo(
      safetyStockForFillRate({ fillRate: 0.99, demandMean: 100, demandSd: 30, leadTime: 2, orderQuantity: 12 }),
      9,
    );
    expect(fillRate.safetyStock).toBeGreaterThan(2 * sigmaL);
  });

  it("a series of zeros gives a zero band (and no error with a fill-rate target)", () => {
    const zero = { ...base, demandMean: 0, demandSd: 0, moq: 0 };
    expect(recommendBand(zero)).toMatchObject({ safetyStock: 0, min: 0, max: 0, lot: 0 });
    expect(recommendBand({ ...zero, target: { kind: "fill-rate", fillRate: 0.99 } })).toMatchObject({ min: 0, max: 0 });
  });

  it("rejects invalid input naming the parameter", () => {
    expect(() => recommendBand({ ...base, leadTime: -1 })).toThrow(/^leadTime/);
    expect(() => recommendBand({ ...base, packSize: 0 })).toThrow(/^packSize/);
    expect(() => recommendBand({ ...base, target: { kind: "cycle", serviceLevel: 1.2 } })).toThrow(/^target\.serviceLevel/);
    expect(() => recommendBand({ ...base, target: { kind: "fill-rate", fillRate: 0 } })).toThrow(/^target\.fillRate/);
    expect(() => recommendBand({ ...base, review: "periodic" })).toThrow(/^reviewPeriod/);
    expect(() => recommendBand({ ...base, holdingCostPerUnit: 0 })).toThrow(/^holdingCostPerUnit/);
    // review #7: a missing target is a RangeError naming it, not a TypeError reading `.kind`
    expect(() => recommendBand({ ...base, target: undefined as never })).toThrow(RangeError);
    expect(() => recommendBand({ ...base, target: undefined as never })).toThrow(/^target must be/);
    expect(() => recommendBand({ ...base, target: null as never })).toThrow(/^target must be/);
  });

  it("property: max − min is whole packs, min covers lead-time demand plus the safety stock", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (mu, sd, lt, moq, pack, level) => {
          const band = recommendBand({
            ...base,
            demandMean: mu,
            demandSd: sd,
            leadTime: lt,
            moq,
            packSize: pack,
            target: { kind: "cycle", serviceLevel: level },
          });
          expect(Number.isInteger(band.min)).toBe(true);
          expect(band.min).toBeGreaterThanOrEqual(
            mu * lt + safetyStock({ serviceLevel: level, demandMean: mu, demandSd: sd, leadTime: lt }) - 1e-6,
          );
          expect((band.max - band.min) % pack).toBe(0);
          expect(band.max - band.min).toBeGreaterThanOrEqual(Math.max(band.eoq, moq) - 1e-6);
        },
      ),
    );
  });
});

describe("projectInventory", () => {
  it("receipts arrive before the day's demand; end-of-day stock is the snapshot", () => {
    const p = projectInventory({ onHand: 100, demand: 20, days: 7, min: 50, max: 200, receipts: [{ day: 3, quantity: 120 }] });
    expect(p).toEqual({
      onHand: [80, 60, 40, 140, 120, 100, 80],
      daysInBand: 6,
      daysBelowMin: 1,
      daysAboveMax: 0,
      daysStockedOut: 0,
      firstStockoutDay: null,
      firstBelowMinDay: 2,
      daysOfCover: 5,
      unmetDemand: 0,
    });
  });

  it("counts stockouts, lost demand and days above max; takes a per-day demand array", () => {
    const p = projectInventory({
      onHand: 30,
      demand: [10, 10, 10, 10, 0],
      min: 5,
      max: 25,
      receipts: [
        { day: 4, quantity: 40 },
        { day: 9, quantity: 5 },
      ],
    });
    expect(p.onHand).toEqual([20, 10, 0, 0, 40]);
    expect(p).toMatchObject({
      daysStockedOut: 2,
      firstStockoutDay: 2,
      daysBelowMin: 2,
      daysAboveMax: 1,
      daysInBand: 2,
      unmetDemand: 10,
      daysOfCover: 3.75,
    });
  });

  it("has infinite cover without demand and defaults to a 56-day horizon", () => {
    const p = projectInventory({ onHand: 10, demand: 0, min: 0, max: 10 });
    expect(p.onHand).toHaveLength(56);
    expect(p.daysOfCover).toBe(Number.POSITIVE_INFINITY);
  });

  it("rejects invalid input naming the parameter", () => {
    const base = { onHand: 10, demand: 1, days: 5, min: 0, max: 10 };
    expect(() => projectInventory({ ...base, onHand: -1 })).toThrow(/^onHand/);
    expect(() => projectInventory({ ...base, demand: -1 })).toThrow(/^demand must be a finite number ≥ 0/);
    expect(() => projectInventory({ ...base, demand: [1, Number.NaN], days: 2 })).toThrow(/^demand\[1\]/);
    expect(() => projectInventory({ ...base, demand: [1, 2] })).toThrow(/^demand must have a value for each of the 5 days/);
    expect(() => projectInventory({ ...base, min: 20 })).toThrow(/^max must satisfy max ≥ min/);
    expect(() => projectInventory({ ...base, receipts: [{ day: 1.5, quantity: 3 }] })).toThrow(/^receipts\[0\]\.day/);
    expect(() => projectInventory({ ...base, receipts: [{ day: 1, quantity: -3 }] })).toThrow(/^receipts\[0\]\.quantity/);
    expect(() => projectInventory({ ...base, days: -1 })).toThrow(/^days/);
  });

  it("property: with no demand and no inbound, projected stock stays flat", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 120 }), (onHand, days) => {
        const p = projectInventory({ onHand, demand: 0, days, min: 0, max: 1e6 });
        expect(p.onHand).toEqual(new Array(days).fill(onHand));
        expect(p.daysInBand + p.daysBelowMin + p.daysAboveMax).toBe(days);
      }),
    );
  });

  it("property: stock is conserved — start + receipts − end = met demand", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 59 }), quantity: fc.integer({ min: 0, max: 300 }) }), {
          maxLength: 8,
        }),
        (onHand, demand, receipts) => {
          const p = projectInventory({ onHand, demand, receipts, min: 10, max: 400 });
          const received = receipts.filter((r) => r.day < demand.length).reduce((s, r) => s + r.quantity, 0);
          const demanded = demand.reduce((s, d) => s + d, 0);
          expect(onHand + received - p.onHand[demand.length - 1]).toBe(demanded - p.unmetDemand);
          expect(p.onHand.every((v) => v >= 0)).toBe(true);
        },
      ),
    );
  });
});

describe("proposeReplenishment", () => {
  it("tops up towards max on the day stock would fall below min", () => {
    const r = proposeReplenishment({ onHand: 120, demand: 20, days: 14, min: 60, max: 200, leadTime: 2, moq: 50, packSize: 25 });
    expect(r.lines).toEqual([
      { arrivalDay: 3, shipDay: 1, quantity: 150, packs: 6, exceedsMax: false, reason: null },
      { arrivalDay: 10, shipDay: 8, quantity: 150, packs: 6, exceedsMax: false, reason: null },
    ]);
    expect(r.projection.daysBelowMin).toBe(0);
    expect(r.projection.daysAboveMax).toBe(0);
  });

  it("cannot help days before the lead time, and proposes on the first possible day", () => {
    const r = proposeReplenishment({ onHand: 10, demand: 10, days: 6, min: 20, max: 60, leadTime: 3, moq: 0, packSize: 1 });
    expect(r.lines[0]).toMatchObject({ arrivalDay: 3, shipDay: 0, quantity: 70 });
    expect(r.projection.firstStockoutDay).toBe(0);
    expect(r.projection.onHand.slice(3).every((v) => v >= 20 && v <= 60)).toBe(true);
  });

  it("goes above max only when the MOQ forces it, and says so", () => {
    const r = proposeReplenishment({ onHand: 50, demand: 10, days: 5, min: 40, max: 60, leadTime: 0, moq: 100, packSize: 10 });
    expect(r.lines[0]).toEqual({ arrivalDay: 1, shipDay: 1, quantity: 100, packs: 10, exceedsMax: true, reason: "moq" });
  });

  it("flags a pack size larger than the room in the band", () => {
    const r = proposeReplenishment({ onHand: 50, demand: 10, days: 3, min: 45, max: 55, leadTime: 0, moq: 0, packSize: 24 });
    expect(r.lines[0]).toMatchObject({ arrivalDay: 0, quantity: 24, exceedsMax: true, reason: "pack-size" });
  });

  it("counts receipts already on the way and proposes nothing when they suffice", () => {
    const r = proposeReplenishment({
      onHand: 50,
      demand: 10,
      days: 10,
      min: 20,
      max: 120,
      leadTime: 1,
      moq: 0,
      packSize: 1,
      receipts: [{ day: 3, quantity: 80 }],
    });
    expect(r.lines).toEqual([]);
  });

  it("rejects invalid input naming the parameter", () => {
    const base = { onHand: 50, demand: 10, days: 5, min: 40, max: 60, leadTime: 1, moq: 0, packSize: 5 };
    expect(() => proposeReplenishment({ ...base, leadTime: -1 })).toThrow(/^leadTime/);
    expect(() => proposeReplenishment({ ...base, moq: -1 })).toThrow(/^moq/);
    expect(() => proposeReplenishment({ ...base, packSize: 0 })).toThrow(/^packSize/);
    expect(() => proposeReplenishment({ ...base, receipts: [{ day: -1, quantity: 1 }] })).toThrow(/^receipts\[0\]\.day/);
  });

  it("review #1: onHand 100, demand 20, min 60, max 200, pack 10, 100 already due on day 4 → 100 on day 2, not 160 (days 4–6 were 260/240/220)", () => {
    const r = proposeReplenishment({
      onHand: 100,
      demand: 20,
      days: 10,
      min: 60,
      max: 200,
      leadTime: 2,
      moq: 0,
      packSize: 10,
      receipts: [{ day: 4, quantity: 100 }],
    });
    expect(r.lines).toEqual([{ arrivalDay: 2, shipDay: 0, quantity: 100, packs: 10, exceedsMax: false, reason: null }]);
    expect(r.projection.onHand).toEqual([80, 60, 140, 120, 200, 180, 160, 140, 120, 100]);
    expect(r.projection.daysAboveMax).toBe(0);
  });

  it("review #1: a later receipt that leaves no room for the smallest orderable quantity → that quantity, flagged (onHand 50, min 40, max 60, pack 10, 30 due day 2)", () => {
    // day 1 would end at 30 < 40; day 2 would be 30 − 10 + 30 = 50, so one pack (10) makes it 60 — fits;
    // with 45 due on day 2 instead, day 2 would be 65 > 60 even without the line: room < 0 → 1 pack, flagged
    const fits = proposeReplenishment({
      onHand: 50,
      demand: 10,
      days: 4,
      min: 40,
      max: 60,
      leadTime: 0,
      moq: 0,
      packSize: 10,
      receipts: [{ day: 2, quantity: 30 }],
    });
    expect(fits.lines).toEqual([{ arrivalDay: 1, shipDay: 1, quantity: 10, packs: 1, exceedsMax: false, reason: null }]);
    expect(fits.projection.onHand).toEqual([40, 40, 60, 50]);
    const tight = proposeReplenishment({
      onHand: 50,
      demand: 10,
      days: 4,
      min: 40,
      max: 60,
      leadTime: 0,
      moq: 0,
      packSize: 10,
      receipts: [{ day: 2, quantity: 45 }],
    });
    expect(tight.lines).toEqual([{ arrivalDay: 1, shipDay: 1, quantity: 10, packs: 1, exceedsMax: true, reason: "pack-size" }]);
  });

  it("review #1: a day a scheduled receipt overfills anyway is not raised further (onHand 0, demand 10, min 0, max 200, 500 due day 3)", () => {
    // day 3 ends at ≥ 490 whatever arrives on day 0; a line of q raises it only by what survives to
    // day 3, max(0, q − 30): so 30 on day 0, and on day 2 (a stockout) one pack, flagged, raising day 3 to 500
    const r = proposeReplenishment({
      onHand: 0,
      demand: 10,
      days: 5,
      min: 0,
      max: 200,
      leadTime: 0,
      moq: 0,
      packSize: 10,
      receipts: [{ day: 3, quantity: 500 }],
    });
    expect(r.lines).toEqual([
      { arrivalDay: 0, shipDay: 0, quantity: 30, packs: 3, exceedsMax: false, reason: null },
      { arrivalDay: 2, shipDay: 2, quantity: 10, packs: 1, exceedsMax: true, reason: "pack-size" },
    ]);
    expect(r.projection.onHand).toEqual([20, 10, 10, 500, 490]);
  });

  it("review #6: min 0 orders before a stockout (onHand 20, demand 10, max 50: day 1 would end at 0)", () => {
    const r = proposeReplenishment({ onHand: 20, demand: 10, days: 4, min: 0, max: 50, leadTime: 0, moq: 0, packSize: 10 });
    expect(r.lines[0]).toEqual({ arrivalDay: 1, shipDay: 1, quantity: 50, packs: 5, exceedsMax: false, reason: null });
    expect(r.projection.daysStockedOut).toBe(0);
    // no demand: ending at 0 is not a stockout to prevent
    expect(
      proposeReplenishment({ onHand: 0, demand: 0, days: 4, min: 0, max: 50, leadTime: 0, moq: 0, packSize: 10 }).lines,
    ).toEqual([]);
  });

  it("review #5: never below the MOQ (MOQ 1000.0000001, pack 1000 → 2 packs, not 1)", () => {
    const r = proposeReplenishment({
      onHand: 0,
      demand: 10,
      days: 3,
      min: 100,
      max: 1500,
      leadTime: 0,
      moq: 1000.0000001,
      packSize: 1000,
    });
    expect(r.lines[0]).toEqual({ arrivalDay: 0, shipDay: 0, quantity: 2000, packs: 2, exceedsMax: true, reason: "moq" });
    expect(roundUpToMultiple(1000.0000001, 1000)).toBe(2000);
    expect(roundUpToMultiple(0.9, 0.3)).toBeCloseTo(0.9, 12); // 0.9 / 0.3 = 3.0000000000000004: still 3 steps
    expect(roundUpToMultiple(1e300, 1e-10)).toBeGreaterThanOrEqual(1e300); // huge step counts terminate
  });

  it("review #5: a lead time with rounding noise (2.0000000000000004) counts as 2 days", () => {
    const r = proposeReplenishment({
      onHand: 30,
      demand: 10,
      days: 5,
      min: 5,
      max: 100,
      leadTime: 2.0000000000000004,
      moq: 0,
      packSize: 1,
    });
    expect(r.lines[0]).toMatchObject({ arrivalDay: 2, shipDay: 0 });
    expect(
      proposeReplenishment({ onHand: 30, demand: 10, days: 5, min: 5, max: 100, leadTime: 2.000001, moq: 0, packSize: 1 })
        .lines[0],
    ).toMatchObject({ arrivalDay: 3, shipDay: 0 });
  });

  it("property (review #8): with receipts, MOQ > 0 and varying lead times, no line lifts stock above max unless it is flagged and of the smallest orderable quantity; every other line is the largest that fits", () => {
    const stock = (onHand: number, demand: number[], receipts: { day: number; quantity: number }[], min: number, max: number) =>
      projectInventory({ onHand, demand, receipts, min, max }).onHand;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 56 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 60 }), quantity: fc.integer({ min: 1, max: 300 }) }), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 14_000 }).map((x) => x / 1000),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 48 }),
        (onHand, demand, receipts, min, width, leadTime, moq, packSize) => {
          const max = min + width;
          const r = proposeReplenishment({ onHand, demand, receipts, min, max, leadTime, moq, packSize });
          const earliest = Math.ceil(leadTime);
          const smallest = Math.max(1, Math.ceil(moq / packSize)) * packSize; // max(MOQ, pack) rounded up to the pack
          const withLines = r.projection.onHand;
          expect(withLines).toEqual(
            stock(onHand, demand, [...receipts, ...r.lines.map((l) => ({ day: l.arrivalDay, quantity: l.quantity }))], min, max),
          );
          for (let i = 0; i < r.lines.length; i++) {
            const line = r.lines[i];
            expect(line.quantity).toBeGreaterThanOrEqual(moq);
            expect(line.quantity % packSize).toBe(0);
            expect(line.packs * packSize).toBe(line.quantity);
            expect(line.arrivalDay).toBeGreaterThanOrEqual(earliest);
            expect(line.shipDay).toBe(line.arrivalDay - earliest);
            const before = [...receipts, ...r.lines.slice(0, i).map((l) => ({ day: l.arrivalDay, quantity: l.quantity }))];
            const without = stock(onHand, demand, before, min, max);
            const withThis = stock(onHand, demand, [...before, { day: line.arrivalDay, quantity: line.quantity }], min, max);
            // the line was needed: without it its arrival day ends below min, or at 0 with demand
            const end = without[line.arrivalDay];
            expect(end < min || (end <= 0 && demand[line.arrivalDay] > 0)).toBe(true);
            const lifts = (after: number[]) => after.some((v, t) => t >= line.arrivalDay && v > max && v > without[t]);
            if (line.exceedsMax) {
              expect(line.quantity).toBe(smallest);
              expect(line.reason).toBe(moq > packSize ? "moq" : "pack-size");
              expect(lifts(withThis)).toBe(true);
            } else {
              expect(line.reason).toBeNull();
              expect(lifts(withThis)).toBe(false);
              // the largest that fits: one more pack would lift a day above max
              expect(
                lifts(stock(onHand, demand, [...before, { day: line.arrivalDay, quantity: line.quantity + packSize }], min, max)),
              ).toBe(true);
            }
          }
          // every day above max is caused by stock and receipts alone or by a flagged line
          const base = stock(onHand, demand, receipts, min, max);
          for (let t = 0; t < demand.length; t++) {
            if (withLines[t] > max && withLines[t] > base[t]) {
              expect(r.lines.some((l) => l.exceedsMax && l.arrivalDay <= t)).toBe(true);
            }
          }
          // it acts on every day it can: a day from the lead time on that ends below min (or stocked
          // out with demand) has a line arriving that day
          for (let t = earliest; t < demand.length; t++) {
            if (withLines[t] < min || (withLines[t] <= 0 && demand[t] > 0)) {
              expect(r.lines.some((l) => l.arrivalDay === t)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("property: without receipts and with a whole pack always fitting in the band, stock stays ≥ min once a shipment can arrive", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 56 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 14 }),
        (onHand, demand, min, packSize, moqPacks, leadTime) => {
          // band wider than a day's demand plus the smallest orderable quantity: min is always reachable
          const moq = moqPacks * packSize;
          const max = min + 40 + Math.max(moq, packSize) + packSize;
          const r = proposeReplenishment({ onHand, demand, min, max, leadTime, moq, packSize });
          for (let d = leadTime; d < demand.length; d++) {
            expect(r.projection.onHand[d]).toBeGreaterThanOrEqual(min);
            if (demand[d] > 0) expect(r.projection.onHand[d]).toBeGreaterThan(0);
          }
          expect(r.lines.every((l) => !l.exceedsMax)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: without the MOQ forcing it and with room for a pack, proposals never push stock above max", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 56 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 12 }),
        (onHand, demand, min, packSize) => {
          const max = min + 20 + packSize; // demand ≤ 20 a day: a pack always fits between min and max
          const r = proposeReplenishment({ onHand: Math.min(onHand, max), demand, min, max, leadTime: 2, moq: 0, packSize });
          expect(r.lines.every((l) => !l.exceedsMax)).toBe(true);
          expect(r.projection.daysAboveMax).toBe(0);
        },
      ),
    );
  });
});
