/**
 * HTTP benchmark of the portal's busiest pages, served as `npm start` serves them: starts the
 * server on a fresh embedded database (seeded with the demo, metrics computed), signs in as a
 * supplier and as a buyer, then runs autocannon against each page (inventory lists, an agreement, the
 * plan builder, the approval queue and a plan) with 10 connections for 10 s
 * and prints p50/p95/p99 latency and requests per second, plus the target:
 * "supplier inventory p95 ≤ 150 ms". It prints figures; it asserts nothing.
 *
 *   npm run bench:http
 *   BENCH_PORT=3301 BENCH_DURATION=5 BENCH_CONNECTIONS=10 npm run bench:http
 *
 * Latency percentiles are computed from every response time autocannon reports (its own summary
 * has no p95). Requests carry the session cookie and `Accept-Encoding: gzip`, like a browser.
 */
import path from "node:path";
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
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DATA_DIR = path.join(".cache", "bench-http");
const SUPPLIER = "supplier@contoso.example";
const BUYER = "buyer@acme.example";
const TARGET_P95_MS = 150;

async function main() {
  if (await isServing()) throw new Error(`Something already serves ${BASE}; set BENCH_PORT to a free port.`);
  console.log(`Starting the portal on ${BASE} with a fresh database in ${DATA_DIR} (builds first when stale)…`);
  // BENCH_DATABASE_URL runs the portal on a PostgreSQL server instead of the embedded database.
  const child = startServer(DATA_DIR, { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "" });
  const startup = await waitUntilServing(child);
  const ready = serverLog.filter((l) => /seeded|Computed the metrics|VMI portal on/.test(l));
  for (const line of ready) console.log(`  ${line.trim()}`);
  console.log(`Serving after ${startup.toFixed(1)} s.`);

  const supplier = await signIn(SUPPLIER, "10.77.0.1");
  const buyer = await signIn(BUYER, "10.77.0.2");
  const supplierInventory = await fetchPage(supplier, "/t/acme/inventory", /CT-\d/);
  await fetchPage(buyer, "/t/acme/inventory", /title="Sort by Supplier"/);
  const agreementId = /href="\/t\/acme\/inventory\/([0-9a-f-]{36})"/.exec(supplierInventory)?.[1];
  if (!agreementId) throw new Error("No agreement link on the supplier's inventory page");
  await fetchPage(supplier, `/t/acme/inventory/${agreementId}`, /CT-\d/);
  await fetchPage(supplier, "/t/acme/plans/new", /CT-\d/);
  const queue = await fetchPage(buyer, "/t/acme/approvals", /RP-\d{4}-\d{5}/);
  const planId = /href="\/t\/acme\/plans\/([0-9a-f-]{36})"/.exec(queue)?.[1];
  if (!planId) throw new Error("No plan link on the buyer's approval queue");
  await fetchPage(buyer, `/t/acme/plans/${planId}`, /RP-\d{4}-\d{5}/);

  const targets: Target[] = [
    ["supplier inventory", "/t/acme/inventory", supplier],
    ["buyer inventory", "/t/acme/inventory", buyer],
    ["agreement page (supplier)", `/t/acme/inventory/${agreementId}`, supplier],
    ["plan builder (supplier)", "/t/acme/plans/new", supplier],
    ["approval queue (buyer)", "/t/acme/approvals", buyer],
    ["plan page (buyer)", `/t/acme/plans/${planId}`, buyer],
  ];
  console.log(`\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per target\n`);
  const results = await measure(targets, DURATION, CONNECTIONS);
  printFigures(results);
  console.log(`\n${verdict(results[0], TARGET_P95_MS)}`);
}

await runBenchmark(main, DATA_DIR);
