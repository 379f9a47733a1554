import { describe, expect, it } from "vitest";
import type { PlanningContext } from "~/core";
import {
  checkPlanForm,
  checkPlanLines,
  errorsForLine,
  lineErrorsByKey,
  parsePlanLines,
  planFormMessages,
  planLineErrorCodes,
  projectWithLines,
  validatePlanLines,
} from "~/services/plans/plan-line-rules";
import { A, agreement, B, TODAY } from "./support/planning";

const ENDED = "33333333-3333-4333-8333-333333333333";
const UNKNOWN = "99999999-9999-4999-8999-999999999999";

const context: PlanningContext = {
  today: TODAY,
  horizonDays: 14,
  agreements: [
    agreement(A),
    // 20 on hand, 10 a day: out of stock from tomorrow.
    agreement(B, { onHand: 20, min: 0, max: 500, moq: 0, packSize: 10 }),
    agreement(ENDED, { status: "ended" }),
  ],
};

const ok = { agreementId: A, qty: 100, shipDate: "2026-03-11", arrivalDate: "2026-03-13" };

describe("the plan line schema", () => {
  it("names the line and field of every malformed value, with a code", () => {
    const { lines, errors } = parsePlanLines([
      {},
      { agreementId: "not-a-uuid", qty: "abc", shipDate: "2026-02-30", arrivalDate: "13/03/2026" },
      { ...ok, qty: "12.34567", reason: "x".repeat(501) },
      { ...ok, qty: " 100 ", reason: "   " },
    ]);
    expect(errors).toEqual([
      { line: 1, field: "agreementId", code: "required" },
      { line: 1, field: "qty", code: "required" },
      { line: 1, field: "shipDate", code: "required" },
      { line: 1, field: "arrivalDate", code: "required" },
      { line: 2, field: "agreementId", code: "unknown_agreement" },
      { line: 2, field: "qty", code: "invalid_number" },
      { line: 2, field: "shipDate", code: "invalid_date" },
      { line: 2, field: "arrivalDate", code: "invalid_date" },
      { line: 3, field: "qty", code: "too_precise", params: { decimals: 4 } },
      { line: 3, field: "reason", code: "too_long", params: { max: 500 } },
    ]);
    expect(lines.slice(0, 3)).toEqual([null, null, null]);
    // Form text is accepted: numbers as text, a blank reason as none.
    expect(lines[3]).toEqual({ ...ok, qty: 100, reason: null, proposedQty: null });
  });

  it("treats a line that is not an object as a line with every field missing", () => {
    expect(parsePlanLines([null, "x"]).errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, "agreementId", "required"],
      [1, "qty", "required"],
      [1, "shipDate", "required"],
      [1, "arrivalDate", "required"],
      [2, "agreementId", "required"],
      [2, "qty", "required"],
      [2, "shipDate", "required"],
      [2, "arrivalDate", "required"],
    ]);
  });

  it("uses only codes from the published list", () => {
    const all = checkPlanLines(
      [{}, { agreementId: "x", qty: "y" }, { agreementId: UNKNOWN, qty: -1, shipDate: "2026-03-01", arrivalDate: "2026-02-01" }],
      context,
    );
    for (const e of all) expect(planLineErrorCodes).toContain(e.code);
  });
});

describe("checkPlanLines", () => {
  it("accepts a line that keeps stock in band", () => {
    expect(checkPlanLines([ok], context)).toEqual([]);
  });

  it("refuses an agreement that is not in the context, and one that is not active", () => {
    expect(
      checkPlanLines(
        [
          { ...ok, agreementId: UNKNOWN },
          { ...ok, agreementId: ENDED },
        ],
        context,
      ),
    ).toEqual([
      { line: 1, field: "agreementId", code: "unknown_agreement" },
      { line: 2, field: "agreementId", code: "agreement_not_active", params: { status: "ended" } },
    ]);
  });

  it("checks quantity: positive, whole packs, at least the MOQ", () => {
    expect(
      checkPlanLines(
        [
          { ...ok, qty: 0 },
          { ...ok, qty: -25 },
          { ...ok, qty: 60 },
          { ...ok, qty: 25 },
          { ...ok, qty: 30 },
        ],
        context,
      ),
    ).toEqual([
      { line: 1, field: "qty", code: "qty_not_positive" },
      { line: 2, field: "qty", code: "qty_not_positive" },
      { line: 3, field: "qty", code: "qty_not_pack_multiple", params: { packSize: 25 } },
      { line: 4, field: "qty", code: "qty_below_moq", params: { moq: 50, minimum: 50 } },
      { line: 5, field: "qty", code: "qty_not_pack_multiple", params: { packSize: 25 } },
      { line: 5, field: "qty", code: "qty_below_moq", params: { moq: 50, minimum: 50 } },
    ]);
    // Decimal packs: 0.3 × 3 is 0.8999999999999999 in floating point, still three packs.
    const decimal: PlanningContext = {
      ...context,
      agreements: [agreement(A, { packSize: 0.3, moq: 0, max: 1000, forecastDaily: 1 })],
    };
    expect(checkPlanLines([{ ...ok, qty: 0.9 }], decimal)).toEqual([]);
  });

  it("checks dates: ship today or later, arrive on or after shipping", () => {
    expect(
      checkPlanLines(
        [
          { ...ok, shipDate: "2026-03-09", arrivalDate: "2026-03-12" },
          { ...ok, shipDate: "2026-03-12", arrivalDate: "2026-03-11" },
          { ...ok, shipDate: TODAY, arrivalDate: TODAY },
        ],
        { ...context, agreements: [agreement(A, { max: 10_000 })] },
      ),
    ).toEqual([
      { line: 1, field: "shipDate", code: "ship_date_in_past", params: { today: TODAY } },
      { line: 2, field: "arrivalDate", code: "arrival_before_ship", params: { shipDate: "2026-03-12" } },
    ]);
  });

  it("needs a reason for a line that lifts projected stock above max", () => {
    // 100 on hand, 10 a day: day 2 ends at 70 + 200 = 270 > 200.
    const big = { ...ok, qty: 200, arrivalDate: "2026-03-12" };
    expect(checkPlanLines([big], context)).toEqual([
      { line: 1, field: "reason", code: "reason_required_above_max", params: { max: 200, date: "2026-03-12", onHand: 270 } },
    ]);
    expect(checkPlanLines([{ ...big, reason: "MOQ of the carrier" }], context)).toEqual([]);
  });

  it("charges stock above max to the line that arrives last, on top of the earlier ones", () => {
    // Day 3 ends at 60 without them; room 140: one line of 100 fits, two do not.
    const line = { ...ok, qty: 100, arrivalDate: "2026-03-13" };
    expect(checkPlanLines([line], context)).toEqual([]);
    expect(checkPlanLines([line, line], context).map((e) => [e.line, e.code])).toEqual([[2, "reason_required_above_max"]]);
    // The later arrival is charged, whatever the order of the lines in the form.
    const early = { ...ok, qty: 100, arrivalDate: "2026-03-12" };
    expect(checkPlanLines([line, early], context).map((e) => [e.line, e.code])).toEqual([[1, "reason_required_above_max"]]);
  });

  it("counts inbound receipts already expected", () => {
    const withInbound: PlanningContext = {
      ...context,
      agreements: [agreement(A, { inbound: [{ date: "2026-03-12", qty: 100, source: "shipment" }] })],
    };
    // Day 3: 100 − 40 + 100 inbound + 100 = 260 > 200.
    expect(checkPlanLines([{ ...ok, qty: 100, arrivalDate: "2026-03-13" }], withInbound)).toEqual([
      { line: 1, field: "reason", code: "reason_required_above_max", params: { max: 200, date: "2026-03-13", onHand: 260 } },
    ]);
  });

  it("looks past the horizon for a line that arrives after it", () => {
    const late = { ...ok, qty: 1000, shipDate: "2026-05-01", arrivalDate: "2026-05-02" };
    expect(checkPlanLines([late], context).map((e) => e.code)).toContain("reason_required_above_max");
  });

  it("needs a reason on the agreement's last line when the plan still leaves a stockout", () => {
    // B runs out tomorrow; lines arriving on day 5 and day 10 leave the stockout in place.
    const b1 = { agreementId: B, qty: 100, shipDate: "2026-03-12", arrivalDate: "2026-03-15" };
    const b2 = { agreementId: B, qty: 100, shipDate: "2026-03-18", arrivalDate: "2026-03-20" };
    expect(checkPlanLines([b1, ok, b2], context)).toEqual([
      { line: 3, field: "reason", code: "reason_required_stockout", params: { date: "2026-03-11" } },
    ]);
    expect(checkPlanLines([b1, ok, { ...b2, reason: "Nothing can arrive sooner" }], context)).toEqual([]);
    // A reason on another line does not count: the error says where it is needed.
    expect(checkPlanLines([{ ...b1, reason: "early" }, b2], context).map((e) => e.line)).toEqual([2]);
    // Arriving in time clears it (day 1 is tomorrow).
    expect(checkPlanLines([{ agreementId: B, qty: 500, shipDate: TODAY, arrivalDate: "2026-03-11" }], context)).toEqual([]);
  });

  it("reports no stockout when there is no demand", () => {
    const idle: PlanningContext = { ...context, agreements: [agreement(A, { onHand: 0, forecastDaily: 0, min: 0 })] };
    expect(checkPlanLines([{ ...ok, qty: 50 }], idle)).toEqual([]);
  });

  it("in draft mode reports only what keeps a line from being stored", () => {
    const lines = [
      { ...ok, qty: 30, shipDate: "2026-03-01", arrivalDate: "2026-03-02" },
      { ...ok, qty: 0 },
      { ...ok, shipDate: "2026-03-12", arrivalDate: "2026-03-11" },
      { ...ok, agreementId: UNKNOWN },
      { ...ok, qty: 5000 },
    ];
    expect(checkPlanLines(lines, context, { mode: "draft" })).toEqual([
      { line: 2, field: "qty", code: "qty_not_positive" },
      { line: 3, field: "arrivalDate", code: "arrival_before_ship", params: { shipDate: "2026-03-12" } },
      { line: 4, field: "agreementId", code: "unknown_agreement" },
    ]);
    expect(checkPlanLines(lines, context).length).toBeGreaterThan(3);
  });

  it("checks the fields that parsed even when a sibling did not", () => {
    expect(checkPlanLines([{ agreementId: A, qty: "lots", shipDate: "2026-03-01", arrivalDate: "2026-03-02" }], context)).toEqual(
      [
        { line: 1, field: "qty", code: "invalid_number" },
        { line: 1, field: "shipDate", code: "ship_date_in_past", params: { today: TODAY } },
      ],
    );
  });

  it("returns the parsed lines alongside", () => {
    const { lines, errors } = validatePlanLines([{ ...ok, qty: "100", proposedQty: "125" }], context);
    expect(errors).toEqual([]);
    expect(lines).toEqual([{ ...ok, qty: 100, proposedQty: 125, reason: null }]);
  });
});

describe("plan-level checks and form helpers", () => {
  it("needs a line to submit, not to save a draft; limits lines and the note", () => {
    expect(checkPlanForm({ lines: [] })).toEqual([{ field: "lines", code: "no_lines" }]);
    expect(checkPlanForm({ lines: [] }, { mode: "draft" })).toEqual([]);
    expect(checkPlanForm({ lines: [ok], note: "n".repeat(2001) })).toEqual([
      { field: "note", code: "too_long", params: { max: 2000 } },
    ]);
    expect(checkPlanForm({ lines: Array(501).fill(ok) }).map((e) => e.code)).toEqual(["too_many_lines"]);
  });

  it("groups errors by form field name and by line", () => {
    const errors = checkPlanLines([ok, { ...ok, qty: 0, shipDate: "2026-03-01" }], context);
    expect(Object.keys(lineErrorsByKey(errors))).toEqual(["lines[1].qty", "lines[1].shipDate"]);
    expect(errorsForLine(errors, 2).qty?.[0].code).toBe("qty_not_positive");
    expect(errorsForLine(errors, 1)).toEqual({});
  });
});

describe("projections", () => {
  it("gives the day-by-day projection with and without the plan, and each line's effect", () => {
    const p = projectWithLines(context, A, [
      { ...ok, qty: 100, arrivalDate: "2026-03-13" },
      { agreementId: B, qty: 10, shipDate: TODAY, arrivalDate: TODAY },
      { ...ok, qty: "", arrivalDate: "2026-03-14" },
      { ...ok, qty: 200, arrivalDate: "2026-03-20", reason: "promo" },
    ]);
    expect(p).not.toBeNull();
    if (!p) return;
    expect(p.dates).toHaveLength(14);
    expect(p.dates[0]).toBe(TODAY);
    expect(p.without.onHand.slice(0, 4)).toEqual([90, 80, 70, 60]);
    expect(p.with.onHand.slice(0, 4)).toEqual([90, 80, 70, 160]);
    expect(p.stockoutDate).toBeNull();
    expect(p.lines.map((l) => [l.line, l.arrivalDate, l.onHandBefore, l.onHandAfter, l.pushesAboveMax, l.aboveMaxDate])).toEqual([
      // Without line 1, line 4 alone leaves 190 on day 10, in band; with both, 290: line 1 adds to it too.
      [1, "2026-03-13", 60, 160, true, "2026-03-20"],
      // Day 10: 100 − 110 + 100 = 90 without it, 290 with it (line 1 is counted on both sides).
      [4, "2026-03-20", 90, 290, true, "2026-03-20"],
    ]);
    expect(projectWithLines(context, UNKNOWN, [])).toBeNull();
    const b = projectWithLines(context, B, []);
    expect(b?.stockoutDate).toBe("2026-03-11");
  });
});

describe("the plan's errors as a form's messages", () => {
  it("puts each line error under its field name and the note's under note; the rest are the form's", () => {
    const lineErrors = checkPlanLines(
      [
        { ...ok, qty: "7", reason: "r" },
        { ...ok, arrivalDate: "2026-03-10", reason: "r" },
      ],
      context,
    );
    const planErrors = checkPlanForm({ lines: [], note: "a\u0000b" });
    expect(planFormMessages(lineErrors, planErrors)).toEqual({
      fieldErrors: {
        note: [{ key: "plans.errors.control_character" }],
        "lines[0].qty": [
          { key: "plans.errors.qty_not_pack_multiple", params: { packSize: 25 } },
          { key: "plans.errors.qty_below_moq", params: { moq: 50, minimum: 50 } },
        ],
        "lines[1].arrivalDate": [{ key: "plans.errors.arrival_before_ship", params: { shipDate: "2026-03-11" } }],
      },
      formErrors: [{ key: "plans.errors.no_lines" }],
    });
  });
});
