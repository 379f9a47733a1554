/**
 * HTTP benchmark of the portal's busiest pages, served as `npm start` serves them: starts the
 * server on a fresh embedded database (seeded with the demo, metrics computed), signs in as a
 * supplier and as a buyer, then runs autocannon against each page with 10 connections for 10 s
 * and prints p50/p95/p99 latency and requests per second, plus the target of issue 6:
 * "supplier inventory p95 ≤ 150 ms". It prints figures; it asserts nothing.
 *
 *   npm run bench:http
 *   BENCH_PORT=3301 BENCH_DURATION=5 BENCH_CONNECTIONS=10 npm run bench:http
 *
 * Latency percentiles are computed from every response time autocannon reports (its own summary
 * has no p95). Requests carry the session cookie and `Accept-Encoding: gzip`, like a browser.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// autocannon ships no types; the part of its API used here.
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  stop(): void;
}
type Autocannon = ((
  options: { url: string; connections: number; duration: number; headers?: Record<string, string> },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance);
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const root = process.cwd();
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DATA_DIR = path.join(".cache", "bench-http");
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "vmi-demo-2026";
const SUPPLIER = "supplier@contoso.example";
const BUYER = "buyer@acme.example";
const TARGET_P95_MS = 150;
const STARTUP_TIMEOUT_MS = 300_000;

let server: ChildProcess | undefined;

function startCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const words = scripts.start.split(/\s+/).filter(Boolean);
  const local = path.join(root, "node_modules/.bin", words[0]);
  return [existsSync(local) ? local : words[0], ...words.slice(1)];
}
const serverLog: string[] = [];

function startServer() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  // Its own process group, so that stopping it also stops the node process tsx starts.
  // Exactly what `npm start` runs (package.json), flags included.
  const [command, ...args] = startCommand();
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR,
      // BENCH_DATABASE_URL runs the portal on a PostgreSQL server instead of the embedded database.
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "",
      NODE_ENV: "production",
      // The nightly jobs would only add noise; the start-up recompute still runs after the seed.
      SCHEDULER: "off",
      // Each signed-in client poses as its own address (sign-in is throttled per address).
      TRUST_PROXY: "1",
    },
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) serverLog.push(line);
    if (serverLog.length > 200) serverLog.splice(0, serverLog.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  server = child;
  return child;
}

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 8_000).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

async function isServing() {
  try {
    const response = await fetch(`${BASE}/login`, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitUntilServing(child: ChildProcess) {
  const started = Date.now();
  while (Date.now() - started < STARTUP_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${serverLog.join("\n")}`);
    if (await isServing()) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server did not serve ${BASE}/login within ${STARTUP_TIMEOUT_MS / 1000} s:\n${serverLog.join("\n")}`);
}

interface Session {
  cookie: string;
  address: string;
}

async function signIn(email: string, address: string): Promise<Session> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "X-Forwarded-For": address, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "" }),
  });
  if (response.status !== 302 && response.status !== 303) throw new Error(`Sign-in as ${email} answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error(`Sign-in as ${email} set no cookie`);
  return { cookie, address };
}

function headersOf(session: Session) {
  return { cookie: session.cookie, "x-forwarded-for": session.address, "accept-encoding": "gzip", accept: "text/html" };
}

/** GETs a page once, checks it is the page (200, not a redirect to sign-in), returns its HTML. */
async function fetchPage(session: Session, pathname: string, mustContain: RegExp) {
  const response = await fetch(`${BASE}${pathname}`, { redirect: "manual", headers: { cookie: session.cookie, "x-forwarded-for": session.address } });
  const html = await response.text();
  if (response.status !== 200 || !mustContain.test(html)) {
    throw new Error(`GET ${pathname} answered ${response.status} without ${mustContain}: not benchmarking a wrong page`);
  }
  return html;
}

interface Figures {
  name: string;
  url: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

function run(name: string, url: string, headers: Record<string, string>, duration: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon({ url, connections: CONNECTIONS, duration, headers }, (error, result) => {
      if (error) return reject(error);
      times.sort((a, b) => a - b);
      resolve({
        name,
        url,
        requests: times.length,
        rps: times.length / result.duration,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        max: times[times.length - 1] ?? Number.NaN,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "—").padStart(8);

async function main() {
  if (await isServing()) throw new Error(`Something already serves ${BASE}; set BENCH_PORT to a free port.`);
  console.log(`Starting the portal on ${BASE} with a fresh database in ${DATA_DIR} (builds first when stale)…`);
  const child = startServer();
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

  const targets: [string, string, Session][] = [
    ["supplier inventory", "/t/acme/inventory", supplier],
    ["buyer inventory", "/t/acme/inventory", buyer],
    ["agreement page (supplier)", `/t/acme/inventory/${agreementId}`, supplier],
  ];

  // A short warm-up of every page (JIT, caches, connection pool), not counted.
  for (const [name, pathname, session] of targets) await run(`${name} warm-up`, `${BASE}${pathname}`, headersOf(session), 2);

  console.log(`\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per target\n`);
  const results: Figures[] = [];
  for (const [name, pathname, session] of targets) {
    const figures = await run(name, `${BASE}${pathname}`, headersOf(session), DURATION);
    results.push(figures);
    console.log(`  ${name}: ${figures.requests} requests`);
  }

  console.log(`\n${"target".padEnd(28)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"p99 ms".padStart(8)}${"max ms".padStart(8)}  non-2xx  errors`);
  for (const r of results) {
    console.log(`${r.name.padEnd(28)}${r.rps.toFixed(1).padStart(8)}${ms(r.p50)}${ms(r.p95)}${ms(r.p99)}${ms(r.max)}  ${String(r.non2xx).padStart(7)}  ${String(r.errors).padStart(6)}`);
  }
  const target = results[0];
  const valid = target.non2xx === 0 && target.errors === 0 && target.requests > 0;
  const verdict = valid && target.p95 <= TARGET_P95_MS ? "PASS" : "FAIL";
  console.log(
    `\nsupplier inventory p95 ≤ ${TARGET_P95_MS} ms: ${verdict} (p95 ${target.p95.toFixed(1)} ms${valid ? "" : `, ${target.non2xx} non-2xx, ${target.errors} errors`})`,
  );
}

let exitCode = 0;
process.on("SIGINT", () => {
  void stopServer().then(() => process.exit(130));
});
try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await stopServer();
  rmSync(DATA_DIR, { recursive: true, force: true });
}
process.exit(exitCode);
