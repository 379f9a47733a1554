import { dayNumber } from "./day-number";

/**
 * True for a real calendar date written YYYY-MM-DD.
 *
 * @example
 * isCalendarDate("2026-02-28"); // true
 * isCalendarDate("2026-02-30"); // false
 * isCalendarDate("28/02/2026"); // false
 */
export function isCalendarDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}
