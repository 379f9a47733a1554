import { agreementIndex } from "./agreement-index";
import { dayNumber } from "./day-number";
import { firstStockout, inboundReceipts, project } from "./internal/plan-projection";
import { ceilTolerant } from "./internal/tolerance";
import { isoDate } from "./iso-date";
import type { PlanLineFacts, PlanningAgreement, PlanningContext } from "./planning-context";
import { reasonsRequired } from "./reasons-required";
import { startingOnHand } from "./starting-on-hand";
import { urgencyOf, type Urgency } from "./urgency";

/** How far ahead a proposal reaches: what must be decided now, or the next four or eight weeks. */
export const proposalHorizons = ["now", "4w", "8w"] as const;
export type ProposalHorizon = (typeof proposalHorizons)[number];

/** A review period nobody entered is taken as a week, the usual planning round. */
export const DEFAULT_REVIEW_PERIOD_DAYS = 7;

/**
 * The days (from today) in which a proposed arrival belongs to this proposal: `now` is what a
 * plan made today must bring — arrivals within lead time + review period, as the next plan
 * comes a review period later and its shipments a lead time after that; `4w` and `8w` reach
 * 28 and 56 days (never past the planning horizon).
 *
 * @example
 * proposalWindowDays({ leadTimeDays: 4.5, reviewPeriodDays: 7 }, "now", 56); // 12
 */
export function proposalWindowDays(
  agreement: Pick<PlanningAgreement, "leadTimeDays" | "reviewPeriodDays">,
  horizon: ProposalHorizon,
  horizonDays: number,
): number {
  const days =
    horizon === "4w"
      ? 28
      : horizon === "8w"
        ? 56
        : ceilTolerant(agreement.leadTimeDays) + (agreement.reviewPeriodDays ?? DEFAULT_REVIEW_PERIOD_DAYS);
  return Math.min(days, horizonDays);
}

/**
 * The agreement's urgency before the plan being built (what is coming counted, the plan's own
 * lines not): see `urgencyOf`.
 */
export function agreementUrgency(agreement: PlanningAgreement, context: PlanningContext): Urgency {
  const projection = project(agreement, context, inboundReceipts(agreement, context.today), context.horizonDays);
  const out = firstStockout(projection.onHand, agreement.forecastDaily, context.horizonDays);
  const low = projection.onHand.findIndex((v) => v < agreement.min);
  return urgencyOf({
    startOnHand: startingOnHand(agreement, context.today),
    forecastDaily: agreement.forecastDaily,
    min: agreement.min,
    leadTimeDays: agreement.leadTimeDays,
    reviewPeriodDays: agreement.reviewPeriodDays ?? DEFAULT_REVIEW_PERIOD_DAYS,
    firstOut: out >= 0 ? out : null,
    firstLow: low >= 0 ? low : null,
  });
}

/** A proposed line as the proposal made it: why the core could not keep it under max, if it could not. */
export interface ProposedLineFacts extends PlanLineFacts {
  exceedsMaxCause: "moq" | "pack-size" | null;
}

/**
 * Why a proposed line breaks a rule, for the builder to prefill its reason with:
 * - `above_max_moq` / `above_max_pack`: the smallest orderable quantity (the MOQ, or one pack)
 *   lifts stock above max, `above_max` for any other push above max;
 * - `stockout_before_arrival`: stock runs out before anything shipped today can arrive;
 * - `stockout_after_window`: stock runs out after the proposal's window — the next plan covers it.
 * Params: the rule's values (max, date, onHand; the stockout date, and the earliest arrival).
 */
export type ProposalReason =
  | {
      line: number;
      code: "above_max_moq" | "above_max_pack" | "above_max";
      params: { max: number; date: string; onHand: number; moq: number; packSize: number };
    }
  | { line: number; code: "stockout_before_arrival"; params: { date: string; arrival: string } }
  | { line: number; code: "stockout_after_window"; params: { date: string } };

/**
 * The proposed lines that the plan rules would ask a reason of, each with why: the same rules as
 * `reasonsRequired` (a line the core proposes needs a reason only when it breaks one), read as
 * the proposal's own explanation. Lines that already have a reason are left alone.
 *
 * @example
 * // A pack of 500 where max leaves room for 100: the line says the pack lifts stock above max.
 * proposalReasons([{ line: 1, agreementId: A, qty: 500, arrivalDate: "2026-03-12", hasReason: false, exceedsMaxCause: "pack-size" }], context);
 * // [{ line: 1, code: "above_max_pack", params: { max: 200, date: "2026-03-12", onHand: 570, moq: 0, packSize: 500 } }]
 */
export function proposalReasons(lines: readonly ProposedLineFacts[], context: PlanningContext): ProposalReason[] {
  const byId = agreementIndex(context);
  const byLine = new Map(lines.map((l) => [l.line, l]));
  const start = dayNumber(context.today);
  return reasonsRequired(lines, context).map((r): ProposalReason => {
    const line = byLine.get(r.line);
    const agreement = line?.agreementId ? byId.get(line.agreementId.toLowerCase()) : undefined;
    if (r.code === "reason_required_above_max") {
      const cause = line?.exceedsMaxCause ?? null;
      return {
        line: r.line,
        code: cause === "moq" ? "above_max_moq" : cause === "pack-size" ? "above_max_pack" : "above_max",
        params: { ...r.params, moq: agreement?.moq ?? 0, packSize: agreement?.packSize ?? 0 },
      };
    }
    const earliest = ceilTolerant(agreement?.leadTimeDays ?? 0);
    const stockoutDay = dayNumber(r.params.date) - start;
    return stockoutDay < earliest
      ? { line: r.line, code: "stockout_before_arrival", params: { date: r.params.date, arrival: isoDate(start + earliest) } }
      : { line: r.line, code: "stockout_after_window", params: { date: r.params.date } };
  });
}
