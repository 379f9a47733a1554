import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import fsx from "fs-native-extensions";

/**
 * One owner per embedded data directory. PGlite keeps no lock of its own, and two processes on
 * one directory corrupt it, so the owner takes an exclusive lock on `DATA_DIR/owner.lock` before
 * anything opens the database. It is an open-file-description lock (fcntl F_OFD_SETLK): the
 * kernel drops it when the process ends, however it ends, so a crash never leaves it stuck. The
 * file also says who holds it, for the message the next process prints.
 */

export const LOCK_FILE = "owner.lock";

export interface LockHolder {
  pid: number;
  /** What holds it: "server" (npm start, which offers its socket), or what a person would call the command ("npm run recompute"). */
  role: string;
  /** ISO instant the lock was taken. */
  since: string;
  /** The Unix socket the holder offers to local tools, if it offers one. */
  socket?: string;
}

export interface DataDirLock {
  dataDir: string;
  holder: LockHolder;
  /** Records what the holder offers (the socket once it listens). */
  update(changes: Partial<LockHolder>): void;
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(describeBusy(dataDir, holder));
    this.name = "DataDirBusyError";
  }
}

/** Takes the lock or throws DataDirBusyError naming the holder. */
export function lockDataDir(dataDir: string, role: string, now = new Date()): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, LOCK_FILE);
  const fd = openSync(file, "a+", 0o600);
  if (!fsx.tryLock(fd)) {
    closeSync(fd);
    throw new DataDirBusyError(dataDir, readLockHolder(dataDir));
  }
  let holder: LockHolder = { pid: process.pid, role, since: now.toISOString() };
  const write = () => {
    const text = `${JSON.stringify(holder)}\n`;
    ftruncateSync(fd, 0);
    writeSync(fd, text, 0);
  };
  write();
  let released = false;
  return {
    dataDir,
    get holder() {
      return holder;
    },
    update(changes) {
      holder = { ...holder, ...changes };
      write();
    },
    release() {
      if (released) return;
      released = true;
      // The contents go first, so a reader never names a process that has let go.
      ftruncateSync(fd, 0);
      fsx.unlock(fd);
      closeSync(fd);
    },
  };
}

/** Who holds (or last held) the directory, as its lock file says; null when it says nothing. */
export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid !== "number" || typeof parsed.role !== "string" || typeof parsed.since !== "string") return null;
    return {
      pid: parsed.pid,
      role: parsed.role,
      since: parsed.since,
      socket: typeof parsed.socket === "string" ? parsed.socket : undefined,
    };
  } catch {
    return null;
  }
}

function describeBusy(dataDir: string, holder: LockHolder | null): string {
  const who = holder
    ? `process ${holder.pid} (${holder.role === "server" ? "the portal server" : holder.role}, since ${holder.since.replace("T", " ").replace(/\.\d+Z$/, " UTC")})`
    : "another process";
  const what =
    holder?.role === "server" ? "Stop it first, or give this one another DATA_DIR." : "Wait for it to finish, or stop it.";
  return `The embedded database in ${dataDir} is in use by ${who}. ${what}`;
}
