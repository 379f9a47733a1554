import { dayNumber } from "./day-number";
import { isoDate } from "./iso-date";
import { isoWeekStart } from "./iso-week";
import { fail } from "./internal/checks";

/**
 * The period of the compliance screens: whole ISO weeks (Monday to Sunday), because the KPIs are
 * read from weekly rollups. A preset is the last N weeks ending with the week of `asOf` (the
 * tenant's yesterday, the last day with facts); custom dates widen to the weeks that hold them.
 * The previous period is the same number of weeks just before.
 */
export type PeriodPreset = 4 | 13 | 52;
export const PERIOD_PRESETS: readonly PeriodPreset[] = [4, 13, 52];
/** Two years of facts: no period reaches further back. */
export const MAX_PERIOD_WEEKS = 104;

export interface CompliancePeriod {
  /** Monday of the first week and Sunday of the last. */
  from: string;
  to: string;
  weeks: number;
  /** Mondays of the period's weeks, oldest first. */
  weekStarts: string[];
  /** Days with facts: from `from` to the earlier of `to` and `asOf`, at least 1. */
  days: number;
  /** The last day with facts in the period (`to`, or `asOf` when the period reaches it). */
  lastDay: string;
}

export interface ResolvedPeriods {
  current: CompliancePeriod;
  previous: CompliancePeriod;
}

export type PeriodRequest = { preset: PeriodPreset } | { from: string; to: string };

export function resolveCompliancePeriods(request: PeriodRequest, asOf: string): ResolvedPeriods {
  const asOfDay = dayNumber(asOf);
  let firstMonday: number;
  let lastMonday: number;
  if ("preset" in request) {
    if (!PERIOD_PRESETS.includes(request.preset)) fail("preset", "must be 4, 13 or 52", request.preset);
    lastMonday = dayNumber(isoWeekStart(asOf));
    firstMonday = lastMonday - 7 * (request.preset - 1);
  } else {
    const from = dayNumber(request.from);
    const to = dayNumber(request.to);
    if (from > to) fail("from", "must not be after to", request.from);
    if (from > asOfDay) fail("from", `must not be after ${asOf}`, request.from);
    firstMonday = dayNumber(isoWeekStart(request.from));
    lastMonday = dayNumber(isoWeekStart(isoDate(Math.min(to, asOfDay))));
  }
  const weeks = (lastMonday - firstMonday) / 7 + 1;
  if (weeks > MAX_PERIOD_WEEKS) fail("from", `must be at most ${MAX_PERIOD_WEEKS} weeks before to`, isoDate(firstMonday));
  return {
    current: periodOf(firstMonday, weeks, asOfDay),
    previous: periodOf(firstMonday - 7 * weeks, weeks, asOfDay),
  };
}

function periodOf(firstMonday: number, weeks: number, asOfDay: number): CompliancePeriod {
  const lastSunday = firstMonday + 7 * weeks - 1;
  const lastDay = Math.min(lastSunday, asOfDay);
  return {
    from: isoDate(firstMonday),
    to: isoDate(lastSunday),
    weeks,
    weekStarts: Array.from({ length: weeks }, (_, i) => isoDate(firstMonday + 7 * i)),
    days: Math.max(1, lastDay - firstMonday + 1),
    lastDay: isoDate(lastDay),
  };
}
