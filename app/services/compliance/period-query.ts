import { dayNumber, isoWeekStart, MAX_PERIOD_WEEKS, type PeriodPreset, type PeriodRequest } from "~/core";

/**
 * The period of a compliance page, from its URL: `weeks` = 4, 13 (the default) or 52, or
 * `weeks=custom` with `from` and `to` (YYYY-MM-DD). A bad value keeps the page usable on the
 * default period and names the field that is wrong, with its message key and values.
 */
export type PeriodChoice = "4" | "13" | "52" | "custom";

export interface PeriodQuery {
  weeks: PeriodChoice;
  from: string;
  to: string;
}

export interface PeriodFieldError {
  key: string;
  values?: Record<string, string | number>;
}

export interface ParsedPeriod {
  query: PeriodQuery;
  request: PeriodRequest;
  errors: Partial<Record<"weeks" | "from" | "to", PeriodFieldError>>;
}

export const DEFAULT_PERIOD: PeriodRequest = { preset: 13 };

/** Who sees the tenant-wide compliance pages; suppliers have their own scorecard. */
export const COMPLIANCE_ROLES = ["admin", "manager", "buyer"] as const;

/** Columns the supplier ranking sorts by: the supplier, its agreements, any KPI, the change. */
export const RANKING_SORTS = [
  "supplier",
  "agreements",
  "change",
  "bandCompliance",
  "belowMinShare",
  "stockoutRate",
  "aboveMaxShare",
  "onTimeDelivery",
  "fillRate",
  "annualisedTurnover",
  "dio",
  "deadStockRatio",
  "holdingCost",
  "decisionMedianHours",
  "decisionP90Hours",
] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];

/** The ranking's sort from the URL: worst band compliance first unless asked otherwise. */
export function parseRankingSort(params: URLSearchParams): { sort: RankingSort; dir: "asc" | "desc" } {
  const sort = params.get("sort");
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  return RANKING_SORTS.includes(sort as RankingSort)
    ? { sort: sort as RankingSort, dir }
    : { sort: "bandCompliance", dir: "asc" };
}
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const PRESETS: Record<Exclude<PeriodChoice, "custom">, PeriodPreset> = { "4": 4, "13": 13, "52": 52 };

function validDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

export function parsePeriodQuery(params: URLSearchParams, asOf: string): ParsedPeriod {
  const weeks = (params.get("weeks") ?? "13").trim();
  const from = (params.get("from") ?? "").trim().slice(0, 10);
  const to = (params.get("to") ?? "").trim().slice(0, 10);
  if (weeks === "4" || weeks === "13" || weeks === "52") {
    return { query: { weeks, from, to }, request: { preset: PRESETS[weeks] }, errors: {} };
  }
  if (weeks !== "custom") {
    return {
      query: { weeks: "13", from, to },
      request: DEFAULT_PERIOD,
      errors: { weeks: { key: "compliance.period.errors.preset" } },
    };
  }
  const query: PeriodQuery = { weeks, from, to };
  const errors: ParsedPeriod["errors"] = {};
  if (!from) errors.from = { key: "compliance.period.errors.missing" };
  else if (!validDay(from)) errors.from = { key: "compliance.period.errors.date" };
  if (!to) errors.to = { key: "compliance.period.errors.missing" };
  else if (!validDay(to)) errors.to = { key: "compliance.period.errors.date" };
  if (!errors.from && !errors.to) {
    const start = dayNumber(from);
    const end = dayNumber(to);
    if (start > end) errors.to = { key: "compliance.period.errors.order" };
    else if (start > dayNumber(asOf)) errors.from = { key: "compliance.period.errors.future", values: { asOf } };
    else {
      // Whole weeks from the Monday of `from` to the Monday of the earlier of `to` and as-of.
      const mondayOf = (day: string) => dayNumber(isoWeekStart(day));
      const weeksSpanned = (mondayOf(end <= dayNumber(asOf) ? to : asOf) - mondayOf(from)) / 7 + 1;
      if (weeksSpanned > MAX_PERIOD_WEEKS)
        errors.from = { key: "compliance.period.errors.tooLong", values: { weeks: MAX_PERIOD_WEEKS } };
    }
  }
  if (Object.keys(errors).length > 0) return { query, request: DEFAULT_PERIOD, errors };
  return { query, request: { from, to }, errors };
}

/** The period's part of a URL, to carry it from one compliance page to another. */
export function periodSearch(query: PeriodQuery): string {
  const params = new URLSearchParams({ weeks: query.weeks });
  if (query.weeks === "custom") {
    params.set("from", query.from);
    params.set("to", query.to);
  }
  return params.toString();
}
