import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@db/client";
import { rowsOf } from "@db/rows";
import { checkRlsCatalog } from "../../integration/support/rls-catalog";
import { dataDir, fixtures, getPage, signedInClient } from "../support";
import { createPlan } from "./plan-forms";

/**
 * The embedded database has one owner, the running server: a second server or a port already
 * taken stops in one line before touching a database, while CLI commands and backups go through
 * the server. Child processes run the same entry points an operator runs.
 */
test.describe.configure({ mode: "default" });

const root = process.cwd();
const tsx = path.join(root, "node_modules/.bin/tsx");
const e2ePort = Number(process.env.E2E_PORT ?? 3100);
const work = mkdtempSync(path.join(os.tmpdir(), "vmi-e2e-own-"));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script as an operator would and collects what it prints. */
function run(script: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script, ...args], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "",
        SCHEDULER: "off",
        BACKUP: "off",
        OUTBOX_RELAY: "off",
        HOST: "127.0.0.1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

test("a second server on the same data directory exits 1 naming the holder, and the first keeps serving", async () => {
  test.setTimeout(120_000);
  const second = await run("app/server/start.ts", [], { DATA_DIR: dataDir, PORT: String(e2ePort + 50) });
  expect(second.code).toBe(1);
  expect(lines(second.stderr)).toEqual([
    expect.stringMatching(
      /^The embedded database in \/.+ is in use by process \d+ \(the portal server, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)\. Stop it first, or give this one another DATA_DIR\.$/,
    ),
  ]);
  // It stopped before migrating, seeding or serving anything.
  expect(second.stdout).not.toMatch(/seeded|Migrations|VMI portal on/i);
  expect((await getPage(await signedInClient("buyer@acme.example"), "/t/acme/approvals")).status()).toBe(200);
});

test("a server on a port already in use exits 1 naming the port, before it opens any database", async () => {
  test.setTimeout(120_000);
  const untouched = path.join(work, "never-opened");
  const second = await run("app/server/start.ts", [], { DATA_DIR: untouched, PORT: String(e2ePort) });
  expect(second.code).toBe(1);
  expect(lines(second.stderr)).toEqual([
    `Port ${e2ePort} on 127.0.0.1 is already in use: stop what listens there, or set PORT to another port.`,
  ]);
  expect(existsSync(untouched)).toBe(false);
});

test("npm run recompute completes through the running server", async () => {
  test.setTimeout(180_000);
  const recompute = await run("db/cli.ts", ["recompute", "--tenant", "globex"], { DATA_DIR: dataDir });
  expect(recompute.stderr).toBe("");
  expect(recompute.code).toBe(0);
  expect(recompute.stdout).toContain("The portal is running: working through its database socket.");
  expect(recompute.stdout).toMatch(/globex: \d+ agreements as of \d{4}-\d\d-\d\d/);
  expect((await getPage(await signedInClient("buyer@globex.example"), "/t/globex/inventory")).status()).toBe(200);
});

test("a backup taken while plans are submitted restores into a database that passes the same checks and serves", async () => {
  test.setTimeout(420_000);
  const northwind = await signedInClient("supplier@northwind.example");
  const agreement = fixtures().agreements.buyerOnly[0].id;
  const before = await createPlan(northwind, [agreement], "Before the backup");

  const file = path.join(work, "during-submissions.sql.gz");
  let backingUp = true;
  const backup = run("db/cli.ts", ["backup", "--out", file], { DATA_DIR: dataDir }, 300_000).finally(() => (backingUp = false));
  const submitted: string[] = [];
  while (backingUp) {
    submitted.push((await createPlan(northwind, [agreement], "During the backup")).id);
  }
  const result = await backup;
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("The portal is running: it writes the backup.");
  expect(submitted.length).toBeGreaterThan(0);

  const restoredDir = path.join(work, "restored");
  const restore = await run("db/cli.ts", ["restore", file], { DATA_DIR: restoredDir }, 300_000);
  expect(restore.stderr).toBe("");
  expect(restore.code).toBe(0);

  const restored = await openDatabase({ pgliteDir: path.join(restoredDir, "pglite") });
  try {
    expect((await checkRlsCatalog(restored.db)).problems).toEqual([]);
    const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await restored.db.execute(query))[0].n);
    // Every plan arrived whole: lines, its submission's audit row and event, or not at all.
    expect(
      await count(
        sql`select count(*)::int as n from replenishment_plans p where not exists (select 1 from plan_lines l where l.tenant_id = p.tenant_id and l.plan_id = p.id)`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from replenishment_plans where id = ${before.id}`)).toBe(1);
    const kept = await count(
      sql`select count(*)::int as n from replenishment_plans where id in (${sql.join(
        submitted.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    expect(kept).toBeLessThanOrEqual(submitted.length);
    const ours = sql.join(
      [before.id, ...submitted].map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    expect(
      await count(
        sql`select count(*)::int as n from replenishment_plans p where p.id in (${ours}) and not exists (select 1 from audit_events a where a.tenant_id = p.tenant_id and a.entity_id = p.id::text and a.action = 'plan.submit')`,
      ),
    ).toBe(0);
  } finally {
    await restored.close();
  }

  // The restored database serves: the plan made before the backup is on the buyer's queue.
  const port = e2ePort + 51;
  const server = spawn(tsx, ["app/server/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "",
      SCHEDULER: "off",
      BACKUP: "off",
      OUTBOX_RELAY: "off",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: restoredDir,
      TRUST_PROXY: "1",
    },
    stdio: "ignore",
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${url}/login`).catch(() => null))?.status ?? 0, { timeout: 120_000 }).toBe(200);
    const login = await fetch(`${url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url, "X-Forwarded-For": "10.9.9.9" },
      body: new URLSearchParams({ email: "buyer@acme.example", password: "vmi-demo-2026", redirectTo: "" }),
    });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const queue = await fetch(`${url}/t/acme/approvals`, { headers: { Cookie: cookie } });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain(`href="/t/acme/plans/${before.id}"`);
  } finally {
    server.kill("SIGTERM");
  }
});
