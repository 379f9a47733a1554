import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import zhCN from "~/locales/zh-CN";

function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

function placeholders(text: string) {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
}

describe("translations", () => {
  const enKeys = keysOf(en);
  const zhKeys = keysOf(zhCN);

  it("every English key exists in Simplified Chinese", () => {
    expect(enKeys.filter((key) => !zhKeys.includes(key))).toEqual([]);
  });

  it("every Simplified Chinese key exists in English", () => {
    expect(zhKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it("covers the pages (the key lists are not empty)", () => {
    expect(enKeys).toContain("login.submit");
    expect(enKeys.length).toBeGreaterThan(50);
  });

  it("both languages use the same placeholders in each text", () => {
    const get = (tree: object, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    const mismatched = enKeys.filter((key) => placeholders(get(en, key)).join() !== placeholders(get(zhCN, key)).join());
    expect(mismatched).toEqual([]);
  });

  it("no Chinese text is left in English, and no empty text anywhere", () => {
    const get = (tree: object, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    expect(enKeys.filter((key) => get(en, key).trim() === "" || get(zhCN, key).trim() === "")).toEqual([]);
    const chineseInEnglish = enKeys.filter((key) => key !== "language.zh-CN" && /[\u4e00-\u9fff]/.test(get(en, key)));
    expect(chineseInEnglish).toEqual([]);
  });
});

describe("plan statuses", () => {
  it("pages list the same statuses as the schema's check constraint, each with words in both languages", async () => {
    const { planStatuses } = await import("@db/schema/plans");
    const { planWorkflowStatuses } = await import("~/core");
    const { default: en } = await import("~/locales/en");
    const { default: zh } = await import("~/locales/zh-CN");
    expect([...planWorkflowStatuses]).toEqual([...planStatuses]);
    for (const s of planWorkflowStatuses) {
      expect(en.plans.statuses[s]).toBeTruthy();
      expect(zh.plans.statuses[s]).toBeTruthy();
    }
  });
});

describe("withdrawable statuses", () => {
  it("the plan service withdraws exactly where the state machine, which the plan page follows, allows it", async () => {
    const { WITHDRAWABLE } = await import("~/services/plans/transitions.server");
    const { allowedPlanActions, planWorkflowStatuses } = await import("~/core");
    expect([...WITHDRAWABLE]).toEqual(planWorkflowStatuses.filter((s) => allowedPlanActions("supplier", s).includes("withdraw")));
    expect([...WITHDRAWABLE]).toEqual(["draft", "submitted"]);
  });
});
