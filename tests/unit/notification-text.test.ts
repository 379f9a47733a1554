import { createInstance } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { i18nOptions } from "~/i18n";
import { isInboxLink, notificationText, type Translate } from "~/services/notifications/notification-text";

/** The words of notifications in both languages, from whatever payload a service wrote. */

let en: Translate;
let zh: Translate;

beforeAll(async () => {
  const make = async (lng: string) => {
    const i18n = createInstance();
    await i18n.init({ ...i18nOptions, lng });
    const t = i18n.getFixedT(lng);
    return (key: string, options?: Record<string, unknown>) => String(t(key, options ?? {}));
  };
  en = await make("en");
  zh = await make("zh-CN");
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
