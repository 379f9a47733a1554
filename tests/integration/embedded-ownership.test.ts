import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { sql } from "drizzle-orm";
import { DataDirBusyError, lockDataDir, readLockHolder } from "@db/embedded/data-dir-lock";
import { askOwner, pgSocketPathFor } from "@db/embedded/local-access";
import { type OwnedDatabase, openAsServer, openForCommand } from "@db/embedded/owner";
import { readBackup, restorePglite } from "@db/backup";
import { openDatabase } from "@db/client";
import { rowsOf } from "@db/rows";

/**
 * One owner per embedded data directory: the lock is exclusive and dies with its process; the
 * owner's socket serves local tools in the owner's one session without letting a tool's
 * transaction and the owner's own statements interleave.
 */

const onServer = Boolean(inject("testDatabaseUrl"));
const work = mkdtempSync(path.join(os.tmpdir(), "vmi-own-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fresh = (label: string) => mkdtempSync(path.join(work, `${label}-`));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe.skipIf(onServer)("the data directory lock", () => {
  it("is exclusive, names its holder, and is free again once released", () => {
    const dir = fresh("lock");
    const first = lockDataDir(dir, "server", new Date("2026-12-04T03:08:05.581Z"));
    let refused: unknown;
    try {
      lockDataDir(dir, "npm run recompute");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirBusyError);
    expect((refused as Error).message).toBe(
      `The embedded database in ${dir} is in use by process ${process.pid} (the portal server, since 2026-12-04 03:08:05 UTC). Stop it first, or give this one another DATA_DIR.`,
    );
    expect(statSync(path.join(dir, "owner.lock")).mode & 0o777).toBe(0o600);
    first.release();
    expect(readLockHolder(dir)).toBeNull();
    lockDataDir(dir, "npm run recompute").release();
  });

  it("is taken by whatever opens a data directory, so nothing opens one it does not own", async () => {
    const dir = fresh("open");
    const held = lockDataDir(dir, "npm run db:seed");
    await expect(openDatabase({ pgliteDir: path.join(dir, "pglite") })).rejects.toThrow(
      /in use by process \d+ \(npm run db:seed, since /,
    );
    held.release();
    const opened = await openDatabase({ pgliteDir: path.join(dir, "pglite"), role: "npm run db:migrate" });
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, role: "npm run db:migrate" });
    await opened.close();
    expect(readLockHolder(dir)).toBeNull();
  });

  it("is released by the operating system when its holder is killed", async () => {
    const dir = fresh("crash");
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/hold-data-dir.ts", dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk) => String(chunk).includes("locked") && resolve());
      child.on("exit", (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    expect(() => lockDataDir(dir, "npm run db:seed")).toThrow(/in use by process \d+ \(a test holder, since /);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    lockDataDir(dir, "npm run db:seed").release();
  });
});

describe.skipIf(onServer)("the owner's socket for local tools", () => {
  let owner: OwnedDatabase;
  let dir: string;
  const clients: postgres.Sql[] = [];
  const connect = () => {
    const client = postgres({
      path: pgSocketPathFor(dir),
      user: "postgres",
      database: "postgres",
      max: 1,
      prepare: false,
      onnotice: () => {},
    });
    clients.push(client);
    return client;
  };

  afterAll(async () => {
    for (const client of clients) await client.end({ timeout: 1 }).catch(() => {});
    await owner?.close();
  });

  it("opens the directory, offers an owner-only socket, and sends commands through it", { timeout: 60_000 }, async () => {
    dir = fresh("socket");
    owner = await openAsServer(dir, async (request) => ({ echoed: request.out }));
    expect(statSync(path.join(dir, "socket")).mode & 0o777).toBe(0o700);
    expect(statSync(pgSocketPathFor(dir)).mode & 0o777).toBe(0o600);
    expect(readLockHolder(dir)).toMatchObject({ pid: process.pid, role: "server", socket: pgSocketPathFor(dir) });

    await owner.handle.db.execute(sql`create table public.gate_probe (id serial primary key, who text not null)`);
    const command = await openForCommand(dir, "npm run recompute");
    try {
      expect(command.through).toBe("server");
      const rows = await command.handle.db.execute(sql`select count(*)::int as n from public.gate_probe`);
      expect(rowsOf<{ n: number }>(rows)[0].n).toBe(0);
    } finally {
      await command.close();
    }
    expect(await askOwner(dir, { command: "backup", out: "/tmp/x.sql.gz" })).toEqual({ ok: true, echoed: "/tmp/x.sql.gz" });
    expect(await askOwner(dir, { command: "drop everything" } as never)).toEqual({ ok: false, error: "Unknown request." });
  });

  it(
    "keeps a tool's transaction whole: the owner's statements wait for its COMMIT or ROLLBACK",
    { timeout: 60_000 },
    async () => {
      const tool = connect();
      const order: string[] = [];
      await tool
        .begin(async (tx) => {
          await tx`insert into public.gate_probe (who) values ('tool, rolled back')`;
          const ownerWrite = owner.handle.db
            .transaction(async (ownerTx) => {
              await ownerTx.execute(sql`insert into public.gate_probe (who) values ('owner')`);
            })
            .then(() => order.push("owner committed"));
          await new Promise((resolve) => setTimeout(resolve, 300));
          order.push("tool still inside");
          // The owner's insert has not run inside the tool's transaction: the tool sees only its row.
          expect((await tx`select who from public.gate_probe order by id`).map((r) => r.who)).toEqual(["tool, rolled back"]);
          void ownerWrite;
          throw new RollbackSignal();
        })
        .catch((error) => {
          if (!(error instanceof RollbackSignal)) throw error;
        });
      await waitFor(() => order.includes("owner committed"));
      expect(order).toEqual(["tool still inside", "owner committed"]);
      const rows = await owner.handle.db.execute(sql`select who from public.gate_probe order by id`);
      expect(rowsOf<{ who: string }>(rows).map((r) => r.who)).toEqual(["owner"]);
    },
  );

  it("never interleaves two tools' statements, parameters included", { timeout: 60_000 }, async () => {
    const [a, b] = [connect(), connect()];
    // Different statements on each side: a Bind meeting the other tool's Parse would show.
    const run = (client: postgres.Sql, base: number) =>
      Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          (base === 1000
            ? client`select ${base + i}::int as n, ${`v${base + i}`}::text as t`
            : client`select upper(${`v${base + i}`}::text) as t, ${base + i}::int * 1 as n`
          ).then((r) => [r[0].n, r[0].t]),
        ),
      );
    const owned = Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        owner.handle.db.transaction(async (tx) => {
          const rows = await tx.execute(sql`select ${9000 + i}::int as n`);
          return rowsOf<{ n: number }>(rows)[0].n;
        }),
      ),
    );
    const [fromA, fromB, fromOwner] = await Promise.all([run(a, 1000), run(b, 5000), owned]);
    expect(fromA).toEqual(Array.from({ length: 150 }, (_, i) => [1000 + i, `v${1000 + i}`]));
    expect(fromB).toEqual(Array.from({ length: 150 }, (_, i) => [5000 + i, `V${5000 + i}`]));
    expect(fromOwner).toEqual(Array.from({ length: 50 }, (_, i) => 9000 + i));
  });

  it("rolls back what a tool that went away left open, and the owner carries on", { timeout: 60_000 }, async () => {
    const tool = postgres({
      path: pgSocketPathFor(dir),
      user: "postgres",
      database: "postgres",
      max: 1,
      prepare: false,
      onnotice: () => {},
    });
    const reserved = await tool.reserve();
    await reserved`begin`;
    await reserved`insert into public.gate_probe (who) values ('abandoned')`;
    await tool.end({ timeout: 0 });
    await owner.handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into public.gate_probe (who) values ('after')`);
    });
    const rows = await owner.handle.db.execute(sql`select who from public.gate_probe order by id`);
    expect(rowsOf<{ who: string }>(rows).map((r) => r.who)).toEqual(["owner", "after"]);
  });

  it("refuses a second owner, and a command goes through the server instead of opening the directory", async () => {
    await expect(openAsServer(dir, async () => ({}))).rejects.toThrow(DataDirBusyError);
    const stillServing = await owner.handle.db.execute(sql`select 1 as one`);
    expect(rowsOf<{ one: number }>(stillServing)[0].one).toBe(1);
  });

  it("writes a backup on request that restores with the owner's rows", { timeout: 120_000 }, async () => {
    const out = path.join(work, "owner-backup.sql.gz");
    const { backupPglite } = await import("@db/backup");
    await backupPglite(owner.handle.pglite!, out);
    const restored = await restorePglite(undefined, await readBackup(out));
    try {
      const rows = (await restored.query<{ who: string }>(`select who from public.gate_probe order by id`)).rows;
      expect(rows.map((r) => r.who)).toEqual(["owner", "after"]);
    } finally {
      await restored.close();
    }
  });
});

class RollbackSignal extends Error {}

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
