import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastDemand, seasonalProfile } from "~/core";

/** Deterministic pseudo-noise in [−1, 1) so that tests need no randomness. */
function noise(t: number): number {
  const x = Math.sin(t * 12.9898 + 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A yearly season (peak a quarter into the year) times a site's level, with noise of `cv`. */
function site(level: number, weeks: number, cv: number, seed: number, amplitude = 0.5): number[] {
  return Array.from({ length: weeks }, (_, t) =>
    Math.round(level * (1 + amplitude * Math.sin((2 * Math.PI * t) / 52)) * (1 + cv * noise(t + 1000 * seed))),
  );
}

describe("seasonalProfile (a group's multiplicative seasonal indices)", () => {
  it("the documented example: high first half, low second half", () => {
    const profile = seasonalProfile(
      [
        [12, 11, 4, 5, 13, 12, 5, 4],
        [25, 22, 9, 8, 24, 23, 8, 10],
      ],
      4,
    )!;
    expect(profile.map((x) => Number(x.toFixed(2)))).toEqual([1.53, 1.39, 0.53, 0.55]);
    expect(mean(profile)).toBeCloseTo(1, 12);
  });

  it("finds the season of five sites with one year each, aligned to their start", () => {
    const group = [1, 2, 3, 4, 5].map((j) => site(40 * j, 52, 0.15, j));
    const profile = seasonalProfile(group, 52)!;
    expect(profile).toHaveLength(52);
    expect(mean(profile)).toBeCloseTo(1, 12);
    // Peak a quarter into the year, trough three quarters in, shrunk a little towards 1.
    expect(profile[13]).toBeGreaterThan(1.35);
    expect(profile[13]).toBeLessThan(1.55);
    expect(profile[39]).toBeLessThan(0.65);
  });

  it("says null when there is no season: flat, noise alone, a pure trend, or one season of one series", () => {
    expect(seasonalProfile([[5, 5, 5, 5, 5, 5, 5, 5]], 4)).toBeNull();
    expect(seasonalProfile([Array.from({ length: 104 }, (_, t) => 100 + 20 * noise(t))], 52)).toBeNull();
    expect(seasonalProfile([Array.from({ length: 104 }, (_, t) => 10 + t)], 52)).toBeNull();
    expect(seasonalProfile([site(100, 52, 0.05, 1)], 52)).toBeNull();
    expect(seasonalProfile([[0, 0, 0, 0, 0, 0, 0, 0]], 4)).toBeNull();
  });

  it("needs more sites to trust a weaker season: two noisy sites are not enough, eight are", () => {
    const noisy = (j: number) => site(100, 52, 0.6, j, 0.25);
    expect(seasonalProfile([1, 2].map(noisy), 52)).toBeNull();
    expect(seasonalProfile([1, 2, 3, 4, 5, 6, 7, 8].map(noisy), 52)).not.toBeNull();
  });

  it("property: null, or one positive index per phase with mean 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 13 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 5 }),
        (m, group) => {
          const profile = seasonalProfile(group, m);
          if (profile === null) return;
          expect(profile).toHaveLength(m);
          for (const index of profile) expect(index).toBeGreaterThan(0);
          expect(mean(profile)).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it("rejects bad input, naming it", () => {
    expect(() => seasonalProfile([], 4)).toThrow(/^series must not be empty/);
    expect(() => seasonalProfile([[1, 2]], 1)).toThrow(/^seasonLength must be ≥ 2/);
    expect(() => seasonalProfile([[1, 2]], 2.5)).toThrow(/^seasonLength/);
    expect(() =>
      seasonalProfile(
        [
          [1, 2],
          [1, -1],
        ],
        2,
      ),
    ).toThrow(/^series\[1\]\[1\]/);
  });
});

describe("forecastDemand with a borrowed seasonal profile (seasonProfile)", () => {
  const group = [1, 2, 3, 4, 5].map((j) => site(40 * j, 52, 0.1, j));
  const profile = seasonalProfile(group, 52)!;

  it("deseasonalises a one-year series with the group's profile and reseasonalises the forecasts", () => {
    const f = forecastDemand(group[2], { horizon: 52, seasonProfile: profile });
    expect(f).toMatchObject({ method: "holt-winters", seasonal: true, seasonSource: "group" });
    expect(f.parameters.gamma).toBe(0);
    // Period 52 + h − 1 takes index profile[(52 + h − 1) % 52]: the peak comes back in week 13.
    const peak = f.forecasts.indexOf(Math.max(...f.forecasts));
    expect(Math.abs(peak - 13)).toBeLessThanOrEqual(2);
    expect(f.forecasts[13] / f.forecasts[39]).toBeGreaterThan(2);
    // Without the profile the same series is forecast flat.
    expect(forecastDemand(group[2], { horizon: 52 }).seasonal).toBe(false);
  });

  it("uses the series' own history from two seasons on, and leaves the profile aside", () => {
    const own = site(100, 104, 0.1, 9);
    expect(forecastDemand(own, { seasonProfile: profile })).toMatchObject({ seasonSource: "own", seasonal: true });
    const flat = Array.from({ length: 104 }, (_, t) => 100 + 10 * noise(t));
    expect(forecastDemand(flat, { seasonProfile: profile })).toMatchObject({ seasonSource: null, seasonal: false });
  });

  it("leaves the profile aside for intermittent demand and when holt-winters is not allowed", () => {
    const intermittent = Array.from({ length: 52 }, (_, t) => (t % 4 === 0 ? 10 + noise(t) : 0));
    expect(forecastDemand(intermittent, { seasonProfile: profile })).toMatchObject({ method: "sba", seasonal: false });
    expect(forecastDemand(group[2], { seasonProfile: profile, methods: ["ses", "holt"] }).seasonal).toBe(false);
  });

  it("scales the sd to the season of the horizon", () => {
    // The one-step σ of the deseasonalised model times the mean index over the horizon.
    const next = forecastDemand(group[2], { seasonProfile: profile, horizon: 1 });
    const quarter = forecastDemand(group[2], { seasonProfile: profile, horizon: 13 });
    expect(next.sd).toBeGreaterThan(0);
    expect(next.sd / profile[0]).toBeCloseTo(quarter.sd / mean(profile.slice(0, 13)), 9);
  });

  it("property: with any valid profile, forecasts are finite and never negative", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 13, maxLength: 13 }),
        (s, raw) => {
          const f = forecastDemand(s, {
            seasonLength: 13,
            horizon: 13,
            seasonProfile: raw.map((x) => (x * 13) / raw.reduce((a, b) => a + b, 0)),
          });
          for (const v of f.forecasts) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(f.sd).toBeGreaterThanOrEqual(0);
          expect(f.seasonSource === "group").toBe(f.seasonal);
        },
      ),
    );
  });

  it("rejects a profile of the wrong length or with an index that is not > 0", () => {
    expect(() => forecastDemand([1, 2, 3], { seasonLength: 4, seasonProfile: [1, 1, 1] })).toThrow(
      /^seasonProfile must hold 4 indices/,
    );
    expect(() => forecastDemand([1, 2, 3], { seasonLength: 2, seasonProfile: [2, 0] })).toThrow(/^seasonProfile\[1\]/);
    expect(() => forecastDemand([1, 2, 3], { seasonLength: 2, seasonProfile: [2, Number.NaN] })).toThrow(/^seasonProfile\[1\]/);
  });
});
