import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { croston, forecastDemand, seasonalProfile } from "~/core";

const constantSeries = fc.tuple(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 120 }));

/** Deterministic pseudo-noise in [−1, 1) so that tests need no randomness. */
function noise(t: number): number {
  const x = Math.sin(t * 12.9898 + 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/**
 * One-step-ahead forecast of the method `f` chose, from `history`: exponential smoothing by its
 * recursion from the reported initial state (deseasonalised by the series' own profile when
 * seasonal), the intermittent methods through their public function.
 */
function oneStep(
  f: ReturnType<typeof forecastDemand>,
  history: number[],
  seasonLength: number,
  whole: number[] = history,
): number {
  const { alpha = 0, beta = 0, phi = 1, initial } = f.parameters;
  let value: number;
  switch (f.method) {
    case "ses":
    case "holt":
    case "holt-winters": {
      const profile = f.seasonal ? seasonalProfile([whole], seasonLength)! : null;
      const index = (t: number) => (profile ? profile[t % seasonLength] : 1);
      let level = initial!.level;
      let trend = initial!.trend;
      for (let t = 0; t < history.length; t++) {
        const forecast = level + phi * trend;
        const error = history[t] / index(t) - forecast;
        level = forecast + alpha * error;
        trend = phi * trend + alpha * beta * error;
      }
      value = (level + phi * trend) * index(history.length);
      break;
    }
    case "croston":
      value = croston(history, { alpha, variant: "classic" }).forecast;
      break;
    case "sba":
      value = croston(history, { alpha, variant: "sba" }).forecast;
      break;
    case "tsb":
      value = croston(history, { alpha, beta, variant: "tsb" }).forecast;
      break;
    default:
      value = 0;
  }
  return Math.max(0, value);
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
    expect(f.accuracy!.wape).toBeCloseTo((f.accuracy!.mae * 13) / s.slice(39).reduce((a, b) => a + b, 0), 12);
    expect(f.sd).toBeGreaterThan(2);
    expect(f.sd).toBeLessThan(12);
  });

  it('with methods ["ses"] fits simple exponential smoothing: the forecast is its recursion from the fitted start', () => {
    const s = Array.from({ length: 40 }, (_, t) => 50 + 5 * noise(t));
    const f = forecastDemand(s, { methods: ["ses"] });
    expect(f.method).toBe("ses");
    expect(f.parameters.alpha).toBeGreaterThan(0);
    expect(f.parameters.alpha).toBeLessThan(1);
    expect(f.forecast).toBeCloseTo(oneStep(f, s, 52), 9);
  });

  it("picks Holt for a trend", () => {
    const s = Array.from({ length: 52 }, (_, t) => 20 + 3 * t + noise(t));
    const f = forecastDemand(s, { horizon: 2 });
    expect(f.method).toBe("holt");
    expect(f.forecasts[0]).toBeGreaterThan(170);
    expect(f.forecasts[1] - f.forecasts[0]).toBeCloseTo(3, 0);
  });

  it("picks Holt-Winters (a fixed multiplicative profile) when two years of weekly data show seasonality", () => {
    const s = Array.from({ length: 104 }, (_, t) => 100 + 40 * Math.sin((2 * Math.PI * t) / 52) + 4 * noise(t));
    const f = forecastDemand(s, { horizon: 13 });
    expect(f).toMatchObject({ seasonal: true, seasonSource: "own", method: "holt-winters" });
    // Week 104 + 13 = a quarter into the next year: near the seasonal peak of 140
    expect(f.forecasts[12]).toBeGreaterThan(125);
    expect(forecastDemand(s.slice(0, 80)).seasonal).toBe(false); // fewer than two seasons
  });

  it("fits a damped trend to growth that flattens out, and forecasts the flattening", () => {
    let level = 100;
    let slope = 8;
    const s: number[] = [];
    for (let t = 0; t < 60; t++) {
      level += slope;
      slope *= 0.93;
      s.push(level + 3 * noise(t));
    }
    const f = forecastDemand(s, { horizon: 13 });
    expect(f.method).toBe("holt");
    expect(f.parameters.phi).toBeGreaterThan(0.8);
    expect(f.parameters.phi).toBeLessThan(0.98);
    // The true level has almost stopped growing (213 by now): no straight line runs on.
    expect(f.forecasts[12]).toBeGreaterThan(205);
    expect(f.forecasts[12]).toBeLessThan(222);
    expect(f.errorGrowth).toEqual({ alpha: f.parameters.alpha, beta: f.parameters.beta, phi: f.parameters.phi });
  });

  it("finds the fixed line through a steady trend in noise, and extends it", () => {
    // A line with noise and no moving level: the least-squares fit is the line itself (α and β at
    // their lower bounds), which a search starting from a moving level does not reach.
    const line = (t: number) => 40 + 0.35 * t;
    const series = Array.from({ length: 91 }, (_, t) => Math.round(line(t) + 14 * noise(t + 500)));
    const f = forecastDemand(series, { horizon: 13 });
    expect(f.method).toBe("holt");
    expect(f.parameters.phi).toBe(1);
    expect(f.parameters.alpha).toBeLessThan(0.01);
    f.forecasts.forEach((value, h) => expect(value).toBeCloseTo(line(91 + h), -0.5));
  });

  it("keeps noise around a level as SES: a trend must improve AICc by more than 2", () => {
    const s = Array.from({ length: 52 }, (_, t) => 100 + 10 * noise(t));
    const f = forecastDemand(s);
    expect(f.method).toBe("ses");
    expect(f.parameters.initial!.trend).toBe(0);
    expect(f.forecast).toBeCloseTo(100, -1);
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

  it("property (review #8): backtest MAE, WAPE and bias equal a rolling-origin backtest recomputed from the chosen model", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 3, maxLength: 110 }), (s) => {
        const f = forecastDemand(s, { seasonLength: 13 });
        const holdout = Math.min(13, s.length - 2);
        expect(f.accuracy?.periods).toBe(holdout);
        let abs = 0;
        let signed = 0;
        let actual = 0;
        for (let t = s.length - holdout; t < s.length; t++) {
          const e = oneStep(f, s.slice(0, t), 13, s) - s[t];
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
    expect(() => forecastDemand([5, null, 5, 5] as unknown as number[])).toThrow(
      /^series\[1\] must be a finite number ≥ 0 \(got null\)/,
    );
    expect(() => forecastDemand([5, "7", 5, 5] as unknown as number[])).toThrow(
      /^series\[1\] must be a finite number ≥ 0 \(got "7"\)/,
    );
  });
});
