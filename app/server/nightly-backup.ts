/**
 * The embedded database's nightly backup: at 01:00 server time (or at the first check after a
 * start that missed it) the server dumps its database into `DATA_DIR/backups/` and keeps the
 * newest BACKUP_KEEP files. A server database is backed up by its operator's own tooling, or by
 * `npm run db:backup`. The check is a croner job every 10 minutes on the server's clock: 01:00
 * is one of its times, and the others catch up a night the server was down at 01:00 or whose
 * backup failed.
 */
import type { PGlite } from "@electric-sql/pglite";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { backupFileName, backupPglite, pruneBackups } from "@db/backup";
import { serverTimeZone } from "~/utils/dates";
import { cronJob, everyPattern } from "./cron";

export const BACKUP_HOUR = 1;
const CHECK_INTERVAL_MS = 10 * 60 * 1000;

export interface NightlyBackup {
  /** One check now: backs up when today's backup is due and missing. Resolves when done. */
  tick(): Promise<string | null>;
  stop(): Promise<void>;
}

export interface NightlyBackupOptions {
  keep: number;
  clock?: () => Date;
  log?: (line: string) => void;
  logError?: (line: string, error: unknown) => void;
  /** How often the check runs, on the server's clock (see everyPattern); default 10 minutes. */
  intervalMs?: number;
}

export function backupsDirFor(dataDir: string) {
  return path.join(dataDir, "backups");
}

/** The last 01:00 (server time) at or before `now`: a backup taken since then is tonight's. */
export function lastBackupTime(now: Date): Date {
  const due = new Date(now);
  due.setHours(BACKUP_HOUR, 0, 0, 0);
  if (due > now) due.setDate(due.getDate() - 1);
  return due;
}

/** The instant a backup file's name records, or null for another file. */
function takenAt(name: string): Date | null {
  const match = /^vmi-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.sql\.gz$/.exec(name);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export function startNightlyBackup(pg: PGlite, dataDir: string, options: NightlyBackupOptions): NightlyBackup {
  const dir = backupsDirFor(dataDir);
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(`[backup] ${line}`));
  const logError = options.logError ?? ((line: string, error: unknown) => console.error(`[backup] ${line}`, error));
  let running: Promise<string | null> | undefined;

  async function check(): Promise<string | null> {
    const now = clock();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const since = lastBackupTime(now);
    const newest = readdirSync(dir)
      .map(takenAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (newest && newest >= since) return null;
    try {
      const result = await backupPglite(pg, path.join(dir, backupFileName(now)));
      const pruned = pruneBackups(dir, options.keep);
      log(
        `wrote ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB in ${(result.durationMs / 1000).toFixed(1)} s)${pruned.length ? `; removed ${pruned.length} older` : ""}`,
      );
      return result.file;
    } catch (error) {
      logError("the nightly backup failed", error);
      return null;
    }
  }

  function tick() {
    running ??= check().finally(() => (running = undefined));
    return running;
  }

  const job = cronJob(
    everyPattern(options.intervalMs ?? CHECK_INTERVAL_MS),
    { timezone: serverTimeZone(), onError: (error) => logError("the nightly backup check failed", error) },
    tick,
  );

  return {
    tick,
    async stop() {
      job.stop();
      await running;
    },
  };
}

/** BACKUP_KEEP: a whole number from 1 to 365, default 7; anything else is refused, naming it. */
export function backupKeepSetting(value: string | undefined): number {
  const text = (value ?? "").trim();
  if (text === "") return 7;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 365) {
    throw new Error(`Invalid environment: BACKUP_KEEP: must be a whole number from 1 to 365, not "${value}"`);
  }
  return Number(text);
}
