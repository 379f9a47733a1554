import { agreementIndex } from "./agreement-index";
import { dayNumber } from "./day-number";
import {
  byAgreement,
  dayIndex,
  firstPushAboveMax,
  firstStockout,
  inboundReceipts,
  lineAgainstPlan,
  lineEffect,
  project,
  projectionDays,
  receiptOf,
  round4,
  type ProjectableLine,
} from "./internal/plan-projection";
import { isoDate } from "./iso-date";
import type { PlanningContext } from "./planning-context";
import { startingOnHand } from "./starting-on-hand";

export interface PlanLineImpact {
  /** 1-based line number. */
  line: number;
  /**
   * Projected stock by day (index 0 = today) with every line of the plan for the agreement
   * (`withLine`) and with all of them but this one (`without`); inbound receipts are in both.
   */
  without: number[];
  withLine: number[];
  /** Projected stock on the arrival day before the line lands (what it is held behind). */
  stockOnArrival: number;
  /** First day from its arrival where stock with the plan is above max and the line adds to it, or null. */
  aboveMaxDate: string | null;
  /** First stockout within the horizon that the plan's lines of this agreement leave, or null. */
  stockoutDate: string | null;
  /**
   * No stockout left, and no day pushed above max by the submission checks' rule (overflow is
   * charged to the line that arrives last): what auto-approval asks of every line.
   */
  keepsInBand: boolean;
}

/**
 * Each line's effect on its agreement's projected stock against the rest of the plan: the stock
 * with and without it both count every other line of the agreement, so a line arriving early is
 * not shown running out when a later line refills it. A stockout left after all the plan's lines
 * of an agreement is charged to each of them; `keepsInBand` follows the submission checks. Lines
 * whose agreement is not in `context` are left out.
 *
 * @example
 * planLineImpacts([{ line: 1, agreementId: A, qty: 50, arrivalDate: "2026-03-12" }], context);
 * // [{ line: 1, stockOnArrival: 80, aboveMaxDate: null, stockoutDate: null, keepsInBand: true, without: […], withLine: […] }]
 */
export function planLineImpacts(
  lines: readonly { line: number; agreementId: string; qty: number; arrivalDate: string }[],
  context: PlanningContext,
): PlanLineImpact[] {
  const byId = agreementIndex(context);
  const own: ProjectableLine[] = [];
  for (const l of lines) {
    const agreement = byId.get(l.agreementId.toLowerCase());
    if (!agreement || !(l.qty > 0)) continue;
    own.push({ line: l.line, agreement, qty: l.qty, arrivalDay: dayIndex(context.today, l.arrivalDate), hasReason: false });
  }
  const impacts: PlanLineImpact[] = [];
  for (const group of byAgreement(own).values()) {
    const agreement = group[0].agreement;
    const days = projectionDays(context, group);
    const inbound = inboundReceipts(agreement, context.today);
    const all = project(agreement, context, inbound.concat(group.map(receiptOf)), days);
    const out = firstStockout(all.onHand, agreement.forecastDaily, context.horizonDays);
    const stockoutDate = out >= 0 ? isoDate(dayNumber(context.today) + out) : null;
    const withAll = all.onHand.map(round4);
    for (const l of group) {
      const { without } = lineAgainstPlan(agreement, context, inbound, group, l, days, all.onHand);
      const from = Math.max(0, l.arrivalDay);
      const above = firstPushAboveMax(all.onHand, without, agreement.max, from);
      const charged = lineEffect(agreement, context, inbound, group, l, days);
      const overflows = firstPushAboveMax(charged.withLine, charged.without, agreement.max, from) >= 0;
      const arrival = Math.min(from, without.length - 1);
      impacts.push({
        line: l.line,
        without: without.map(round4),
        withLine: withAll,
        stockOnArrival: round4(arrival > 0 ? without[arrival - 1] : startingOnHand(agreement, context.today)),
        aboveMaxDate: above >= 0 ? isoDate(dayNumber(context.today) + above) : null,
        stockoutDate,
        keepsInBand: !overflows && stockoutDate === null,
      });
    }
  }
  return impacts.sort((a, b) => a.line - b.line);
}
