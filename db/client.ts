import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import path from "node:path";
import postgres from "postgres";
import { type DataDirLock, lockDataDir } from "./embedded/data-dir-lock";
import * as schema from "./schema";

/** The one type app code is written against; both drivers produce it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where it lives, for messages: a directory, `memory`, or host:port/database. */
  location: string;
  /** The embedded instance itself, when this process opened it (backups need it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a server; absent → embedded PGlite. */
  url?: string;
  /** PGlite data directory; `memory://` keeps it in memory. */
  pgliteDir?: string;
  poolMax?: number;
  /**
   * The lock of the data directory holding `pgliteDir`, when the caller took it (the server
   * takes it before it builds). Without it, opening a directory takes the lock itself, as
   * `role`, and lets go on close: nothing opens an embedded directory without owning it.
   */
  lock?: DataDirLock;
  role?: string;
}

export class DatabaseUnreachableError extends Error {}

const connections = new WeakMap<Database, number>();

/**
 * How many connections a database opened by openDatabase has: 1 for the embedded database, the
 * pool's size for a server. Work that a server spreads over several connections runs in sequence
 * when there are not enough.
 */
export function connectionsOf(db: Database): number {
  return connections.get(db) ?? 1;
}

/** Where the embedded database lives for a given data directory (DATA_DIR, default ./.data). */
export function pgliteDirFor(dataDir: string) {
  return path.join(dataDir, "pglite");
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.poolMax ?? 10);
  const dir = options.pgliteDir ?? "memory://";
  const inMemory = dir === "memory://";
  const ownLock =
    inMemory || options.lock ? undefined : lockDataDir(path.dirname(path.resolve(dir)), options.role ?? "a command");
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : dir);
  } catch (error) {
    ownLock?.release();
    throw error;
  }
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
  connections.set(db, 1);
  return {
    db,
    kind: "pglite",
    location: inMemory ? "memory" : dir,
    pglite: client,
    async close() {
      try {
        await client.close();
      } finally {
        ownLock?.release();
      }
    },
  };
}

/**
 * The embedded database of a running server, through the Unix socket it offers to local tools.
 * One connection, and no named prepared statements: every client of the socket shares the
 * server's one PostgreSQL session, where another client's statement names would collide.
 */
export async function openPgliteSocket(socketPath: string, location: string): Promise<DatabaseHandle> {
  const client = postgres({
    path: socketPath,
    user: "postgres",
    database: "postgres",
    max: 1,
    prepare: false,
    onnotice: () => {},
    connect_timeout: 10,
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnreachableError(`Cannot reach the running portal's database through ${socketPath}: ${reason}`);
  }
  const db = drizzlePostgres({ client, schema, casing: "snake_case" }) as unknown as Database;
  connections.set(db, 1);
  return { db, kind: "postgres", location, close: () => client.end({ timeout: 5 }) };
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const parsed = new URL(url);
  const location = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnreachableError(`Cannot reach the PostgreSQL server at ${location}: ${reason}`);
  }
  const db = drizzlePostgres({ client, schema, casing: "snake_case" }) as unknown as Database;
  connections.set(db, max);
  return {
    db,
    kind: "postgres",
    location,
    close: () => client.end({ timeout: 5 }),
  };
}

export { schema };
