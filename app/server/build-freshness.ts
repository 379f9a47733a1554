import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What the Remix build is made from: a change to any of these makes the build stale. */
const SOURCES = ["app", "db", "public", "vite.config.ts", "package.json", "tsconfig.json"];
// app/server is the Node server itself, not part of the Remix build.
const IGNORED = new Set(["node_modules", ".data", "build", "server"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (IGNORED.has(child)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when build/ is missing or older than the newest source file. */
export function isBuildStale(root: string): boolean {
  const serverEntry = path.join(root, "build", "server", "index.js");
  if (!existsSync(serverEntry)) return true;
  const built = statSync(serverEntry).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}
