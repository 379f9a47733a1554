/**
 * Benchmark of the metrics recompute ("on the demo tenant it finishes in under 5 s on
 * PGlite"): seeds the demo tenants into a fresh database, then recomputes every tenant three
 * times and prints the duration per tenant and run, and how the computed classes and patterns are
 * spread over acme's agreements; then the incremental recompute of 10 of acme's agreements (what
 * an import of their facts triggers) against the whole tenant's.
 *
 *   npm run bench:recompute                       in-memory PGlite
 *   DATABASE_URL=postgres://… npm run bench:recompute
 *       a database of its own on that server (created, then dropped)
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { migrate } from "../../db/migrate";
import { rowsOf } from "../../db/rows";
import { seedDemo } from "../../db/seed";
import { describeRecompute, recomputeAll, recomputeTenant } from "../../app/services/metrics/recompute.server";
import { recomputeAgreements } from "../../app/services/metrics/recompute-agreements.server";
import { withBenchDatabase } from "./support/bench-database";

const RUNS = 3;
const TARGET_MS = 5_000;

async function main() {
  await withBenchDatabase(async (handle) => {
    await migrate(handle);
    const seeded = await seedDemo(handle);
    console.log(`Database: ${handle.kind}. Seeded the demo in ${(seeded.durationMs / 1000).toFixed(1)} s.`);
    let slowest = 0;
    for (let run = 1; run <= RUNS; run++) {
      const started = performance.now();
      const results = await recomputeAll(handle, { trigger: "cli" });
      const total = performance.now() - started;
      console.log(`Run ${run}: ${(total / 1000).toFixed(2)} s in all`);
      for (const result of results) {
        console.log(`  ${describeRecompute(result)}`);
        if (result.slug === "acme") slowest = Math.max(slowest, result.durationMs);
      }
    }
    const spread = rowsOf<{ abc: string; xyz: string; pattern: string; method: string; n: number }>(
      await handle.db.execute(sql`
        select m.abc, m.xyz, m.pattern, m.forecast_method as method, count(*)::int as n
        from agreement_metrics m join tenants t on t.id = m.tenant_id
        where t.slug = 'acme' group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
    );
    console.log("acme's agreements by class, pattern and forecast method:");
    for (const row of spread) console.log(`  ${row.abc}${row.xyz} ${row.pattern.padEnd(12)} ${row.method.padEnd(12)} ${row.n}`);
    await benchIncremental(handle.db);
    const verdict = slowest < TARGET_MS ? "within" : "OVER";
    console.log(`Slowest acme run: ${(slowest / 1000).toFixed(2)} s, ${verdict} the ${TARGET_MS / 1000} s target.`);
    if (slowest >= TARGET_MS) process.exitCode = 1;
  });
}

/** recomputeAgreements for 10 of acme's agreements, each run after a little more of their demand. */
async function benchIncremental(db: Database) {
  const [acme] = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants where slug = 'acme'`));
  const active = rowsOf<{ id: string }>(
    await db.execute(sql`select id from agreements where tenant_id = ${acme.id} and status = 'active' order by id`),
  );
  const ids = Array.from({ length: 10 }, (_, i) => active[Math.floor((i * active.length) / 10)].id);
  console.log(`Incremental recompute of 10 of acme's ${active.length} agreements:`);
  for (let run = 1; run <= RUNS; run++) {
    // As an import of their facts would: one more unit of yesterday's (or the latest) demand.
    await db.execute(sql`
      update consumption c set qty = qty + 1
      from agreements a
      where a.tenant_id = ${acme.id} and a.id = any(${`{${ids.join(",")}}`}::uuid[])
        and c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
        and c.day = (select max(day) from consumption d
                     where d.tenant_id = a.tenant_id and d.item_id = a.item_id and d.location_id = a.location_id)`);
    const result = await recomputeAgreements(db, acme.id, ids, { trigger: "cli" });
    const whole = await recomputeTenant(db, acme.id, { trigger: "cli" });
    console.log(
      `  run ${run}: ${result?.agreements} recomputed, ${result?.reranked} re-ranked (${result?.scope}) in ` +
        `${((result?.durationMs ?? 0) / 1000).toFixed(2)} s; the whole tenant in ${(whole.durationMs / 1000).toFixed(2)} s`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
