/**
 * Benchmark of the alert evaluation, on the PostgreSQL server at DATABASE_URL after
 * `npm run seed:large` (the "scale" tenant: 20,000 agreements) with its default rules:
 *
 * 1. evaluates every rule over every agreement three times — the first opens the alerts, the
 *    next ones find them open (the steady state every 15 minutes) — and prints the time to build
 *    the agreements' state, each rule's time and what it opened, kept and closed, and the total;
 * 2. evaluates the rules for the agreements of a 1,000-row import (1,000 agreements), as a
 *    commit does, three times.
 * Targets: every rule over 20,000 agreements in under 2 s; the agreements of a 1,000-row import
 * in under 200 ms. It prints figures; it asserts nothing.
 *
 *   DATABASE_URL=postgres://… npm run seed:large
 *   DATABASE_URL=postgres://… npm run bench:alerts
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { SCALE_SLUG } from "../../db/seed/large";
import { type AlertEvaluation, evaluateAlerts } from "../../app/services/alerts/evaluate.server";

const RUNS = 3;
const WHOLE_TARGET_MS = 2_000;
const IMPORT_TARGET_MS = 200;
const IMPORT_AGREEMENTS = 1_000;

const ms = (value: number) => `${Math.round(value).toLocaleString("en")} ms`;

function print(label: string, e: AlertEvaluation) {
  console.log(
    `${label}: ${ms(e.durationMs)} in all; state of ${e.agreements.toLocaleString("en")} agreements ${ms(e.stateMs)}; ` +
      `each rule's hits below; writing every rule's alerts ${ms(e.applyMs)}`,
  );
  for (const r of e.rules) {
    console.log(
      `  ${r.condition.padEnd(20)} ${ms(r.durationMs).padStart(9)}  matched ${r.matched}, opened ${r.opened}, kept ${r.kept}, ` +
        `reopened ${r.reopened}, closed ${r.closed}  (${r.name})`,
    );
  }
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log("bench:alerts runs on a PostgreSQL server: set DATABASE_URL (after `npm run seed:large` on it).");
    process.exitCode = 1;
    return;
  }
  const handle = await openDatabase({ url });
  try {
    const [tenant] = rowsOf<{ id: string }>(await handle.db.execute(sql`select id from tenants where slug = ${SCALE_SLUG}`));
    if (!tenant) {
      console.log(`No "${SCALE_SLUG}" tenant on this database: run \`npm run seed:large\` first.`);
      process.exitCode = 1;
      return;
    }
    const [rules] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from alert_rules where tenant_id = ${tenant.id} and enabled`),
    );
    console.log(`Tenant "${SCALE_SLUG}", ${rules.n} enabled alert rules.`);

    let steady = Infinity;
    for (let run = 1; run <= RUNS; run++) {
      const e = await evaluateAlerts(handle.db, tenant.id, { trigger: "bench" });
      print(`Every agreement, run ${run}`, e);
      if (run > 1) steady = Math.min(steady, e.durationMs);
    }

    const ids = rowsOf<{ id: string }>(
      await handle.db.execute(sql`select id from agreements where tenant_id = ${tenant.id} and status = 'active'
                                  order by md5(id::text) limit ${IMPORT_AGREEMENTS}`),
    ).map((r) => r.id);
    let imported = Infinity;
    for (let run = 1; run <= RUNS; run++) {
      const e = await evaluateAlerts(handle.db, tenant.id, { trigger: "bench", agreementIds: ids });
      print(`The ${ids.length.toLocaleString("en")} agreements of an import, run ${run}`, e);
      imported = Math.min(imported, e.durationMs);
    }

    const verdict = (value: number, target: number) => (value < target ? "within" : "OVER");
    console.log(
      `Every rule over every agreement (best steady run): ${ms(steady)}, ${verdict(steady, WHOLE_TARGET_MS)} the ${ms(WHOLE_TARGET_MS)} target.`,
    );
    console.log(
      `The agreements of a 1,000-row import (best run): ${ms(imported)}, ${verdict(imported, IMPORT_TARGET_MS)} the ${ms(IMPORT_TARGET_MS)} target.`,
    );
  } finally {
    await handle.close();
  }
}

await main();
