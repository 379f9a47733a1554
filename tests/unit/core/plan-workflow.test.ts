import { describe, expect, it } from "vitest";
import {
  allowedPlanActions,
  checkLineDecision,
  hasAtMostDecimals,
  lineHoldingImpact,
  planActionAllowed,
  planWorkflowActions,
  planWorkflowRoles,
  planWorkflowStatuses,
  resolveLineDecision,
  roleMay,
  statusAwaiting,
  stepOutcome,
  type PlanWorkflowAction,
  type PlanWorkflowRole,
  type PlanWorkflowStatus,
} from "~/core";

/**
 * The whole table, written out: for each role and state, the actions allowed. Every other
 * (role, state, action) is refused. A change to the workflow has to change this table.
 */
const ALLOWED: Record<PlanWorkflowRole, Record<PlanWorkflowStatus, PlanWorkflowAction[]>> = {
  supplier: {
    draft: ["edit", "submit", "withdraw"],
    submitted: ["withdraw"],
    in_review: [],
    approved: ["ship"],
    partially_approved: ["ship"],
    rejected: [],
    changes_requested: ["revise"],
    withdrawn: [],
  },
  buyer: {
    draft: [],
    submitted: ["decide", "request_changes"],
    in_review: [],
    approved: ["receive"],
    partially_approved: ["receive"],
    rejected: [],
    changes_requested: [],
    withdrawn: [],
  },
  manager: {
    draft: [],
    submitted: [],
    in_review: ["decide", "request_changes"],
    approved: [],
    partially_approved: [],
    rejected: [],
    changes_requested: [],
    withdrawn: [],
  },
  admin: {
    draft: [],
    submitted: [],
    in_review: [],
    approved: [],
    partially_approved: [],
    rejected: [],
    changes_requested: [],
    withdrawn: [],
  },
};

const cases = planWorkflowRoles.flatMap((role) =>
  planWorkflowStatuses.flatMap((status) =>
    planWorkflowActions.map((action) => ({ role, status, action, allowed: ALLOWED[role][status].includes(action) })),
  ),
);

describe("plan state machine: every (role, state, action)", () => {
  it("covers 4 roles × 8 states × 8 actions", () => {
    expect(cases).toHaveLength(256);
  });

  it.each(cases)("$role, $status, $action → allowed: $allowed", ({ role, status, action, allowed }) => {
    expect(planActionAllowed(role, status, action)).toBe(allowed);
  });

  it("lists the allowed actions in a stable order", () => {
    expect(allowedPlanActions("supplier", "draft")).toEqual(["edit", "submit", "withdraw"]);
    expect(allowedPlanActions("manager", "submitted")).toEqual([]);
  });
});

describe("line decisions (EDI 855)", () => {
  const line = { qty: 100, arrivalDate: "2026-12-10", shipDate: "2026-12-05" };
  const input = (
    code: string | null,
    over: Partial<{ qty: number | null; arrivalDate: string | null; reason: string | null }> = {},
  ) => ({
    code,
    qty: null,
    arrivalDate: null,
    reason: null,
    ...over,
  });

  it("accepts IA as submitted without a reason", () => {
    expect(checkLineDecision(input("IA"), line)).toEqual([]);
    expect(resolveLineDecision("IA", input("IA"), line)).toEqual({
      code: "IA",
      qty: 100,
      arrivalDate: "2026-12-10",
      reason: null,
    });
  });

  it("refuses IA with a changed quantity or date", () => {
    expect(checkLineDecision(input("IA", { qty: 90 }), line)).toEqual([{ field: "qty", code: "changed" }]);
    expect(checkLineDecision(input("IA", { arrivalDate: "2026-12-11" }), line)).toEqual([
      { field: "arrivalDate", code: "changed" },
    ]);
  });

  it("needs a new positive quantity and a reason for IQ", () => {
    expect(checkLineDecision(input("IQ", { qty: 60, reason: "Too much stock" }), line)).toEqual([]);
    expect(checkLineDecision(input("IQ", { qty: 100, reason: "x" }), line)).toEqual([{ field: "qty", code: "unchanged" }]);
    expect(checkLineDecision(input("IQ", { qty: 0, reason: "x" }), line)).toEqual([{ field: "qty", code: "not_positive" }]);
    expect(checkLineDecision(input("IQ", { qty: 60 }), line)).toEqual([{ field: "reason", code: "required" }]);
    expect(resolveLineDecision("IQ", input("IQ", { qty: 60, reason: " Too much " }), line)).toEqual({
      code: "IQ",
      qty: 60,
      arrivalDate: "2026-12-10",
      reason: "Too much",
    });
  });

  it("needs a new arrival date, not before shipping, and a reason for DR", () => {
    expect(checkLineDecision(input("DR", { arrivalDate: "2026-12-14", reason: "Dock closed" }), line)).toEqual([]);
    expect(checkLineDecision(input("DR", { arrivalDate: "2026-12-10", reason: "x" }), line)).toEqual([
      { field: "arrivalDate", code: "unchanged" },
    ]);
    expect(checkLineDecision(input("DR", { arrivalDate: "2026-12-01", reason: "x" }), line)).toEqual([
      { field: "arrivalDate", code: "before_ship_date" },
    ]);
    expect(checkLineDecision(input("DR", { reason: "x" }), line)).toEqual([{ field: "arrivalDate", code: "required" }]);
    expect(resolveLineDecision("DR", input("DR", { arrivalDate: "2026-12-14" }), line).arrivalDate).toBe("2026-12-14");
  });

  it("refuses dates that are not real days, or more than a year after shipping, and quantities beyond what is stored", () => {
    const dr = (arrivalDate: string) => checkLineDecision(input("DR", { arrivalDate, reason: "x" }), line);
    expect(dr("99999-01-01")).toEqual([{ field: "arrivalDate", code: "invalid_date" }]);
    expect(dr("2026-02-30")).toEqual([{ field: "arrivalDate", code: "invalid_date" }]);
    expect(dr("zzzz")).toEqual([{ field: "arrivalDate", code: "invalid_date" }]);
    expect(dr("2027-12-05")).toEqual([]);
    expect(dr("2027-12-06")).toEqual([{ field: "arrivalDate", code: "too_late", max: "2027-12-05" }]);
    const iq = (qty: number) => checkLineDecision(input("IQ", { qty, reason: "x" }), line);
    expect(iq(1e20)).toEqual([{ field: "qty", code: "too_large", max: 1e12 }]);
    expect(iq(10.12345)).toEqual([{ field: "qty", code: "too_precise" }]);
    expect(iq(10.1234)).toEqual([]);
    expect(iq(150.00005)).toEqual([{ field: "qty", code: "too_precise" }]);
    expect(iq(Number.NaN)).toEqual([{ field: "qty", code: "required" }]);
  });

  it("needs a reason for IR, which accepts nothing", () => {
    expect(checkLineDecision(input("IR"), line)).toEqual([{ field: "reason", code: "required" }]);
    expect(resolveLineDecision("IR", input("IR", { reason: "Not needed" }), line).qty).toBe(0);
  });

  it("refuses an unknown code and an over-long reason", () => {
    expect(checkLineDecision(input("XX"), line)).toEqual([{ field: "code", code: "required" }]);
    expect(checkLineDecision(input("IR", { reason: "r".repeat(501) }), line)).toEqual([
      { field: "reason", code: "too_long", max: 500 },
    ]);
  });
});

describe("step outcome and EDI 855 header code", () => {
  it("moves a two-step plan from the buyer to the manager", () => {
    expect(stepOutcome(["buyer", "manager"], "buyer", ["IA", "IQ"])).toEqual({ status: "in_review" });
  });

  it("ends a plan whose every line a step rejects, whatever steps remain", () => {
    expect(stepOutcome(["buyer", "manager"], "buyer", ["IR", "IR"])).toEqual({ status: "rejected", decisionCode: "RD" });
  });

  it("maps the final step's codes to the header: AD, AC, partially approved, RD", () => {
    expect(stepOutcome(["buyer"], "buyer", ["IA", "IA"])).toEqual({ status: "approved", decisionCode: "AD" });
    expect(stepOutcome(["buyer"], "buyer", ["IA", "DR"])).toEqual({ status: "approved", decisionCode: "AC" });
    expect(stepOutcome(["buyer", "manager"], "manager", ["IQ", "IR"])).toEqual({
      status: "partially_approved",
      decisionCode: "AC",
    });
    expect(stepOutcome(["buyer"], "buyer", ["IR"])).toEqual({ status: "rejected", decisionCode: "RD" });
  });
});

describe("lineHoldingImpact: value × holding rate × days held ÷ 365", () => {
  it("holds the line's units after the stock already there, on average", () => {
    const r = lineHoldingImpact({ qty: 100, unitCost: 10, holdingRate: 0.25, stockOnArrival: 50, dailyDemand: 5 });
    expect(r.value).toBe(1000);
    expect(r.daysHeld).toBe(20); // (50 + 100 / 2) ÷ 5
    expect(r.cost).toBeCloseTo((1000 * 0.25 * 20) / 365, 10);
  });

  it("counts negative stock on arrival as none", () => {
    expect(lineHoldingImpact({ qty: 60, unitCost: 1, holdingRate: 0.2, stockOnArrival: -40, dailyDemand: 3 }).daysHeld).toBe(10);
  });

  it("caps days held at a year, and holds a year when nothing is consumed", () => {
    expect(lineHoldingImpact({ qty: 10_000, unitCost: 2, holdingRate: 0.3, stockOnArrival: 0, dailyDemand: 1 }).daysHeld).toBe(
      365,
    );
    const idle = lineHoldingImpact({ qty: 10, unitCost: 2, holdingRate: 0.3, stockOnArrival: 0, dailyDemand: 0 });
    expect(idle).toEqual({ value: 20, daysHeld: 365, cost: 20 * 0.3 });
  });

  it("refuses negative inputs, naming them", () => {
    expect(() => lineHoldingImpact({ qty: -1, unitCost: 1, holdingRate: 0.2, stockOnArrival: 0, dailyDemand: 1 })).toThrow(/qty/);
    expect(() =>
      lineHoldingImpact({ qty: 1, unitCost: 1, holdingRate: 0.2, stockOnArrival: Number.NaN, dailyDemand: 1 }),
    ).toThrow(/stockOnArrival/);
  });
});

describe("hasAtMostDecimals", () => {
  it("tells 4 decimals from more, at any realistic size", () => {
    expect(hasAtMostDecimals(10.1234, 4)).toBe(true);
    expect(hasAtMostDecimals(0.1 + 0.2, 1)).toBe(true);
    expect(hasAtMostDecimals(100.123456, 4)).toBe(false);
    expect(hasAtMostDecimals(150.00005, 4)).toBe(false);
    expect(hasAtMostDecimals(987_654_321.0001, 4)).toBe(true);
  });
});

describe("roleMay and statusAwaiting", () => {
  it("say which roles ever take an action, and which plans wait for each role's step", () => {
    expect(planWorkflowRoles.filter((r) => roleMay(r, "decide"))).toEqual(["manager", "buyer"]);
    expect(planWorkflowRoles.filter((r) => roleMay(r, "receive"))).toEqual(["buyer"]);
    expect(planWorkflowRoles.map((r) => statusAwaiting(r))).toEqual([null, "in_review", "submitted", null]);
  });
});
