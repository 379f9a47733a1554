/**
 * `npm start` (and `npm run dev` with --dev): build when stale, open the database, migrate, seed
 * the demo tenants into an empty database (and compute their metrics), start the nightly jobs
 * (unless SCHEDULER=off) and the e-mail outbox relay (unless OUTBOX_RELAY=off), serve, and shut
 * down cleanly on SIGINT/SIGTERM.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { DatabaseUnreachableError, openDatabase, pgliteDirFor } from "@db/client";
import { refreshPlannerStatistics } from "@db/maintenance";
import { migrate } from "@db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from "@db/seed";
import { recomputeAll } from "~/services/metrics/recompute.server";
import { type OutboxRelay, relayEnabled, startOutboxRelay } from "~/services/notifications/relay.server";
import { transportFromEnv } from "~/services/notifications/transports.server";
import { getEnv } from "~/utils/env.server";
import { setDatabase } from "~/utils/db.server";
import { isBuildStale } from "./build-freshness";
import { createHttpApp } from "./http-app";
import { type Scheduler, schedulerEnabled, startScheduler } from "./scheduler";

const root = process.cwd();
const dev = process.argv.includes("--dev");

async function main() {
  // Express and React read NODE_ENV themselves: production unless `npm run dev`, or Express
  // would answer errors with stack traces.
  process.env.NODE_ENV ??= dev ? "development" : "production";
  const env = getEnv();
  const runScheduler = schedulerEnabled(process.env.SCHEDULER);
  const runRelay = relayEnabled(process.env.OUTBOX_RELAY);

  if (!dev && isBuildStale(root)) {
    console.log("Building the portal (sources changed since the last build)…");
    const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) fail("The build failed; see the output above.");
  }

  if (!env.DATABASE_URL) mkdirSync(path.resolve(env.DATA_DIR), { recursive: true });
  const handle = await openDatabase({
    url: env.DATABASE_URL,
    pgliteDir: env.DATABASE_URL ? undefined : pgliteDirFor(path.resolve(env.DATA_DIR)),
    poolMax: env.DATABASE_POOL_MAX,
  });
  setDatabase(handle);

  let server: Server | undefined;
  let scheduler: Scheduler | undefined;
  let relay: OutboxRelay | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the server and the database…`);
    // Whatever happens, be gone within 5 s.
    setTimeout(() => process.exit(0), 4_500).unref();
    if (server) {
      server.close();
      server.closeAllConnections();
    }
    // Let a recompute in progress finish (it is one transaction) before the database closes.
    await scheduler?.stop().catch(() => {});
    await relay?.stop().catch(() => {});
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await migrate(handle);
  // Checks for tenants under a lock, so instances starting together seed at most once.
  const seeded = await seedDemoIfEmpty(handle);
  if (seeded) {
    console.log(`Empty database: seeded the demo tenants in ${(seeded.durationMs / 1000).toFixed(1)} s.`);
    const started = performance.now();
    const results = await recomputeAll(handle, { trigger: "seed", backfillClassHistory: true });
    const agreements = results.reduce((sum, result) => sum + result.agreements, 0);
    console.log(
      `Computed the metrics of ${agreements} agreements in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    const analyzed = await refreshPlannerStatistics(handle.db);
    console.log(`Refreshed the planner statistics in ${(analyzed / 1000).toFixed(1)} s.`);
  }
  if (runScheduler && !stopping) scheduler = startScheduler(handle.db);
  if (runRelay && !stopping) {
    relay = startOutboxRelay(handle.db, {
      transport: transportFromEnv(env),
      appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
      from: env.MAIL_FROM,
    });
  }

  const vite = dev
    ? await (await import("vite")).createServer({ server: { middlewareMode: true } })
    : undefined;
  const app = await createHttpApp({
    mode: dev ? "development" : "production",
    trustProxy: env.TRUST_PROXY,
    buildDir: path.join(root, "build"),
    vite,
  });

  server = app.listen(env.PORT, env.HOST, () => {
    const address = server!.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
    console.log(`\nVMI portal on http://${host}:${port} (database: ${handle.kind}, ${handle.location})`);
    console.log(`Demo sign-ins, password ${DEMO_PASSWORD}:`);
    for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(28)} ${user.description}`);
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseUnreachableError) fail(error.message);
  if (error instanceof Error && error.message.startsWith("Invalid environment")) fail(error.message);
  console.error(error);
  process.exit(1);
});
