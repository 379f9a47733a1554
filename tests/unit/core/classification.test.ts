import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAbc, classifyXyz, demandPattern } from "~/core";

/** Any positive factor: a currency rate or unit conversion, not only powers of two. */
const factor = fc.double({ min: 1e-3, max: 1e3, noNaN: true, noDefaultInfinity: true });

describe("classifyAbc", () => {
  const items = [
    { id: "NW-3", annualValue: 60 },
    { id: "NW-1", annualValue: 700 },
    { id: "NW-4", annualValue: 40 },
    { id: "NW-2", annualValue: 200 },
  ];

  it("published ABC worked example (16 items, usage $94,130; smartsolve.ai): cumulative shares 25.5, 42.5, 58.4, 67.0, 73.3, 79.2, 84.8, 90.0 … 100 % (±0.1)", () => {
    const usage: Record<string, number> = {
      K34: 2000,
      K35: 15000,
      P05: 8000,
      F14: 6000,
      D45: 5500,
      K36: 5400,
      D57: 4800,
      F95: 24000,
      M20: 1600,
      D52: 1650,
      F99: 1200,
      N08: 1200,
      D48: 1080,
      M10: 400,
      P09: 300,
      Z45: 16000,
    };
    const result = classifyAbc(Object.entries(usage).map(([id, annualValue]) => ({ id, annualValue })));
    expect(result.map((r) => r.id)).toEqual([
      "F95",
      "Z45",
      "K35",
      "P05",
      "F14",
      "D45",
      "K36",
      "D57",
      "K34",
      "D52",
      "M20",
      "F99",
      "N08",
      "D48",
      "M10",
      "P09",
    ]);
    // The source prints shares to 0.1 % with some rounded up (74,500 / 94,130 = 79.15 % shows as
    // 79.2), so each must agree within 0.1 percentage point.
    const published = [25.5, 42.5, 58.4, 67.0, 73.3, 79.2, 84.8, 90.0, 92.2, 93.9, 95.6, 96.9, 98.2, 99.3, 99.7, 100];
    result.forEach((r, i) => expect(Math.abs(r.cumulativeShare * 100 - published[i])).toBeLessThanOrEqual(0.1 + 1e-9));
    // docs/domain.md's rule on the share of the items ranked above: A below 80 %, B below 95 %.
    expect(result.map((r) => r.abc).join("")).toBe("AAAAAAABBBBCCCCC");
  });

  it("ranks by value and classes by the share ABOVE each item (the item crossing 80 % is A)", () => {
    expect(classifyAbc(items)).toEqual([
      { id: "NW-1", abc: "A", rank: 1, share: 0.7, cumulativeShare: 0.7 },
      { id: "NW-2", abc: "A", rank: 2, share: 0.2, cumulativeShare: 0.9 },
      { id: "NW-3", abc: "B", rank: 3, share: 0.06, cumulativeShare: 0.96 },
      { id: "NW-4", abc: "C", rank: 4, share: 0.04, cumulativeShare: 1 },
    ]);
  });

  it("an item whose items-above share is exactly the cut-off falls in the next class", () => {
    const r = classifyAbc([
      { id: "a", annualValue: 80 },
      { id: "b", annualValue: 15 },
      { id: "c", annualValue: 5 },
    ]);
    expect(r.map((x) => x.abc)).toEqual(["A", "B", "C"]);
  });

  it("breaks value ties by id and makes zero-value items C", () => {
    const r = classifyAbc([
      { id: "B", annualValue: 10 },
      { id: "A", annualValue: 10 },
      { id: "Z", annualValue: 0 },
    ]);
    expect(r.map((x) => [x.id, x.abc, x.rank])).toEqual([
      ["A", "A", 1],
      ["B", "A", 2],
      ["Z", "C", 3],
    ]);
  });

  it("makes the top item A even when it alone exceeds every cut-off, and all zero items C", () => {
    expect(classifyAbc([{ id: "x", annualValue: 1 }])[0].abc).toBe("A");
    expect(
      classifyAbc([
        { id: "x", annualValue: 0 },
        { id: "y", annualValue: 0 },
      ]).map((r) => r.abc),
    ).toEqual(["C", "C"]);
    expect(classifyAbc([])).toEqual([]);
  });

  it("honours custom cut-offs", () => {
    const r = classifyAbc(items, { a: 0.5, b: 0.75 }); // above-shares 0, 0.7, 0.9, 0.96
    expect(r.map((x) => x.abc)).toEqual(["A", "B", "C", "C"]);
  });

  it("rejects negative or non-finite values, duplicate ids and bad cut-offs", () => {
    expect(() => classifyAbc([{ id: "a", annualValue: -1 }])).toThrow(/^items\[0\]\.annualValue must be a finite number ≥ 0/);
    expect(() => classifyAbc([{ id: "a", annualValue: Number.NaN }])).toThrow(RangeError);
    expect(() =>
      classifyAbc([
        { id: "a", annualValue: 1 },
        { id: "a", annualValue: 2 },
      ]),
    ).toThrow(/^items\[1\]\.id must be unique/);
    expect(() => classifyAbc(items, { a: 0.9, b: 0.8 })).toThrow(/^cutoffs/);
    expect(() => classifyAbc(items, { a: 0, b: 0.8 })).toThrow(/^cutoffs/);
  });

  it("review #4: [0.4, 0.4, 0.14, 0.06] × 7 stays A A B B (share above the third is 0.7999999999999999)", () => {
    const values = [0.4, 0.4, 0.14, 0.06];
    const classes = (k: number) => classifyAbc(values.map((v, i) => ({ id: `i${i}`, annualValue: v * k }))).map((x) => x.abc);
    expect(classes(1)).toEqual(["A", "A", "B", "B"]);
    expect(classes(7)).toEqual(["A", "A", "B", "B"]);
  });

  const abcItems = fc.uniqueArray(
    fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), annualValue: fc.integer({ min: 0, max: 1_000_000 }) }),
    { selector: (i) => i.id, maxLength: 60 },
  );

  it("property: classes cover every item exactly once and respect rank order", () => {
    fc.assert(
      fc.property(abcItems, (list) => {
        const r = classifyAbc(list);
        expect(r.map((x) => x.id).sort()).toEqual(list.map((x) => x.id).sort());
        expect(r.map((x) => x.rank)).toEqual(list.map((_, i) => i + 1));
        const value = new Map(list.map((x) => [x.id, x.annualValue]));
        for (let i = 1; i < r.length; i++) {
          expect(value.get(r[i - 1].id)!).toBeGreaterThanOrEqual(value.get(r[i].id)!);
          expect(r[i - 1].abc <= r[i].abc).toBe(true); // "A" < "B" < "C": never a better class lower down
        }
        if (r.length > 0 && r[0].share > 0) expect(r[0].abc).toBe("A");
        if (r.length > 0 && r[0].share > 0) expect(r[r.length - 1].cumulativeShare).toBeCloseTo(1, 12);
      }),
    );
  });

  // Values in cents (not integers) and any positive factor (a currency rate, not a power of two):
  // distinct cents stay distinct when scaled, so the ranking cannot change, only rounding can.
  const centItems = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      annualValue: fc.integer({ min: 0, max: 100_000_000 }).map((c) => c / 100),
    }),
    { selector: (i) => i.id, maxLength: 60 },
  );

  it("property: scaling every value by a positive factor keeps every class", () => {
    fc.assert(
      fc.property(centItems, factor, (list, k) => {
        const before = classifyAbc(list);
        const after = classifyAbc(list.map((x) => ({ id: x.id, annualValue: x.annualValue * k })));
        expect(after.map((x) => [x.id, x.abc])).toEqual(before.map((x) => [x.id, x.abc]));
      }),
    );
  });
});

describe("classifyXyz (CV = population sd ÷ mean)", () => {
  it("classes by CV with ≤ at the cut-offs", () => {
    expect(classifyXyz([10, 12, 8, 10])).toEqual({ xyz: "X", cv: Math.SQRT2 / 10 });
    // [0, 2]: mean 1, sd 1 → CV 1 → Y (≤ 1.0)
    expect(classifyXyz([0, 2])).toEqual({ xyz: "Y", cv: 1 });
    // [1, 3]: mean 2, sd 1 → CV 0.5 → X (≤ 0.5)
    expect(classifyXyz([1, 3])).toEqual({ xyz: "X", cv: 0.5 });
    expect(classifyXyz([0, 0, 30, 0]).xyz).toBe("Z");
    expect(classifyXyz([0, 0, 30, 0]).cv).toBeCloseTo(Math.sqrt(3), 14);
  });

  it("makes a zero-mean series Z and a constant one X", () => {
    expect(classifyXyz([0, 0, 0])).toEqual({ xyz: "Z", cv: Number.POSITIVE_INFINITY });
    expect(classifyXyz([7, 7, 7]).xyz).toBe("X");
  });

  it("honours custom cut-offs", () => {
    expect(classifyXyz([1, 3], { x: 0.4, y: 0.6 }).xyz).toBe("Y");
  });

  it("rejects an empty series, negative or NaN demand and bad cut-offs", () => {
    expect(() => classifyXyz([])).toThrow(/^series must not be empty/);
    expect(() => classifyXyz([1, -2])).toThrow(/^series\[1\] must be a finite number ≥ 0/);
    expect(() => classifyXyz([1, Number.NaN])).toThrow(RangeError);
    expect(() => classifyXyz([1, 2], { x: 1, y: 0.5 })).toThrow(/^cutoffs/);
  });

  it("review #4: a CV on the cut-off up to rounding is on it ([0.1, 0.3]: CV 0.5000000000000001 → X)", () => {
    expect(classifyXyz([0.1, 0.3]).xyz).toBe("X");
    expect(classifyXyz([0.7, 2.1]).xyz).toBe("X"); // CV 0.49999999999999994
  });

  it("property: scaling a series of non-integer values by any positive factor keeps the class (and the CV to 1e-12)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 50_000 }).map((c) => c / 100),
          { minLength: 1, maxLength: 52 },
        ),
        factor,
        (s, k) => {
          const before = classifyXyz(s);
          const after = classifyXyz(s.map((v) => v * k));
          expect(after.xyz).toBe(before.xyz);
          if (Number.isFinite(before.cv))
            expect(Math.abs(after.cv - before.cv)).toBeLessThanOrEqual(1e-12 * Math.max(1, before.cv));
          else expect(after.cv).toBe(Number.POSITIVE_INFINITY);
        },
      ),
    );
  });
});

describe("demandPattern (Syntetos, Boylan & Croston 2005)", () => {
  it("classifies the four quadrants and 'none'", () => {
    expect(demandPattern([9, 11, 10, 10])).toEqual({ pattern: "smooth", adi: 1, cv2: 0.005 });
    expect(demandPattern([1, 20, 1, 20]).pattern).toBe("erratic"); // CV² = (9.5/10.5)² = 0.82
    expect(demandPattern([0, 5, 0, 0, 5, 0])).toEqual({ pattern: "intermittent", adi: 3, cv2: 0 });
    expect(demandPattern([0, 1, 0, 0, 30, 0]).pattern).toBe("lumpy");
    expect(demandPattern([0, 0, 0])).toEqual({ pattern: "none", adi: Number.POSITIVE_INFINITY, cv2: 0 });
  });

  it("puts the cut-offs on the intermittent/lumpy side (ADI ≥ 1.32, CV² ≥ 0.49)", () => {
    // 33 periods, 25 with demand → ADI = 1.32 exactly
    const s = Array.from({ length: 33 }, (_, i) => (i < 25 ? 4 : 0));
    expect(demandPattern(s).adi).toBe(1.32);
    expect(demandPattern(s).pattern).toBe("intermittent");
    // non-zero demands 3 and 17: mean 10, sd 7 → CV² = 0.49 exactly
    expect(demandPattern([3, 17]).cv2).toBeCloseTo(0.49, 15);
  });

  it("rejects an empty series and negative demand", () => {
    expect(() => demandPattern([])).toThrow(/^series must not be empty/);
    expect(() => demandPattern([3, -1])).toThrow(/^series\[1\]/);
  });

  it("review #4: CV² on the cut-off up to rounding is on it ([0.9, 5.1]: CV² 0.48999999999999994 → erratic)", () => {
    expect(demandPattern([0.9, 5.1]).pattern).toBe("erratic");
  });

  it('review #2: rejects values that are not numbers, naming the index (null and "7" used to pass)', () => {
    expect(() => demandPattern([5, "7", 5, 5] as unknown as number[])).toThrow(
      /^series\[1\] must be a finite number ≥ 0 \(got "7"\)/,
    );
    expect(() => demandPattern([5, null, 5, 5] as unknown as number[])).toThrow(
      /^series\[1\] must be a finite number ≥ 0 \(got null\)/,
    );
    expect(() => classifyXyz([5, 5, true] as unknown as number[])).toThrow(/^series\[2\]/);
    expect(() => classifyXyz([5, Number.POSITIVE_INFINITY])).toThrow(/^series\[1\]/);
  });

  /** ADI and CV² straight from the definitions, in exact integer arithmetic (BigInt). */
  function reference(s: number[]): { adi: number; cv2: number; steady: boolean } {
    const nonZero = s.filter((v) => v > 0).map(BigInt);
    const count = BigInt(nonZero.length);
    const sum = nonZero.reduce((a, b) => a + b, 0n);
    // CV² = (Σx²/n − (Σx/n)²) ÷ (Σx/n)² = (n·Σx² − (Σx)²) ÷ (Σx)²
    const sumSquares = nonZero.reduce((a, b) => a + b * b, 0n);
    const spread = count * sumSquares - sum * sum;
    return { adi: s.length / nonZero.length, cv2: Number(spread) / Number(sum * sum), steady: 100n * spread < 49n * sum * sum };
  }

  it("property: ADI and CV² match the definitions computed independently, and the pattern their quadrant", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 104 }), (s) => {
        const { pattern, adi, cv2 } = demandPattern(s);
        if (s.every((v) => v === 0)) {
          expect({ pattern, adi, cv2 }).toEqual({ pattern: "none", adi: Number.POSITIVE_INFINITY, cv2: 0 });
          return;
        }
        const expected = reference(s);
        expect(adi).toBeCloseTo(expected.adi, 12);
        expect(Math.abs(cv2 - expected.cv2)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected.cv2));
        const frequent = s.length * 100 < 132 * s.filter((v) => v > 0).length; // ADI < 1.32, exactly
        const steady = expected.steady; // CV² < 0.49, exactly
        expect(pattern).toBe(frequent ? (steady ? "smooth" : "erratic") : steady ? "intermittent" : "lumpy");
      }),
    );
  });
});
