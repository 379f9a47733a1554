/**
 * Synthetic weekly demand for the forecast benchmark, from a fixed seed: every pattern a planner
 * meets (smooth, trending, seasonal with two years and with one year of history, erratic,
 * intermittent, lumpy), each series labelled with the pattern it was generated as. Series of the
 * one-year seasonal pattern come in groups (one item at several sites sharing a seasonal profile),
 * aligned to the same first week, so that a forecast may borrow the profile from the group.
 */
import { mulberry32 } from "../../../db/seed/random";

export const HOLDOUT_WEEKS = 13;
export const SEASON_WEEKS = 52;

export type BenchPattern = "smooth" | "trending" | "seasonal-2y" | "seasonal-1y" | "erratic" | "intermittent" | "lumpy";

export const BENCH_PATTERNS: readonly BenchPattern[] = [
  "smooth",
  "trending",
  "seasonal-2y",
  "seasonal-1y",
  "erratic",
  "intermittent",
  "lumpy",
];

/** Training weeks per pattern: the seasonal ones have two years and one year of history. */
const TRAIN_WEEKS: Record<BenchPattern, number> = {
  smooth: 91,
  trending: 91,
  "seasonal-2y": 104,
  "seasonal-1y": 52,
  erratic: 91,
  intermittent: 91,
  lumpy: 91,
};

/** Sites per group of the one-year seasonal pattern. */
export const GROUP_SITES = 5;

export interface BenchSeries {
  id: string;
  pattern: BenchPattern;
  /** The weeks a forecast may see, oldest first. */
  train: number[];
  /** The next HOLDOUT_WEEKS weeks, to be forecast. */
  actual: number[];
  /** Ids of the series of the same group (itself included), for the one-year seasonal pattern. */
  group: string | null;
}

interface Draw {
  uniform(lo: number, hi: number): number;
  gaussian(): number;
  chance(p: number): boolean;
}

function draws(seed: number): Draw {
  const random = mulberry32(seed);
  return {
    uniform: (lo, hi) => lo + (hi - lo) * random(),
    gaussian: () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
    chance: (p) => random() < p,
  };
}

const whole = (x: number) => Math.max(0, Math.round(x));

/** A yearly profile of mean 1: a sine, maybe a second harmonic, maybe a peak of a few weeks. */
function seasonalShape(d: Draw): number[] {
  const amplitude = d.uniform(0.2, 0.6);
  const phase = d.uniform(0, SEASON_WEEKS);
  const second = d.chance(0.5) ? d.uniform(0, 0.3) * amplitude : 0;
  const peakAt = d.chance(0.5) ? Math.floor(d.uniform(0, SEASON_WEEKS)) : -1;
  const peak = d.uniform(0.5, 1.5);
  const shape = Array.from({ length: SEASON_WEEKS }, (_, w) => {
    const angle = (2 * Math.PI * (w + phase)) / SEASON_WEEKS;
    let s = 1 + amplitude * Math.sin(angle) + second * Math.sin(2 * angle + 1);
    const distance = Math.min(Math.abs(w - peakAt), SEASON_WEEKS - Math.abs(w - peakAt));
    if (peakAt >= 0 && distance <= 1) s *= 1 + peak * (distance === 0 ? 1 : 0.5);
    return Math.max(0.05, s);
  });
  const mean = shape.reduce((a, b) => a + b, 0) / SEASON_WEEKS;
  return shape.map((s) => s / mean);
}

function generateOne(d: Draw, pattern: BenchPattern, weeks: number, shape: number[] | null): number[] {
  const level = d.uniform(20, 500);
  const y: number[] = new Array(weeks);
  switch (pattern) {
    case "smooth": {
      // A level that wanders a little (or not at all), with noise around it.
      const wander = d.chance(0.5) ? d.uniform(0, 0.04) : 0;
      const cv = d.uniform(0.05, 0.3);
      let l = level;
      for (let t = 0; t < weeks; t++) {
        l = Math.max(0.3 * level, l + level * wander * d.gaussian());
        y[t] = whole(l * (1 + cv * d.gaussian()));
      }
      return y;
    }
    case "trending": {
      // A straight trend, or one that flattens out (damped), up or down.
      const slope = level * d.uniform(-0.008, 0.02);
      const damping = d.chance(0.5) ? d.uniform(0.95, 0.99) : 1;
      const cv = d.uniform(0.05, 0.2);
      let l = level;
      let b = slope;
      for (let t = 0; t < weeks; t++) {
        l = Math.max(0.2 * level, l + b);
        b *= damping;
        y[t] = whole(l * (1 + cv * d.gaussian()));
      }
      return y;
    }
    case "seasonal-2y":
    case "seasonal-1y": {
      const s = shape ?? seasonalShape(d);
      const slope = level * d.uniform(-0.003, 0.005);
      const cv = d.uniform(0.05, 0.2);
      for (let t = 0; t < weeks; t++) y[t] = whole((level + slope * t) * s[t % SEASON_WEEKS] * (1 + cv * d.gaussian()));
      return y;
    }
    case "erratic": {
      // Log-normal sizes every week: CV² = e^{σ²} − 1 ≥ 0.9.
      const sigma = d.uniform(0.8, 1.3);
      for (let t = 0; t < weeks; t++) y[t] = whole(level * Math.exp(sigma * d.gaussian() - (sigma * sigma) / 2));
      return y;
    }
    case "intermittent": {
      const p = d.uniform(0.2, 0.7);
      const cv = d.uniform(0.1, 0.4);
      for (let t = 0; t < weeks; t++) y[t] = d.chance(p) ? Math.max(1, whole(level * (1 + cv * d.gaussian()))) : 0;
      return y;
    }
    case "lumpy": {
      const p = d.uniform(0.1, 0.6);
      const sigma = d.uniform(0.8, 1.3);
      for (let t = 0; t < weeks; t++) {
        y[t] = d.chance(p) ? Math.max(1, whole(level * Math.exp(sigma * d.gaussian() - (sigma * sigma) / 2))) : 0;
      }
      return y;
    }
  }
}

/** `perPattern` series of each pattern (rounded up to whole groups for the one-year seasonal). */
export function generateBenchSeries(perPattern: number, seed: number): BenchSeries[] {
  const d = draws(seed);
  const out: BenchSeries[] = [];
  for (const pattern of BENCH_PATTERNS) {
    const weeks = TRAIN_WEEKS[pattern] + HOLDOUT_WEEKS;
    if (pattern === "seasonal-1y") {
      for (let g = 0; g * GROUP_SITES < perPattern; g++) {
        const shape = seasonalShape(d);
        const group = `${pattern}-g${g}`;
        for (let site = 0; site < GROUP_SITES; site++) {
          const y = generateOne(d, pattern, weeks, shape);
          out.push({
            id: `${group}-s${site}`,
            pattern,
            train: y.slice(0, -HOLDOUT_WEEKS),
            actual: y.slice(-HOLDOUT_WEEKS),
            group,
          });
        }
      }
      continue;
    }
    for (let i = 0; i < perPattern; i++) {
      const y = generateOne(d, pattern, weeks, null);
      out.push({
        id: `${pattern}-${i}`,
        pattern,
        train: y.slice(0, -HOLDOUT_WEEKS),
        actual: y.slice(-HOLDOUT_WEEKS),
        group: null,
      });
    }
  }
  return out;
}
