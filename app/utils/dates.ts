import { TZDate, tzOffset } from "@date-fns/tz";
import { dayNumber, isoDate } from "~/core";

/**
 * Calendar dates (YYYY-MM-DD) and the tenant's clock. Time-zone rules come from `@date-fns/tz`
 * (which reads them from the runtime's Intl data); nothing here keeps offsets of its own.
 */

/** A time of day on a wall clock. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

const MS_PER_DAY = 86_400_000;

/** Intl refuses an unknown time zone with a RangeError; @date-fns/tz gives NaN instead. */
function invalidZone(timeZone: string): never {
  throw new RangeError(`Invalid time zone specified: ${timeZone}`);
}

/** A time zone's clock at an instant, refusing an unknown zone or an invalid instant. */
function wallClock(instant: Date, timeZone: string): TZDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid time value");
  const local = new TZDate(instant, timeZone);
  if (Number.isNaN(local.getTime())) invalidZone(timeZone);
  return local;
}

/** The offset of a time zone from UTC at an instant, in milliseconds (east positive). */
function offsetMs(instant: number, timeZone: string): number {
  const minutes = tzOffset(timeZone, new Date(instant));
  if (Number.isNaN(minutes)) invalidZone(timeZone);
  return minutes * 60_000;
}

/**
 * Today's calendar date (YYYY-MM-DD) in a time zone. Every "today" of the portal is the tenant's:
 * a plan's ship date, a projection's first day and a recompute's as-of date all follow the buyer's
 * clock, wherever the server or the user is. Built from the clock's fields: a locale's date format
 * (en-CA's year-month-day) is locale data, not a promise.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const local = wallClock(now, timeZone);
  return isoDate(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / MS_PER_DAY);
}

/**
 * The instant a day starts in a time zone: its first instant whose date there is `date`. That is
 * midnight, or the end of the gap on a day whose clocks skip midnight (e.g. 01:00 in Santiago on
 * the day daylight saving time begins).
 */
export function startOfDayIn(date: string, timeZone: string): Date {
  dayNumber(date); // refuses anything but a real YYYY-MM-DD
  const [year, month, day] = date.split("-").map(Number);
  const start = new TZDate(year, month - 1, day, timeZone);
  if (Number.isNaN(start.getTime())) invalidZone(timeZone);
  return new Date(start.getTime());
}

/**
 * The instant at which a time zone's clocks show `date` (YYYY-MM-DD) at `at`. When that wall time
 * falls in a daylight-saving gap, the result is the instant one gap length away from it (a job
 * set for it then runs an hour early or late that night: early west of Greenwich, late east of
 * it); when it occurs twice, one of the two. The wall time is read with the offset in force at
 * the instant a first reading gives, which is what puts a gap's time on one side of it.
 */
export function zonedInstant(date: string, at: TimeOfDay, timeZone: string): Date {
  const wall = dayNumber(date) * MS_PER_DAY + (at.hour * 60 + at.minute) * 60_000;
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}

/** The server's own time zone (TZ, or the system's): the clock "server time" is read on. */
export function serverTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The date `days` after (or before, when negative) an ISO date. */
export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
