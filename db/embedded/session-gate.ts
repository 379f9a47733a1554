import type { PGlite } from "@electric-sql/pglite";

/**
 * PGlite is one PostgreSQL session. The portal's own queries and the local tools connected over
 * the socket all run in it, so a tool's transaction (or its Parse … Sync sequence) must never
 * have the portal's statements run in the middle of it, nor the other way round.
 *
 * PGlite already serialises its own `query`, `exec` and `transaction` calls with its transaction
 * mutex. pglite-socket serialises socket messages with the query mutex only, one message at a
 * time, so between two messages of a tool's transaction the portal could slip in. This gate
 * closes that gap: a socket message takes PGlite's transaction mutex and keeps it until the
 * session is back to idle, i.e. until PostgreSQL answers ReadyForQuery with status "I". The
 * socket server's queue also asks `isInTransaction()` to decide whether it must keep serving the
 * same connection; the gate answers "yes" for as long as that connection's exchange is open, so
 * two tools' extended-protocol sequences never interleave either.
 *
 * The object below is what the socket server is given instead of the PGlite instance: it has the
 * four members pglite-socket uses.
 */
export interface GatedSession {
  waitReady: Promise<void>;
  isInTransaction(): boolean;
  runExclusive<T>(work: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void>;
  exec(sql: string): Promise<unknown>;
}

interface PgliteInternals {
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const TERMINATE = 0x58; // 'X'

export function gatedSession(pg: PGlite): GatedSession {
  let release: (() => void) | undefined;
  /** Whether the last exchange left the session anywhere but idle (a transaction, an open Parse…Sync). */
  let open = false;

  async function enter() {
    if (release) return;
    await new Promise<void>((entered) => {
      void (pg as unknown as PgliteInternals)._runExclusiveTransaction(
        () =>
          new Promise<void>((done) => {
            release = done;
            entered();
          }),
      );
    });
  }

  function leaveIfIdle() {
    if (open || !release) return;
    const done = release;
    release = undefined;
    done();
  }

  return {
    waitReady: pg.waitReady,
    isInTransaction: () => open,
    async runExclusive(work) {
      await enter();
      try {
        return await pg.runExclusive(work);
      } finally {
        leaveIfIdle();
      }
    },
    async execProtocolRawStream(message, { onRawData }) {
      // Terminate gets no answer and changes nothing (PGlite ignores it).
      if (message[0] === TERMINATE) return;
      let tail: Uint8Array = new Uint8Array(0);
      await pg.execProtocolRawStream(message, {
        onRawData(data) {
          tail = lastBytes(tail, data, 6);
          onRawData(data);
        },
      });
      // ReadyForQuery is 'Z', int32 5, status; it ends every complete exchange.
      const complete = tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[4] === 5;
      open = !(complete && tail[5] === IDLE);
    },
    async exec(sql) {
      // Called by the socket server when a connection leaves mid-transaction: end whatever it left
      // open (a Sync closes a pending extended-protocol sequence), roll back, and let others in.
      await enter();
      try {
        await pg.runExclusive(async () => {
          pg.execProtocolRawSync(syncMessage());
          pg.execProtocolRawSync(simpleQuery(sql));
        });
      } finally {
        open = false;
        leaveIfIdle();
      }
    },
  };
}

function lastBytes(previous: Uint8Array, data: Uint8Array, count: number): Uint8Array {
  if (data.length >= count) return data.slice(data.length - count);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}

function syncMessage(): Uint8Array {
  return Uint8Array.of(0x53, 0, 0, 0, 4);
}

function simpleQuery(sql: string): Uint8Array {
  const text = new TextEncoder().encode(`${sql}\0`);
  const message = new Uint8Array(5 + text.length);
  message[0] = 0x51; // 'Q'
  new DataView(message.buffer).setInt32(1, 4 + text.length);
  message.set(text, 5);
  return message;
}
