// The pg_dump of an embedded database, run off the main thread.
//
// pglite-tools' pg_dump is PostgreSQL's pg_dump compiled to WebAssembly: it runs synchronously for
// seconds on a database of a real size. Run on the server's thread, it would stop every request
// for that long (and let idle keep-alive sockets time out under clients that are sending on them).
// So the owner copies its data directory under the transaction mutex, and this worker opens the
// copy in its own PGlite and dumps it there.
//
// Plain JavaScript on purpose: a worker starts outside whatever loader runs the caller (tsx,
// Vitest), so it must import nothing but packages.
import { PGlite } from "@electric-sql/pglite";
import { pgDump } from "@electric-sql/pglite-tools/pg_dump";
import { parentPort, workerData } from "node:worker_threads";

const { dataDir, args } = workerData;

try {
  const snapshot = await PGlite.create({ loadDataDir: new Blob([dataDir]) });
  try {
    const dump = await pgDump({ pg: snapshot, args });
    const bytes = await dump.arrayBuffer();
    parentPort.postMessage({ ok: true, bytes }, [bytes]);
  } finally {
    await snapshot.close();
  }
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
