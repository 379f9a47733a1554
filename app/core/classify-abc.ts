import { MUST_BE_FINITE, MUST_BE_ORDERED, MUST_BE_UNIQUE } from "./errors";
import { checkNonNegative, fail } from "./internal/checks";
import { isBelow } from "./internal/tolerance";
import type { Abc } from "./types";

export interface AbcItem {
  /** Item key, e.g. the SKU; ties in value are broken by it (code-unit order). */
  id: string;
  /** Annual consumption value: last 365 days' consumed quantity × unit cost (≥ 0). */
  annualValue: number;
}

export interface AbcCutoffs {
  /** Items whose items-above share is below `a` are A (default 0.8). */
  a: number;
  /** Items whose items-above share is below `b` (and not A) are B (default 0.95). */
  b: number;
}

export interface AbcClassification {
  id: string;
  abc: Abc;
  /** 1 = highest value. */
  rank: number;
  /** This item's share of the total value (0 when the total is 0). */
  share: number;
  /** Share of the items ranked 1..rank, this item included. */
  cumulativeShare: number;
}

export const DEFAULT_ABC_CUTOFFS: Readonly<AbcCutoffs> = Object.freeze({ a: 0.8, b: 0.95 });

/**
 * ABC classification by annual consumption value (docs/domain.md, "Classification"). Items are ranked
 * by descending value, ties by id. An item's class is set by the cumulative share of the items
 * ranked ABOVE it: below `a` → A, below `b` → B, else C. So the item that crosses 80 % is still A
 * and the top item is always A. Items with zero value are C.
 *
 * The share above an item is computed as (sum of values above) ÷ (total), which carries
 * floating-point rounding (0.4, 0.4, 0.14, 0.06 × 7 gives 0.7999999999999999 above the third
 * item). A share within a relative 1e-12 of a cut-off counts as equal to it, so scaling every
 * value by the same positive factor (a currency conversion) does not change a class.
 *
 * @param items one entry per item; ids must be unique
 * @param cutoffs `{ a, b }` with 0 < a ≤ b ≤ 1, default `{ a: 0.8, b: 0.95 }`
 * @returns one entry per item, in rank order
 * @throws RangeError for a negative or non-finite value, a duplicate id or bad cut-offs
 * @example
 * classifyAbc([
 *   { id: "NW-1", annualValue: 700 }, { id: "NW-2", annualValue: 200 },
 *   { id: "NW-3", annualValue: 60 },  { id: "NW-4", annualValue: 40 },
 * ]);
 * // NW-1 A (above 0), NW-2 A (above 0.70), NW-3 B (above 0.90), NW-4 C (above 0.96)
 */
export function classifyAbc(items: readonly AbcItem[], cutoffs: AbcCutoffs = DEFAULT_ABC_CUTOFFS): AbcClassification[] {
  const { a, b } = cutoffs;
  if (!Number.isFinite(a) || !Number.isFinite(b)) fail("cutoffs", MUST_BE_FINITE, `${a}, ${b}`);
  if (!(a > 0 && a <= b && b <= 1)) fail("cutoffs", `${MUST_BE_ORDERED} 0 < a ≤ b ≤ 1`, `a=${a}, b=${b}`);
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    checkNonNegative(`items[${i}].annualValue`, items[i].annualValue);
    if (seen.has(items[i].id)) fail(`items[${i}].id`, MUST_BE_UNIQUE, items[i].id);
    seen.add(items[i].id);
  }

  const order = items
    .slice()
    .sort((x, y) => (y.annualValue !== x.annualValue ? y.annualValue - x.annualValue : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let total = 0;
  for (const item of order) total += item.annualValue;

  const result: AbcClassification[] = new Array(order.length);
  let above = 0;
  for (let i = 0; i < order.length; i++) {
    const { id, annualValue } = order[i];
    const shareAbove = total > 0 ? above / total : 0;
    const abc: Abc = annualValue === 0 ? "C" : isBelow(shareAbove, a) ? "A" : isBelow(shareAbove, b) ? "B" : "C";
    above += annualValue;
    result[i] = {
      id,
      abc,
      rank: i + 1,
      share: total > 0 ? annualValue / total : 0,
      cumulativeShare: total > 0 ? above / total : 0,
    };
  }
  return result;
}
