/**
 * The in-process nightly jobs (docs/decisions/007-metrics-recompute.md). Every 5 minutes on the
 * clock (:00, :05 …), and once shortly after a start, each app instance checks, per tenant,
 * whether the tenant's metrics are due (older than the last 02:30 in the tenant's time zone, or
 * missing for an active agreement) and recomputes the tenant with a try-lock: when several
 * instances run, the first takes the tenant's advisory lock, the others skip it ("already
 * running") and find it up to date on their next check. Every time zone's offset is a whole
 * number of quarter hours, so one of those checks falls on 02:30 itself on every tenant's clock.
 * Each check also tells both sides of the shipping notices that became overdue, once per notice,
 * and evaluates each tenant's alert rules every 15 minutes (and after its nightly recompute) with
 * a try-lock like the recompute's, for the conditions that time alone makes true; from 08:00 on
 * each tenant's clock it sends the day's alert digests (once per member and day).
 * Once a day it also purges stale sign-in throttle rows. The jobs are croner jobs, unref'd (they
 * never keep the process alive) and protected (a check still going when the next is due makes
 * that one be skipped). SCHEDULER=off turns the whole thing off (e.g. for a dedicated web tier).
 */
import type { Database } from "@db/client";
import { refreshPlannerStatistics } from "@db/maintenance";
import { purgeStaleAuthThrottle } from "~/services/auth/throttle-purge.server";
import { sendAlertDigests } from "~/services/alerts/digest.server";
import { describeEvaluation, evaluateAlerts } from "~/services/alerts/evaluate.server";
import { notifyOverdueNotices } from "~/services/shipments/overdue.server";
import {
  type MetricsFreshness,
  describeRecompute,
  getRecomputeFreshness,
  listTenants,
  recomputeTenant,
} from "~/services/metrics/recompute.server";
import { type TimeOfDay, addDays, todayIn, zonedInstant } from "~/utils/dates";
import { onOffSetting } from "~/utils/env.server";
import { cronJob, everyPattern } from "./cron";

export { type TimeOfDay, zonedInstant };

/** Local time of the nightly recompute in each tenant's time zone. */
export const NIGHTLY_AT = { hour: 2, minute: 30 } as const;
export const CHECK_INTERVAL_MS = 5 * 60 * 1000;
const FIRST_CHECK_DELAY_MS = 15 * 1000;
const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often each tenant's alert rules are evaluated for the conditions time alone makes true. */
export const ALERT_INTERVAL_MS = 15 * 60 * 1000;

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

/** SCHEDULER: unset, `on`, `1` or `true` runs the jobs; `off`, `0` or `false` does not. */
export function schedulerEnabled(value: string | undefined = process.env.SCHEDULER): boolean {
  return onOffSetting("SCHEDULER", value);
}

export interface SchedulerOptions {
  /**
   * How often the checks run, on the clock (see everyPattern: e.g. every 5 minutes is :00, :05 …);
   * default 5 minutes. A check still going when the next is due makes that one be skipped.
   */
  intervalMs?: number;
  /** Before the first check, and before the periodic ones start; default 15 s. */
  firstDelayMs?: number;
  clock?: () => Date;
  log?: (line: string) => void;
  logError?: (line: string, error: unknown) => void;
}

export interface Scheduler {
  /** One check now (also what the jobs run); resolves when it is done. */
  tick(): Promise<void>;
  /** Stops the jobs and waits for a check in progress to finish. */
  stop(): Promise<void>;
}

export function startScheduler(db: Database, options: SchedulerOptions = {}): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(`[scheduler] ${line}`));
  const logError = options.logError ?? ((line: string, error: unknown) => console.error(`[scheduler] ${line}`, error));
  const interval = options.intervalMs ?? CHECK_INTERVAL_MS;
  const pattern = everyPattern(interval);
  let stopped = false;
  let running: Promise<void> | undefined;
  let lastPurge: number | undefined;
  const failing = new Map<string, { failures: number; last: Date }>();
  const lastAlerts = new Map<string, number>();

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
    const recomputedTenants = new Set<string>();
    for (const tenant of tenants) {
      if (stopped) return;
      const failed = failing.get(tenant.id);
      // Checks start a little after their mark, late by varying amounts: the check nearest the
      // retry time retries, not the one after it.
      if (failed && now.getTime() + interval / 2 < retryAfterFailures(failed.failures, failed.last).getTime()) continue;
      try {
        const due = (freshness: MetricsFreshness) => isRecomputeDue(freshness, now, tenant.timezone);
        if (!due(await getRecomputeFreshness(db, tenant.id))) continue;
        const result = await recomputeTenant(db, tenant.id, { now, wait: false, onlyIf: due, trigger: "schedule" });
        log(describeRecompute(result));
        if (!result.skipped) {
          recomputed += 1;
          recomputedTenants.add(tenant.id);
        }
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
    for (const tenant of tenants) {
      if (stopped) return;
      try {
        const told = await notifyOverdueNotices(db, tenant.id, todayIn(tenant.timezone, now));
        if (told > 0) log(`${tenant.slug}: told both sides of ${told} overdue shipping notice(s)`);
      } catch (error) {
        logError(`${tenant.slug}: telling of overdue shipping notices failed`, error);
      }
    }
    for (const tenant of tenants) {
      if (stopped) return;
      const last = lastAlerts.get(tenant.id);
      // Checks start a little late by varying amounts: the check nearest the 15-minute mark runs it.
      const due = last === undefined || now.getTime() - last >= ALERT_INTERVAL_MS - interval / 2;
      if (!due && !recomputedTenants.has(tenant.id)) continue;
      try {
        const trigger = recomputedTenants.has(tenant.id) ? "recompute" : "schedule";
        const evaluation = await evaluateAlerts(db, tenant.id, { now, trigger, wait: false });
        if (!evaluation.skipped) lastAlerts.set(tenant.id, now.getTime());
        if (evaluation.rules.some((r) => r.opened + r.reopened + r.closed > 0)) log(describeEvaluation(tenant.slug, evaluation));
      } catch (error) {
        lastAlerts.set(tenant.id, now.getTime());
        logError(`${tenant.slug}: alert evaluation failed`, error);
      }
    }
    // After the evaluation, so that an alert it just closed is left out of the digest.
    for (const tenant of tenants) {
      if (stopped) return;
      try {
        const sent = await sendAlertDigests(db, tenant.id, now);
        if (sent > 0) log(`${tenant.slug}: wrote ${sent} daily alert digest e-mail(s)`);
      } catch (error) {
        logError(`${tenant.slug}: the daily alert digest failed`, error);
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

  // The first check comes soon after a start (catching up a night the instance missed), then the
  // checks run on the clock. The 5-minute marks are the same in every time zone whose offset is
  // whole quarter hours (all of today's), so the pattern is read on UTC's clock.
  const startAt = new Date(Date.now() + (options.firstDelayMs ?? FIRST_CHECK_DELAY_MS));
  const onError = (error: unknown) => logError("the check failed", error);
  const jobs = [cronJob(startAt, { onError }, tick), cronJob(pattern, { timezone: "UTC", startAt, onError }, tick)];
  return {
    tick,
    async stop() {
      stopped = true;
      for (const job of jobs) job.stop();
      await running;
    },
  };
}
