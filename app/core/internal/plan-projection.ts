import { dayNumber } from "../day-number";
import { projectInventory } from "../project-inventory";
import type { PlanLineFacts, PlanningAgreement, PlanningContext } from "../planning-context";
import { startingOnHand } from "../starting-on-hand";
import type { Receipt } from "../types";

/**
 * The projection steps the plan functions share: which lines can be projected, for how long,
 * and what one line does on top of what arrives before it.
 */

/** Relative tolerance of the plan rules' comparisons (quantities typed with up to 4 decimals). */
export const PLAN_TOLERANCE = 1e-9;
/** Projections never run longer than this, however late a line arrives. */
export const PLAN_PROJECTION_MAX_DAYS = 730;

export const above = (x: number, limit: number) => x > limit + PLAN_TOLERANCE * Math.max(1, Math.abs(limit));
export const below = (x: number, limit: number) => x < limit - PLAN_TOLERANCE * Math.max(1, Math.abs(limit));
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** A line that can enter a projection: known agreement, qty > 0, valid arrival date. */
export interface ProjectableLine {
  line: number;
  agreement: PlanningAgreement;
  qty: number;
  arrivalDay: number;
  hasReason: boolean;
}

/** Day index (0 = today) of a date; dates already past count as today (late, still expected). */
export function dayIndex(today: string, date: string) {
  const d = dayNumber(date) - dayNumber(today);
  return d > 0 ? d : 0;
}

/** The line, ready for a projection; null when its agreement, qty > 0 or arrival date is missing. */
export function projectable(line: PlanLineFacts, byId: ReadonlyMap<string, PlanningAgreement>, today: string) {
  const agreement = line.agreementId ? byId.get(line.agreementId.toLowerCase()) : undefined;
  if (!agreement || line.qty === null || !(line.qty > 0) || !line.arrivalDate) return null;
  return {
    line: line.line,
    agreement,
    qty: line.qty,
    arrivalDay: dayIndex(today, line.arrivalDate),
    hasReason: line.hasReason,
  } satisfies ProjectableLine;
}

/** Days a projection runs: the horizon, longer when a line arrives after it. */
export function projectionDays(context: PlanningContext, lines: readonly ProjectableLine[]) {
  let days = context.horizonDays;
  for (const l of lines) if (l.arrivalDay + 1 > days) days = l.arrivalDay + 1;
  return Math.min(days, Math.max(context.horizonDays, PLAN_PROJECTION_MAX_DAYS));
}

export function inboundReceipts(agreement: PlanningAgreement, today: string): Receipt[] {
  return agreement.inbound.filter((r) => r.qty > 0).map((r) => ({ day: dayIndex(today, r.date), quantity: r.qty }));
}

export function project(agreement: PlanningAgreement, context: PlanningContext, receipts: Receipt[], days: number) {
  return projectInventory({
    onHand: startingOnHand(agreement, context.today),
    demand: Math.max(0, agreement.forecastDaily),
    days,
    receipts,
    min: agreement.min,
    max: agreement.max,
  });
}

export const receiptOf = (l: ProjectableLine): Receipt => ({ day: l.arrivalDay, quantity: l.qty });

/** Whether `a` arrives before `b` (same day: the lower line number first). */
const arrivesBefore = (a: ProjectableLine, b: ProjectableLine) =>
  a.arrivalDay < b.arrivalDay || (a.arrivalDay === b.arrivalDay && a.line < b.line);

/**
 * A line's effect on top of inbound receipts and the plan's lines that arrive before it: stock
 * that overflows max is charged to the line that arrives last, not to the earlier lines it lands
 * on top of.
 */
export function lineEffect(
  agreement: PlanningAgreement,
  context: PlanningContext,
  inbound: Receipt[],
  lines: readonly ProjectableLine[],
  line: ProjectableLine,
  days: number,
) {
  const earlier = inbound.concat(lines.filter((o) => arrivesBefore(o, line)).map(receiptOf));
  return {
    without: project(agreement, context, earlier, days).onHand,
    withLine: project(agreement, context, earlier.concat(receiptOf(line)), days).onHand,
  };
}

/**
 * What one line does to the projection the page shows: `withLine` holds inbound receipts and every
 * line of the plan for the agreement, `without` the same less this line. Unlike `lineEffect`, later
 * lines are in both, so each line's chart shows the stock the plan as a whole leaves.
 */
export function lineAgainstPlan(
  agreement: PlanningAgreement,
  context: PlanningContext,
  inbound: Receipt[],
  lines: readonly ProjectableLine[],
  line: ProjectableLine,
  days: number,
  withAll: number[],
) {
  const others = inbound.concat(lines.filter((o) => o !== line).map(receiptOf));
  return { without: project(agreement, context, others, days).onHand, withLine: withAll };
}

/** First day (from `from`) where `withLine` is above max and above `without`; −1 when none. */
export function firstPushAboveMax(withLine: number[], without: number[], max: number, from: number) {
  for (let d = from; d < withLine.length; d++) {
    if (above(withLine[d], max) && above(withLine[d], without[d])) return d;
  }
  return -1;
}

/** First day within the horizon with projected stock ≤ 0 while there is demand; −1 when none. */
export function firstStockout(onHand: number[], demand: number, horizon: number) {
  if (!(demand > 0)) return -1;
  const end = Math.min(horizon, onHand.length);
  for (let d = 0; d < end; d++) if (onHand[d] <= 0) return d;
  return -1;
}

/** Lines grouped by agreement, in the order they come. */
export function byAgreement(lines: readonly ProjectableLine[]): Map<string, ProjectableLine[]> {
  const groups = new Map<string, ProjectableLine[]>();
  for (const l of lines) {
    const list = groups.get(l.agreement.agreementId) ?? [];
    list.push(l);
    groups.set(l.agreement.agreementId, list);
  }
  return groups;
}
