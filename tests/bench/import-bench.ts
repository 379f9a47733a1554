/**
 * Benchmark of the import pipeline at a million rows: a generated consumption CSV (1,000 items at
 * one site × 1,000 days) goes through the whole pipeline (read, check, preview, commit) as an
 * administrator would send it, and, for comparison, the same rows are bulk-loaded raw into a twin
 * company (`insert … select from unnest(…)` on the embedded database, COPY on a server). Prints
 * rows per second of each, their ratio, the metrics recompute that follows a commit, and the
 * process's peak memory. Targets: the pipeline at ≥ 50 % of the raw load's rate, under 500 MB.
 *
 *   npm run bench:import                      in-memory PGlite
 *   DATABASE_URL=postgres://… npm run bench:import
 *       a database of its own on that server (created, then dropped)
 *   BENCH_IMPORT_ROWS=200000 npm run bench:import    a smaller run
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { DatabaseHandle } from "../../db/client";
import { migrate } from "../../db/migrate";
import { rowsOf } from "../../db/rows";
import type { TenantScope } from "../../db/scope";
import { withBenchDatabase } from "./support/bench-database";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ITEMS = 1_000;
const DAYS = Math.ceil(ROWS / ITEMS);
const FIRST_DAY = "2024-01-01";
const TARGET_RATIO = 0.5;
const TARGET_MB = 500;
const RAW_BATCH = 50_000;

// The pipeline keeps its files under DATA_DIR: a directory of this run's own.
const work = mkdtempSync(path.join(os.tmpdir(), "vmi-import-bench-"));
process.env.DATA_DIR = work;

let peakRss = 0;
/**
 * JavaScript's heap: what the pipeline's own objects take. Buffers are left out, since the
 * embedded database's memory is one of them.
 */
let peakJs = 0;
const jsMemory = () => process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  peakJs = Math.max(peakJs, jsMemory());
}, 50);
sampler.unref();

/** A company with one supplier, one site, ITEMS items and their agreements; its admin's scope. */
async function company(handle: DatabaseHandle, slug: string): Promise<{ scope: TenantScope; locationId: string }> {
  const db = handle.db;
  const [tenant] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into tenants (slug, name, timezone) values (${slug}, ${slug}, 'UTC') returning id`),
  );
  const [user] = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into users (email, name, password_hash) values (${`${slug}@bench.example`}, 'Bench', 'x') returning id`,
    ),
  );
  await db.execute(
    sql`insert into memberships (tenant_id, user_id, role) values (${tenant.id}::uuid, ${user.id}::uuid, 'admin')`,
  );
  const [supplier] = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into suppliers (tenant_id, code, name) values (${tenant.id}::uuid, 'S1', 'Supplier') returning id`,
    ),
  );
  const [location] = rowsOf<{ id: string }>(
    await db.execute(
      sql`insert into locations (tenant_id, code, name) values (${tenant.id}::uuid, 'WH1', 'Warehouse') returning id`,
    ),
  );
  await db.execute(sql`
    insert into items (tenant_id, sku, name, unit_cost)
    select ${tenant.id}::uuid, 'SKU-' || lpad(n::text, 5, '0'), 'Item ' || n, 1 + n % 50 from generate_series(1, ${ITEMS}) n`);
  await db.execute(sql`
    insert into agreements (tenant_id, supplier_id, item_id, location_id, min_qty, max_qty, lead_time_days)
    select ${tenant.id}::uuid, ${supplier.id}::uuid, i.id, ${location.id}::uuid, 10, 100, 7 from items i where i.tenant_id = ${tenant.id}::uuid`);
  return { scope: { tenantId: tenant.id, supplierId: null, userId: user.id, role: "admin" }, locationId: location.id };
}

const dayOf = (d: number) => new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
const qtyOf = (item: number, d: number) => ((item * 7 + d * 13) % 40) + (d % 3 === 0 ? 0.5 : 0);

/** The CSV, written as a stream (never held whole). */
async function writeCsv(file: string) {
  function* lines() {
    yield "sku,site,day,qty\n";
    let n = 0;
    for (let d = 0; d < DAYS; d++) {
      const day = dayOf(d);
      let chunk = "";
      for (let i = 1; i <= ITEMS && n < ROWS; i++, n++) chunk += `SKU-${String(i).padStart(5, "0")},WH1,${day},${qtyOf(i, d)}\n`;
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(file));
}

/** The raw load: the same rows straight into the table, by unnest (embedded) or COPY (server). */
async function rawLoad(handle: DatabaseHandle, scope: TenantScope, locationId: string, serverUrl?: string) {
  const db = handle.db;
  const items = rowsOf<{ id: string; sku: string }>(
    await db.execute(sql`select id, sku from items where tenant_id = ${scope.tenantId}::uuid order by sku`),
  );
  const [{ supplier_id: supplierId }] = rowsOf<{ supplier_id: string }>(
    await db.execute(sql`select supplier_id from agreements where tenant_id = ${scope.tenantId}::uuid limit 1`),
  );
  const started = performance.now();
  if (serverUrl) {
    const client = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      const writable =
        await client`copy consumption (tenant_id, item_id, location_id, day, supplier_id, qty) from stdin`.writable();
      let n = 0;
      for (let d = 0; d < DAYS; d++) {
        const day = dayOf(d);
        let chunk = "";
        for (let i = 1; i <= ITEMS && n < ROWS; i++, n++) {
          chunk += `${scope.tenantId}\t${items[i - 1].id}\t${locationId}\t${day}\t${supplierId}\t${qtyOf(i, d)}\n`;
        }
        if (!writable.write(chunk)) await once(writable, "drain");
      }
      writable.end();
      await once(writable, "finish");
    } finally {
      await client.end();
    }
  } else {
    const literal = (values: readonly (string | number)[]) => `{${values.join(",")}}`;
    let itemIds: string[] = [];
    let days: string[] = [];
    let qtys: number[] = [];
    const flush = async () => {
      if (itemIds.length === 0) return;
      await db.execute(sql`
        insert into consumption (tenant_id, item_id, location_id, day, supplier_id, qty)
        select ${scope.tenantId}::uuid, f.item_id, ${locationId}::uuid, f.day, ${supplierId}::uuid, f.qty
        from unnest(${literal(itemIds)}::uuid[], ${literal(days)}::date[], ${literal(qtys)}::numeric[]) as f(item_id, day, qty)`);
      itemIds = [];
      days = [];
      qtys = [];
    };
    let n = 0;
    for (let d = 0; d < DAYS; d++) {
      for (let i = 1; i <= ITEMS && n < ROWS; i++, n++) {
        itemIds.push(items[i - 1].id);
        days.push(dayOf(d));
        qtys.push(qtyOf(i, d));
        if (itemIds.length >= RAW_BATCH) await flush();
      }
    }
    await flush();
  }
  return performance.now() - started;
}

const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const fmt = (n: number) => n.toLocaleString("en-US");

async function main() {
  // Imported here, after DATA_DIR is set: the pipeline reads the environment once.
  const { commitImport, previewImport } = await import("../../app/services/imports/pipeline.server");
  const { recomputeTenant } = await import("../../app/services/metrics/recompute.server");
  // The file first, before the database opens, so that writing it weighs on nothing measured.
  const file = path.join(work, "consumption.csv");
  await writeCsv(file);
  await withBenchDatabase(
    async (handle, serverUrl) => {
      await migrate(handle);
      console.log(`Database: ${handle.kind}. ${fmt(ROWS)} consumption rows (${ITEMS} items × ${DAYS} days).`);
      const raw = await company(handle, "bench-raw");
      const piped = await company(handle, "bench-import");

      // The pipeline runs first, so that its peak is its own (the raw load's arrays come after).
      const baseline = process.memoryUsage().rss;
      const baselineJs = jsMemory();
      peakRss = baseline;
      peakJs = baselineJs;
      const t0 = performance.now();
      const importId = await previewImport(handle.db, piped.scope, { path: file, fileName: "consumption.csv" }, "consumption");
      const t1 = performance.now();
      const outcome = await commitImport(handle.db, piped.scope, importId, { recompute: false });
      const t2 = performance.now();
      const pipelineMs = t2 - t0;
      const pipelinePeak = peakRss;
      const pipelinePeakJs = peakJs;
      console.log(
        `Pipeline: preview ${((t1 - t0) / 1000).toFixed(1)} s + commit ${((t2 - t1) / 1000).toFixed(1)} s = ${(pipelineMs / 1000).toFixed(1)} s, ${fmt(perSecond(ROWS, pipelineMs))} rows/s (inserted ${fmt(outcome.counts.inserted)})`,
      );
      const rawMs = await rawLoad(handle, raw.scope, raw.locationId, serverUrl);
      console.log(
        `Raw load (${serverUrl ? "COPY" : "unnest"}): ${(rawMs / 1000).toFixed(1)} s, ${fmt(perSecond(ROWS, rawMs))} rows/s`,
      );

      const r0 = performance.now();
      const recomputed = await recomputeTenant(handle.db, piped.scope.tenantId, { trigger: "cli" });
      console.log(
        `Recompute after the commit: ${((performance.now() - r0) / 1000).toFixed(1)} s for ${recomputed.agreements} agreements`,
      );

      const [check] = rowsOf<{ n: number }>(
        await handle.db.execute(sql`select count(*)::int as n from consumption where tenant_id = ${piped.scope.tenantId}::uuid`),
      );
      if (check.n !== ROWS) throw new Error(`expected ${ROWS} rows imported, found ${check.n}`);

      const ratio = rawMs / pipelineMs;
      const peakMb = Math.round(pipelinePeak / 1024 / 1024);
      const baselineMb = Math.round(baseline / 1024 / 1024);
      // What the import itself takes: the embedded database lives in this process too, and its
      // memory (hundreds of MB before any import) is the database's, not the pipeline's.
      const addedMb = peakMb - baselineMb;
      const jsMb = Math.round(pipelinePeakJs / 1024 / 1024);
      const jsBaselineMb = Math.round(baselineJs / 1024 / 1024);
      console.log(
        `Pipeline at ${(ratio * 100).toFixed(0)} % of the raw load's rate (target ≥ ${TARGET_RATIO * 100} %): ${ratio >= TARGET_RATIO ? "met" : "NOT met"}`,
      );
      console.log(
        `Memory during the pipeline: resident ${peakMb} MB at its peak, ${baselineMb} MB before it (+${addedMb} MB; ${handle.kind === "pglite" ? "the embedded database included" : "the server's not included"}); JavaScript heap ${jsMb} MB at the peak, ${jsBaselineMb} MB before (target < ${TARGET_MB} MB resident: ${peakMb < TARGET_MB ? "met" : "NOT met"})`,
      );
    },
    // On disk, as the portal runs it: an in-memory database would count itself in the memory.
    { pgliteDir: path.join(work, "db", "pglite") },
  );
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
