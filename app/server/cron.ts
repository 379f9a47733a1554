/**
 * The in-process jobs' timers, with croner: a pattern read on a named time zone's clock, one Cron
 * per schedule. Every job is protected (a run still going when the next one is due makes that one
 * be skipped, never run alongside) and unref'd (a timer never keeps the process alive: the server
 * stops its jobs on shutdown, and a CLI process must be able to exit).
 */
import { Cron } from "croner";

export interface CronJobOptions {
  /** The IANA time zone whose clock the pattern is read on. */
  timezone?: string;
  /** No run before this instant. */
  startAt?: Date;
  /** What a run threw; the job carries on with its next run. */
  onError: (error: unknown) => void;
}

/** A job that runs `run` at each time `schedule` (a cron pattern, or one instant) names. */
export function cronJob(schedule: string | Date, options: CronJobOptions, run: () => Promise<unknown>): Cron {
  return new Cron(
    schedule,
    {
      timezone: options.timezone,
      startAt: options.startAt,
      protect: true,
      unref: true,
      catch: (error) => options.onError(error),
    },
    async () => {
      await run();
    },
  );
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The cron pattern (with seconds) of a job that runs every `ms` on the clock, from the top of the
 * minute, hour or day: every 5 minutes is :00, :05, :10 …, whenever the process started. `ms`
 * must be whole seconds that divide a minute, whole minutes that divide an hour, or whole hours
 * that divide a day; anything else has no such pattern and is refused.
 */
export function everyPattern(ms: number): string {
  const divides = (unit: number, whole: number) => ms % unit === 0 && ms > 0 && whole % ms === 0;
  if (divides(SECOND, MINUTE)) return ms === MINUTE ? "0 * * * * *" : `*/${ms / SECOND} * * * * *`;
  if (divides(MINUTE, HOUR)) return ms === HOUR ? "0 0 * * * *" : `0 */${ms / MINUTE} * * * *`;
  if (divides(HOUR, DAY)) return ms === DAY ? "0 0 0 * * *" : `0 0 */${ms / HOUR} * * *`;
  throw new RangeError(
    `A job's interval must be whole seconds dividing a minute, minutes dividing an hour or hours dividing a day, not ${ms} ms`,
  );
}
