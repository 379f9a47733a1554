/**
 * Benchmark of the metrics recompute ("on the demo tenant it finishes in under 5 s on
 * PGlite"): seeds the demo tenants into a fresh database, then recomputes every tenant three
 * times and prints the duration per tenant and run, and how the computed classes and patterns are
 * spread over acme's agreements.
 *
 *   npm run bench:recompute                       in-memory PGlite
 *   DATABASE_URL=postgres://… npm run bench:recompute
 *       a database of its own on that server (created, then dropped)
 */
import { sql } from "drizzle-orm";
import { migrate } from "../../db/migrate";
import { rowsOf } from "../../db/rows";
import { seedDemo } from "../../db/seed";
import { describeRecompute, recomputeAll } from "../../app/services/metrics/recompute.server";
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
    const verdict = slowest < TARGET_MS ? "within" : "OVER";
    console.log(`Slowest acme run: ${(slowest / 1000).toFixed(2)} s, ${verdict} the ${TARGET_MS / 1000} s target.`);
    if (slowest >= TARGET_MS) process.exitCode = 1;
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
