import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastDemand, forecastErrorSd, safetyStock } from "~/core";

/** Σᵢ (Σₕ₌ᵢ^L c₍ₕ₋ᵢ₎)² written out the long way: the weight of each shock in the sum of L errors. */
function byShocks(alpha: number, beta: number, phi: number, periods: number): number {
  const c = (j: number) => {
    if (j === 0) return 1;
    let damped = 0;
    for (let i = 1; i <= j; i++) damped += phi ** i;
    return alpha * (1 + beta * damped);
  };
  let variance = 0;
  for (let shock = 1; shock <= periods; shock++) {
    let weight = 0;
    for (let h = shock; h <= periods; h++) weight += c(h - shock);
    variance += weight * weight;
  }
  return Math.sqrt(variance);
}

describe("forecastErrorSd (spread of the forecast error over several periods)", () => {
  it("the documented example: SES, α 0.5, σ 10, three periods", () => {
    expect(forecastErrorSd({ sd: 10, errorGrowth: { alpha: 0.5, beta: 0, phi: 1 } }, 3)).toBeCloseTo(
      10 * Math.sqrt(1 + 2.25 + 4),
      12,
    );
  });

  it("is σ·√L for independent periods (α = 0), fractions included: the formula safety stock used to assume", () => {
    const still = { sd: 7, errorGrowth: { alpha: 0, beta: 0, phi: 1 } };
    expect(forecastErrorSd(still, 4)).toBeCloseTo(14, 12);
    expect(forecastErrorSd(still, 12 / 7)).toBeCloseTo(7 * Math.sqrt(12 / 7), 12);
    expect(forecastErrorSd(still, 0)).toBe(0);
    expect(
      safetyStock({ serviceLevel: 0.95, demandMean: 100, demandSd: forecastErrorSd(still, 3) / Math.sqrt(3), leadTime: 3 }),
    ).toBeCloseTo(safetyStock({ serviceLevel: 0.95, demandMean: 100, demandSd: 7, leadTime: 3 }), 9);
  });

  it("Holt's linear trend (Hyndman et al. 2008, cⱼ = α + αβ·j): α 0.2, β 0.5 over three periods", () => {
    // c₁ = 0.3, c₂ = 0.4 → C = 1, 1.3, 1.7 → variance 1 + 1.69 + 2.89
    expect(forecastErrorSd({ sd: 1, errorGrowth: { alpha: 0.2, beta: 0.5, phi: 1 } }, 3)).toBeCloseTo(Math.sqrt(5.58), 12);
  });

  it("adds the fraction of the next period's term for a fractional horizon", () => {
    const g = { sd: 2, errorGrowth: { alpha: 0.4, beta: 0, phi: 1 } };
    expect(forecastErrorSd(g, 1.5)).toBeCloseTo(2 * Math.sqrt(1 + 0.5 * 1.4 * 1.4), 12);
  });

  it("property: equals the sum of each shock's weight squared, grows with the horizon, and a damped trend grows less", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.8, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (alpha, beta, phi, periods) => {
          const g = { sd: 1, errorGrowth: { alpha, beta, phi } };
          const sd = forecastErrorSd(g, periods);
          expect(sd).toBeCloseTo(byShocks(alpha, beta, phi, periods), 8);
          expect(sd).toBeGreaterThanOrEqual(Math.sqrt(periods) - 1e-12);
          expect(forecastErrorSd(g, periods + 0.5)).toBeGreaterThan(sd);
          expect(forecastErrorSd({ sd: 1, errorGrowth: { alpha, beta, phi: 0.8 } }, periods)).toBeLessThanOrEqual(
            forecastErrorSd({ sd: 1, errorGrowth: { alpha, beta, phi: 1 } }, periods) + 1e-12,
          );
        },
      ),
    );
  });

  it("takes a forecastDemand result as it is", () => {
    const s = Array.from({ length: 52 }, (_, t) => 100 + (t % 5) * 3);
    const f = forecastDemand(s);
    expect(forecastErrorSd(f, 1)).toBeCloseTo(f.sd, 12);
    expect(forecastErrorSd(f, 4)).toBeGreaterThanOrEqual(2 * f.sd - 1e-12);
  });

  it("rejects bad input, naming it", () => {
    const g = { alpha: 0.1, beta: 0, phi: 1 };
    expect(() => forecastErrorSd({ sd: -1, errorGrowth: g }, 2)).toThrow(/^sd/);
    expect(() => forecastErrorSd({ sd: 1, errorGrowth: g }, -1)).toThrow(/^periods/);
    expect(() => forecastErrorSd({ sd: 1, errorGrowth: g }, Number.NaN)).toThrow(/^periods/);
    expect(() => forecastErrorSd({ sd: 1, errorGrowth: { ...g, alpha: 2 } }, 2)).toThrow(/^errorGrowth\.alpha/);
    expect(() => forecastErrorSd({ sd: 1, errorGrowth: { ...g, beta: -0.1 } }, 2)).toThrow(/^errorGrowth\.beta/);
    expect(() => forecastErrorSd({ sd: 1, errorGrowth: { ...g, phi: 0 } }, 2)).toThrow(/^errorGrowth\.phi/);
  });
});
