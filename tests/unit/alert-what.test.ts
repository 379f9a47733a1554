import { beforeAll, describe, expect, it } from "vitest";
import { describeAlert, timeAgo, type Translate } from "~/components/alerts/alert-what";
import { serverI18n } from "~/i18next.server";
import type { AlertFacts } from "~/services/alerts/alerts-page.server";

/** An alert's condition in words, with its value and limit, in both languages. */

let en: Translate;
let zh: Translate;

beforeAll(async () => {
  en = (await serverI18n("en")).getFixedT("en");
  zh = (await serverI18n("zh-CN")).getFixedT("zh-CN");
});

const facts = (patch: Partial<AlertFacts>): AlertFacts => ({
  condition: "projected_stockout",
  value: null,
  limitValue: null,
  leadTimeDays: null,
  safetyStock: null,
  planNumber: null,
  asnNumber: null,
  ...patch,
});

describe("describeAlert", () => {
  it("says when a projection crosses its line, against the lead time or the rule's days", () => {
    expect(describeAlert(en, "en", facts({ value: 3, limitValue: 5, leadTimeDays: 5 }))).toBe(
      "Projected to run out in 3 days (lead time 5 days)",
    );
    expect(describeAlert(en, "en", facts({ value: 1, limitValue: 14, leadTimeDays: 5 }))).toBe(
      "Projected to run out in 1 day (within 14 days)",
    );
    expect(describeAlert(en, "en", facts({ value: 0 }))).toBe("Projected to run out today");
    expect(describeAlert(en, "en", facts({ condition: "projected_above_max", value: 6, limitValue: 14 }))).toBe(
      "Projected above max in 6 days (within 14 days)",
    );
    expect(describeAlert(zh, "zh-CN", facts({ value: 3, limitValue: 5, leadTimeDays: 5 }))).toBe(
      "预计 3 天后缺货（提前期 5 天）",
    );
  });

  it("reads the share of safety stock back from the limit", () => {
    const below = facts({ condition: "below_safety_stock", value: 12, limitValue: 22, safetyStock: 20 });
    expect(describeAlert(en, "en", below)).toBe("On hand 12 below 110% of safety stock (22)");
    expect(describeAlert(en, "en", { ...below, safetyStock: 0 })).toBe("On hand 12 below 22");
  });

  it("names the plan or the notice, and the limit in its unit", () => {
    expect(
      describeAlert(en, "en", facts({ condition: "plan_waiting", value: 30, limitValue: 24, planNumber: "RP-2026-00012" })),
    ).toBe("Plan RP-2026-00012 waiting 30 h (limit 24 h)");
    expect(
      describeAlert(en, "en", facts({ condition: "shipment_overdue", value: 2, limitValue: 1, asnNumber: "ASN-2026-00007" })),
    ).toBe("ASN-2026-00007 overdue by 2 days (limit 1 day)");
    expect(describeAlert(en, "en", facts({ condition: "no_consumption", value: 190, limitValue: 180 }))).toBe(
      "No consumption for 190 days (limit 180 days)",
    );
    expect(describeAlert(en, "en", facts({ condition: "band_drift", value: 32.4, limitValue: 25 }))).toBe(
      "Agreed band 32% off the recommended one (limit 25%)",
    );
    expect(describeAlert(en, "en", facts({ condition: "days_of_cover_below", value: 2.5, limitValue: 7 }))).toBe(
      "2.5 days of cover (limit 7 days)",
    );
  });

  it("says what it is about when there is no value", () => {
    expect(describeAlert(en, "en", facts({ condition: "plan_waiting" }))).toBe("The plan waiting for a decision");
    expect(describeAlert(en, "en", facts({ condition: "plan_waiting", planNumber: "RP-2026-00012" }))).toBe(
      "Plan RP-2026-00012 waiting for a decision",
    );
    expect(describeAlert(en, "en", facts({ condition: "stock_discrepancy" }))).toBe("Stock counted off the expected position");
  });
});

describe("timeAgo", () => {
  it("counts minutes, then hours, then days", () => {
    const now = "2026-03-10T12:00:00.000Z";
    expect(timeAgo("en", "2026-03-10T11:55:00.000Z", now)).toBe("5 minutes ago");
    expect(timeAgo("en", "2026-03-10T09:00:00.000Z", now)).toBe("3 hours ago");
    expect(timeAgo("en", "2026-03-07T12:00:00.000Z", now)).toBe("3 days ago");
  });
});
