import { beforeAll, describe, expect, it } from "vitest";
import { seasonSourceText } from "~/components/agreements/season-source";
import { serverI18n } from "~/i18next.server";

/** The agreement page's line on where the forecast's season came from, in both languages. */

type Translate = (key: string, values?: Record<string, string | number>) => string;
let en: Translate;
let zh: Translate;

beforeAll(async () => {
  en = (await serverI18n("en")).getFixedT("en");
  zh = (await serverI18n("zh-CN")).getFixedT("zh-CN");
});

describe("where the season came from, in words", () => {
  it("names the group and, for the buyer, how many other agreements lent it", () => {
    expect(seasonSourceText(en, { seasonSource: "item", seasonPeers: 3 }, "Fans")).toBe("The same item's, with 3 other sites");
    expect(seasonSourceText(en, { seasonSource: "item", seasonPeers: 1 }, "Fans")).toBe("The same item's, with 1 other site");
    expect(seasonSourceText(en, { seasonSource: "category", seasonPeers: 5 }, "Fans")).toBe(
      "The category “Fans”, with 5 other agreements",
    );
    expect(seasonSourceText(zh, { seasonSource: "item", seasonPeers: 3 }, "风扇")).toBe("来自同一物料，合并其他 3 个地点的数据");
    expect(seasonSourceText(zh, { seasonSource: "category", seasonPeers: 5 }, "风扇")).toBe(
      "来自类别“风扇”，合并其他 5 个协议的数据",
    );
  });

  it("leaves the count out for a supplier, and says when the season is its own or there is none", () => {
    expect(seasonSourceText(en, { seasonSource: "item", seasonPeers: null }, null)).toBe("The same item's at other sites");
    expect(seasonSourceText(en, { seasonSource: "category", seasonPeers: null }, "Fans")).toBe("The category “Fans”");
    expect(seasonSourceText(en, { seasonSource: "own", seasonPeers: null }, "Fans")).toBe("Its own history");
    expect(seasonSourceText(zh, { seasonSource: null, seasonPeers: null }, null)).toBe("未发现季节性");
  });
});
