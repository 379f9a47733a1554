import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "~/utils/dates";
import { dayNumber, projectInventory, startingOnHand, type PlanningContext, type Receipt } from "~/core";
import { projectWithLines } from "~/services/plans/plan-line-rules";
import { reviewLines, type ReviewableLine } from "~/services/plans/review-lines";
import { A, agreement, B, TODAY } from "./support/planning";

/**
 * The review page's and the builder's projection of a line, against the core's projectInventory
 * fed by hand: the agreement's inbound plus every line of the plan for that agreement (with the
 * line), the same less the line (without it).
 */

const HORIZON = 28;

const scenario = fc.record({
  onHand: fc.integer({ min: 0, max: 600 }),
  daily: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  min: fc.integer({ min: 0, max: 300 }),
  width: fc.integer({ min: 0, max: 600 }),
  inbound: fc.array(fc.record({ day: fc.integer({ min: -3, max: 40 }), qty: fc.integer({ min: 1, max: 400 }) }), {
    maxLength: 3,
  }),
  lines: fc.array(
    fc.record({
      own: fc.boolean(),
      day: fc.integer({ min: -2, max: 45 }),
      qty: fc.integer({ min: 1, max: 500 }),
      decision: fc.constantFrom(null, null, "IA", "IQ", "IR"),
      approvedQty: fc.integer({ min: 1, max: 500 }),
    }),
    { minLength: 1, maxLength: 7 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function setUp(s: Scenario) {
  const context: PlanningContext = {
    today: TODAY,
    horizonDays: HORIZON,
    agreements: [
      agreement(A, {
        onHand: s.onHand,
        forecastDaily: s.daily,
        min: s.min,
        max: s.min + s.width,
        inbound: s.inbound.map((r) => ({ date: addDays(TODAY, r.day), qty: r.qty, source: "shipment" as const })),
      }),
      agreement(B, { onHand: 40, forecastDaily: 5 }),
    ],
  };
  const lines: ReviewableLine[] = s.lines.map((l, i) => ({
    lineNo: i + 1,
    agreementId: l.own ? A : B,
    qty: l.qty,
    arrivalDate: addDays(TODAY, l.day),
    decisionCode: l.decision,
    approvedQty: l.decision === "IQ" ? l.approvedQty : null,
    approvedArrivalDate: null,
    unitCost: 2,
    shippedQty: 0,
  }));
  return { context, lines };
}

const dayOf = (date: string) => Math.max(0, dayNumber(date) - dayNumber(TODAY));
const qtyOf = (l: ReviewableLine) => (l.decisionCode === "IQ" ? (l.approvedQty ?? l.qty) : l.qty);

/** The core's projection of A with the inbound and the given lines, over `days`. */
function byHand(context: PlanningContext, lines: readonly ReviewableLine[], days: number) {
  const a = context.agreements[0];
  const receipts: Receipt[] = a.inbound
    .map((r) => ({ day: dayOf(r.date), quantity: r.qty }))
    .concat(lines.map((l) => ({ day: dayOf(l.arrivalDate), quantity: qtyOf(l) })));
  return projectInventory({ onHand: startingOnHand(a, TODAY), demand: a.forecastDaily, days, receipts, min: a.min, max: a.max })
    .onHand;
}

describe("a line's projection counts the whole plan", () => {
  it("property: the review page's with and without equal projectInventory fed every line of the agreement", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { context, lines } = setUp(s);
        const reviews = reviewLines(lines, context, 0.2);
        const counted = lines.filter((l) => l.agreementId === A && l.decisionCode !== "IR");
        for (const line of lines.filter((l) => l.agreementId === A)) {
          const review = reviews.find((r) => r.lineNo === line.lineNo)!;
          const days = review.projection.length;
          expect(days).toBe(Math.max(HORIZON, dayOf(line.arrivalDate) + 1));
          const others = counted.filter((l) => l !== line);
          const withLine = byHand(context, [...others, line], days);
          const without = byHand(context, others, days);
          expect(review.projection.map((p) => p.withLine)).toEqual(withLine);
          expect(review.projection.map((p) => p.without)).toEqual(without);
          // The badges are read off the same numbers.
          expect(review.lowest).toBe(Math.min(...withLine));
          expect(review.highest).toBe(Math.max(...withLine));
          const a = review.agreement!;
          if (review.inBand) {
            expect(review.lowest).toBeGreaterThanOrEqual(a.min);
            expect(review.highest).toBeLessThanOrEqual(a.max);
          } else {
            expect(review.stockoutDate ?? review.belowMinDate ?? review.aboveMaxDate ?? review.otherAboveMaxDate).not.toBeNull();
          }
          if (review.stockoutDate) expect(withLine[dayOf(review.stockoutDate)]).toBe(0);
          if (review.belowMinDate) expect(withLine[dayOf(review.belowMinDate)]).toBeLessThan(a.min);
          if (review.aboveMaxDate) {
            const d = dayOf(review.aboveMaxDate);
            expect(withLine[d]).toBeGreaterThan(a.max);
            expect(withLine[d]).toBeGreaterThan(without[d]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: the builder's effect on arrival equals projectInventory with and without the line", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { context, lines } = setUp(s);
        const typed = lines.map((l) => ({
          agreementId: l.agreementId,
          qty: String(l.qty),
          shipDate: TODAY,
          arrivalDate: l.arrivalDate,
        }));
        const p = projectWithLines(context, A, typed);
        const own = lines.map((l) => ({ ...l, decisionCode: null })).filter((l) => l.agreementId === A);
        const days = p!.dates.length;
        expect(p!.with.onHand).toEqual(byHand(context, own, days));
        for (const effect of p!.lines) {
          const line = own.find((l) => l.lineNo === effect.line)!;
          const arrival = dayOf(line.arrivalDate);
          expect(effect.onHandAfter).toBe(byHand(context, own, days)[arrival]);
          expect(effect.onHandBefore).toBe(
            byHand(
              context,
              own.filter((l) => l !== line),
              days,
            )[arrival],
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("shows the demo's case: an early line is not left at 0 when later lines refill the item", () => {
    // 365 a day, band 1,111–8,111; lines arrive on days 5, 24 and 44 (the demo's CT-20001 proposal).
    const context: PlanningContext = {
      today: TODAY,
      horizonDays: 56,
      agreements: [agreement(A, { onHand: 1_900, forecastDaily: 365, min: 1_111, max: 8_111, moq: 200, packSize: 100 })],
    };
    const line = (lineNo: number, qty: number, day: number): ReviewableLine => ({
      lineNo,
      agreementId: A,
      qty,
      arrivalDate: addDays(TODAY, day),
      decisionCode: null,
      approvedQty: null,
      approvedArrivalDate: null,
      unitCost: 1,
      shippedQty: 0,
    });
    const [first] = reviewLines([line(1, 8_300, 5), line(2, 7_000, 24), line(3, 7_300, 44)], context, 0.2);
    // Alone, line 1's stock would run out around day 27; lines 2 and 3 keep it above 0.
    expect(first.projection[27].withLine).toBeGreaterThan(0);
    expect(first.stockoutDate).toBeNull();
    expect(first.inBand).toBe(first.lowest >= 1_111 && first.highest <= 8_111);
  });
});
