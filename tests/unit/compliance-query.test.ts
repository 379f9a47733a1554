import { describe, expect, it } from "vitest";
import { formatKpi, kpiChange } from "~/components/compliance/kpi-format";
import { parsePeriodQuery, parseRankingSort, periodSearch } from "~/services/compliance/period-query";

const AS_OF = "2026-11-21";
const parse = (search: string) => parsePeriodQuery(new URLSearchParams(search), AS_OF);
const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);

describe("parsePeriodQuery", () => {
  it("reads the presets, 13 weeks by default", () => {
    expect(parse("").request).toEqual({ preset: 13 });
    expect(parse("weeks=4").request).toEqual({ preset: 4 });
    expect(parse("weeks=52").request).toEqual({ preset: 52 });
  });

  it("reads custom dates", () => {
    const parsed = parse("weeks=custom&from=2026-03-04&to=2026-03-18");
    expect(parsed.request).toEqual({ from: "2026-03-04", to: "2026-03-18" });
    expect(parsed.errors).toEqual({});
    expect(periodSearch(parsed.query)).toBe("weeks=custom&from=2026-03-04&to=2026-03-18");
    expect(periodSearch(parse("weeks=4").query)).toBe("weeks=4");
  });

  it("names the wrong field and falls back to the default period", () => {
    expect(parse("weeks=7").errors).toEqual({ weeks: { key: "compliance.period.errors.preset" } });
    expect(parse("weeks=custom&from=2026-02-30&to=2026-03-01").errors).toEqual({
      from: { key: "compliance.period.errors.date" },
    });
    expect(parse("weeks=custom&to=2026-03-01").errors).toEqual({ from: { key: "compliance.period.errors.missing" } });
    expect(parse("weeks=custom&from=2026-03-18&to=2026-03-04").errors).toEqual({ to: { key: "compliance.period.errors.order" } });
    expect(parse("weeks=custom&from=2026-11-23&to=2026-11-30").errors).toEqual({
      from: { key: "compliance.period.errors.future", values: { asOf: AS_OF } },
    });
    const long = parse("weeks=custom&from=2024-01-01&to=2026-11-21");
    expect(long.errors).toEqual({ from: { key: "compliance.period.errors.tooLong", values: { weeks: 104 } } });
    expect(long.request).toEqual({ preset: 13 });
    // Exactly 104 weeks is allowed.
    expect(parse("weeks=custom&from=2024-11-25&to=2026-11-21").errors).toEqual({});
  });
});

describe("parseRankingSort", () => {
  it("sorts by the worst band compliance unless a known column is asked for", () => {
    expect(parseRankingSort(new URLSearchParams(""))).toEqual({ sort: "bandCompliance", dir: "asc" });
    expect(parseRankingSort(new URLSearchParams("sort=fillRate&dir=desc"))).toEqual({ sort: "fillRate", dir: "desc" });
    expect(parseRankingSort(new URLSearchParams("sort=drop table&dir=up"))).toEqual({ sort: "bandCompliance", dir: "asc" });
  });
});

describe("KPI texts", () => {
  it("formats each kind of KPI", () => {
    expect(formatKpi(t, "en", "CNY", "bandCompliance", 0.7551)).toBe("75.5%");
    expect(formatKpi(t, "en", "CNY", "holdingCost", 1234.5)).toBe("CN¥1,234.50");
    expect(formatKpi(t, "en", "CNY", "dio", 24.6)).toBe('compliance.value.days {"value":"25"}');
    expect(formatKpi(t, "en", "CNY", "decisionMedianHours", 47.5)).toBe('compliance.value.hours {"value":"47.5"}');
    expect(formatKpi(t, "en", "CNY", "decisionP90Hours", 72)).toBe('compliance.value.daysFromHours {"value":"3"}');
    expect(formatKpi(t, "en", "CNY", "fillRate", null)).toBe("compliance.value.none");
  });

  it("says whether a change is better or worse, by the KPI's direction", () => {
    expect(kpiChange(t, "en", "CNY", "bandCompliance", 0.8, 0.75)?.direction).toBe("better");
    expect(kpiChange(t, "en", "CNY", "stockoutRate", 0.08, 0.05)?.direction).toBe("worse");
    expect(kpiChange(t, "en", "CNY", "dio", 20, 25)?.direction).toBe("better");
    expect(kpiChange(t, "en", "CNY", "bandCompliance", 0.8, 0.8002)?.direction).toBe("same");
    expect(kpiChange(t, "en", "CNY", "bandCompliance", 0.8, 0.75)?.text).toBe('+compliance.change.points {"value":"5"}');
    expect(kpiChange(t, "en", "CNY", "fillRate", null, 0.9)).toBeNull();
  });
});
