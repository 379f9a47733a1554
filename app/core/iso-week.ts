import { dayNumber } from "./day-number";
import { isoDate } from "./iso-date";

/**
 * The Monday of an ISO date's ISO 8601 week (weeks run Monday to Sunday), as an ISO date.
 * Day 0 (1970-01-01) was a Thursday, hence the offset of 3.
 */
export function isoWeekStart(iso: string): string {
  const day = dayNumber(iso);
  return isoDate(day - ((((day + 3) % 7) + 7) % 7));
}
