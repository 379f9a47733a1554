import {
  agreementIndex,
  dayNumber,
  isoDate,
  lineHoldingImpact,
  planLineImpacts,
  startingOnHand,
  type PlanLineImpact,
  type PlanningContext,
} from "~/core";
import { projectionVerdict } from "~/core/projection-verdict";

/**
 * What a reviewer sees about each line of a plan, from the lines and the planning context alone
 * (pure: the review loader reads the database, this does the arithmetic, and tests can run it).
 */

/** What the review needs of a plan line (the stored line record has these and more). */
export interface ReviewableLine {
  lineNo: number;
  agreementId: string;
  qty: number;
  arrivalDate: string;
  decisionCode: string | null;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  unitCost: number;
  shippedQty: number;
}

/** What a reviewer sees about one line: the agreement's facts and what the line does. */
export interface LineReview {
  lineNo: number;
  agreement: {
    min: number;
    max: number;
    onHand: number;
    forecastDaily: number;
    leadTimeDays: number;
    packSize: number;
    unitCost: number;
    cell: string | null;
    recommendedMin: number | null;
    recommendedMax: number | null;
  } | null;
  /**
   * Projected stock by day from today, over the horizon (longer when the line arrives after it):
   * `withLine` counts every line of the plan for the agreement, `without` all of them but this one.
   */
  projection: { date: string; without: number; withLine: number }[];
  /** The projection, value and cost are of the quantity and date an earlier step decided (IQ, DR). */
  asDecided: boolean;
  value: number;
  holdingCost: number;
  daysHeld: number;
  /** Read off `projection.withLine`, so the badges say what the numbers beside them say. */
  lowest: number;
  highest: number;
  stockoutDate: string | null;
  belowMinDate: string | null;
  /** First day the line adds to stock that is above max. */
  aboveMaxDate: string | null;
  /** First day above max that other lines or inbound caused. */
  otherAboveMaxDate: string | null;
  inBand: boolean;
}

/** A line changed by a decision (IQ, DR) is reviewed as decided; others as submitted. */
export const changedByDecision = (l: Pick<ReviewableLine, "decisionCode">) => l.decisionCode === "IQ" || l.decisionCode === "DR";

/** The quantity and arrival a line is reviewed and projected with (the queue uses the same). */
export function effective(l: Omit<ReviewableLine, "lineNo" | "agreementId" | "unitCost" | "shippedQty">): {
  qty: number;
  arrivalDate: string;
} {
  if (!changedByDecision(l)) return { qty: l.qty, arrivalDate: l.arrivalDate };
  return { qty: l.approvedQty ?? l.qty, arrivalDate: l.approvedArrivalDate ?? l.arrivalDate };
}

/** What is still to arrive of a line: a rejected line brings nothing, a shipped part is inbound or on hand. */
const toCome = (l: ReviewableLine) => (l.decisionCode === "IR" ? 0 : Math.max(0, effective(l).qty - l.shippedQty));

/**
 * Each line's review: its agreement's facts, its projection with the rest of the plan in both
 * series (a line rejected by an earlier step is left out of the others' projections), the verdict
 * on that projection, and its value and holding-cost impact (app/core lineHoldingImpact).
 */
export function reviewLines(lines: readonly ReviewableLine[], context: PlanningContext, holdingRate: number): LineReview[] {
  const byId = agreementIndex(context);
  const facts = (l: ReviewableLine, qty: number) => ({
    line: l.lineNo,
    agreementId: l.agreementId,
    qty,
    arrivalDate: effective(l).arrivalDate,
  });
  const counted = lines.filter((l) => toCome(l) > 0);
  const impacts = new Map<number, PlanLineImpact>(
    planLineImpacts(
      counted.map((l) => facts(l, toCome(l))),
      context,
    ).map((i) => [i.line, i]),
  );
  // A rejected line is still shown as it would come, on top of the others.
  for (const l of lines) {
    if (l.decisionCode !== "IR" || !(effective(l).qty > 0)) continue;
    const alone = planLineImpacts(
      counted
        .filter((o) => o.agreementId === l.agreementId)
        .map((o) => facts(o, toCome(o)))
        .concat(facts(l, effective(l).qty)),
      context,
    ).find((i) => i.line === l.lineNo);
    if (alone) impacts.set(l.lineNo, alone);
  }
  const start = dayNumber(context.today);
  return lines.map((l): LineReview => {
    const agreement = byId.get(l.agreementId.toLowerCase());
    const impact = impacts.get(l.lineNo);
    const { qty, arrivalDate } = effective(l);
    const holding = lineHoldingImpact({
      qty,
      unitCost: l.unitCost,
      holdingRate,
      stockOnArrival: impact?.stockOnArrival ?? 0,
      dailyDemand: Math.max(0, agreement?.forecastDaily ?? 0),
    });
    const arrivalDay = Math.max(0, dayNumber(arrivalDate) - start);
    const days = Math.min(Math.max(context.horizonDays, arrivalDay + 1), impact?.withLine.length ?? 0);
    const withLine = impact?.withLine.slice(0, days) ?? [];
    const without = impact?.without.slice(0, days) ?? [];
    const verdict = projectionVerdict({
      withLine,
      without,
      min: agreement?.min ?? 0,
      max: agreement?.max ?? Number.POSITIVE_INFINITY,
      demand: Math.max(0, agreement?.forecastDaily ?? 0),
      from: arrivalDay,
    });
    const date = (d: number | null) => (d === null ? null : isoDate(start + d));
    return {
      lineNo: l.lineNo,
      agreement: agreement
        ? {
            min: agreement.min,
            max: agreement.max,
            onHand: startingOnHand(agreement, context.today),
            forecastDaily: agreement.forecastDaily,
            leadTimeDays: agreement.leadTimeDays,
            packSize: agreement.packSize,
            unitCost: agreement.unitCost,
            cell: agreement.metrics ? `${agreement.metrics.abc}${agreement.metrics.xyz}` : null,
            recommendedMin: agreement.metrics?.recommendedMin ?? null,
            recommendedMax: agreement.metrics?.recommendedMax ?? null,
          }
        : null,
      projection: withLine.map((w, d) => ({ date: isoDate(start + d), without: without[d], withLine: w })),
      asDecided: changedByDecision(l),
      value: holding.value,
      holdingCost: round2(holding.cost),
      daysHeld: Math.round(holding.daysHeld * 10) / 10,
      lowest: verdict.lowest,
      highest: verdict.highest,
      stockoutDate: date(verdict.stockoutDay),
      belowMinDate: date(verdict.belowMinDay),
      aboveMaxDate: date(verdict.lineAboveMaxDay),
      otherAboveMaxDate: verdict.lineAboveMaxDay === null ? date(verdict.aboveMaxDay) : null,
      inBand: verdict.inBand && withLine.length > 0,
    };
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;
