import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { agreementIndex, lineHoldingImpact, planLineImpacts, startingOnHand } from "~/core";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { getPlan, type PlanDetail } from "~/models/plans/read.server";
import { getTenantSettings } from "~/models/tenants.server";
import { todayIn } from "~/utils/dates";

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
  /** Projected stock by day (from today, over the horizon), without and with the line. */
  projection: { date: string; without: number; withLine: number }[];
  /** The projection, value and cost are of the quantity and date an earlier step decided (IQ, DR). */
  asDecided: boolean;
  value: number;
  holdingCost: number;
  daysHeld: number;
  aboveMaxDate: string | null;
  stockoutDate: string | null;
}

export interface PlanReview {
  today: string;
  holdingRate: number;
  lines: LineReview[];
  totals: { value: number; holdingCost: number };
}

/**
 * A plan with, for a reviewer on the buyer's side, each current line's agreement facts, its
 * projection with and without it, its value and its holding-cost impact (app/core
 * lineHoldingImpact at the tenant's holding rate). Suppliers get the plan without the review.
 * Null when the plan is not visible to the scope.
 */
export async function loadPlanForReview(
  db: Database,
  scope: TenantScope,
  planId: string,
): Promise<{ detail: PlanDetail; review: PlanReview | null } | null> {
  return withTenant(db, scope, async (tx) => {
    const found = await getPlan(tx, scope, planId);
    if (!found) return null;
    const detail = scope.supplierId ? withoutInternalSteps(found) : found;
    if (scope.supplierId || detail.lines.length === 0) return { detail, review: null };
    const [clock, settings] = await Promise.all([getPlanningClock(tx, scope), getTenantSettings(tx, scope)]);
    const today = todayIn(clock.timeZone);
    const context = await loadPlanningContext(tx, scope, {
      today,
      horizonDays: clock.horizonDays,
      agreementIds: detail.lines.map((l) => l.agreementId),
      excludePlanId: detail.plan.id,
    });
    const byId = agreementIndex(context);
    const impacts = new Map(
      planLineImpacts(
        detail.lines.map((l) => ({ line: l.lineNo, agreementId: l.agreementId, ...effective(l) })),
        context,
      ).map((i) => [i.line, i]),
    );
    const lines = detail.lines.map((l): LineReview => {
      const agreement = byId.get(l.agreementId.toLowerCase());
      const impact = impacts.get(l.lineNo);
      const holding = lineHoldingImpact({
        qty: effective(l).qty,
        unitCost: l.unitCost,
        holdingRate: settings.holdingRate,
        stockOnArrival: impact?.stockOnArrival ?? 0,
        dailyDemand: Math.max(0, agreement?.forecastDaily ?? 0),
      });
      const days = Math.min(clock.horizonDays, impact?.without.length ?? 0);
      const dates = datesFrom(today, days);
      return {
        lineNo: l.lineNo,
        agreement: agreement
          ? {
              min: agreement.min,
              max: agreement.max,
              onHand: startingOnHand(agreement, today),
              forecastDaily: agreement.forecastDaily,
              leadTimeDays: agreement.leadTimeDays,
              packSize: agreement.packSize,
              unitCost: agreement.unitCost,
              cell: agreement.metrics ? `${agreement.metrics.abc}${agreement.metrics.xyz}` : null,
              recommendedMin: agreement.metrics?.recommendedMin ?? null,
              recommendedMax: agreement.metrics?.recommendedMax ?? null,
            }
          : null,
        projection: dates.map((date, d) => ({ date, without: impact!.without[d], withLine: impact!.withLine[d] })),
        asDecided: changedByDecision(l),
        value: holding.value,
        holdingCost: round2(holding.cost),
        daysHeld: Math.round(holding.daysHeld * 10) / 10,
        aboveMaxDate: impact?.aboveMaxDate ?? null,
        stockoutDate: impact?.stockoutDate ?? null,
      };
    });
    return {
      detail,
      review: {
        today,
        holdingRate: settings.holdingRate,
        lines,
        totals: {
          value: lines.reduce((s, l) => s + l.value, 0),
          holdingCost: round2(lines.reduce((s, l) => s + l.holdingCost, 0)),
        },
      },
    };
  });
}

/**
 * What a supplier sees of the approval: the final decision, not the steps on the way. While the
 * plan waits for a later step its lines show no decision, and a step's line decisions are not in
 * the timeline (the buyer's reasons may be meant for the manager only).
 */
function withoutInternalSteps(detail: PlanDetail): PlanDetail {
  const undecided = <T extends PlanDetail["lines"][number]>(l: T): T =>
    l.status === "pending" ? { ...l, decisionCode: null, approvedQty: null, approvedArrivalDate: null, decisionReason: null } : l;
  return {
    ...detail,
    lines: detail.lines.map(undecided),
    allLines: detail.allLines.map(undecided),
    events: detail.events.map((e) => (e.action === "step_decided" ? { ...e, details: null, comment: null } : e)),
  };
}

interface DecidableLine {
  qty: number;
  arrivalDate: string;
  decisionCode: string | null;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
}

/** A line changed by a decision (IQ, DR) is reviewed as decided; others as submitted. */
const changedByDecision = (l: DecidableLine) => l.decisionCode === "IQ" || l.decisionCode === "DR";

/** The quantity and arrival a line is reviewed and projected with (the queue uses the same). */
export function effective(l: DecidableLine): { qty: number; arrivalDate: string } {
  if (!changedByDecision(l)) return { qty: l.qty, arrivalDate: l.arrivalDate };
  return { qty: l.approvedQty ?? l.qty, arrivalDate: l.approvedArrivalDate ?? l.arrivalDate };
}

function datesFrom(today: string, days: number): string[] {
  const start = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
}

const round2 = (x: number) => Math.round(x * 100) / 100;
