import { describe, expect, it } from "vitest";
import {
  agreementUrgency,
  dayNumber,
  isoDate,
  proposalReasons,
  proposalWindowDays,
  proposeReplenishment,
  reasonsRequired,
  startingOnHand,
  type PlanningAgreement,
  type PlanningContext,
  type ProposedLineFacts,
} from "~/core";
import { A, agreement, B, TODAY } from "../support/planning";

const contextOf = (...agreements: PlanningAgreement[]): PlanningContext => ({ today: TODAY, horizonDays: 56, agreements });

/** The core's proposal for the agreements as plan lines, those arriving within `window` days (all by default). */
function proposedLines(context: PlanningContext, window = Infinity): ProposedLineFacts[] {
  const start = dayNumber(TODAY);
  const out: ProposedLineFacts[] = [];
  for (const a of context.agreements) {
    const proposal = proposeReplenishment({
      onHand: startingOnHand(a, TODAY),
      demand: a.forecastDaily,
      days: context.horizonDays,
      receipts: [],
      min: a.min,
      max: a.max,
      leadTime: a.leadTimeDays,
      moq: a.moq,
      packSize: a.packSize,
    });
    for (const l of proposal.lines) {
      if (l.arrivalDay >= window) continue;
      out.push({
        line: out.length + 1,
        agreementId: a.agreementId,
        qty: l.quantity,
        arrivalDate: isoDate(start + l.arrivalDay),
        hasReason: false,
        exceedsMaxCause: l.reason,
      });
    }
  }
  return out;
}

/** The lines with a reason where the proposal gave one. */
const withPrefilled = (lines: ProposedLineFacts[], context: PlanningContext) => {
  const reasons = new Set(proposalReasons(lines, context).map((r) => r.line));
  return lines.map((l) => ({ ...l, hasReason: reasons.has(l.line) }));
};

describe("proposalWindowDays", () => {
  it("is lead time + review period to decide now, four or eight weeks otherwise, never past the horizon", () => {
    expect(proposalWindowDays({ leadTimeDays: 4.5, reviewPeriodDays: 7 }, "now", 56)).toBe(12);
    expect(proposalWindowDays({ leadTimeDays: 2 }, "now", 56)).toBe(9);
    expect(proposalWindowDays({ leadTimeDays: 2, reviewPeriodDays: 14 }, "4w", 56)).toBe(28);
    expect(proposalWindowDays({ leadTimeDays: 2, reviewPeriodDays: 14 }, "8w", 42)).toBe(42);
  });
});

describe("proposalReasons", () => {
  it("asks nothing of a proposal that keeps stock in the band", () => {
    const context = contextOf(agreement(A), agreement(B, { onHand: 180 }));
    const lines = proposedLines(context);
    expect(lines.length).toBeGreaterThan(2);
    expect(proposalReasons(lines, context)).toEqual([]);
    expect(reasonsRequired(lines, context)).toEqual([]);
  });

  it("says a pack larger than the room under max lifts stock above max, with the rule's values", () => {
    const context = contextOf(agreement(A, { packSize: 500, moq: 0 }));
    const lines = proposedLines(context);
    const reasons = proposalReasons(lines, context);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) {
      expect(r.code).toBe("above_max_pack");
      expect(r.params).toMatchObject({ max: 200, packSize: 500, moq: 0 });
    }
    expect(reasonsRequired(withPrefilled(lines, context), context)).toEqual([]);
  });

  it("names the MOQ when the MOQ is the smallest order", () => {
    const context = contextOf(agreement(A, { moq: 400, packSize: 25 }));
    const reasons = proposalReasons(proposedLines(context), context);
    expect(reasons.map((r) => r.code)).toContain("above_max_moq");
  });

  it("says stock runs out before anything shipped today can arrive", () => {
    const context = contextOf(agreement(A, { onHand: 0, leadTimeDays: 5 }));
    const lines = proposedLines(context);
    const reasons = proposalReasons(lines, context);
    expect(reasons).toEqual([
      { line: lines.at(-1)!.line, code: "stockout_before_arrival", params: { date: TODAY, arrival: "2026-03-15" } },
    ]);
    expect(reasonsRequired(withPrefilled(lines, context), context)).toEqual([]);
  });

  it("says a stockout after the proposal's window is the next plan's, on the agreement's last line", () => {
    const context = contextOf(agreement(A, { leadTimeDays: 2, reviewPeriodDays: 7 }), agreement(B, { onHand: 180 }));
    const window = proposalWindowDays(context.agreements[0], "now", 56);
    const lines = proposedLines(context, window);
    const reasons = proposalReasons(lines, context);
    const lastOfA = lines.filter((l) => l.agreementId === A).at(-1)!;
    const stockout = reasons.find((r) => r.line === lastOfA.line);
    expect(stockout?.code).toBe("stockout_after_window");
    expect(dayNumber((stockout!.params as { date: string }).date) - dayNumber(TODAY)).toBeGreaterThanOrEqual(window);
    expect(reasonsRequired(withPrefilled(lines, context), context)).toEqual([]);
  });

  it("leaves alone a line that already has a reason", () => {
    const context = contextOf(agreement(A, { packSize: 500, moq: 0 }));
    const lines = proposedLines(context).map((l) => ({ ...l, hasReason: true }));
    expect(proposalReasons(lines, context)).toEqual([]);
  });
});

describe("agreementUrgency", () => {
  it("is act now without stock, ok with plenty, covered when what is coming covers it", () => {
    expect(agreementUrgency(agreement(A, { onHand: 0 }), contextOf())).toBe("act_now");
    expect(agreementUrgency(agreement(A, { onHand: 1000, max: 2000 }), contextOf())).toBe("ok");
    const inbound = [{ date: "2026-03-11", qty: 150, source: "shipment" as const }];
    expect(agreementUrgency(agreement(A, { onHand: 60, inbound }), contextOf())).toBe("covered");
  });
});
