/**
 * Accuracy figures of the forecast benchmark: per series the absolute errors over the hold-out
 * and the MASE (mean absolute error ÷ the in-sample mean absolute change from one week to the
 * next), summed per pattern and overall, and the ratio core ÷ R of the total absolute error.
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

function add(row: Row, s: Scored): void {
  const coreAbs = absError(s.core, s.actual);
  const rAbs = s.r ? absError(s.r, s.actual) : 0;
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
  for (const s of scored) {
    if (!rows.has(s.pattern)) rows.set(s.pattern, emptyRow(s.pattern));
    add(rows.get(s.pattern)!, s);
    add(overall, s);
  }
  console.log(title);
  console.log(
    withR
      ? "  pattern        series   MAE core      MAE R   MASE core     MASE R   core/R (total |error|)"
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
    console.log(
      `${head} ${num(row.rAbs / row.points, 10)} ${num(maseCore, 11, 3)} ${num(maseR, 10, 3)} ${ratio === null ? "       –" : num(ratio, 8, 4)}`,
    );
  }
  return { overallRatio: ratios.get("overall") ?? null, ratios };
}
