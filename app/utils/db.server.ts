import type { Database, DatabaseHandle } from "@db/client";

/**
 * The process-wide database. It lives on globalThis under a registered symbol because the
 * server start script and the Remix server build are separate module graphs in one process, and
 * both must use the one connection (PGlite allows a single opener per directory).
 */
const KEY = Symbol.for("vmi-portal.database");
type Holder = { [KEY]?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined) {
  (globalThis as Holder)[KEY] = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  const handle = (globalThis as Holder)[KEY];
  if (!handle) throw new Error("The database is not open: the server opens it before serving.");
  return handle;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}
