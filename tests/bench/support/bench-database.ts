import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../../../db/client";

/**
 * A database of the benchmark's own: the embedded one (in memory, or in `pgliteDir`), or, with
 * DATABASE_URL, a fresh database on that server, created for the run and dropped after it. `work`
 * gets the handle and, on a server, the fresh database's URL.
 */
export async function withBenchDatabase(
  work: (handle: DatabaseHandle, serverUrl?: string) => Promise<void>,
  options: { pgliteDir?: string } = {},
) {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    const handle = await openDatabase(options.pgliteDir ? { pgliteDir: options.pgliteDir } : {});
    try {
      await work(handle);
    } finally {
      await handle.close();
    }
    return;
  }
  const name = `vmi_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const handle = await openDatabase({ url: url.toString() });
    try {
      await work(handle, url.toString());
    } finally {
      await handle.close();
    }
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
