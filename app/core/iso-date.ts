import { checkFinite, fail } from "./internal/checks";

/**
 * The `YYYY-MM-DD` calendar date of a day number (days since 1970-01-01); the inverse of
 * `dayNumber`. Use it to turn a projection's day index into a date: `isoDate(dayNumber(today) + i)`.
 *
 * @throws RangeError when `day` is not an integer
 * @example
 * isoDate(0); // "1970-01-01"
 * isoDate(dayNumber("2026-02-27") + 2); // "2026-03-01"
 */
export function isoDate(day: number): string {
  checkFinite("day", day);
  if (!Number.isInteger(day)) fail("day", "must be an integer", day);
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
