import { beforeAll, describe, expect, it } from "vitest";
import { serverI18n } from "~/i18next.server";
import { isInboxLink, notificationText, type Translate } from "~/services/notifications/notification-text";

/** The words of notifications in both languages, from whatever payload a service wrote. */

let en: Translate;
let zh: Translate;

beforeAll(async () => {
  en = (await serverI18n("en")).getFixedT("en");
  zh = (await serverI18n("zh-CN")).getFixedT("zh-CN");
});

describe("notificationText", () => {
  it("names the plan, the supplier and the decision of each kind", () => {
    expect(notificationText(en, "plan.submitted", { number: "RP-2026-00001", supplierName: "Northwind" })).toEqual({
      title: "Northwind submitted plan RP-2026-00001",
      details: [],
    });
    expect(
      notificationText(en, "plan.step_reached", { number: "RP-2026-00002", supplierName: "Contoso", step: "manager" }),
    ).toEqual({
      title: "Plan RP-2026-00002 from Contoso awaits your approval",
      details: ["Step: Manager"],
    });
    expect(
      notificationText(en, "plan.decided", { number: "RP-2026-00003", status: "partially_approved", decisionCode: "AD" }),
    ).toEqual({
      title: "Plan RP-2026-00003 was decided: Partially approved",
      details: ["Decision code AD: accepted as proposed"],
    });
    expect(notificationText(en, "plan.changes_requested", { number: "RP-2026-00004", comment: "Split line 2" })).toEqual({
      title: "Changes were requested on plan RP-2026-00004",
      details: ["Comment: Split line 2"],
    });
    expect(
      notificationText(en, "band_proposal.submitted", {
        supplierName: "Fabrikam",
        sku: "FB-100",
        siteCode: "SH-01",
        proposedMin: 1200,
        proposedMax: 4500,
        status: "pending",
      }),
    ).toEqual({ title: "Fabrikam proposed a band change for FB-100 @ SH-01", details: ["Proposed band: 1,200 – 4,500"] });
    expect(notificationText(en, "band_proposal.decided", { sku: "FB-100", status: "rejected", comment: "Too high" })).toEqual({
      title: "Your band change proposal for FB-100 was rejected",
      details: ["Comment: Too high"],
    });
  });

  it("names a shipping notice, its supplier, plan, lines and expected arrival, in both languages", () => {
    const payload = {
      asnNumber: "ASN-2026-00012",
      supplierName: "Northwind",
      number: "RP-2026-00007",
      lines: 3,
      expectedArrival: "2026-03-12",
    };
    expect(notificationText(en, "shipment.recorded", payload)).toEqual({
      title: "Northwind shipped ASN-2026-00012",
      details: ["Plan RP-2026-00007", "3 lines", "Expected arrival Mar 12, 2026"],
    });
    expect(notificationText(en, "shipment.overdue", payload).title).toBe(
      "Shipping notice ASN-2026-00012 from Northwind is overdue",
    );
    expect(notificationText(en, "shipment.received", { asnNumber: "ASN-2026-00012", lines: 1 })).toEqual({
      title: "Shipping notice ASN-2026-00012 was received",
      details: ["1 line"],
    });
    expect(notificationText(en, "shipment.cancelled", { lines: "x", expectedArrival: "soon" })).toEqual({
      title: "A supplier cancelled shipping notice (no number)",
      details: [],
    });
    expect(notificationText(zh, "shipment.corrected", payload, "zh-CN").title).toBe("Northwind 修改了发货通知单 ASN-2026-00012");
  });

  it("speaks Simplified Chinese, numbers in the reader's format", () => {
    expect(
      notificationText(
        zh,
        "band_proposal.decided",
        { sku: "FB-100", status: "accepted", proposedMin: 1200, proposedMax: 4500 },
        "zh-CN",
      ),
    ).toEqual({
      title: "您对 FB-100 库存区间的修改提议已被接受",
      details: ["提议区间：1,200 – 4,500"],
    });
    expect(notificationText(zh, "plan.decided", { number: "RP-2026-00003", status: "approved", decisionCode: "AC" })).toEqual({
      title: "补货计划 RP-2026-00003 已有决定：已批准",
      details: ["决定代码 AC：修改后接受"],
    });
  });

  it("falls back to neutral words when payload fields are missing or odd, never 'undefined' or a key", () => {
    const missing = notificationText(en, "plan.submitted", {});
    expect(missing.title).toBe("A supplier submitted plan (no number)");
    const odd = notificationText(en, "plan.decided", {
      number: { nested: true },
      status: "exploded",
      decisionCode: "ZZ",
      comment: 42,
    });
    expect(odd).toEqual({ title: "Plan (no number) was decided: see the plan", details: ["Comment: 42"] });
    expect(notificationText(en, "plan.made_up_kind", { number: "RP-1" })).toEqual({ title: "New notification", details: [] });
    expect(notificationText(zh, "band_proposal.decided", null).title).toBe("您对 某物料 库存区间的修改提议已被处理");
    for (const text of [missing.title, odd.title]) expect(text).not.toMatch(/undefined|notifications\./);
  });
});

describe("alert notifications", () => {
  const opened = {
    alertId: "6d0f9a4e-1111-4222-8333-944455556666",
    ruleName: "Projected stockout within lead time",
    condition: "projected_stockout",
    severity: "critical",
    value: 3,
    limit: null,
    todo: false,
    dueDate: null,
    parameters: { kind: "projected_stockout", horizon: "lead_time" },
    supplierName: "Northwind",
    sku: "NW-100",
    itemName: "Bearing",
    siteCode: "SH-01",
    planNumber: null,
    asnNumber: null,
  };

  it("names an opened alert's severity, rule, item and site, what it found and its supplier, in both languages", () => {
    expect(notificationText(en, "alert.opened", opened)).toEqual({
      title: "Critical alert: Projected stockout within lead time – NW-100 @ SH-01",
      details: ["Projected to run out in 3 days", "Supplier: Northwind"],
    });
    expect(notificationText(zh, "alert.opened", { ...opened, ruleName: "提前期内预计缺货" }, "zh-CN")).toEqual({
      title: "严重预警：提前期内预计缺货 – NW-100 @ SH-01",
      details: ["预计 3 天后缺货", "供应商：Northwind"],
    });
    expect(notificationText(en, "alert.opened", { ...opened, value: 0 }).details[0]).toBe("Projected to run out today");
    expect(notificationText(en, "alert.opened", { ...opened, value: 1 }).details[0]).toBe("Projected to run out in 1 day");
  });

  it("calls a to-do a to-do, with its due day", () => {
    const todo = {
      ...opened,
      ruleName: "Stock below 110 % of safety stock",
      condition: "below_safety_stock",
      severity: "warning",
      value: 1250,
      limit: 1320,
      todo: true,
      dueDate: "2026-03-12",
      parameters: { kind: "below_safety_stock", percent: 110 },
    };
    expect(notificationText(en, "alert.opened", todo)).toEqual({
      title: "New to-do: Stock below 110 % of safety stock – NW-100 @ SH-01",
      details: ["On hand 1,250, below 1,320 (110% of safety stock)", "Supplier: Northwind", "Due Mar 12, 2026"],
    });
    expect(notificationText(zh, "alert.opened", todo, "zh-CN")).toEqual({
      title: "新待办：Stock below 110 % of safety stock – NW-100 @ SH-01",
      details: ["现有库存 1,250，低于 1,320（安全库存的 110%）", "供应商：Northwind", "截止日期 2026年3月12日"],
    });
  });

  it("tells the assignee, naming a plan or a shipping notice when the alert is about one", () => {
    const plan = { ...opened, condition: "plan_waiting", severity: "info", value: 30, limit: 24, sku: null, siteCode: null };
    expect(notificationText(en, "alert.assigned", { ...plan, itemName: null, planNumber: "RP-2026-00007" })).toEqual({
      title: "Assigned to you: Projected stockout within lead time – plan RP-2026-00007",
      details: ["Waiting for a decision for 30 hours (limit 24)", "Supplier: Northwind"],
    });
    const notice = {
      ...opened,
      ruleName: "Shipment overdue by a day or more",
      condition: "shipment_overdue",
      severity: "warning",
      value: 2,
      limit: 1,
      sku: null,
      itemName: null,
      siteCode: null,
      asnNumber: "ASN-2026-00012",
      todo: true,
      dueDate: "2026-03-14",
    };
    expect(notificationText(zh, "alert.assigned", notice, "zh-CN")).toEqual({
      title: "指派给您：Shipment overdue by a day or more – 发货通知单 ASN-2026-00012",
      details: ["已逾期 2 天（限值 1 天）", "供应商：Northwind", "截止日期 2026年3月14日"],
    });
  });

  it("describes every condition with its value and limit, in both languages", () => {
    const cases: [string, number, number, Record<string, unknown> | null, string, string][] = [
      ["projected_below_min", 5, 0, null, "Projected below min in 5 days", "预计 5 天后低于下限"],
      ["projected_above_max", 14, 0, null, "Projected above max in 14 days", "预计 14 天后高于上限"],
      ["below_safety_stock", 80, 100, null, "On hand 80, below 100", "现有库存 80，低于 100"],
      ["days_of_cover_below", 4.5, 7, null, "4.5 days of cover, fewer than 7", "可供 4.5 天，少于 7 天"],
      ["no_consumption", 190, 180, null, "Nothing consumed for 190 days (limit 180)", "已 190 天无消耗（限值 180 天）"],
      [
        "band_drift",
        42.26,
        25,
        null,
        "Agreed band 42.3% off the recommended one (limit 25%)",
        "约定区间偏离建议区间 42.3%（限值 25%）",
      ],
      ["receipt_difference", 12, 5, null, "Received 12% different from shipped (limit 5%)", "收货与发货相差 12%（限值 5%）"],
      [
        "stock_discrepancy",
        15.5,
        10,
        null,
        "Counted stock 15.5% off the expected (limit 10%)",
        "盘点库存与预期相差 15.5%（限值 10%）",
      ],
    ];
    for (const [condition, value, limit, parameters, english, chinese] of cases) {
      const payload = { ...opened, condition, value, limit, parameters };
      expect(notificationText(en, "alert.opened", payload).details[0], condition).toBe(english);
      expect(notificationText(zh, "alert.opened", payload, "zh-CN").details[0], condition).toBe(chinese);
    }
  });

  it("lists a digest's alerts one a line, with how many more there are, in both languages", () => {
    const line = {
      alertId: opened.alertId,
      ruleName: "Dead stock",
      condition: "no_consumption",
      severity: "info",
      value: 200,
      limit: 180,
      sku: "NW-200",
      itemName: "Shaft",
      siteCode: "SH-02",
      supplierName: "Northwind",
    };
    const digest = { day: "2026-03-10", count: 52, alerts: [line, { ...line, severity: "critical", sku: "NW-300" }], more: 50 };
    expect(notificationText(en, "alert.digest", digest)).toEqual({
      title: "Alert digest of Mar 10, 2026: 52 open alerts",
      details: [
        "Info · Dead stock · NW-200 @ SH-02 · Northwind: Nothing consumed for 200 days (limit 180)",
        "Critical · Dead stock · NW-300 @ SH-02 · Northwind: Nothing consumed for 200 days (limit 180)",
        "… and 50 more open alerts",
      ],
    });
    expect(notificationText(zh, "alert.digest", { day: "2026-03-10", count: 1, alerts: [line], more: 0 }, "zh-CN")).toEqual({
      title: "2026年3月10日 预警摘要：1 条未关闭预警",
      details: ["提示 · Dead stock · NW-200 @ SH-02 · Northwind：已 200 天无消耗（限值 180 天）"],
    });
    expect(notificationText(en, "alert.digest", { day: "2026-03-10", count: 1, alerts: [line], more: 0 }).title).toBe(
      "Alert digest of Mar 10, 2026: 1 open alert",
    );
  });

  it("falls back to neutral words when an alert's payload is missing or odd", () => {
    const odd = notificationText(en, "alert.opened", { severity: "panic", condition: "weather", value: "many", sku: { x: 1 } });
    expect(odd).toEqual({
      title: "New alert: A condition of the rule holds – (unknown subject)",
      details: ["A condition of the rule holds"],
    });
    expect(notificationText(en, "alert.opened", { condition: "band_drift", value: 30 }).details).toEqual(["Band drift"]);
    expect(notificationText(en, "alert.digest", { alerts: "x", more: -3 })).toEqual({
      title: "Alert digest: 0 open alerts",
      details: [],
    });
    for (const kind of ["alert.opened", "alert.assigned", "alert.digest"]) {
      for (const t of [en, zh]) {
        const { title, details } = notificationText(t, kind, null);
        for (const text of [title, ...details]) expect(text, kind).not.toMatch(/undefined|notifications\.|{{/);
      }
    }
  });
});

describe("isInboxLink", () => {
  it("accepts paths below the tenant and refuses anything that could leave it", () => {
    for (const ok of ["plans/6d0f9a4e-1111-4222-8333-944455556666", "inventory/abc", "approvals", "plans/x?tab=lines#l2"]) {
      expect(isInboxLink(ok), ok).toBe(true);
    }
    for (const bad of [
      "/plans/x",
      "//evil.example",
      "https://evil.example",
      "plans/../../admin",
      "plans\\x",
      "javascript:alert(1)",
      "",
      "plans//x",
    ]) {
      expect(isInboxLink(bad), bad).toBe(false);
    }
  });
});
