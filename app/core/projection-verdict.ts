import { above, below } from "./internal/plan-projection";

export interface ProjectionVerdict {
  /** Lowest and highest projected stock with the line over the days given. */
  lowest: number;
  highest: number;
  /** First day (index) with stock ≤ 0 while there is demand, or null. */
  stockoutDay: number | null;
  /** First day with stock below min, or null. */
  belowMinDay: number | null;
  /** First day from the line's arrival where stock is above max and the line adds to it, or null. */
  lineAboveMaxDay: number | null;
  /** First day with stock above max, whoever put it there, or null. */
  aboveMaxDay: number | null;
  /** Every day in band (min ≤ stock ≤ max) and no stockout: the only case a page may say "in band". */
  inBand: boolean;
}

/**
 * What a line's projection says, read off the very numbers a page shows beside it, so that a badge
 * cannot claim "in band" next to a lowest of 0: every verdict is a day of `withLine` (stock with
 * the line and the rest of the plan), compared with the band and with `without` (the same less
 * the line). Comparisons allow the plan rules' tolerance for quantities typed with decimals.
 *
 * @param p.from the line's arrival day (index); before it the line cannot add anything
 * @example
 * projectionVerdict({ withLine: [80, 60, 0], without: [80, 60, 0], min: 50, max: 200, demand: 20, from: 1 });
 * // { lowest: 0, highest: 80, stockoutDay: 2, belowMinDay: 2, lineAboveMaxDay: null, aboveMaxDay: null, inBand: false }
 */
export function projectionVerdict(p: {
  withLine: readonly number[];
  without: readonly number[];
  min: number;
  max: number;
  demand: number;
  from: number;
}): ProjectionVerdict {
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  let stockoutDay: number | null = null;
  let belowMinDay: number | null = null;
  let lineAboveMaxDay: number | null = null;
  let aboveMaxDay: number | null = null;
  p.withLine.forEach((stock, d) => {
    lowest = Math.min(lowest, stock);
    highest = Math.max(highest, stock);
    if (stockoutDay === null && p.demand > 0 && stock <= 0) stockoutDay = d;
    if (belowMinDay === null && below(stock, p.min)) belowMinDay = d;
    if (!above(stock, p.max)) return;
    if (aboveMaxDay === null) aboveMaxDay = d;
    if (lineAboveMaxDay === null && d >= p.from && above(stock, p.without[d] ?? 0)) lineAboveMaxDay = d;
  });
  if (p.withLine.length === 0) lowest = highest = 0;
  return {
    lowest,
    highest,
    stockoutDay,
    belowMinDay,
    lineAboveMaxDay,
    aboveMaxDay,
    inBand: stockoutDay === null && belowMinDay === null && aboveMaxDay === null,
  };
}
