import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { backupPglite, backupServer, pruneBackups, readBackup, restorePglite, restoreServer } from "@db/backup";
import { openDatabase } from "@db/client";
import { migrate } from "@db/migrate";
import { seedDemo } from "@db/seed";
import { recomputeAll } from "~/services/metrics/recompute.server";

/**
 * A backup of a database with plans (the demo: plans in every state, shipments, receipts, audit,
 * notifications, rollups and metrics) restores into an empty database with every table's rows
 * and content unchanged: the row count and a checksum of the rows of every table match.
 */

const serverUrl = inject("testDatabaseUrl") || undefined;
const work = mkdtempSync(path.join(os.tmpdir(), "vmi-backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Row count and checksum of every table outside the system schemas, by "schema.table". */
async function fingerprint(query: Query): Promise<Map<string, string>> {
  const tables = await query(
    `select schemaname as s, tablename as t from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  const result = new Map<string, string>();
  for (const { s, t } of tables) {
    const name = `"${s}"."${t}"`;
    const [row] = await query(
      `select count(*)::text as n, coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as sum from ${name} x`,
    );
    result.set(`${s}.${t}`, `${row.n} rows, ${row.sum}`);
  }
  return result;
}

function expectSame(restored: Map<string, string>, original: Map<string, string>) {
  expect([...restored.keys()]).toEqual([...original.keys()]);
  for (const [table, print] of original) expect(restored.get(table), table).toBe(print);
  // The demo fills the tables the check is about.
  for (const table of [
    "public.replenishment_plans",
    "public.plan_lines",
    "public.shipments",
    "public.audit_events",
    "public.consumption",
  ]) {
    expect(Number(original.get(table)?.split(" ")[0]), table).toBeGreaterThan(0);
  }
}

describe.skipIf(serverUrl)("backup and restore of the embedded database", () => {
  it("restores a backup of a database with plans into an empty one, table for table", { timeout: 300_000 }, async () => {
    const source = await openDatabase({});
    try {
      await migrate(source);
      await seedDemo(source, { today: "2026-03-15" });
      await recomputeAll(source, { trigger: "seed" });
      const file = path.join(work, "embedded.sql.gz");
      const result = await backupPglite(source.pglite!, file);
      expect(result.bytes).toBeGreaterThan(100_000);

      const restored = await restorePglite(undefined, await readBackup(file));
      try {
        const queryOf =
          (pg: { query: (t: string) => Promise<{ rows: unknown[] }> }): Query =>
          async (text) =>
            (await pg.query(text)).rows as Record<string, unknown>[];
        expectSame(await fingerprint(queryOf(restored)), await fingerprint(queryOf(source.pglite!)));
      } finally {
        await restored.close();
      }
    } finally {
      await source.close();
    }
  });

  it("refuses to restore into a database that has tables, and leaves it as it was", { timeout: 60_000 }, async () => {
    const dir = path.join(work, "not-empty");
    const target = await openDatabase({ pgliteDir: dir });
    await migrate(target);
    await target.close();
    const dump = path.join(work, "tiny.sql");
    writeFileSync(dump, "create table public.should_not_exist (id int);");
    await expect(restorePglite(dir, await readBackup(dump))).rejects.toThrow(
      /not empty \(\d+ tables\): restore into an empty database/,
    );
    const again = await openDatabase({ pgliteDir: dir });
    try {
      const rows = (await again.pglite!.query(`select to_regclass('public.should_not_exist') as t`)).rows as {
        t: string | null;
      }[];
      expect(rows[0].t).toBeNull();
    } finally {
      await again.close();
    }
  });
});

describe.skipIf(!serverUrl)("backup and restore on the PostgreSQL server", () => {
  it("restores a pg_dump of a database with plans into an empty database, table for table", { timeout: 300_000 }, async () => {
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const names = { source: `vmi_backup_src_${suffix}`, target: `vmi_backup_dst_${suffix}` };
    const urlOf = (name: string) => Object.assign(new URL(serverUrl!), { pathname: `/${name}` }).toString();
    await admin.unsafe(`create database "${names.source}"`);
    await admin.unsafe(`create database "${names.target}"`);
    try {
      const source = await openDatabase({ url: urlOf(names.source), poolMax: 4 });
      const file = path.join(work, "server.sql.gz");
      let original: Map<string, string>;
      try {
        await migrate(source);
        await seedDemo(source, { today: "2026-03-15" });
        await recomputeAll(source, { trigger: "seed" });
        await backupServer(urlOf(names.source), file);
        const sourceClient = postgres(urlOf(names.source), { max: 1, onnotice: () => {} });
        original = await fingerprint((text) => sourceClient.unsafe(text));
        await sourceClient.end();
      } finally {
        await source.close();
      }
      await restoreServer(urlOf(names.target), file);
      const targetClient = postgres(urlOf(names.target), { max: 1, onnotice: () => {} });
      try {
        expectSame(await fingerprint((text) => targetClient.unsafe(text)), original);
      } finally {
        await targetClient.end();
      }
      await expect(restoreServer(urlOf(names.target), file)).rejects.toThrow(/not empty/);
    } finally {
      await admin.unsafe(`drop database if exists "${names.source}" with (force)`);
      await admin.unsafe(`drop database if exists "${names.target}" with (force)`);
      await admin.end();
    }
  });
});

describe("keeping backups", () => {
  it("keeps the newest files and never touches other files", () => {
    const dir = mkdtempSync(path.join(work, "keep-"));
    const names = ["20261201T010000Z", "20261202T010000Z", "20261203T010000Z", "20261204T010000Z"].map(
      (s) => `vmi-backup-${s}.sql.gz`,
    );
    for (const name of [...names, "notes.txt", "vmi-backup-x.sql.gz.partial"]) writeFileSync(path.join(dir, name), "x");
    expect(pruneBackups(dir, 2)).toEqual(names.slice(0, 2));
    expect(pruneBackups(dir, 2)).toEqual([]);
  });
});
