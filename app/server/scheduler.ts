/**
 * The in-process nightly jobs (docs/decisions/007-metrics-recompute.md). Every few minutes each
 * app instance checks, per tenant, whether the tenant's metrics are due (older than the last 02:30
 * in the tenant's time zone, or missing for an active agreement) and recomputes the tenant with a
 * try-lock: when several instances run, the first takes the tenant's advisory lock, the others
 * skip it ("already running") and find it up to date on their next check. Once a day it also
 * purges stale sign-in throttle rows. The timers are unref'd: they never keep the process alive.
 * SCHEDULER=off turns the whole thing off (e.g. for a dedicated web tier).
 */
import type { Database } from "@db/client";
import { refreshPlannerStatistics } from "@db/maintenance";
import { purgeStaleAuthThrottle } from "~/services/auth/throttle-purge.server";
import {
  type MetricsFreshness,
  describeRecompute,
  getRecomputeFreshness,
  listTenants,
  recomputeTenant,
} from "~/services/metrics/recompute.server";
import { addDays, todayIn } from "~/utils/dates";
import { onOffSetting } from "~/utils/env.server";

/** Local time of the nightly recompute in each tenant's time zone. */
export const NIGHTLY_AT = { hour: 2, minute: 30 } as const;
export const CHECK_INTERVAL_MS = 5 * 60 * 1000;
const FIRST_CHECK_DELAY_MS = 15 * 1000;
const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface TimeOfDay {
  hour: number;
  minute: number;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** Offset of a time zone from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormat.set(timeZone, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant at which a time zone's clocks show `date` (YYYY-MM-DD) at `at`. When that wall time
 * falls in a daylight-saving gap, the result is the instant one gap length away from it (the
 * job then runs an hour early or late that night); when it occurs twice, one of the two.
 */
export function zonedInstant(date: string, at: TimeOfDay, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, at.hour, at.minute);
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

/** The latest instant ≤ `now` at which the tenant's clock showed `at` (02:30 by default). */
export function lastNightlyRun(now: Date, timeZone: string, at: TimeOfDay = NIGHTLY_AT): Date {
  const today = todayIn(timeZone, now);
  const todays = zonedInstant(today, at, timeZone);
  return todays.getTime() <= now.getTime() ? todays : zonedInstant(addDays(today, -1), at, timeZone);
}

/**
 * Whether a tenant's metrics are due at `now`: an active agreement has none, or metrics of an
 * inactive agreement linger, or the last computation is older than the last 02:30 in the tenant's
 * time zone. A tenant with nothing to compute and nothing to remove is never due.
 */
export function isRecomputeDue(freshness: MetricsFreshness, now: Date, timeZone: string, at: TimeOfDay = NIGHTLY_AT): boolean {
  if (freshness.missing > 0 || freshness.orphaned > 0) return true;
  if (freshness.activeAgreements === 0) return false;
  if (!freshness.lastComputedAt) return true;
  return freshness.lastComputedAt.getTime() < lastNightlyRun(now, timeZone, at).getTime();
}

/** SCHEDULER: unset, `on`, `1` or `true` runs the jobs; `off`, `0` or `false` does not. */
/** The longest a tenant whose recompute keeps failing waits between attempts. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * When a tenant whose recompute failed `failures` times in a row (the last at `lastFailure`) may
 * be tried again: 5 minutes after the first failure, doubling up to 6 hours, so that a tenant with
 * bad data neither hammers the database every check nor waits a whole night after a blip.
 */
export function retryAfterFailures(failures: number, lastFailure: Date): Date {
  const delay = Math.min(CHECK_INTERVAL_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_DELAY_MS);
  return new Date(lastFailure.getTime() + delay);
}

export function schedulerEnabled(value: string | undefined = process.env.SCHEDULER): boolean {
  return onOffSetting("SCHEDULER", value);
}

export interface SchedulerOptions {
  /** Between the end of one check and the start of the next; default 5 minutes. */
  intervalMs?: number;
  /** Before the first check; default 15 s. */
  firstDelayMs?: number;
  clock?: () => Date;
  log?: (line: string) => void;
  logError?: (line: string, error: unknown) => void;
}

export interface Scheduler {
  /** One check now (also what the timer runs); resolves when it is done. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a check in progress to finish. */
  stop(): Promise<void>;
}

export function startScheduler(db: Database, options: SchedulerOptions = {}): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(`[scheduler] ${line}`));
  const logError = options.logError ?? ((line: string, error: unknown) => console.error(`[scheduler] ${line}`, error));
  const interval = options.intervalMs ?? CHECK_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastPurge: number | undefined;
  const failing = new Map<string, { failures: number; last: Date }>();

  async function check() {
    const now = clock();
    if (lastPurge === undefined || now.getTime() - lastPurge >= PURGE_INTERVAL_MS) {
      try {
        const purged = await purgeStaleAuthThrottle(db, now);
        lastPurge = now.getTime();
        if (purged > 0) log(`purged ${purged} stale sign-in throttle rows`);
      } catch (error) {
        logError("purging the sign-in throttle failed", error);
      }
    }
    let tenants;
    try {
      tenants = await listTenants(db);
    } catch (error) {
      logError("listing the tenants failed", error);
      return;
    }
    let recomputed = 0;
    for (const tenant of tenants) {
      if (stopped) return;
      const failed = failing.get(tenant.id);
      if (failed && now < retryAfterFailures(failed.failures, failed.last)) continue;
      try {
        const due = (freshness: MetricsFreshness) => isRecomputeDue(freshness, now, tenant.timezone);
        if (!due(await getRecomputeFreshness(db, tenant.id))) continue;
        const result = await recomputeTenant(db, tenant.id, { now, wait: false, onlyIf: due, trigger: "schedule" });
        log(describeRecompute(result));
        if (!result.skipped) recomputed += 1;
        failing.delete(tenant.id);
      } catch (error) {
        const failures = (failed?.failures ?? 0) + 1;
        failing.set(tenant.id, { failures, last: now });
        logError(
          `${tenant.slug}: recompute failed (${failures} in a row; next try ${retryAfterFailures(failures, now).toISOString()})`,
          error,
        );
      }
    }
    // The night's new facts and metrics: let the planner see them (the embedded database never
    // refreshes its statistics by itself).
    if (recomputed > 0 && !stopped) {
      try {
        await refreshPlannerStatistics(db);
      } catch (error) {
        logError("refreshing the planner statistics failed", error);
      }
    }
  }

  function tick(): Promise<void> {
    if (!running) {
      running = check().finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().finally(() => schedule(interval));
    }, delay);
    timer.unref();
  }

  schedule(options.firstDelayMs ?? FIRST_CHECK_DELAY_MS);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
