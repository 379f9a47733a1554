import { agreementIndex } from "./agreement-index";
import { dayNumber } from "./day-number";
import {
  firstPushAboveMax,
  firstStockout,
  inboundReceipts,
  lineAgainstPlan,
  project,
  projectable,
  projectionDays,
  receiptOf,
  type ProjectableLine,
} from "./internal/plan-projection";
import { isoDate } from "./iso-date";
import type { PlanLineFacts, PlanningContext } from "./planning-context";
import type { InventoryProjection } from "./project-inventory";
import { startingOnHand } from "./starting-on-hand";

/** A line's effect on top of the inbound receipts and every other line of the plan for its agreement. */
export interface LineEffect {
  line: number;
  qty: number;
  arrivalDate: string;
  /** With this line, stock goes (further) above max on some day from its arrival. */
  pushesAboveMax: boolean;
  /** The first such day, or null. */
  aboveMaxDate: string | null;
  /** Projected stock at the end of the arrival day without and with this line (the plan's other lines in both). */
  onHandBefore: number;
  onHandAfter: number;
}

export interface PlanProjection {
  agreementId: string;
  /** One date per projected day, from today. */
  dates: string[];
  min: number;
  max: number;
  startOnHand: number;
  forecastDaily: number;
  /** Existing stock and inbound only. */
  without: InventoryProjection;
  /** With every projectable line of the plan for this agreement. */
  with: InventoryProjection;
  /** First stockout date within the horizon with the plan's lines, or null. */
  stockoutDate: string | null;
  lines: LineEffect[];
}

/**
 * The agreement's day-by-day projection without and with the plan's lines (lines of other
 * agreements, and lines without qty > 0 or an arrival date, are left out), and each line's
 * effect. Null when the agreement is not in the context.
 *
 * @example
 * const p = projectPlanLines(context, A, [{ line: 1, agreementId: A, qty: 50, arrivalDate: "2026-03-12", hasReason: false }]);
 * p?.lines[0]; // { line: 1, qty: 50, arrivalDate: "2026-03-12", pushesAboveMax: false, aboveMaxDate: null, onHandBefore: 70, onHandAfter: 120 }
 */
export function projectPlanLines(
  context: PlanningContext,
  agreementId: string,
  lines: readonly PlanLineFacts[],
): PlanProjection | null {
  const byId = agreementIndex(context);
  const agreement = byId.get(agreementId.toLowerCase());
  if (!agreement) return null;
  const key = agreement.agreementId.toLowerCase();
  const own = lines
    .filter((l) => l.agreementId !== null && l.agreementId.toLowerCase() === key)
    .map((l) => projectable(l, byId, context.today))
    .filter((l): l is ProjectableLine => l !== null);
  const days = projectionDays(context, own);
  const inbound = inboundReceipts(agreement, context.today);
  const without = project(agreement, context, inbound, days);
  const withAll = project(agreement, context, inbound.concat(own.map(receiptOf)), days);
  const start = dayNumber(context.today);
  const effects = own.map((l): LineEffect => {
    const { without: before, withLine: after } = lineAgainstPlan(agreement, context, inbound, own, l, days, withAll.onHand);
    const above = firstPushAboveMax(after, before, agreement.max, l.arrivalDay);
    return {
      line: l.line,
      qty: l.qty,
      arrivalDate: isoDate(start + l.arrivalDay),
      pushesAboveMax: above >= 0,
      aboveMaxDate: above >= 0 ? isoDate(start + above) : null,
      onHandBefore: before[l.arrivalDay] ?? 0,
      onHandAfter: after[l.arrivalDay] ?? 0,
    };
  });
  const out = firstStockout(withAll.onHand, agreement.forecastDaily, context.horizonDays);
  return {
    agreementId: agreement.agreementId,
    dates: Array.from({ length: days }, (_, d) => isoDate(start + d)),
    min: agreement.min,
    max: agreement.max,
    startOnHand: startingOnHand(agreement, context.today),
    forecastDaily: agreement.forecastDaily,
    without,
    with: withAll,
    stockoutDate: out >= 0 ? isoDate(start + out) : null,
    lines: effects,
  };
}
