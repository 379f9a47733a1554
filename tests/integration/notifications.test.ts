import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { type TenantScope, withTenant } from "@db/scope";
import { countUnread, listNotifications, markNotificationRead } from "~/models/notifications.server";
import { notify, type NotificationInput } from "~/services/notifications/enqueue.server";
import { getInbox, INBOX_PAGE_SIZE, markAllRead, markRead, openNotification } from "~/services/notifications/inbox.server";
import { createMemberships, createSupplier, createTenant, createUser, uniqueSlug } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Who hears of an event (notify() through enqueue_notification), and that each user reads and
 * marks only its own inbox, through the models and services and through raw SQL as the app role.
 */

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const otherTenantId = randomUUID();
/** A tenant of its own for the paging test, so that no other test adds to its inbox. */
const pagerTenantId = randomUUID();
const s1 = randomUUID();
const s2 = randomUUID();
const u = {
  buyer1: randomUUID(),
  buyer2: randomUUID(),
  manager: randomUUID(),
  admin: randomUUID(),
  s1a: randomUUID(),
  s1b: randomUUID(),
  s2a: randomUUID(),
  otherBuyer: randomUUID(),
  pager: randomUUID(),
};
const email: Record<keyof typeof u, string> = Object.fromEntries(
  Object.keys(u).map((k) => [k, `${uniqueSlug(k)}@notify.test`]),
) as Record<keyof typeof u, string>;

const scopeOf = (user: keyof typeof u, supplierId: string | null = null, tenant = tenantId): TenantScope => ({
  tenantId: tenant,
  supplierId,
  userId: u[user],
});
const buyer1 = scopeOf("buyer1");
const buyer2 = scopeOf("buyer2");
const supplier1a = scopeOf("s1a", s1);
const supplier1b = scopeOf("s1b", s1);

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  for (const k of Object.keys(u) as (keyof typeof u)[]) {
    await createUser(db, { id: u[k], email: email[k], name: k, passwordHash: "x", locale: k === "s1b" ? "zh-CN" : undefined });
  }
  await createTenant(db, { id: tenantId, slugPrefix: "notify", name: "Notify test", timezone: "UTC" });
  await createTenant(db, { id: otherTenantId, slugPrefix: "notify-other", name: "Other" });
  await createTenant(db, { id: pagerTenantId, slugPrefix: "notify-pager", name: "Pager" });
  await createSupplier(db, { tenantId, id: s1, code: "S1", name: "Supplier one" });
  await createSupplier(db, { tenantId, id: s2, code: "S2", name: "Supplier two" });
  await createSupplier(db, { tenantId: otherTenantId, id: s1, code: "S1", name: "Supplier one elsewhere" });
  await createMemberships(db, [
    { tenantId, userId: u.buyer1, role: "buyer" },
    { tenantId, userId: u.buyer2, role: "buyer" },
    { tenantId, userId: u.manager, role: "manager" },
    { tenantId, userId: u.admin, role: "admin" },
    { tenantId, userId: u.s1a, role: "supplier", supplierId: s1 },
    { tenantId, userId: u.s1b, role: "supplier", supplierId: s1 },
    { tenantId, userId: u.s2a, role: "supplier", supplierId: s2 },
    { tenantId: pagerTenantId, userId: u.pager, role: "buyer" },
    // A buyer of another tenant, and the first supplier's person there too.
    { tenantId: otherTenantId, userId: u.otherBuyer, role: "buyer" },
    { tenantId: otherTenantId, userId: u.s1a, role: "supplier", supplierId: s1 },
  ]);
});

afterAll(async () => {
  await handle?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

const planSubmitted = (eventId = randomUUID()): NotificationInput => ({
  eventId,
  kind: "plan.submitted",
  link: `plans/${randomUUID()}`,
  payload: { number: "RP-2026-00001", supplierName: "Supplier one" },
  roles: ["buyer"],
});

/** Who got an inbox row, and who an e-mail, for one event (read as the owner). */
async function recipients(eventId: string) {
  const inbox = rowsOf<{ user_id: string; tenant_id: string }>(
    await db.execute(sql`select user_id, tenant_id from notifications where event_id = ${eventId}::uuid`),
  );
  const mail = rowsOf<{ recipient: string; tenant_id: string; locale: string; status: string }>(
    await db.execute(sql`select recipient, tenant_id, locale, status from email_outbox where event_id = ${eventId}::uuid`),
  );
  const name = (id: string) => (Object.keys(u) as (keyof typeof u)[]).find((k) => u[k] === id) ?? id;
  const byEmail = (address: string) => (Object.keys(email) as (keyof typeof u)[]).find((k) => email[k] === address) ?? address;
  return {
    inbox: inbox.map((r) => name(r.user_id)).sort(),
    mail: mail.map((r) => byEmail(r.recipient)).sort(),
    tenants: [...new Set([...inbox, ...mail].map((r) => r.tenant_id))],
    rows: mail,
  };
}

/** Every message along an error's cause chain (drizzle wraps the driver's error). */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(" | ");
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const notifyAs = (scope: TenantScope, input: NotificationInput) => withTenant(db, scope, (tx) => notify(tx, input));

// ---------------------------------------------------------------------------------------------

describe("notify() reaches the people concerned", () => {
  it("a supplier's submission reaches the tenant's buyers, in the inbox and by e-mail, and no one else", async () => {
    const input = planSubmitted();
    expect(await notifyAs(supplier1a, input)).toBe(2);
    const got = await recipients(input.eventId);
    expect(got.inbox).toEqual(["buyer1", "buyer2"]);
    expect(got.mail).toEqual(["buyer1", "buyer2"]);
    expect(got.tenants).toEqual([tenantId]);
    expect(got.rows.every((r) => r.status === "pending" && r.locale === "en")).toBe(true);
  });

  it("a step reached reaches the manager only", async () => {
    const input: NotificationInput = {
      ...planSubmitted(),
      kind: "plan.step_reached",
      roles: ["manager"],
      payload: { number: "RP-2026-00002", step: "manager" },
    };
    expect(await notifyAs(buyer1, input)).toBe(1);
    expect((await recipients(input.eventId)).inbox).toEqual(["manager"]);
  });

  it("a decision reaches the given supplier's members only, each in its own language, not the other supplier's", async () => {
    const input: NotificationInput = {
      ...planSubmitted(),
      kind: "plan.decided",
      roles: ["supplier"],
      supplierId: s1,
      payload: { number: "RP-2026-00003", status: "approved", decisionCode: "AC" },
    };
    expect(await notifyAs(buyer1, input)).toBe(2);
    const got = await recipients(input.eventId);
    expect(got.inbox).toEqual(["s1a", "s1b"]);
    expect(got.tenants).toEqual([tenantId]);
    expect(Object.fromEntries(got.rows.map((r) => [r.recipient, r.locale]))).toEqual({ [email.s1a]: "en", [email.s1b]: "zh-CN" });
  });

  it("never notifies the actor of its own action", async () => {
    const toBuyers = planSubmitted();
    await notifyAs(buyer1, toBuyers);
    expect((await recipients(toBuyers.eventId)).inbox).toEqual(["buyer2"]);
    const toOwnSupplier: NotificationInput = { ...planSubmitted(), roles: ["supplier"], supplierId: s1 };
    expect(await notifyAs(supplier1a, toOwnSupplier)).toBe(1);
    expect((await recipients(toOwnSupplier.eventId)).inbox).toEqual(["s1b"]);
  });

  it("a supplier's transaction cannot notify another supplier's members: the function raises and nothing is written", async () => {
    const input: NotificationInput = { ...planSubmitted(), roles: ["buyer", "supplier"], supplierId: s2 };
    const error = await rejection(notifyAs(supplier1a, input));
    expect(errorText(error)).toMatch(/a supplier may notify only its own members/);
    expect(await recipients(input.eventId)).toMatchObject({ inbox: [], mail: [] });
  });

  it("is idempotent per event: a retry notifies nobody twice", async () => {
    const input = planSubmitted();
    expect(await notifyAs(supplier1a, input)).toBe(2);
    expect(await notifyAs(supplier1a, input)).toBe(0);
    const got = await recipients(input.eventId);
    expect(got.inbox).toEqual(["buyer1", "buyer2"]);
    expect(got.mail).toEqual(["buyer1", "buyer2"]);
  });

  it("writes nothing when the event's transaction rolls back: no inbox row, no e-mail", async () => {
    const input = planSubmitted();
    const error = await rejection(
      withTenant(db, supplier1a, async (tx) => {
        expect(await notify(tx, input)).toBe(2);
        throw new Error("the decision failed after notifying");
      }),
    );
    expect(errorText(error)).toMatch(/failed after notifying/);
    expect(await recipients(input.eventId)).toMatchObject({ inbox: [], mail: [] });
  });

  it("needs a tenant context", async () => {
    const error = await rejection(db.transaction(async (tx) => notify(tx, planSubmitted())));
    expect(errorText(error)).toMatch(/needs a tenant context/);
  });
});

describe("the inbox: each user its own rows", () => {
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    // One event for both buyers: buyer2's row and buyer1's row.
    const input = { ...planSubmitted(), payload: { number: "RP-2026-00077", supplierName: "Supplier two" } };
    await notifyAs(supplier1a, input);
    const rows = rowsOf<{ id: string; user_id: string }>(
      await db.execute(sql`select id, user_id from notifications where event_id = ${input.eventId}::uuid`),
    );
    mine = rows.find((r) => r.user_id === u.buyer2)!.id;
    theirs = rows.find((r) => r.user_id === u.buyer1)!.id;
  });

  it("lists the user's own notifications only, newest first, with an unread count", async () => {
    const inbox = await getInbox(db, buyer2, 1);
    expect(inbox.rows.length).toBeGreaterThan(0);
    expect(inbox.rows.map((r) => r.id)).toContain(mine);
    expect(inbox.rows.map((r) => r.id)).not.toContain(theirs);
    const owners = rowsOf<{ user_id: string }>(
      await db.execute(
        sql`select distinct user_id from notifications where id in (${sql.join(
          inbox.rows.map((r) => sql`${r.id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
    expect(owners.map((r) => r.user_id)).toEqual([u.buyer2]);
    const times = inbox.rows.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(inbox.unread).toBe(inbox.rows.filter((r) => r.readAt === null).length);
    expect(inbox.rows.find((r) => r.id === mine)).toMatchObject({ kind: "plan.submitted", payload: { number: "RP-2026-00077" } });
  });

  it("refuses to open or mark another user's notification, and leaves it unread", async () => {
    const notFound = { code: "not_found", status: 404 };
    expect(await rejection(openNotification(db, buyer2, theirs))).toMatchObject(notFound);
    expect(await rejection(markRead(db, buyer2, theirs))).toMatchObject(notFound);
    expect(await rejection(markRead(db, buyer2, "not-a-uuid"))).toMatchObject(notFound);
    // The same user in another tenant: not there either.
    expect(await rejection(markRead(db, { ...buyer1, tenantId: otherTenantId }, theirs))).toMatchObject(notFound);
    const [row] = rowsOf<{ read_at: unknown }>(
      await db.execute(sql`select read_at from notifications where id = ${theirs}::uuid`),
    );
    expect(row.read_at).toBeNull();
  });

  it("opening one marks it read and gives its link; mark all read clears the count", async () => {
    const before = await withTenant(db, buyer2, (tx) => countUnread(tx, buyer2));
    const opened = await openNotification(db, buyer2, mine);
    expect(opened.link).toMatch(/^plans\/[0-9a-f-]{36}$/);
    expect(await withTenant(db, buyer2, (tx) => countUnread(tx, buyer2))).toBe(before - 1);
    // Opening again keeps it read and the first read time.
    const [first] = rowsOf<{ read_at: unknown }>(
      await db.execute(sql`select read_at::text from notifications where id = ${mine}::uuid`),
    );
    await openNotification(db, buyer2, mine);
    const [second] = rowsOf<{ read_at: unknown }>(
      await db.execute(sql`select read_at::text from notifications where id = ${mine}::uuid`),
    );
    expect(second.read_at).toBe(first.read_at);

    expect(await markAllRead(db, buyer2)).toBe(before - 1);
    expect((await getInbox(db, buyer2, 1)).unread).toBe(0);
    // buyer1's rows are untouched.
    expect(await withTenant(db, buyer1, (tx) => countUnread(tx, buyer1))).toBeGreaterThan(0);
  });

  it("a link that is not a plain path opens the inbox instead", async () => {
    const input: NotificationInput = { ...planSubmitted(), link: "//evil.example/phish", roles: ["manager"] };
    await notifyAs(buyer1, input);
    const [row] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from notifications where event_id = ${input.eventId}::uuid`),
    );
    expect(await openNotification(db, scopeOf("manager"), row.id)).toEqual({ link: "inbox" });
  });

  it("pages 50 at a time", async () => {
    // A system event (no actor) in the pager's own tenant, 55 times.
    const system: TenantScope = { tenantId: pagerTenantId, supplierId: null, userId: null };
    for (let i = 0; i < 55; i += 1) {
      await notifyAs(system, { ...planSubmitted(), payload: { number: `RP-2026-${String(i).padStart(5, "0")}` } });
    }
    const pager = scopeOf("pager", null, pagerTenantId);
    const first = await getInbox(db, pager, 1);
    const second = await getInbox(db, pager, 2);
    expect(first.pageSize).toBe(INBOX_PAGE_SIZE);
    expect(first.rows).toHaveLength(50);
    expect(first.total).toBe(55);
    expect(second.total).toBe(55);
    expect(second.rows).toHaveLength(5);
    const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(ids.size).toBe(55);
    // The newest first: the last of the 55 leads page one.
    expect(first.rows[0].payload.number).toBe("RP-2026-00054");
  });
});

describe("row-level security on notifications and the outbox (the app role, raw SQL)", () => {
  let theirs: string;

  beforeAll(async () => {
    const input: NotificationInput = { ...planSubmitted(), roles: ["manager"] };
    await notifyAs(buyer1, input);
    [{ id: theirs }] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from notifications where event_id = ${input.eventId}::uuid`),
    );
  });

  it("a user cannot see or mark another user's row, even without a filter", async () => {
    const seen = await withTenant(db, buyer1, async (tx) =>
      rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from notifications`)),
    );
    expect(new Set(seen.map((r) => r.user_id))).toEqual(new Set([u.buyer1]));
    const updated = await withTenant(db, buyer1, async (tx) =>
      rowsOf(await tx.execute(sql`update notifications set read_at = now() where id = ${theirs}::uuid returning id`)),
    );
    expect(updated).toEqual([]);
    // Through the model, which filters by user as well: null, not a throw.
    expect(await withTenant(db, buyer1, (tx) => markNotificationRead(tx, buyer1, theirs))).toBeNull();
    const [row] = rowsOf<{ read_at: unknown }>(
      await db.execute(sql`select read_at from notifications where id = ${theirs}::uuid`),
    );
    expect(row.read_at).toBeNull();
  });

  it("a model call with another user's id in its scope still sees only the transaction's user", async () => {
    // A forged scope (user id of the manager) in a transaction set up for buyer1: RLS hides it.
    const rows = await withTenant(db, buyer1, (tx) => listNotifications(tx, scopeOf("manager"), { page: 1, pageSize: 50 }));
    expect(rows).toEqual({ rows: [], total: 0 });
  });

  it("the app role can change nothing but read_at, and cannot insert or delete", async () => {
    const manager = scopeOf("manager");
    for (const statement of [
      sql`update notifications set link = 'elsewhere' where id = ${theirs}::uuid`,
      sql`insert into notifications (tenant_id, user_id, event_id, kind, payload, link) values (${tenantId}::uuid, ${u.manager}::uuid, ${randomUUID()}::uuid, 'plan.submitted', '{}'::jsonb, 'x')`,
      sql`delete from notifications where id = ${theirs}::uuid`,
    ]) {
      const error = await rejection(withTenant(db, manager, (tx) => tx.execute(statement)));
      expect(errorText(error)).toMatch(/permission denied/);
    }
  });

  it("the app role cannot read the e-mail outbox at all", async () => {
    for (const scope of [buyer1, supplier1b]) {
      const error = await rejection(withTenant(db, scope, (tx) => tx.execute(sql`select count(*) from email_outbox`)));
      expect(errorText(error)).toMatch(/permission denied/);
    }
  });
});
