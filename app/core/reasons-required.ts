import { agreementIndex } from "./agreement-index";
import { dayNumber } from "./day-number";
import {
  byAgreement,
  firstPushAboveMax,
  firstStockout,
  inboundReceipts,
  lineEffect,
  project,
  projectable,
  projectionDays,
  receiptOf,
  round4,
  type ProjectableLine,
} from "./internal/plan-projection";
import { isoDate } from "./iso-date";
import type { PlanLineFacts, PlanningContext } from "./planning-context";

/**
 * A line that must say why: it lifts projected stock above max (`reason_required_above_max`: the
 * first such day, the max and the stock that day), or it is its agreement's last line and the
 * agreement still stocks out within the horizon after all the plan's lines
 * (`reason_required_stockout`: the first stockout day).
 */
export type ReasonRequired =
  | { line: number; code: "reason_required_above_max"; params: { max: number; date: string; onHand: number } }
  | { line: number; code: "reason_required_stockout"; params: { date: string } };

/**
 * The plan's lines that need a reason and have none. Stock pushed above max is charged to the
 * line that arrives last (same day: the later line), not to the earlier lines it lands on top
 * of; a stockout left after every line of an agreement is charged to the agreement's last line in
 * the plan, even one that could not be projected.
 *
 * @example
 * // 100 on hand, 10 a day, band 50–200: 300 arriving in two days lifts stock above max.
 * reasonsRequired([{ line: 1, agreementId: A, qty: 300, arrivalDate: "2026-03-12", hasReason: false }], context);
 * // [{ line: 1, code: "reason_required_above_max", params: { max: 200, date: "2026-03-12", onHand: 370 } }]
 */
export function reasonsRequired(lines: readonly PlanLineFacts[], context: PlanningContext): ReasonRequired[] {
  const byId = agreementIndex(context);
  const own = lines.map((l) => projectable(l, byId, context.today)).filter((l): l is ProjectableLine => l !== null);
  const out: ReasonRequired[] = [];
  for (const [agreementId, group] of byAgreement(own)) {
    const agreement = group[0].agreement;
    const days = projectionDays(context, group);
    const inbound = inboundReceipts(agreement, context.today);
    for (const l of group) {
      if (l.hasReason) continue;
      const { without, withLine } = lineEffect(agreement, context, inbound, group, l, days);
      const d = firstPushAboveMax(withLine, without, agreement.max, l.arrivalDay);
      if (d >= 0) {
        out.push({
          line: l.line,
          code: "reason_required_above_max",
          params: { max: agreement.max, date: isoDate(dayNumber(context.today) + d), onHand: round4(withLine[d]) },
        });
      }
    }
    const all = project(agreement, context, inbound.concat(group.map(receiptOf)), days);
    const stockout = firstStockout(all.onHand, agreement.forecastDaily, context.horizonDays);
    if (stockout < 0) continue;
    let last = group[group.length - 1].line;
    let lastHasReason = group[group.length - 1].hasReason;
    for (const l of lines) {
      if (l.agreementId && l.agreementId.toLowerCase() === agreementId.toLowerCase() && l.line > last) {
        last = l.line;
        lastHasReason = l.hasReason;
      }
    }
    if (!lastHasReason) {
      out.push({
        line: last,
        code: "reason_required_stockout",
        params: { date: isoDate(dayNumber(context.today) + stockout) },
      });
    }
  }
  return out;
}
