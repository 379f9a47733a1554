import { mulberry32 } from "../../../db/seed/random";

/**
 * Accuracy figures of the forecast benchmark: per series the absolute errors over the hold-out
 * and the MASE (mean absolute error ÷ the in-sample mean absolute change from one week to the
 * next), summed per pattern and overall, and the ratio core ÷ R of the total absolute error with
 * its 95 % bootstrap interval (the series resampled): a ratio whose interval holds 1 is a draw,
 * not a win or a loss, and more series narrow it.
 */

export interface Scored {
  pattern: string;
  actual: readonly number[];
  train: readonly number[];
  core: readonly number[];
  r: readonly number[] | null;
}

interface Row {
  label: string;
  series: number;
  points: number;
  coreAbs: number;
  rAbs: number;
  coreMase: number;
  rMase: number;
  maseSeries: number;
}

function absError(forecast: readonly number[], actual: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(forecast[i] - actual[i]);
  return sum;
}

/** Mean absolute one-week change of the training series: the MASE scale (0 for a flat series). */
function naiveScale(train: readonly number[]): number {
  let sum = 0;
  for (let t = 1; t < train.length; t++) sum += Math.abs(train[t] - train[t - 1]);
  return train.length > 1 ? sum / (train.length - 1) : 0;
}

function emptyRow(label: string): Row {
  return { label, series: 0, points: 0, coreAbs: 0, rAbs: 0, coreMase: 0, rMase: 0, maseSeries: 0 };
}

const BOOTSTRAP_SAMPLES = 2000;

/**
 * The 2.5th and 97.5th percentiles of Σ core ÷ Σ R over resamples of the series (with
 * replacement), from a fixed seed so that the same errors print the same interval.
 */
function bootstrapInterval(core: readonly number[], r: readonly number[]): [number, number] {
  const random = mulberry32(20260417);
  const ratios = new Float64Array(BOOTSTRAP_SAMPLES);
  for (let b = 0; b < BOOTSTRAP_SAMPLES; b++) {
    let c = 0;
    let d = 0;
    for (let i = 0; i < core.length; i++) {
      const j = Math.floor(random() * core.length);
      c += core[j];
      d += r[j];
    }
    ratios[b] = d > 0 ? c / d : Number.NaN;
  }
  ratios.sort();
  return [ratios[Math.floor(0.025 * BOOTSTRAP_SAMPLES)], ratios[Math.ceil(0.975 * BOOTSTRAP_SAMPLES) - 1]];
}

function add(row: Row, s: Scored, errors: { core: number[]; r: number[] }): void {
  const coreAbs = absError(s.core, s.actual);
  const rAbs = s.r ? absError(s.r, s.actual) : 0;
  errors.core.push(coreAbs);
  errors.r.push(rAbs);
  row.series += 1;
  row.points += s.actual.length;
  row.coreAbs += coreAbs;
  row.rAbs += rAbs;
  const scale = naiveScale(s.train);
  if (scale > 0) {
    row.coreMase += coreAbs / s.actual.length / scale;
    row.rMase += rAbs / s.actual.length / scale;
    row.maseSeries += 1;
  }
}

const num = (x: number, width: number, digits = 2) => x.toFixed(digits).padStart(width);

export interface Summary {
  overallRatio: number | null;
  ratios: Map<string, number | null>;
}

/** Prints the table (per pattern in the given order, then overall); returns the ratios. */
export function printScores(title: string, scored: readonly Scored[], order: readonly string[], withR: boolean): Summary {
  const rows = new Map<string, Row>(order.map((p) => [p, emptyRow(p)]));
  const overall = emptyRow("overall");
  const errors = new Map<string, { core: number[]; r: number[] }>();
  const errorsOf = (label: string) => {
    if (!errors.has(label)) errors.set(label, { core: [], r: [] });
    return errors.get(label)!;
  };
  for (const s of scored) {
    if (!rows.has(s.pattern)) rows.set(s.pattern, emptyRow(s.pattern));
    add(rows.get(s.pattern)!, s, errorsOf(s.pattern));
    add(overall, s, errorsOf("overall"));
  }
  console.log(title);
  console.log(
    withR
      ? "  pattern        series   MAE core      MAE R   MASE core     MASE R   core/R (total |error|)  95 % interval"
      : "  pattern        series   MAE core   MASE core",
  );
  const ratios = new Map<string, number | null>();
  for (const row of [...rows.values(), overall]) {
    if (row.series === 0) continue;
    const maeCore = row.coreAbs / row.points;
    const maseCore = row.maseSeries > 0 ? row.coreMase / row.maseSeries : Number.NaN;
    const head = `  ${row.label.padEnd(13)} ${String(row.series).padStart(7)} ${num(maeCore, 10)}`;
    if (!withR) {
      console.log(`${head} ${num(maseCore, 11, 3)}`);
      continue;
    }
    const ratio = row.rAbs > 0 ? row.coreAbs / row.rAbs : null;
    ratios.set(row.label, ratio);
    const maseR = row.maseSeries > 0 ? row.rMase / row.maseSeries : Number.NaN;
    const e = errorsOf(row.label);
    const interval =
      ratio === null
        ? ""
        : bootstrapInterval(e.core, e.r)
            .map((x) => x.toFixed(4))
            .join("–");
    console.log(
      `${head} ${num(row.rAbs / row.points, 10)} ${num(maseCore, 11, 3)} ${num(maseR, 10, 3)} ${ratio === null ? "       –" : num(ratio, 8, 4)}                  ${interval}`,
    );
  }
  return { overallRatio: ratios.get("overall") ?? null, ratios };
}
