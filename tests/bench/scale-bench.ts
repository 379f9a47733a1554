/**
 * The scale benchmark, on the PostgreSQL server at DATABASE_URL after
 * `npm run seed:large` (the "scale" tenant: 100 suppliers, 20,000 agreements, 29 million facts):
 *
 * 1. prints how long seed:large took (recorded by it) and recomputes the tenant, timed;
 * 2. starts the portal on that database, as `npm start` does, with the page cache off so that
 *    every request computes its page (the cache would otherwise serve repeats from memory);
 * 3. runs autocannon against the compliance dashboard and the supplier ranking (as the manager),
 *    a supplier's inventory list and one of its agreement pages, and prints p50/p95/p99 server
 *    times with the targets: dashboard p95 ≤ 250 ms, inventory p95 ≤ 150 ms, recompute ≤ 60 s,
 *    seed:large ≤ 5 minutes. It prints figures; it asserts nothing.
 *
 *   DATABASE_URL=postgres://… npm run seed:large
 *   DATABASE_URL=postgres://… npm run bench
 *   BENCH_PORT=3301 BENCH_DURATION=10 BENCH_CONNECTIONS=4 BENCH_RECOMPUTE=skip …
 */
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { vacuumRollups } from "../../db/maintenance";
import { LARGE_SEED_AUDIT_ACTION, SCALE_SLUG } from "../../db/seed/large";
import { recomputeAll } from "../../app/services/metrics/recompute.server";
import {
  BASE,
  fetchPage,
  isServing,
  measure,
  printFigures,
  runBenchmark,
  serverLog,
  signIn,
  startServer,
  type Target,
  verdict,
  waitUntilServing,
} from "./support/portal";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const DATA_DIR = path.join(".cache", "bench-scale");
const TARGETS = { dashboardMs: 250, inventoryMs: 150, recomputeS: 60, seedS: 300 };

async function seedFigures(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [tenant] = await sql<{ id: string }[]>`select id from tenants where slug = ${SCALE_SLUG}`;
    if (!tenant) throw new Error(`No "${SCALE_SLUG}" tenant in this database: run npm run seed:large first (same DATABASE_URL).`);
    const [seed] = await sql<{ after: { durationMs: number; recomputeMs: number; totalMs: number; agreements: number } }[]>`
      select after from audit_events where tenant_id = ${tenant.id} and action = ${LARGE_SEED_AUDIT_ACTION}
      order by occurred_at desc limit 1`;
    const [facts] = await sql<{ n: string }[]>`
      select (select count(*) from stock_snapshots where tenant_id = ${tenant.id}) + (select count(*) from consumption where tenant_id = ${tenant.id}) as n`;
    return { seed: seed?.after ?? null, facts: Number(facts.n) };
  } finally {
    await sql.end();
  }
}

async function main() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url)
    throw new Error(
      "npm run bench measures the scale tenant on a PostgreSQL server: set DATABASE_URL (and run npm run seed:large first).",
    );
  if (await isServing()) throw new Error(`Something already serves ${BASE}; set BENCH_PORT to a free port.`);
  const { seed, facts } = await seedFigures(url);
  console.log(`Scale tenant: ${facts.toLocaleString("en-US")} daily facts.`);
  const seedSeconds = seed ? seed.totalMs / 1000 : null;
  if (seed) {
    console.log(
      `seed:large took ${seedSeconds!.toFixed(1)} s for ${seed.agreements.toLocaleString("en-US")} agreements: ` +
        `${(seed.durationMs / 1000).toFixed(1)} s writing, ${(seed.recomputeMs / 1000).toFixed(1)} s recomputing.`,
    );
  } else {
    console.log("seed:large left no timing (seeded by an older version).");
  }

  let recomputeSeconds: number | null = null;
  if (process.env.BENCH_RECOMPUTE !== "skip") {
    console.log("Recomputing the scale tenant (metrics and compliance rollups)…");
    const handle = await openDatabase({ url });
    try {
      const started = performance.now();
      const [result] = await recomputeAll(handle, { tenantSlug: SCALE_SLUG, trigger: "cli" });
      recomputeSeconds = (performance.now() - started) / 1000;
      console.log(`Recomputed ${result.agreements.toLocaleString("en-US")} agreements in ${recomputeSeconds.toFixed(1)} s.`);
      const vacuumStarted = performance.now();
      await vacuumRollups(handle.db);
      console.log(`Then tidied the rebuilt rollups (VACUUM) in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s.`);
    } finally {
      await handle.close();
    }
  }

  console.log(`\nStarting the portal on ${BASE} against that database, page cache off…`);
  const child = startServer(DATA_DIR, { DATABASE_URL: url, TENANT_DATA_CACHE: "off" });
  try {
    await waitUntilServing(child);
  } catch (error) {
    console.error(serverLog.join("\n"));
    throw error;
  }
  const manager = await signIn("manager@scale.example", "10.78.0.1");
  const supplier = await signIn("s001@scale.example", "10.78.0.2");
  await fetchPage(manager, `/t/${SCALE_SLUG}/compliance`, /Band compliance/);
  await fetchPage(manager, `/t/${SCALE_SLUG}/compliance/suppliers`, /100 suppliers/);
  const inventory = await fetchPage(supplier, `/t/${SCALE_SLUG}/inventory`, /S001-\d{4}/);
  const agreementId = /href="\/t\/scale\/inventory\/([0-9a-f-]{36})"/.exec(inventory)?.[1];
  if (!agreementId) throw new Error("No agreement link on the supplier's inventory page");
  await fetchPage(supplier, `/t/${SCALE_SLUG}/inventory/${agreementId}`, /S001-\d{4}/);

  const targets: Target[] = [
    ["compliance dashboard", `/t/${SCALE_SLUG}/compliance`, manager],
    ["supplier ranking", `/t/${SCALE_SLUG}/compliance/suppliers`, manager],
    ["supplier inventory list", `/t/${SCALE_SLUG}/inventory`, supplier],
    ["agreement page", `/t/${SCALE_SLUG}/inventory/${agreementId}`, supplier],
  ];
  console.log(`\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per target, every page computed afresh`);
  const results = await measure(targets, DURATION, CONNECTIONS);
  printFigures(results);

  console.log("\nTargets (2-core machine):");
  console.log(`  ${verdict(results[0], TARGETS.dashboardMs)}`);
  console.log(`  ${verdict(results[2], TARGETS.inventoryMs)}`);
  const within = (value: number | null, limit: number) =>
    value === null ? "not measured" : `${value <= limit ? "PASS" : "FAIL"} (${value.toFixed(1)} s)`;
  console.log(`  recompute of 20,000 agreements ≤ ${TARGETS.recomputeS} s: ${within(recomputeSeconds, TARGETS.recomputeS)}`);
  console.log(`  seed:large ≤ ${TARGETS.seedS} s: ${within(seedSeconds, TARGETS.seedS)}`);
}

await runBenchmark(main, DATA_DIR);
