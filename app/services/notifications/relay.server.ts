/**
 * The outbox relay: delivers the e-mails that enqueue_notification() wrote in the transactions of
 * the events they report. It runs as the database owner (the app role has no grant on the outbox)
 * in every app instance; `FOR UPDATE SKIP LOCKED` plus a lease keep instances off each other's
 * rows. Delivery is at least once: a relay that dies after delivering and before marking the row
 * leaves it leased, and once the lease runs out another relay delivers it again, with the same
 * Message-ID (see docs/decisions/012-notifications-and-outbox.md).
 */
import type { Database } from "@db/client";
import { claimDueEmails, type ClaimedEmail, markEmailFailed, markEmailSent } from "~/models/email-outbox.server";
import { renderEmail } from "./email-message.server";
import type { MailTransport } from "./transports.server";
import { onOffSetting } from "~/utils/env.server";

export const DEFAULT_LEASE_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BATCH_SIZE = 10;
export const POLL_INTERVAL_MS = 5_000;
const FIRST_POLL_DELAY_MS = 2_000;
/** Batches one tick may deliver before it yields to the next tick (PGlite shares the main thread). */
const MAX_BATCHES_PER_TICK = 10;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** After the n-th failed attempt: 1 minute, doubling, at most an hour. */
export function defaultBackoffMs(attempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), HOUR);
}

export interface RelayOptions {
  transport: MailTransport;
  /** Absolute base of the links in e-mails, e.g. https://vmi.example.com. */
  appUrl: string;
  from: string;
  /** How long a claimed row is left alone; must exceed the longest delivery. */
  leaseMs?: number;
  /** Attempts before a row is given up as failed. */
  maxAttempts?: number;
  backoffMs?: (attempts: number) => number;
  batchSize?: number;
  /**
   * Only these tenants' e-mails (default: every tenant's). For a relay per group of tenants, and
   * for tests that share one database with others.
   */
  tenantIds?: readonly string[];
  logError?: (line: string, error: unknown) => void;
}

export interface RelayResult {
  claimed: number;
  sent: number;
  /** Failed this time, due again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function deliverOne(db: Database, email: ClaimedEmail, options: RelayOptions): Promise<"sent" | "retrying" | "failed"> {
  try {
    const message = await renderEmail(email, { appUrl: options.appUrl, from: options.from });
    await options.transport.deliver(message);
  } catch (error) {
    const final = email.attempts >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const retryInMs = final ? 0 : (options.backoffMs ?? defaultBackoffMs)(email.attempts);
    await markEmailFailed(db, email.id, { attempts: email.attempts, error: describe(error), retryInMs, final });
    options.logError?.(
      `e-mail ${email.id} (event ${email.eventId}) attempt ${email.attempts} failed${final ? "; giving up" : ""}`,
      error,
    );
    return final ? "failed" : "retrying";
  }
  await markEmailSent(db, email.id);
  return "sent";
}

/** One batch: claim the due rows, deliver them side by side, mark each. */
export async function relayOnce(db: Database, options: RelayOptions): Promise<RelayResult> {
  const claimed = await claimDueEmails(db, {
    limit: options.batchSize ?? DEFAULT_BATCH_SIZE,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    tenantIds: options.tenantIds,
  });
  const outcomes = await Promise.all(claimed.map((email) => deliverOne(db, email, options)));
  return {
    claimed: claimed.length,
    sent: outcomes.filter((o) => o === "sent").length,
    retrying: outcomes.filter((o) => o === "retrying").length,
    failed: outcomes.filter((o) => o === "failed").length,
  };
}

/** OUTBOX_RELAY: unset, `on`, `1` or `true` runs the relay; `off`, `0` or `false` does not. */
export function relayEnabled(value: string | undefined = process.env.OUTBOX_RELAY): boolean {
  return onOffSetting("OUTBOX_RELAY", value);
}

export interface RelayLoopOptions extends RelayOptions {
  intervalMs?: number;
  firstDelayMs?: number;
  log?: (line: string) => void;
}

export interface OutboxRelay {
  /** One round now (also what the timer runs): batches until the due rows are done. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a round in progress; closes the transport. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox every few seconds on an unref'd timer (it never keeps the process alive). A
 * round takes batch after batch while full ones come back, up to a bound.
 */
export function startOutboxRelay(db: Database, options: RelayLoopOptions): OutboxRelay {
  const log = options.log ?? ((line: string) => console.log(`[outbox] ${line}`));
  const logError = options.logError ?? ((line: string, error: unknown) => console.error(`[outbox] ${line}`, error));
  const relayOptions: RelayOptions = { ...options, logError };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const interval = options.intervalMs ?? POLL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function round() {
    const total: RelayResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_TICK && !stopped; batch += 1) {
        const result = await relayOnce(db, relayOptions);
        total.claimed += result.claimed;
        total.sent += result.sent;
        total.retrying += result.retrying;
        total.failed += result.failed;
        if (result.claimed < batchSize) break;
      }
    } catch (error) {
      logError("reading the outbox failed", error);
    }
    if (total.claimed > 0) {
      log(`${total.sent} e-mail(s) sent via ${options.transport.name}, ${total.retrying} to retry, ${total.failed} given up`);
    }
  }

  function tick(): Promise<void> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().finally(() => schedule(interval));
    }, delay);
    timer.unref();
  }

  schedule(options.firstDelayMs ?? FIRST_POLL_DELAY_MS);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      options.transport.close?.();
    },
  };
}
