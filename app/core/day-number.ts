import { MUST_BE_ISO_DATE } from "./errors";
import { fail } from "./internal/checks";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a calendar date written `YYYY-MM-DD`. Pure calendar arithmetic (no
 * time zone, no clock): the tenant's local date comes in as a string and day indices for
 * projections are differences of day numbers.
 *
 * @throws RangeError when the text is not a real calendar date in that form
 * @example
 * dayNumber("1970-01-02"); // 1
 * dayNumber("2026-03-01") - dayNumber("2026-02-27"); // 2
 */
export function dayNumber(iso: string): number {
  const m = typeof iso === "string" ? ISO_DATE.exec(iso) : null;
  if (!m) fail("date", MUST_BE_ISO_DATE, iso);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    fail("date", MUST_BE_ISO_DATE, iso);
  }
  return Math.round(ms / MS_PER_DAY);
}
