import { PGlite } from "@electric-sql/pglite";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { readBackup } from "@db/backup";
import { backupKeepSetting, backupsDirFor, lastBackupTime, startNightlyBackup } from "~/server/nightly-backup";

const work = mkdtempSync(path.join(os.tmpdir(), "vmi-nightly-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("when the nightly backup is due", () => {
  it("is the last 01:00 at or before now, server time", () => {
    const at = (text: string) => new Date(text);
    expect(lastBackupTime(at("2026-12-04T00:59:00"))).toEqual(at("2026-12-03T01:00:00"));
    expect(lastBackupTime(at("2026-12-04T01:00:00"))).toEqual(at("2026-12-04T01:00:00"));
    expect(lastBackupTime(at("2026-12-04T23:00:00"))).toEqual(at("2026-12-04T01:00:00"));
  });

  it("reads BACKUP_KEEP strictly", () => {
    expect(backupKeepSetting(undefined)).toBe(7);
    expect(backupKeepSetting("3")).toBe(3);
    for (const bad of ["0", "-1", "0x7", "7.5", "1e1", "366", "seven"]) {
      expect(() => backupKeepSetting(bad), bad).toThrow(
        `Invalid environment: BACKUP_KEEP: must be a whole number from 1 to 365, not "${bad}"`,
      );
    }
  });
});

describe.skipIf(Boolean(inject("testDatabaseUrl")))("the nightly backup of the embedded database", () => {
  it("writes one backup a night, readable, and keeps the newest BACKUP_KEEP", { timeout: 120_000 }, async () => {
    const pg = await PGlite.create();
    await pg.exec("create table public.kept (id int primary key); insert into public.kept values (1), (2);");
    let now = new Date("2026-12-04T10:00:00");
    const nightly = startNightlyBackup(pg, work, { keep: 2, clock: () => now, log: () => {}, intervalMs: 3_600_000 });
    try {
      const first = await nightly.tick();
      expect(first).toMatch(/vmi-backup-\d{8}T\d{6}Z\.sql\.gz$/);
      expect(await readBackup(first!)).toContain("INSERT INTO public.kept VALUES (2);");
      now = new Date("2026-12-04T23:00:00");
      expect(await nightly.tick()).toBeNull();
      for (const day of ["2026-12-05T01:05:00", "2026-12-06T01:05:00"]) {
        now = new Date(day);
        expect(await nightly.tick()).not.toBeNull();
      }
      const kept = readdirSync(backupsDirFor(work));
      expect(kept).toHaveLength(2);
      expect(kept).not.toContain(path.basename(first!));
    } finally {
      await nightly.stop();
      await pg.close();
    }
  });
});
