import { dayNumber, isoDate, isoWeekStart } from "../../../app/core";
import { todayIn, zonedInstant } from "../../../app/utils/dates";

/**
 * Calendar and clock of the demo tenants: ISO week numbers, and the instants of tenant-local days
 * and times (the core keeps to calendar days; the time zone is the seed's business).
 */

/**
 * ISO 8601 week number of a day: the week's Thursday decides its year, and week 1 is the one
 * holding that year's first Thursday.
 */
export function isoWeek(epochDay: number): number {
  const thursday = dayNumber(isoWeekStart(isoDate(epochDay))) + 3;
  const january1 = dayNumber(`${isoDate(thursday).slice(0, 4)}-01-01`);
  return Math.floor((thursday - january1) / 7) + 1;
}

/** The instant of a local day and minute of the day in a time zone. */
export function localInstant(epochDay: number, minute: number, timeZone: string): Date {
  return zonedInstant(isoDate(epochDay), { hour: 0, minute }, timeZone);
}

/** The local day (epoch day) of an instant in a time zone. */
export function localDayOf(instant: Date, timeZone: string): number {
  return dayNumber(todayIn(timeZone, instant));
}
