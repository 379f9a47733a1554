import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inverseNormalCdf, normalCdf, normalLoss, normalPdf } from "~/core";

// Reference quantiles: mpmath at 40 digits, √2·erfinv(2p − 1).
const QUANTILES: [number, number][] = [
  [0.5, 0],
  [0.3, -0.52440051270804078404],
  [0.9, 1.281551565544600467],
  [0.95, 1.6448536269514727149],
  [0.975, 1.9599639845400542355],
  [0.98, 2.0537489106318230529],
  [0.99, 2.3263478740408411009],
  [0.999, 3.0902323061678135415],
  [1e-10, -6.3613409024040562047],
];

describe("inverseNormalCdf (Wichura 1988, AS 241)", () => {
  it("review #7: the JSDoc examples show exactly what the code returns (0.95 → 1.6448536269514715, not …722)", () => {
    const source = readFileSync(new URL("../../../app/core/inverse-normal-cdf.ts", import.meta.url), "utf8");
    const examples = [...source.matchAll(/^ \* inverseNormalCdf\(([0-9.]+)\);\s*\/\/ (-?[0-9.]+)/gm)];
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const [, p, shown] of examples) expect(inverseNormalCdf(Number(p))).toBe(Number(shown));
  });

  it("matches R's qnorm for the service levels the issue names (0.95, 0.98)", () => {
    expect(Math.abs(inverseNormalCdf(0.95) - 1.6448536269514722)).toBeLessThan(1e-12);
    expect(Math.abs(inverseNormalCdf(0.98) - 2.0537489106318225)).toBeLessThan(1e-12);
  });

  it.each(QUANTILES)("Φ⁻¹(%s) = %s within 1e-12 (40-digit reference)", (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThan(1e-12);
  });

  it("is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)", () => {
    expect(inverseNormalCdf(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });

  it("reaches the far tails without overflow", () => {
    expect(inverseNormalCdf(1e-300)).toBeCloseTo(-37.0471, 4);
    expect(inverseNormalCdf(1 - 2 ** -53)).toBeCloseTo(8.2095361516, 8);
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects p = %s with a RangeError naming p", (p) => {
    expect(() => inverseNormalCdf(p)).toThrow(RangeError);
    expect(() => inverseNormalCdf(p)).toThrow(/^p must be strictly between 0 and 1/);
  });

  it("property: |error| ≤ 1e-9 on (0, 1), measured through Φ (|Φ(z) − p| ÷ φ(z))", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 2 ** -53, noNaN: true }), (p) => {
        const z = inverseNormalCdf(p);
        const error = Math.abs(normalCdf(z) - p) / normalPdf(z);
        expect(error).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(z)));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: increasing in p", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        (a, b) => {
          fc.pre(a < b);
          expect(inverseNormalCdf(a)).toBeLessThanOrEqual(inverseNormalCdf(b));
        },
      ),
    );
  });
});

describe("normalCdf (Cody 1969, as R's pnorm)", () => {
  it("gives Chopra & Meindl Example 12-2's cycle service level (ROP 6,000, D_L 5,000, σL 707) ≈ 0.92", () => {
    expect(normalCdf(1000 / (Math.SQRT2 * 500))).toBeCloseTo(0.92135039647485743467, 14);
  });

  it("keeps relative accuracy in the tails (mpmath references)", () => {
    expect(normalCdf(-10) / 7.619853024160526066e-24).toBeCloseTo(1, 12);
    expect(normalCdf(-37) / 5.7255712225245768227e-300).toBeCloseTo(1, 10);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it("rejects a non-finite x", () => {
    expect(() => normalCdf(Number.NaN)).toThrow(/^x must be a finite number/);
  });
});

describe("normalLoss G(k) = φ(k) − k·(1 − Φ(k)) (Silver, Pyke & Peterson, Appendix B table)", () => {
  it("G(0) = φ(0) = 0.3989422804014327", () => {
    expect(normalLoss(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalPdf(0)).toBe(normalLoss(0));
  });

  it.each([
    [1, 0.083315470587686298383],
    [2, 0.00849070261682963755],
    [3, 0.00038215431704772359565],
    [0.5, 0.19779655740130602959],
    [-1, 1.0833154705876862984],
  ])("G(%s) = %s (SPP table to 4 places; 40-digit reference to 1e-14)", (k, g) => {
    expect(Math.abs(normalLoss(k) - g)).toBeLessThan(1e-14);
  });

  it("keeps relative accuracy for large k: G(5) and G(10)", () => {
    expect(normalLoss(5) / 5.3461655338328149539e-8).toBeCloseTo(1, 10);
    expect(normalLoss(10) / 7.474560254589327591e-25).toBeCloseTo(1, 9);
  });

  it("property: G(−k) = G(k) + k, and G is positive and decreasing", () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 1e-3, max: 2, noNaN: true }), (k, step) => {
        expect(normalLoss(-k)).toBeCloseTo(normalLoss(k) + k, 12);
        expect(normalLoss(k)).toBeGreaterThan(0);
        expect(normalLoss(k + step)).toBeLessThan(normalLoss(k));
      }),
    );
  });

  it("rejects a non-finite k", () => {
    expect(() => normalLoss(Number.POSITIVE_INFINITY)).toThrow(/^k must be a finite number/);
  });
});
