import { agreementIndex } from "./agreement-index";
import { dayNumber } from "./day-number";
import {
  byAgreement,
  dayIndex,
  firstPushAboveMax,
  firstStockout,
  inboundReceipts,
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
   * Projected stock by day (index 0 = today) without and with this line; inbound receipts and the
   * plan's lines of the same agreement that arrive earlier are in both.
   */
  without: number[];
  withLine: number[];
  /** Projected stock on the arrival day before the line lands (what it is held behind). */
  stockOnArrival: number;
  /** First day the line lifts projected stock above max, or null. */
  aboveMaxDate: string | null;
  /** First stockout within the horizon that the plan's lines of this agreement leave, or null. */
  stockoutDate: string | null;
  /** No day pushed above max and no stockout left: what auto-approval asks of every line. */
  keepsInBand: boolean;
}

/**
 * Each line's effect on its agreement's projected stock, by the same rules as the submission
 * checks: stock pushed above max is charged to the line that arrives last; a stockout left after
 * all the plan's lines of an agreement is charged to each of them. Lines whose agreement is not in
 * `context` are left out.
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
    for (const l of group) {
      const { without, withLine } = lineEffect(agreement, context, inbound, group, l, days);
      const above = firstPushAboveMax(withLine, without, agreement.max, Math.max(0, l.arrivalDay));
      const arrival = Math.min(Math.max(0, l.arrivalDay), without.length - 1);
      impacts.push({
        line: l.line,
        without: without.map(round4),
        withLine: withLine.map(round4),
        stockOnArrival: round4(arrival > 0 ? without[arrival - 1] : startingOnHand(agreement, context.today)),
        aboveMaxDate: above >= 0 ? isoDate(dayNumber(context.today) + above) : null,
        stockoutDate,
        keepsInBand: above < 0 && stockoutDate === null,
      });
    }
  }
  return impacts.sort((a, b) => a.line - b.line);
}
