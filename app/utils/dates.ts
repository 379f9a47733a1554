import { dayNumber, isoDate } from "~/core";

/**
 * Today's calendar date (YYYY-MM-DD) in a time zone. Every "today" of the portal is the tenant's:
 * a plan's ship date, a projection's first day and a recompute's as-of date all follow the buyer's
 * clock, wherever the server or the user is.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // Building an Intl formatter is slow; one per time zone is kept.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The date `days` after (or before, when negative) an ISO date. */
export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
