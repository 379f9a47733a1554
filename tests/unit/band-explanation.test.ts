import { beforeAll, describe, expect, it } from "vitest";
import { bandSentences } from "~/components/agreements/band-explanation";
import { type AgreementBandParams, recommendAgreementBand } from "~/core";
import { serverI18n } from "~/i18next.server";
import type { RecommendedBandExplanation } from "~/services/inventory/agreement-view.server";

/** The recommended band in words, in both languages, from the core's own explanation. */

type Translate = (key: string, values?: Record<string, string | number>) => string;
let en: Translate;
let zh: Translate;

beforeAll(async () => {
  en = (await serverI18n("en")).getFixedT("en");
  zh = (await serverI18n("zh-CN")).getFixedT("zh-CN");
});

// 25 a day, lead time 12 days, 95 %, MOQ 900 in packs of 50, a review every 7 days, class B.
const base: AgreementBandParams = {
  weeklyDemand: 175,
  weeklyDemandSd: 70,
  leadTimeDays: 12,
  reviewPeriodDays: 7,
  serviceLevel: 0.95,
  orderCost: 500,
  holdingCostPerUnit: 0,
  moq: 900,
  packSize: 50,
  maxCoverDays: 60,
};

function explain(params: Partial<AgreementBandParams> = {}, current = true): RecommendedBandExplanation {
  const band = recommendAgreementBand({ ...base, ...params });
  return { ...band.explanation, abc: "B", min: band.min, max: band.max, current };
}

const texts = (e: RecommendedBandExplanation, t: Translate, locale: string) => bandSentences(e, t, locale).map((s) => s.text);

describe("bandSentences", () => {
  it("min as lead time × daily demand + safety stock; max as min + the order quantity", () => {
    expect(texts(explain(), en, "en")).toEqual([
      "Min 451 = 12 days of lead time × 25 a day + safety stock 151 at 95%.",
      "Max 1,351 = min + order quantity 900 (the minimum order quantity 900).",
    ]);
    expect(texts(explain(), zh, "zh-CN")).toEqual([
      "下限 451 = 提前期 12 天 × 每天 25 + 安全库存 151（服务水平 95%）。",
      "上限 1,351 = 下限 + 订货量 900（最小订货量 900）。",
    ]);
  });

  it("a lot capped at the class's days of cover", () => {
    // Unit cost 0.1 × 25 %: EOQ 19,079 → 19,100; 60 days × 25 = 1,500 → 451 + 20 packs.
    const e = explain({ holdingCostPerUnit: 0.025, moq: 100 });
    expect(texts(e, en, "en")[1]).toBe(
      "Max 1,451 = min + order quantity 19,100 (the economic order quantity 19,079, rounded up to packs of 50), capped at 60 days of cover for a class B item (1,500).",
    );
    expect(texts(e, zh, "zh-CN")[1]).toBe(
      "上限 1,451 = 下限 + 订货量 19,100（经济订货量 19,079，按包装量 50 向上取整），且不超过 B 类物料 60 天的覆盖量（1,500）。",
    );
  });

  it("a band widened to one review period of demand, or one pack, says why", () => {
    expect(texts(explain({ moq: 0, reviewPeriodDays: 14 }), en, "en").slice(1)).toEqual([
      "Max 801 = min + one review period of demand, 14 days × 25 a day in whole packs of 50 (350): a band is never narrower.",
      "The order quantity 50 (one pack) alone would have left a narrower band than that.",
    ]);
    // The cap (10 days: 250) is below min: one pack above it.
    expect(texts(explain({ maxCoverDays: 10, reviewPeriodDays: 1 }), en, "en").slice(1)).toEqual([
      "Max 501 = min + one pack (50): a band is never narrower.",
      "The limit of 10 days of cover for a class B item (250) would have left a narrower band than that.",
    ]);
  });

  it("periodic review names the order-up-to level; no service level, no safety stock", () => {
    const e = explain({ review: "periodic", moq: 0, packSize: 1, reviewPeriodDays: 28, serviceLevel: null });
    expect(texts(e, en, "en")).toEqual([
      "Min 300 = 12 days of lead time × 25 a day, with no safety stock (none for this cell).",
      "Max 1,000 = the order-up-to level of a review every 28 days: 40 days of review period and lead time × 25 a day + safety stock.",
    ]);
  });

  it("no demand, and figures computed with other terms or settings", () => {
    expect(texts(explain({ weeklyDemand: 0, weeklyDemandSd: 0 }), en, "en")).toEqual([
      "No demand is forecast, so no stock is recommended: min and max are 0.",
    ]);
    expect(bandSentences(explain({}, false), zh, "zh-CN").map((s) => s.key)).toEqual(["outdated"]);
  });
});
