import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { croston, holt, holtWinters, ses } from "~/core";

const constantSeries = fc.tuple(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 120 }));

describe("ses (level initialised at the first observation)", () => {
  it("FPP3 §8.1 recursion by hand: [10, 20, 30], α 0.5 → 10, 15, 22.5", () => {
    expect(ses([10, 20, 30], { alpha: 0.5 })).toEqual({ forecast: 22.5, fitted: [10, 10, 15] });
  });

  it("uses α = 0.1 by default", () => {
    expect(ses([100, 110]).forecast).toBeCloseTo(101, 12);
  });

  it("rejects an empty series, negative demand and α outside (0, 1]", () => {
    expect(() => ses([])).toThrow(/^series must not be empty/);
    expect(() => ses([1, -1])).toThrow(/^series\[1\]/);
    expect(() => ses([1, 2], { alpha: 0 })).toThrow(/^alpha must be in \(0, 1\]/);
    expect(() => ses([1, 2], { alpha: 1.1 })).toThrow(/^alpha/);
  });

  it("property: a constant series forecasts itself exactly", () => {
    fc.assert(
      fc.property(constantSeries, fc.double({ min: 0.01, max: 1, noNaN: true }), ([c, n], alpha) => {
        const r = ses(new Array(n).fill(c), { alpha });
        expect(r.forecast).toBe(c);
        expect(r.fitted.every((f) => f === c)).toBe(true);
      }),
    );
  });

  it("property: the forecast stays within the range of the data", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 60 }), (s) => {
        const f = ses(s, { alpha: 0.3 }).forecast;
        expect(f).toBeGreaterThanOrEqual(Math.min(...s) - 1e-9);
        expect(f).toBeLessThanOrEqual(Math.max(...s) + 1e-9);
      }),
    );
  });
});

describe("croston (classic, SBA, TSB)", () => {
  // Demands 6 at t = 1 and 4 at t = 4 (0-based). Classic, as R's forecast::croston: size 6,
  // interval 2 (1-based position); then size 6 + 0.1·(4 − 6) = 5.8, interval 2 + 0.1·(3 − 2) = 2.1.
  const series = [0, 6, 0, 0, 4, 0];

  it("Croston (1972) by hand, as R's forecast::croston (α 0.1): 5.8 / 2.1", () => {
    expect(croston(series).forecast).toBeCloseTo(5.8 / 2.1, 14);
  });

  it("Syntetos & Boylan (2005) SBA = (1 − α/2) · Croston", () => {
    expect(croston(series, { variant: "sba" }).forecast).toBeCloseTo(0.95 * (5.8 / 2.1), 14);
    expect(croston(series, { variant: "sba", alpha: 0.4 }).forecast).toBeCloseTo(
      0.8 * croston(series, { alpha: 0.4 }).forecast,
      14,
    );
  });

  it("Teunter, Syntetos & Babai (2011) TSB by hand: p 0 → .1 → .09 → .081 → .1729 → .15561, z 6 → 5.8", () => {
    expect(croston(series, { variant: "tsb" }).forecast).toBeCloseTo(0.15561 * 5.8, 14);
    // p₀ = 1 when the first period has demand
    expect(croston([5, 0], { variant: "tsb", beta: 0.5 }).forecast).toBeCloseTo(2.5, 14);
  });

  it("forecasts 0 for a series of zeros and y/position for a single demand", () => {
    for (const variant of ["classic", "sba", "tsb"] as const) expect(croston([0, 0, 0], { variant }).forecast).toBe(0);
    expect(croston([0, 0, 6]).forecast).toBe(2);
  });

  it("rejects bad α, β, variant and data", () => {
    expect(() => croston([1], { alpha: 0 })).toThrow(/^alpha/);
    expect(() => croston([1], { variant: "tsb", beta: 2 })).toThrow(/^beta must be in \(0, 1\]/);
    // review #7: β is checked for every variant, not only TSB (croston([1], { beta: 2 }) used to pass)
    expect(() => croston([1], { beta: 2 })).toThrow(/^beta must be in \(0, 1\]/);
    expect(() => croston([1], { variant: "sba", beta: 0 })).toThrow(/^beta/);
    expect(() => croston([1], { variant: "classic", beta: Number.NaN })).toThrow(/^beta/);
    expect(() => croston([1], { variant: "holt" as "tsb" })).toThrow(/^variant/);
    expect(() => croston([])).toThrow(/^series must not be empty/);
    expect(() => croston([Number.POSITIVE_INFINITY])).toThrow(/^series\[0\]/);
  });

  it("property: a constant positive series forecasts itself (classic, TSB) and (1 − α/2)·itself (SBA)", () => {
    fc.assert(
      fc.property(constantSeries, ([c, n]) => {
        const s = new Array(n).fill(c);
        expect(croston(s).forecast).toBe(c);
        expect(croston(s, { variant: "tsb" }).forecast).toBe(c);
        expect(croston(s, { variant: "sba" }).forecast).toBeCloseTo(0.95 * c, 9);
      }),
    );
  });
});

/**
 * Published worked examples. Tables print values rounded to 2 (NIST) or 4 (Unistat) decimals, so
 * the comparisons allow half a unit in the last printed place.
 */
const NIST_6431 = [71, 70, 69, 68, 64, 65, 72, 78, 75, 75, 75, 70];
const NIST_6434 = [6.4, 5.6, 7.8, 8.8, 11, 11.6, 16.7, 15.3, 21.6, 22.4];

function expectRounded(actual: readonly number[], published: readonly number[], decimals: number): void {
  expect(actual.map((v) => Number(v.toFixed(decimals)))).toEqual(published);
}

describe("published known answers for the smoothing methods", () => {
  it("NIST/SEMATECH e-Handbook §6.4.3.1 single exponential smoothing, α 0.1: S₂…S₁₂ = 71, 70.9, 70.71 … 71.67", () => {
    const { fitted } = ses(NIST_6431, { alpha: 0.1 });
    expectRounded(fitted.slice(1), [71, 70.9, 70.71, 70.44, 69.8, 69.32, 69.58, 70.43, 70.88, 71.29, 71.67], 2);
  });

  it("NIST/SEMATECH e-Handbook §6.4.3.2 bootstrapping: from origin 70 with S₁₂ = 71.7 the next forecast is 71.5", () => {
    expect(ses(NIST_6431, { alpha: 0.1 }).forecast.toFixed(1)).toBe("71.5");
  });

  it("NIST/SEMATECH e-Handbook §6.4.3.3–6.4.3.4 double smoothing (α 0.3623, γ 1, S₁ = y₁, b₁ = (y₄ − y₁)/3): forecasts 9.1, 11.4, 13.2, 17.4, 18.9, 23.1 for periods 5–10", () => {
    const [y1, , , y4] = NIST_6434;
    const r = holt(NIST_6434.slice(1), { alpha: 0.3623, beta: 1, initial: { level: y1, trend: (y4 - y1) / 3 } });
    // fitted[k] forecasts period k + 2 (1-based); periods 5–10 are fitted[3…8].
    expectRounded(r.fitted.slice(3), [9.1, 11.4, 13.2, 17.4, 18.9, 23.1], 1);
  });

  it("NIST/SEMATECH e-Handbook §6.4.3.3 first initial-trend suggestion b₁ = y₂ − y₁ is holt's default start", () => {
    const byDefault = holt(NIST_6434, { alpha: 0.3623, beta: 1 });
    const explicit = holt(NIST_6434.slice(1), { alpha: 0.3623, beta: 1, initial: { level: 6.4, trend: 5.6 - 6.4 } });
    expect(byDefault.fitted.slice(1)).toEqual(explicit.fitted);
    expect(byDefault.forecast).toBe(explicit.forecast);
  });

  it("Unistat §9.2.3 Winters' additive seasonal, cola sales (α 0.2, β 0.1, γ 0.05, m 12): rows 2–3 give level 427.1800, trend 11.2245, seasonal −218.2806, level 443.7725", () => {
    // The state after row 1 as printed (level 411.1948, trend 10.6955); the seasonals due in
    // rows 2 and 3 are the printed forecasts minus level and trend: 202.5518 and 222.1597.
    const season = new Array<number>(12).fill(0);
    season[0] = 202.5518 - 411.1948 - 10.6955;
    const afterRow2 = holtWinters([229], {
      seasonLength: 12,
      alpha: 0.2,
      beta: 0.1,
      gamma: 0.05,
      initial: { level: 411.1948, trend: 10.6955, season },
    });
    expect(afterRow2.level).toBeCloseTo(427.18, 3);
    expect(afterRow2.trend).toBeCloseTo(11.2245, 3);
    // The seasonal just updated comes round again in 12 periods: the last of the next season.
    expect(afterRow2.season[11]).toBeCloseTo(-218.2806, 3);

    season[1] = 222.1597 - 427.18 - 11.2245;
    const afterRow3 = holtWinters([229, 249], {
      seasonLength: 12,
      alpha: 0.2,
      beta: 0.1,
      gamma: 0.05,
      initial: { level: 411.1948, trend: 10.6955, season },
    });
    expect(afterRow3.fitted[1]).toBeCloseTo(222.1597, 3);
    expect(afterRow3.level).toBeCloseTo(443.7725, 3);
  });

  it("R forecast::croston (documented as SES of the non-zero sizes ÷ SES of the intervals): NIST §6.4.3.1 sizes every other period forecast 71.5 / 2", () => {
    const everyOther = NIST_6431.flatMap((size) => [0, size]);
    const sizes = ses(NIST_6431, { alpha: 0.1 }).forecast;
    expect(sizes.toFixed(1)).toBe("71.5");
    expect(croston(everyOther, { alpha: 0.1 }).forecast).toBeCloseTo(sizes / 2, 12);
    expect(croston(everyOther, { alpha: 0.1, variant: "sba" }).forecast).toBeCloseTo((1 - 0.05) * (sizes / 2), 12);
  });

  it("Teunter, Syntetos & Babai (2011): with demand in every period the probability stays 1 and TSB is SES of the sizes, NIST §6.4.3.1 → 71.5", () => {
    expect(croston(NIST_6431, { alpha: 0.1, beta: 0.3, variant: "tsb" }).forecast.toFixed(1)).toBe("71.5");
  });
});

describe("holt and holtWinters", () => {
  it("Holt continues a straight line and keeps a constant", () => {
    expect(holt([10, 12, 14, 16])).toMatchObject({ forecast: 18, level: 16, trend: 2 });
    expect(holt([7, 7, 7], { alpha: 0.5, beta: 0.5 })).toMatchObject({ forecast: 7, trend: 0 });
    expect(holt([5])).toMatchObject({ forecast: 5, trend: 0 });
    expect(() => holt([1, 2], { beta: 0 })).toThrow(/^beta/);
  });

  it("Holt-Winters reproduces an exact additive season and a trend within it", () => {
    const r = holtWinters([1, 5, 1, 5, 1, 5], { seasonLength: 2 });
    expect(r).toMatchObject({ forecast: 1, level: 3, trend: 0, season: [-2, 2] });
    const weekly = Array.from({ length: 16 }, (_, t) => 10 + (t % 4 === 0 ? 8 : 0));
    expect(holtWinters(weekly, { seasonLength: 4 }).forecast).toBeCloseTo(18, 12);
  });

  it("Holt-Winters needs one full season and a season length ≥ 2", () => {
    expect(() => holtWinters([1, 2, 3], { seasonLength: 4 })).toThrow(/^series must hold at least one season/);
    expect(() => holtWinters([1, 2, 3], { seasonLength: 1 })).toThrow(/^seasonLength/);
    expect(() => holtWinters([1, 2, 3], { seasonLength: 1.5 })).toThrow(/^seasonLength must be an integer/);
    expect(() => holtWinters([1, 2, 3, 4], { seasonLength: 2, gamma: -1 })).toThrow(/^gamma/);
  });

  it("checks a given initial state: finite level and trend, one seasonal per period", () => {
    expect(() => holt([1], { initial: { level: Number.NaN, trend: 0 } })).toThrow(/^initial\.level/);
    expect(() => holt([1], { initial: { level: 1, trend: Infinity } })).toThrow(/^initial\.trend/);
    const state = { level: 10, trend: 0, season: [1, -1] };
    expect(() => holtWinters([1], { seasonLength: 3, initial: state })).toThrow(/^initial\.season must hold 3 seasonals/);
    expect(() => holtWinters([1], { seasonLength: 2, initial: { ...state, season: [1, Number.NaN] } })).toThrow(
      /^initial\.season\[1\]/,
    );
    // With a known state a series shorter than a season is fine.
    expect(holtWinters([11], { seasonLength: 2, initial: state }).fitted).toEqual([11]);
  });
});
