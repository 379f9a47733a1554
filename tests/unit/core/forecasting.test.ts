import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { croston, forecastDemand, holt, holtWinters, ses } from "~/core";

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
    expect(croston(series, { variant: "sba", alpha: 0.4 }).forecast).toBeCloseTo(0.8 * croston(series, { alpha: 0.4 }).forecast, 14);
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
});

/** Deterministic pseudo-noise in [−1, 1) so that tests need no randomness. */
function noise(t: number): number {
  const x = Math.sin(t * 12.9898 + 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

describe("forecastDemand (method by pattern and rolling-origin backtest)", () => {
  it("uses `zero` for a series with no demand", () => {
    const f = forecastDemand(new Array(52).fill(0), { horizon: 3 });
    expect(f).toMatchObject({ method: "zero", pattern: "none", forecast: 0, forecasts: [0, 0, 0], sd: 0 });
  });

  it("picks SES or Holt for smooth demand and reports backtest MAE, WAPE and bias", () => {
    const s = Array.from({ length: 52 }, (_, t) => 100 + 10 * noise(t));
    const f = forecastDemand(s);
    expect(f.pattern).toBe("smooth");
    expect(["ses", "holt"]).toContain(f.method);
    expect(f.accuracy?.periods).toBe(13);
    expect(f.accuracy!.mae).toBeGreaterThan(0);
    expect(f.accuracy!.wape).toBeCloseTo(f.accuracy!.mae * 13 / s.slice(39).reduce((a, b) => a + b, 0), 12);
    expect(f.sd).toBeGreaterThan(2);
    expect(f.sd).toBeLessThan(12);
  });

  it("agrees with `ses` when it picks SES", () => {
    const s = Array.from({ length: 40 }, (_, t) => 50 + 5 * noise(t));
    const f = forecastDemand(s, { methods: ["ses"] });
    expect(f.method).toBe("ses");
    expect(f.forecast).toBe(ses(s, { alpha: f.parameters.alpha }).forecast);
  });

  it("picks Holt for a trend", () => {
    const s = Array.from({ length: 52 }, (_, t) => 20 + 3 * t + noise(t));
    const f = forecastDemand(s, { horizon: 2 });
    expect(f.method).toBe("holt");
    expect(f.forecasts[0]).toBeGreaterThan(170);
    expect(f.forecasts[1] - f.forecasts[0]).toBeCloseTo(3, 0);
  });

  it("picks additive Holt-Winters when two years of weekly data show seasonality", () => {
    const s = Array.from({ length: 104 }, (_, t) => 100 + 40 * Math.sin((2 * Math.PI * t) / 52) + 4 * noise(t));
    const f = forecastDemand(s, { horizon: 13 });
    expect(f.seasonal).toBe(true);
    expect(f.method).toBe("holt-winters");
    // Week 104 + 13 = a quarter into the next year: near the seasonal peak of 140
    expect(f.forecasts[12]).toBeGreaterThan(125);
    expect(forecastDemand(s.slice(0, 80)).seasonal).toBe(false); // fewer than two seasons
  });

  it("does not call a pure trend seasonal", () => {
    const s = Array.from({ length: 104 }, (_, t) => 10 + t);
    expect(forecastDemand(s).seasonal).toBe(false);
  });

  it("uses SBA for intermittent and TSB for lumpy demand", () => {
    const intermittent = Array.from({ length: 52 }, (_, t) => (t % 4 === 0 ? 10 + noise(t) : 0));
    const lumpy = Array.from({ length: 52 }, (_, t) => (t % 4 === 0 ? (t % 8 === 0 ? 40 : 2) : 0));
    expect(forecastDemand(intermittent)).toMatchObject({ pattern: "intermittent", method: "sba" });
    expect(forecastDemand(lumpy)).toMatchObject({ pattern: "lumpy", method: "tsb" });
  });

  it("backtests the neighbouring pattern's methods when ADI is near its cut-off", () => {
    // ADI = 4/3 ≈ 1.333, within 10 % of 1.32: SES and Holt join SBA, lowest MAE wins
    const s = Array.from({ length: 48 }, (_, t) => (t % 4 === 3 ? 0 : 10));
    const f = forecastDemand(s);
    expect(f.pattern).toBe("intermittent");
    expect(["ses", "holt", "sba", "croston"]).toContain(f.method);
  });

  it("reports no accuracy for a series too short to backtest, and honours holdout", () => {
    expect(forecastDemand([4, 6]).accuracy).toBeNull();
    expect(forecastDemand([4, 6, 5, 5, 6], { holdout: 2 }).accuracy?.periods).toBe(2);
    expect(forecastDemand([4, 6, 5, 5, 6], { holdout: 0 }).accuracy).toBeNull();
  });

  it("falls back to the allowed methods when a `methods` filter excludes the pattern's own", () => {
    const intermittent = Array.from({ length: 30 }, (_, t) => (t % 3 === 0 ? 6 : 0));
    expect(forecastDemand(intermittent, { methods: ["ses"] }).method).toBe("ses");
    expect(forecastDemand(intermittent, { methods: ["croston"] }).method).toBe("croston");
    expect(forecastDemand(new Array(10).fill(0), { holdout: 0 }).accuracy).toBeNull();
  });

  it("handles a season longer than a year of weeks (e.g. 60 periods)", () => {
    const s = Array.from({ length: 120 }, (_, t) => 50 + 20 * Math.cos((2 * Math.PI * t) / 60) + noise(t));
    const f = forecastDemand(s, { seasonLength: 60 });
    expect(f).toMatchObject({ seasonal: true, method: "holt-winters" });
    expect(f.forecast).toBeCloseTo(70, -1);
  });

  it("accepts a typed array", () => {
    const s = Float64Array.from({ length: 20 }, () => 8);
    expect(forecastDemand(s).forecast).toBe(8);
  });

  it("rejects bad input", () => {
    expect(() => forecastDemand([])).toThrow(/^series must not be empty/);
    expect(() => forecastDemand([1, Number.NaN])).toThrow(/^series\[1\]/);
    expect(() => forecastDemand([1, 2], { horizon: 0 })).toThrow(/^horizon must be an integer ≥ 1/);
    expect(() => forecastDemand([1, 2], { holdout: -1 })).toThrow(/^holdout/);
    expect(() => forecastDemand([1, 2], { methods: [] })).toThrow(/^methods/);
  });

  it("property: a constant series forecasts itself with sd 0", () => {
    fc.assert(
      fc.property(constantSeries, fc.integer({ min: 1, max: 8 }), ([c, n], horizon) => {
        const f = forecastDemand(new Array(n).fill(c), { horizon });
        expect(f.forecasts).toEqual(new Array(horizon).fill(c));
        expect(f.forecast).toBeCloseTo(c, 9);
        expect(f.sd).toBe(0);
      }),
    );
  });

  it("property: forecasts are finite and never negative, accuracy is consistent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 110 }), (s) => {
        const f = forecastDemand(s, { horizon: 4, seasonLength: 13 });
        for (const v of f.forecasts) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(f.sd).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  /** One-step-ahead forecast of `method` from `history`, through the method's own public function. */
  function oneStep(f: ReturnType<typeof forecastDemand>, history: number[], seasonLength: number): number {
    const { alpha, beta, gamma } = f.parameters;
    let value: number;
    switch (f.method) {
      case "ses": value = ses(history, { alpha }).forecast; break;
      case "holt": value = holt(history, { alpha, beta }).forecast; break;
      case "holt-winters": value = holtWinters(history, { seasonLength, alpha, beta, gamma }).forecast; break;
      case "croston": value = croston(history, { alpha, variant: "classic" }).forecast; break;
      case "sba": value = croston(history, { alpha, variant: "sba" }).forecast; break;
      case "tsb": value = croston(history, { alpha, beta, variant: "tsb" }).forecast; break;
      default: value = 0;
    }
    return Math.max(0, value);
  }

  it("property (review #8): backtest MAE, WAPE and bias equal a rolling-origin backtest recomputed from the public methods", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 3, maxLength: 110 }), (s) => {
        const f = forecastDemand(s, { seasonLength: 13 });
        const holdout = Math.min(13, s.length - 2);
        expect(f.accuracy?.periods).toBe(holdout);
        let abs = 0;
        let signed = 0;
        let actual = 0;
        for (let t = s.length - holdout; t < s.length; t++) {
          const e = oneStep(f, s.slice(0, t), 13) - s[t];
          abs += Math.abs(e);
          signed += e;
          actual += s[t];
        }
        const scale = 1e-9 * (1 + actual);
        expect(Math.abs(f.accuracy!.mae - abs / holdout)).toBeLessThanOrEqual(scale);
        expect(Math.abs(f.accuracy!.bias - signed / holdout)).toBeLessThanOrEqual(scale);
        if (actual > 0) expect(f.accuracy!.wape).toBeCloseTo(abs / actual, 9);
      }),
      { numRuns: 200 },
    );
  });

  it("review #2: rejects null and strings in the series, naming the index ([5, null, 5, 5] used to forecast)", () => {
    expect(() => forecastDemand([5, null, 5, 5] as unknown as number[])).toThrow(/^series\[1\] must be a finite number ≥ 0 \(got null\)/);
    expect(() => forecastDemand([5, "7", 5, 5] as unknown as number[])).toThrow(/^series\[1\] must be a finite number ≥ 0 \(got "7"\)/);
  });
});
