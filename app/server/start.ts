/**
 * `npm start` (and `npm run dev` with --dev): build when stale, take the port, open the database
 * (the embedded one only after taking its directory's lock, then offering it to local tools on a
 * Unix socket), migrate, seed the demo tenants into an empty database (and compute their
 * metrics) unless SEED_DEMO=off, which instead prints a set-up link for the first company, start the nightly jobs (unless SCHEDULER=off), the embedded database's nightly backup
 * (unless BACKUP=off) and the e-mail outbox relay (unless OUTBOX_RELAY=off), serve, and shut down
 * cleanly on SIGINT/SIGTERM.
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { backupPglite } from "@db/backup";
import { type DatabaseHandle, DatabaseUnreachableError, openDatabase } from "@db/client";
import { DataDirBusyError, lockDataDir } from "@db/embedded/data-dir-lock";
import { openAsServer } from "@db/embedded/owner";
import { refreshPlannerStatistics } from "@db/maintenance";
import { migrate } from "@db/migrate";
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from "@db/seed";
import { failInterruptedImports } from "~/services/imports/runs.server";
import { evaluateAllTenants } from "~/services/alerts/evaluate.server";
import { recomputeAll } from "~/services/metrics/recompute.server";
import { type OutboxRelay, relayEnabled, startOutboxRelay } from "~/services/notifications/relay.server";
import { transportFromEnv } from "~/services/notifications/transports.server";
import { issueSetupLink, type SetupLink } from "~/services/onboarding/setup.server";
import { appUrlOf, getEnv, onOffSetting, seedDemoEnabled } from "~/utils/env.server";
import { describeError, getLogger } from "~/utils/logger.server";
import { setDatabase } from "~/utils/db.server";
import { isBuildStale } from "./build-freshness";
import { createHttpApp, keepIdleConnections, refuseConnect } from "./http-app";
import { backupKeepSetting, type NightlyBackup, startNightlyBackup } from "./nightly-backup";
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
  const runBackup = onOffSetting("BACKUP", process.env.BACKUP);
  const backupKeep = backupKeepSetting(process.env.BACKUP_KEEP);
  const seedDemo = seedDemoEnabled(process.env.SEED_DEMO);

  // The port first, then the embedded database's lock: a second server stops here, in one line,
  // before it builds over the first one's files or touches any database. Until the portal is
  // ready, the port answers 503.
  let serve: http.RequestListener = (_req, res) => {
    res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" });
    res.end("The portal is starting.");
  };
  const server = keepIdleConnections(refuseConnect(http.createServer((req, res) => serve(req, res))));
  await listen(server, env.PORT, env.HOST);
  const dataDir = path.resolve(env.DATA_DIR);
  const lock = env.DATABASE_URL ? undefined : lockDataDir(dataDir, "server");

  if (!dev && isBuildStale(root)) {
    console.log("Building the portal (sources changed since the last build)…");
    const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) fail("The build failed; see the output above.");
  }

  let handle: DatabaseHandle;
  let closeDatabase: () => Promise<void>;
  if (env.DATABASE_URL) {
    handle = await openDatabase({ url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX });
    closeDatabase = () => handle.close();
  } else {
    const owned = await openAsServer(
      dataDir,
      async (request) => {
        const result = await backupPglite(owned.handle.pglite!, request.out);
        return { file: result.file, bytes: result.bytes, durationMs: Math.round(result.durationMs) };
      },
      lock,
    );
    if (owned.warning) console.warn(owned.warning);
    handle = owned.handle;
    closeDatabase = () => owned.close();
  }
  setDatabase(handle);

  let scheduler: Scheduler | undefined;
  let relay: OutboxRelay | undefined;
  let backups: NightlyBackup | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the server and the database…`);
    // Whatever happens, be gone within 5 s.
    setTimeout(() => process.exit(0), 4_500).unref();
    server.close();
    server.closeAllConnections();
    // Let a recompute or backup in progress finish before the database closes.
    await scheduler?.stop().catch(() => {});
    await backups?.stop().catch(() => {});
    await relay?.stop().catch(() => {});
    await closeDatabase().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await migrate(handle);
  // Checks for tenants under a lock, so instances starting together seed at most once.
  const seeded = seedDemo ? await seedDemoIfEmpty(handle) : null;
  // No demo and no company yet: a one-time link sets up the first company.
  const setupLink: SetupLink | null = seedDemo ? null : await issueSetupLink(handle.db, appUrlOf(env));
  if (seeded) {
    console.log(`Empty database: seeded the demo tenants in ${(seeded.durationMs / 1000).toFixed(1)} s.`);
    const started = performance.now();
    const results = await recomputeAll(handle, { trigger: "seed", backfillClassHistory: true });
    const agreements = results.reduce((sum, result) => sum + result.agreements, 0);
    console.log(`Computed the metrics of ${agreements} agreements in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const analyzed = await refreshPlannerStatistics(handle.db);
    console.log(`Refreshed the planner statistics in ${(analyzed / 1000).toFixed(1)} s.`);
    const evaluations = await evaluateAllTenants(handle.db, "seed");
    const opened = evaluations.reduce((sum, e) => sum + e.rules.reduce((n, r) => n + r.opened, 0), 0);
    console.log(`Evaluated the alert rules: ${opened} alerts open.`);
  }
  // An import this database was in the middle of when its server stopped wrote nothing: say so.
  const interrupted = await failInterruptedImports(handle.db);
  if (interrupted > 0)
    console.log(`Marked ${interrupted} import(s) interrupted by the last stop as failed; nothing of them was written.`);
  if (runScheduler && !stopping) scheduler = startScheduler(handle.db, jobLog("scheduler"));
  if (runBackup && handle.pglite && !stopping)
    backups = startNightlyBackup(handle.pglite, dataDir, { keep: backupKeep, ...jobLog("backup") });
  if (runRelay && !stopping) {
    relay = startOutboxRelay(handle.db, {
      transport: transportFromEnv(env),
      appUrl: appUrlOf(env),
      from: env.MAIL_FROM,
      ...jobLog("outbox"),
    });
  }

  const vite = dev ? await (await import("vite")).createServer({ server: { middlewareMode: true } }) : undefined;
  const app = await createHttpApp({
    mode: dev ? "development" : "production",
    trustProxy: env.TRUST_PROXY,
    buildDir: path.join(root, "build"),
    vite,
  });

  serve = app;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  console.log(`\nVMI portal on http://${host}:${port} (database: ${handle.kind}, ${handle.location})`);
  if (handle.pglite)
    console.log(
      `Local tools reach the database through ${path.join(dataDir, "socket")} (npm run db:*, psql -h ${path.join(dataDir, "socket")} -U postgres).`,
    );
  if (setupLink) {
    console.log(`No company yet: set up the first one at ${setupLink.url} (valid 24 h, once).`);
  } else if (seedDemo) {
    console.log(`Demo sign-ins, password ${DEMO_PASSWORD}:`);
    for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(28)} ${user.description}`);
    console.log(`Demo REST API key (acme, every scope): ${DEMO_API_KEY}`);
  }
}

/** Listens, or fails with one line when the port is taken or not ours to take. */
function listen(server: http.Server, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(
          new StartError(`Port ${port} on ${host} is already in use: stop what listens there, or set PORT to another port.`),
        );
      else if (error.code === "EACCES")
        reject(new StartError(`Port ${port} on ${host} may not be used by this user: set PORT to a port above 1023.`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

class StartError extends Error {}

/** A background job's log lines, structured, its errors described without SQL text or parameters. */
function jobLog(component: string) {
  const logger = getLogger();
  return {
    log: (line: string) => logger.info({ component }, line),
    logError: (line: string, error: unknown) => logger.error({ component, err: describeError(error) }, line),
  };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseUnreachableError || error instanceof DataDirBusyError || error instanceof StartError)
    fail(error.message);
  if (error instanceof Error && error.message.startsWith("Invalid environment")) fail(error.message);
  getLogger().fatal({ err: describeError(error) }, "the portal could not start");
  process.exit(1);
});
