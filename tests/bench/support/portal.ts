/**
 * What the HTTP benchmarks share: the portal started exactly as `npm start` starts it (in its own
 * process group, stopped with it), sign-in, a checked first GET of each page, and autocannon runs
 * whose latency percentiles come from every response time (autocannon's summary has no p95).
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
type Autocannon = (
  options: { url: string; connections: number; duration: number; headers?: Record<string, string> },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const root = process.cwd();
export const PORT = Number(process.env.BENCH_PORT ?? 3300);
export const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "vmi-demo-2026";
const STARTUP_TIMEOUT_MS = 300_000;

let server: ChildProcess | undefined;

function startCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const words = scripts.start.split(/\s+/).filter(Boolean);
  const local = path.join(root, "node_modules/.bin", words[0]);
  return [existsSync(local) ? local : words[0], ...words.slice(1)];
}
export const serverLog: string[] = [];

/** Starts the portal on a fresh data directory; `env` adds to (or overrides) its environment. */
export function startServer(dataDir: string, env: Record<string, string> = {}) {
  rmSync(dataDir, { recursive: true, force: true });
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
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      NODE_ENV: "production",
      // The nightly jobs would only add noise; the start-up recompute still runs after the seed.
      SCHEDULER: "off",
      // Each signed-in client poses as its own address (sign-in is throttled per address).
      TRUST_PROXY: "1",
      ...env,
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

export async function stopServer() {
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

export async function isServing() {
  try {
    const response = await fetch(`${BASE}/login`, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export async function waitUntilServing(child: ChildProcess) {
  const started = Date.now();
  while (Date.now() - started < STARTUP_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${serverLog.join("\n")}`);
    if (await isServing()) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server did not serve ${BASE}/login within ${STARTUP_TIMEOUT_MS / 1000} s:\n${serverLog.join("\n")}`);
}

export interface Session {
  cookie: string;
  address: string;
}

export async function signIn(email: string, address: string): Promise<Session> {
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

export function headersOf(session: Session) {
  return { cookie: session.cookie, "x-forwarded-for": session.address, "accept-encoding": "gzip", accept: "text/html" };
}

/** GETs a page once, checks it is the page (200, not a redirect to sign-in), returns its HTML. */
export async function fetchPage(session: Session, pathname: string, mustContain: RegExp) {
  const response = await fetch(`${BASE}${pathname}`, {
    redirect: "manual",
    headers: { cookie: session.cookie, "x-forwarded-for": session.address },
  });
  const html = await response.text();
  if (response.status !== 200 || !mustContain.test(html)) {
    throw new Error(`GET ${pathname} answered ${response.status} without ${mustContain}: not benchmarking a wrong page`);
  }
  return html;
}

export interface Figures {
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

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function run(
  name: string,
  url: string,
  headers: Record<string, string>,
  duration: number,
  connections: number,
): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon({ url, connections, duration, headers }, (error, result) => {
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

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "—").padStart(8);

/** The figures of several runs as a table. */
export function printFigures(results: readonly Figures[]) {
  console.log(
    `\n${"target".padEnd(30)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"p99 ms".padStart(8)}${"max ms".padStart(8)}  non-2xx  errors`,
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(30)}${r.rps.toFixed(1).padStart(8)}${ms(r.p50)}${ms(r.p95)}${ms(r.p99)}${ms(r.max)}  ${String(r.non2xx).padStart(7)}  ${String(r.errors).padStart(6)}`,
    );
  }
}

/** "name p95 ≤ target ms: PASS (p95 …)", counting errors and non-2xx answers as a failure. */
export function verdict(figures: Figures, targetMs: number): string {
  const valid = figures.non2xx === 0 && figures.errors === 0 && figures.requests > 0;
  const pass = valid && figures.p95 <= targetMs ? "PASS" : "FAIL";
  return `${figures.name} p95 ≤ ${targetMs} ms: ${pass} (p95 ${figures.p95.toFixed(1)} ms${valid ? "" : `, ${figures.non2xx} non-2xx, ${figures.errors} errors`})`;
}

/** A page to measure: its name, its path, and who asks for it. */
export type Target = [name: string, pathname: string, session: Session];

/**
 * Warms every page up for 2 s (JIT, connection pool; not counted), then measures each for
 * `duration` seconds with `connections` connections, one page after the other.
 */
export async function measure(targets: readonly Target[], duration: number, connections: number): Promise<Figures[]> {
  for (const [name, pathname, session] of targets)
    await run(`${name} warm-up`, `${BASE}${pathname}`, headersOf(session), 2, connections);
  const results: Figures[] = [];
  for (const [name, pathname, session] of targets) {
    const figures = await run(name, `${BASE}${pathname}`, headersOf(session), duration, connections);
    results.push(figures);
    console.log(`  ${name}: ${figures.requests} requests`);
  }
  return results;
}

/** Stops the portal on Ctrl-C, runs `main`, stops the portal and removes its data, exits. */
export async function runBenchmark(main: () => Promise<void>, dataDir: string): Promise<never> {
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
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}
