import { todayIn } from "../../app/utils/dates";

/** The demo tenants' time zone, whose today the demo is generated for. */
export const DEMO_TIME_ZONE = "Asia/Shanghai";

/**
 * The day the demo seed treats as today: DEMO_TODAY when set (tests pin it, to see the demo as
 * another day would generate it), else today in Shanghai. Only the seed reads it; the portal and
 * its recompute keep the real clock. Depends on nothing else of the seed, so that a test
 * runner's configuration can check the setting before it starts anything.
 *
 * @throws Error naming the variable when it is set but is not a real date as YYYY-MM-DD
 * @example
 * demoToday({ DEMO_TODAY: "2027-01-04" }); // "2027-01-04"
 * demoToday({ DEMO_TODAY: "2027-02-30" }); // throws: Invalid environment: DEMO_TODAY: …
 */
export function demoToday(env: Readonly<Record<string, string | undefined>> = process.env, now = new Date()): string {
  const value = env.DEMO_TODAY?.trim();
  if (!value) {
    return todayIn(DEMO_TIME_ZONE, now);
  }
  if (!isCalendarDate(value)) {
    throw new Error(`Invalid environment: DEMO_TODAY: must be a real date as YYYY-MM-DD, not "${env.DEMO_TODAY}"`);
  }
  return value;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
