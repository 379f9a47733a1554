/**
 * Backups: a plain SQL dump, gzip-compressed, restorable into an empty database.
 *
 * - Embedded (PGlite): the owner process copies the data directory while it holds PGlite's
 *   transaction mutex (so no transaction is half done), opens the copy in memory and runs
 *   pglite-tools' pg_dump (PostgreSQL's own pg_dump compiled to WASM) on it in a worker thread.
 *   The live database is blocked only for the copy, and the server's thread not even for the dump.
 * - Server: PostgreSQL's `pg_dump` (a consistent snapshot by itself), without owners so that any
 *   superuser can restore it.
 *
 * Writes go to a temporary file renamed into place, so a backup file is either whole or absent.
 */
import { PGlite } from "@electric-sql/pglite";
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

export interface BackupResult {
  file: string;
  bytes: number;
  durationMs: number;
}

/** `vmi-backup-20261204T031500Z.sql.gz`: sorts by time, says what it is. */
export function backupFileName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `vmi-backup-${stamp}.sql.gz`;
}

const BACKUP_NAME = /^vmi-backup-\d{8}T\d{6}Z\.sql\.gz$/;

interface PgliteInternals {
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * A SQL dump of a live PGlite instance (see the module comment). The copy of the data directory
 * is taken on this thread under the transaction mutex; the dump itself runs in a worker thread
 * (`embedded/dump-worker.mjs`), so the server keeps answering requests while it runs.
 */
export async function dumpPglite(pg: PGlite): Promise<Buffer> {
  const copy = await (pg as unknown as PgliteInternals)._runExclusiveTransaction(() => pg.dumpDataDir("none"));
  const dataDir = await copy.arrayBuffer();
  return runDumpWorker(dataDir);
}

type DumpReply = { ok: true; bytes: ArrayBuffer } | { ok: false; message: string };

function runDumpWorker(dataDir: ArrayBuffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // No inherited execArgv: the worker is plain JavaScript and needs no loader of the caller's.
    const worker = new Worker(new URL("./embedded/dump-worker.mjs", import.meta.url), {
      workerData: { dataDir, args: ["--no-owner"] },
      transferList: [dataDir],
      execArgv: [],
    });
    let settled = false;
    worker.once("message", (reply: DumpReply) => {
      settled = true;
      if (reply.ok) resolve(Buffer.from(reply.bytes));
      else reject(new BackupError(`pg_dump failed: ${reply.message}`));
    });
    worker.once("error", (error) => {
      settled = true;
      reject(new BackupError(`pg_dump failed: ${error.message}`));
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new BackupError(`pg_dump stopped before it finished (exit code ${code}).`));
    });
  });
}

/** Writes a dump of the embedded database to `file` (gzip). */
export async function backupPglite(pg: PGlite, file: string): Promise<BackupResult> {
  const started = performance.now();
  const dump = await dumpPglite(pg);
  return writeAtomically(file, Readable.from([dump]), started);
}

/** Writes a dump of the server database at `url` to `file` (gzip), with PostgreSQL's pg_dump. */
export async function backupServer(url: string, file: string): Promise<BackupResult> {
  const started = performance.now();
  const child = spawn("pg_dump", ["--no-owner", "--format=plain", "--dbname", url], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", (error) =>
      reject(new BackupError(`pg_dump could not start (${error.message}): install PostgreSQL's client tools.`)),
    );
    child.on("close", (code) => resolve(code ?? 1));
  });
  const written = writeAtomically(file, child.stdout, started);
  const [code, result] = await Promise.all([exited, written.catch((error: unknown) => error)]);
  if (code !== 0) {
    rmSync(file, { force: true });
    throw new BackupError(`pg_dump failed: ${stderr.trim().split("\n")[0] || `exit code ${code}`}`);
  }
  if (result instanceof Error) throw result;
  return result as BackupResult;
}

/** Removes all but the newest `keep` backups in `dir`; returns the files removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const backups = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
  const stale = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of stale) rmSync(path.join(dir, name), { force: true });
  return stale;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** The SQL text of a backup file (gzip or plain). */
export async function readBackup(file: string): Promise<string> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const chunks: Buffer[] = [];
  const source = createReadStream(file);
  const gzipped = file.endsWith(".gz");
  for await (const chunk of gzipped ? source.pipe(createGunzip()) : source) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Loads a dump into an empty embedded database at `dir` (created if missing). Refuses a database
 * that already has tables: a restore never mixes with existing data.
 */
export async function restorePglite(dir: string | undefined, sqlText: string): Promise<PGlite> {
  const pg = await PGlite.create(dir);
  try {
    await assertEmpty((text) => pg.query<{ tables: number }>(text).then((r) => Number(r.rows[0].tables)));
    await pg.exec(ROLE_SQL);
    // One transaction: a dump that fails half-way leaves the database empty, not half-loaded.
    await pg.transaction(async (tx) => {
      await tx.exec(sqlText);
    });
    // The dump empties search_path for its own statements; later sessions need the default.
    await pg.exec('SET search_path TO "$user", public');
    return pg;
  } catch (error) {
    await pg.close().catch(() => {});
    throw error;
  }
}

/** Loads a dump into an empty database on the server at `url`, with psql, in one transaction. */
export async function restoreServer(url: string, file: string): Promise<void> {
  const postgres = (await import("postgres")).default;
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await assertEmpty((text) => client.unsafe(text).then((rows) => Number(rows[0].tables)));
    await client.unsafe(ROLE_SQL);
  } finally {
    await client.end({ timeout: 5 });
  }
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction", "--dbname", url], {
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  psql.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number>((resolve, reject) => {
    psql.on("error", (error) =>
      reject(new BackupError(`psql could not start (${error.message}): install PostgreSQL's client tools.`)),
    );
    psql.on("close", (code) => resolve(code ?? 1));
  });
  const source = createReadStream(file);
  await pipeline(file.endsWith(".gz") ? source.pipe(createGunzip()) : source, psql.stdin);
  const code = await exited;
  if (code !== 0) throw new BackupError(`psql failed: ${stderr.trim().split("\n")[0] || `exit code ${code}`}`);
}

/** The app role is cluster-wide on a server and absent from a dump: the grants in it need it. */
const ROLE_SQL = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vmi_app') THEN
    CREATE ROLE vmi_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END $$; GRANT vmi_app TO CURRENT_USER;`;

const COUNT_TABLES = `select count(*)::int as tables from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`;

async function assertEmpty(countTables: (sql: string) => Promise<number>) {
  const tables = await countTables(COUNT_TABLES);
  if (tables > 0) {
    throw new BackupError(`The target database is not empty (${tables} tables): restore into an empty database.`);
  }
}

async function writeAtomically(file: string, source: Readable, started: number): Promise<BackupResult> {
  const partial = `${file}.partial`;
  try {
    await pipeline(source, createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600 }));
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file, bytes: statSync(file).size, durationMs: performance.now() - started };
}
