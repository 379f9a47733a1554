import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import { type EmailMessage, messageIdFor, messageKey } from "~/services/notifications/email-message.server";
import { notify, type NotificationInput } from "~/services/notifications/enqueue.server";
import { defaultBackoffMs, relayEnabled, relayOnce, type RelayOptions } from "~/services/notifications/relay.server";
import { fileTransport, type MailTransport, smtpTransport } from "~/services/notifications/transports.server";
import { createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase, uniqueSlug } from "../support/test-database";

/**
 * The e-mail outbox relay against a real database: delivery into .eml files, backoff and giving
 * up, SMTP, and at-least-once delivery with one copy per event and recipient when a relay dies
 * between delivering and marking. Every relay here is limited to this file's tenant, because
 * under `npm run test:pg` other files share the database and their outbox rows are not ours.
 */

let handle: DatabaseHandle;
let db: Database;
let dir: string;

const tenantId = randomUUID();
const slug = uniqueSlug("relay");
const supplierId = randomUUID();
const users = { buyer: randomUUID(), buyerZh: randomUUID(), supplier: randomUUID() };
const emails = {
  buyer: `${uniqueSlug("buyer")}@relay.test`,
  buyerZh: `${uniqueSlug("buyer-zh")}@relay.test`,
  supplier: `${uniqueSlug("supplier")}@relay.test`,
};
const supplierScope: TenantScope = { tenantId, supplierId, userId: users.supplier };
const APP_URL = "https://vmi.example.com";
const FROM = "VMI Portal <no-reply@vmi.example.com>";

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  dir = await mkdtemp(path.join(tmpdir(), "vmi-outbox-"));
  await createUser(db, { id: users.buyer, email: emails.buyer, name: "Buyer", passwordHash: "x", locale: "en" });
  await createUser(db, { id: users.buyerZh, email: emails.buyerZh, name: "Buyer zh", passwordHash: "x", locale: "zh-CN" });
  await createUser(db, { id: users.supplier, email: emails.supplier, name: "Supplier", passwordHash: "x" });
  await createTenant(db, { id: tenantId, slug, name: "Relay Manufacturing", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
  await createMembership(db, { tenantId, userId: users.buyer, role: "buyer" });
  await createMembership(db, { tenantId, userId: users.buyerZh, role: "buyer" });
  await createMembership(db, { tenantId, userId: users.supplier, role: "supplier", supplierId });
});

afterAll(async () => {
  await handle?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** A supplier submits a plan: both buyers are notified, each gets one e-mail. Returns the event. */
async function submitEvent(number = "RP-2026-00042") {
  const planId = randomUUID();
  const input: NotificationInput = {
    eventId: randomUUID(),
    kind: "plan.submitted",
    link: `plans/${planId}`,
    payload: { number, supplierName: "Supplier S" },
    roles: ["buyer"],
  };
  await withTenant(db, supplierScope, (tx) => notify(tx, input));
  return { eventId: input.eventId, planId };
}

interface OutboxRow {
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: unknown;
  due_in_ms: number;
}

async function outboxRows(eventId: string): Promise<Record<string, OutboxRow>> {
  const rows = rowsOf<OutboxRow>(
    await db.execute(sql`
      select recipient, status, attempts, last_error, sent_at,
             (extract(epoch from (next_attempt_at - now())) * 1000)::float8 as due_in_ms
      from email_outbox where event_id = ${eventId}::uuid`),
  );
  return Object.fromEntries(
    rows.map((r) => [r.recipient, { ...r, attempts: Number(r.attempts), due_in_ms: Number(r.due_in_ms) }]),
  );
}

const options = (transport: MailTransport, extra: Partial<RelayOptions> = {}): RelayOptions => ({
  transport,
  appUrl: APP_URL,
  from: FROM,
  tenantIds: [tenantId],
  ...extra,
});

/** Quoted-printable soft line breaks and escapes undone, for reading a body part. */
const unQuotedPrintable = (s: string) =>
  s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Folded header lines joined again (RFC 5322 folds long ones onto indented lines). */
const unfold = (s: string) => s.replace(/\r?\n[ \t]+/g, " ");

const filesIn = async (directory: string) => (await readdir(directory).catch(() => [] as string[])).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A transport that records what it was given and fails while `failures` lasts. */
function scriptedTransport(failures: number) {
  const seen: EmailMessage[] = [];
  let left = failures;
  const transport: MailTransport = {
    name: "scripted",
    async deliver(message) {
      seen.push(message);
      if (left > 0) {
        left -= 1;
        throw new Error("451 mailbox temporarily unavailable");
      }
    },
  };
  return { transport, seen };
}

// ---------------------------------------------------------------------------------------------

describe("the relay delivers the outbox", () => {
  it("writes one .eml file per recipient with the right recipient, subject, Message-ID and link, and marks the rows sent", async () => {
    const out = path.join(dir, "plain");
    const { eventId, planId } = await submitEvent();
    const result = await relayOnce(db, options(fileTransport(out)));
    expect(result).toMatchObject({ claimed: 2, sent: 2, retrying: 0, failed: 0 });

    const files = await filesIn(out);
    expect(files).toEqual([`${messageKey(eventId, emails.buyer)}.eml`, `${messageKey(eventId, emails.buyerZh)}.eml`].sort());
    const english = unfold(await readFile(path.join(out, `${messageKey(eventId, emails.buyer)}.eml`), "utf8"));
    expect(english).toContain(`Message-ID: ${messageIdFor(eventId, emails.buyer)}`);
    expect(english).toMatch(new RegExp(`^To: ${emails.buyer.replace(/\./g, "\\.")}$`, "m"));
    expect(english).toContain("Subject: [Relay Manufacturing] Supplier S submitted plan RP-2026-00042");
    expect(unQuotedPrintable(english)).toContain(`${APP_URL}/t/${slug}/plans/${planId}`);
    expect(english).toContain("text/html");

    const rows = await outboxRows(eventId);
    for (const address of [emails.buyer, emails.buyerZh]) {
      expect(rows[address]).toMatchObject({ status: "sent", attempts: 1, last_error: null });
      expect(rows[address].sent_at).not.toBeNull();
    }
    // Nothing due any more.
    expect((await relayOnce(db, options(fileTransport(out)))).claimed).toBe(0);
  });

  it("renders each e-mail in its recipient's language", async () => {
    const { eventId } = await submitEvent("RP-2026-00043");
    const { transport, seen } = scriptedTransport(0);
    await relayOnce(db, options(transport));
    const byRecipient = Object.fromEntries(seen.filter((m) => m.messageId.includes(eventId)).map((m) => [m.to, m]));
    expect(byRecipient[emails.buyerZh].subject).toBe("[Relay Manufacturing] Supplier S 提交了补货计划 RP-2026-00043");
    expect(byRecipient[emails.buyerZh].text).toContain("在门户中查看");
    expect(byRecipient[emails.buyer].subject).toBe("[Relay Manufacturing] Supplier S submitted plan RP-2026-00043");
    expect(byRecipient[emails.buyer].html).toContain(`href="${APP_URL}/t/${slug}/plans/`);
  });

  it("backs off after a failing delivery and delivers on a later try", async () => {
    const { eventId } = await submitEvent();
    const backoffCalls: number[] = [];
    const backoffMs = (attempts: number) => {
      backoffCalls.push(attempts);
      return 400;
    };
    const failing = scriptedTransport(2);
    const first = await relayOnce(db, options(failing.transport, { backoffMs }));
    expect(first).toMatchObject({ claimed: 2, sent: 0, retrying: 2 });
    expect(backoffCalls).toEqual([1, 1]);
    let rows = await outboxRows(eventId);
    for (const row of Object.values(rows)) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "Error: 451 mailbox temporarily unavailable" });
      expect(row.due_in_ms).toBeGreaterThan(100);
    }
    // Not due yet: nothing is claimed.
    expect((await relayOnce(db, options(failing.transport, { backoffMs }))).claimed).toBe(0);

    await sleep(500);
    const second = await relayOnce(db, options(failing.transport, { backoffMs }));
    expect(second).toMatchObject({ claimed: 2, sent: 2, retrying: 0 });
    rows = await outboxRows(eventId);
    for (const row of Object.values(rows)) expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(failing.seen.filter((m) => m.messageId.includes(eventId))).toHaveLength(4);
  });

  it("gives up after the maximum number of attempts", async () => {
    const { eventId } = await submitEvent();
    const failing = scriptedTransport(Number.POSITIVE_INFINITY);
    const settings = { backoffMs: () => 0, maxAttempts: 3 };
    expect(await relayOnce(db, options(failing.transport, settings))).toMatchObject({ retrying: 2, failed: 0 });
    expect(await relayOnce(db, options(failing.transport, settings))).toMatchObject({ retrying: 2, failed: 0 });
    expect(await relayOnce(db, options(failing.transport, settings))).toMatchObject({ retrying: 0, failed: 2 });
    for (const row of Object.values(await outboxRows(eventId))) {
      expect(row).toMatchObject({ status: "failed", attempts: 3, sent_at: null });
      expect(row.last_error).toMatch(/451/);
    }
    expect((await relayOnce(db, options(failing.transport, settings))).claimed).toBe(0);
  });

  it("uses 1 minute doubling to an hour by default", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(defaultBackoffMs)).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it("two relays at once deliver each e-mail once", async () => {
    const { eventId } = await submitEvent();
    const delivered: string[] = [];
    const slow: MailTransport = {
      name: "slow",
      async deliver(message) {
        await sleep(50);
        delivered.push(message.messageId);
      },
    };
    const [a, b] = await Promise.all([relayOnce(db, options(slow)), relayOnce(db, options(slow))]);
    expect(a.claimed + b.claimed).toBe(2);
    expect(delivered.filter((id) => id.includes(eventId)).sort()).toEqual(
      [messageIdFor(eventId, emails.buyer), messageIdFor(eventId, emails.buyerZh)].sort(),
    );
  });
});

describe("at least once, deduplicated by event id", () => {
  it("a relay that dies mid-delivery delivers after restart, once", async () => {
    const out = path.join(dir, "restart");
    const { eventId } = await submitEvent();
    const files = fileTransport(out);
    // The first relay delivers, then never gets to mark the rows (as if its process died there).
    let delivered = 0;
    const dying: MailTransport = {
      name: "dies after delivering",
      async deliver(message) {
        await files.deliver(message);
        delivered += 1;
        await new Promise(() => {});
      },
    };
    void relayOnce(db, options(dying, { leaseMs: 600 }));
    for (let i = 0; i < 100 && delivered < 2; i += 1) await sleep(20);
    expect(delivered).toBe(2);
    expect(await filesIn(out)).toHaveLength(2);

    // A new relay while the lease holds: leaves the rows alone.
    expect((await relayOnce(db, options(files, { leaseMs: 600 }))).claimed).toBe(0);
    for (const row of Object.values(await outboxRows(eventId))) expect(row).toMatchObject({ status: "pending", attempts: 1 });

    // After the lease: delivers again, with the same Message-ID, and marks the rows sent.
    await sleep(700);
    expect(await relayOnce(db, options(files, { leaseMs: 600 }))).toMatchObject({ claimed: 2, sent: 2 });
    for (const row of Object.values(await outboxRows(eventId))) expect(row).toMatchObject({ status: "sent", attempts: 2 });

    // One file per event and recipient, no temporary file left behind.
    expect(await filesIn(out)).toEqual(
      [`${messageKey(eventId, emails.buyer)}.eml`, `${messageKey(eventId, emails.buyerZh)}.eml`].sort(),
    );
    const text = unfold(await readFile(path.join(out, `${messageKey(eventId, emails.buyer)}.eml`), "utf8"));
    expect(text.match(/^Message-ID: .*$/gm)).toEqual([`Message-ID: ${messageIdFor(eventId, emails.buyer)}`]);
  });
});

describe("SMTP", () => {
  it("sends through an SMTP server when given an smtp:// URL", async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.server.address() as AddressInfo).port;
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      const { eventId } = await submitEvent();
      expect(await relayOnce(db, options(transport))).toMatchObject({ claimed: 2, sent: 2 });
      const mine = received.filter((m) => m.data.includes(messageIdFor(eventId, emails.buyer)));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ from: "no-reply@vmi.example.com", to: [emails.buyer] });
      for (const row of Object.values(await outboxRows(eventId))) expect(row.status).toBe("sent");
    } finally {
      transport.close?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a refused connection is a failure to retry, not a crash", async () => {
    const { eventId } = await submitEvent();
    // A port nothing listens on.
    const probe = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await relayOnce(db, options(smtpTransport(`smtp://127.0.0.1:${port}`), { backoffMs: () => 60_000 }));
    expect(result).toMatchObject({ claimed: 2, retrying: 2 });
    for (const row of Object.values(await outboxRows(eventId))) {
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    }
  });
});

describe("OUTBOX_RELAY", () => {
  it("is on unless turned off, and refuses nonsense", () => {
    expect(relayEnabled(undefined)).toBe(true);
    expect(relayEnabled("on")).toBe(true);
    expect(relayEnabled("off")).toBe(false);
    expect(relayEnabled("0")).toBe(false);
    expect(() => relayEnabled("sometimes")).toThrow(/OUTBOX_RELAY/);
  });
});
