/**
 * What the owner of the embedded database offers to local tools, inside `DATA_DIR/socket/`
 * (a directory only the owner's user can enter):
 * - `.s.PGSQL.5432`: the PostgreSQL protocol (pglite-socket), so that `npm run recompute`,
 *   `db:seed` and `psql -h DATA_DIR/socket -U postgres` work while the server runs. Every
 *   statement runs in the server's one PGlite session, behind the session gate.
 * - `control.sock`: one JSON request per line for what must run inside the owner, such as a
 *   backup, which needs the PGlite instance itself.
 */
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { gatedSession } from "./session-gate";

export const SOCKET_DIR = "socket";
const PG_SOCKET = ".s.PGSQL.5432";
const CONTROL_SOCKET = "control.sock";
/** sun_path holds 108 bytes with the terminating NUL. */
const MAX_SOCKET_PATH = 107;
/** Tools and psql sessions at once; they take turns in the one session anyway. */
const MAX_CONNECTIONS = 16;
/** A connection silent this long is closed, so that a forgotten psql cannot hold the session. */
const IDLE_TIMEOUT_MS = 120_000;

export function socketDirFor(dataDir: string) {
  return path.join(dataDir, SOCKET_DIR);
}

export function pgSocketPathFor(dataDir: string) {
  return path.join(socketDirFor(dataDir), PG_SOCKET);
}

export function controlSocketPathFor(dataDir: string) {
  return path.join(socketDirFor(dataDir), CONTROL_SOCKET);
}

export type ControlRequest = { command: "backup"; out: string };
export type ControlReply = { ok: true; [key: string]: unknown } | { ok: false; error: string };
export type ControlHandler = (request: ControlRequest) => Promise<Record<string, unknown>>;

export interface LocalAccess {
  socketDir: string;
  stop(): Promise<void>;
}

export class SocketPathTooLongError extends Error {}

/** Starts both sockets; the caller holds the data directory's lock, so old socket files are stale. */
export async function offerToLocalTools(pg: PGlite, dataDir: string, control: ControlHandler): Promise<LocalAccess> {
  const socketDir = socketDirFor(path.resolve(dataDir));
  const pgPath = path.join(socketDir, PG_SOCKET);
  if (Buffer.byteLength(pgPath) > MAX_SOCKET_PATH) {
    throw new SocketPathTooLongError(
      `${pgPath} is longer than a Unix socket path may be (${MAX_SOCKET_PATH} bytes): local tools cannot reach this database while the server runs. Use a shorter DATA_DIR.`,
    );
  }
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  chmodSync(socketDir, 0o700);
  const controlPath = path.join(socketDir, CONTROL_SOCKET);
  rmSync(pgPath, { force: true });
  rmSync(controlPath, { force: true });

  const pgServer = new PGLiteSocketServer({
    db: gatedSession(pg) as unknown as PGlite,
    path: pgPath,
    maxConnections: MAX_CONNECTIONS,
    idleTimeout: IDLE_TIMEOUT_MS,
  });
  await pgServer.start();
  chmodSync(pgPath, 0o600);

  const controlServer = net.createServer((socket) => serveControl(socket, control));
  await new Promise<void>((resolve, reject) => {
    controlServer.once("error", reject);
    controlServer.listen(controlPath, () => resolve());
  });
  chmodSync(controlPath, 0o600);

  return {
    socketDir,
    async stop() {
      await pgServer.stop().catch(() => {});
      await new Promise<void>((resolve) => controlServer.close(() => resolve()));
      rmSync(pgPath, { force: true });
      rmSync(controlPath, { force: true });
    },
  };
}

function serveControl(socket: net.Socket, control: ControlHandler) {
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    if (buffered.length > 64 * 1024) return socket.destroy();
    const end = buffered.indexOf("\n");
    if (end < 0) return;
    const line = buffered.slice(0, end);
    buffered = "";
    void answer(line, control).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
  });
}

async function answer(line: string, control: ControlHandler): Promise<ControlReply> {
  let request: ControlRequest;
  try {
    const parsed = JSON.parse(line) as Partial<ControlRequest>;
    if (parsed.command !== "backup" || typeof parsed.out !== "string" || !path.isAbsolute(parsed.out)) {
      return { ok: false, error: "Unknown request." };
    }
    request = { command: "backup", out: parsed.out };
  } catch {
    return { ok: false, error: "Unknown request." };
  }
  try {
    return { ok: true, ...(await control(request)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Sends one request to the owner's control socket and waits for its reply. */
export function askOwner(dataDir: string, request: ControlRequest): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(controlSocketPathFor(path.resolve(dataDir)));
    let reply = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(JSON.parse(reply) as ControlReply);
      } catch {
        reject(new Error("The server closed the control socket without an answer."));
      }
    });
  });
}
