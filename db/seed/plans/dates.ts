import { dayNumber, isoDate, isoWeekStart } from "../../../app/core";

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

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant of a local day and minute of the day in a time zone. */
export function localInstant(epochDay: number, minute: number, timeZone: string): Date {
  const wall = epochDay * 86_400_000 + minute * 60_000;
  const offset = zoneOffset(wall, timeZone);
  return new Date(wall - offset * 60_000);
}

/** The local day (epoch day) of an instant in a time zone. */
export function localDayOf(instant: Date, timeZone: string): number {
  return Math.floor((instant.getTime() + zoneOffset(instant.getTime(), timeZone) * 60_000) / 86_400_000);
}
