import { describe, expect, it } from "vitest";
import { urgencyOf } from "~/core";

/** 10 a day, lead time 3, review 7: a window of 10 days. */
const base = { forecastDaily: 10, min: 50, leadTimeDays: 3, reviewPeriodDays: 7 };

describe("urgencyOf", () => {
  it("act now: out before a shipment sent today could arrive", () => {
    expect(urgencyOf({ ...base, startOnHand: 25, firstOut: 2, firstLow: 0 })).toBe("act_now");
  });

  it("plan needed: out, or below min, within lead time + review, with nothing coming to cover it", () => {
    expect(urgencyOf({ ...base, startOnHand: 90, firstOut: 8, firstLow: 4 })).toBe("plan_needed");
    expect(urgencyOf({ ...base, startOnHand: 120, firstOut: null, firstLow: 7 })).toBe("plan_needed");
  });

  it("covered: what is coming keeps it above min through the window, though without it it would not", () => {
    // 25 on hand runs out on day 2 without the inbound; with it nothing goes wrong in the window.
    expect(urgencyOf({ ...base, startOnHand: 25, firstOut: null, firstLow: null })).toBe("covered");
    // Out only after the window with the inbound: still covered for now.
    expect(urgencyOf({ ...base, startOnHand: 25, firstOut: 30, firstLow: 25 })).toBe("covered");
  });

  it("ok: enough stock for the window on its own, or no demand at all", () => {
    expect(urgencyOf({ ...base, startOnHand: 200, firstOut: 19, firstLow: 15 })).toBe("ok");
    expect(urgencyOf({ ...base, forecastDaily: 0, startOnHand: 0, firstOut: 0, firstLow: 0 })).toBe("ok");
  });

  it("the boundary: out on the first day a shipment sent today arrives is plan needed, not act now", () => {
    expect(urgencyOf({ ...base, startOnHand: 35, firstOut: 3, firstLow: 0 })).toBe("plan_needed");
  });
});
