/**
 * Opening the embedded database as its one owner (the server, or a command when no server runs),
 * or as a guest of the server that owns it. See data-dir-lock.ts and local-access.ts.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { type DatabaseHandle, openDatabase, openPgliteSocket, pgliteDirFor } from "../client";
import { DataDirBusyError, type DataDirLock, lockDataDir } from "./data-dir-lock";
import {
  type ControlHandler,
  type LocalAccess,
  offerToLocalTools,
  pgSocketPathFor,
  SocketPathTooLongError,
} from "./local-access";

export interface OwnedDatabase {
  handle: DatabaseHandle;
  /** Null when the path was too long for a socket; the reason is in `warning`. */
  access: LocalAccess | null;
  warning?: string;
  /** Stops the sockets, closes the database and lets go of the directory, in that order. */
  close(): Promise<void>;
}

/**
 * The server's way in: the lock (or DataDirBusyError; the server takes it before it builds, and
 * passes it), the database, then the sockets for local tools. `control` answers what tools ask
 * of the owner (backups).
 */
export async function openAsServer(dataDir: string, control: ControlHandler, heldLock?: DataDirLock): Promise<OwnedDatabase> {
  const dir = path.resolve(dataDir);
  const lock = heldLock ?? lockDataDir(dir, "server");
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ pgliteDir: pgliteDirFor(dir), lock });
    let access: LocalAccess | null = null;
    let warning: string | undefined;
    try {
      access = await offerToLocalTools(handle.pglite!, dir, control);
      lock.update({ socket: pgSocketPathFor(dir) });
    } catch (error) {
      if (!(error instanceof SocketPathTooLongError)) throw error;
      warning = error.message;
    }
    const opened = handle;
    return {
      handle: opened,
      access,
      warning,
      async close() {
        await access?.stop().catch(() => {});
        await opened.close().catch(() => {});
        lock.release();
      },
    };
  } catch (error) {
    await handle?.close().catch(() => {});
    lock.release();
    throw error;
  }
}

export interface CommandDatabase {
  handle: DatabaseHandle;
  /** "directory": this process owns the database; "server": it goes through the running server. */
  through: "directory" | "server";
  close(): Promise<void>;
}

/**
 * A command's way in: it owns the directory when nobody does, and goes through the server's
 * socket when the server does. Another command holding it, or a server without a socket, is
 * DataDirBusyError.
 */
export async function openForCommand(dataDir: string, command: string): Promise<CommandDatabase> {
  const dir = path.resolve(dataDir);
  let lock: DataDirLock;
  try {
    lock = lockDataDir(dir, command);
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    const socket = error.holder?.role === "server" ? error.holder.socket : undefined;
    if (!socket || !existsSync(socket)) throw error;
    const handle = await openPgliteSocket(
      socket,
      `${pgliteDirFor(dir)} (through the running portal, process ${error.holder!.pid})`,
    );
    return { handle, through: "server", close: () => handle.close() };
  }
  try {
    const handle = await openDatabase({ pgliteDir: pgliteDirFor(dir), lock });
    return {
      handle,
      through: "directory",
      async close() {
        await handle.close().catch(() => {});
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
