import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant, withUser } from "@db/scope";
import { acceptInvitation, insertInvitation, previewInvitation, revokeInvitation } from "~/models/invitations.server";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { failure } from "../support/errors";
import { createMembership, createSession, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Who may administer a company, decided by the database: the membership's role travels in the
 * transaction (withTenant), and row-level security lets administrators (and a supplier's
 * administrator, for its own supplier's people) write people, partners, master data and
 * settings. The functions used before a person is a member (invitations, password resets, the
 * set-up link) do one thing each.
 */

let handle: DatabaseHandle;
let tenantId: string;
let otherTenantId: string;
let s1: string;
let s2: string;
const users = { admin: "", manager: "", buyer: "", supplierAdmin: "", supplier: "", otherSupplier: "" };

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  tenantId = (await createTenant(db, { slugPrefix: "admin-rls" })).id;
  otherTenantId = (await createTenant(db, { slugPrefix: "admin-rls-other" })).id;
  s1 = await createSupplier(db, { tenantId, code: "S1" });
  s2 = await createSupplier(db, { tenantId, code: "S2" });
  for (const label of Object.keys(users) as (keyof typeof users)[]) users[label] = await createUser(db, { label });
  await createMembership(db, { tenantId, userId: users.admin, role: "admin" });
  await createMembership(db, { tenantId, userId: users.manager, role: "manager" });
  await createMembership(db, { tenantId, userId: users.buyer, role: "buyer" });
  await createMembership(db, { tenantId, userId: users.supplierAdmin, role: "supplier", supplierId: s1, supplierAdmin: true });
  await createMembership(db, { tenantId, userId: users.supplier, role: "supplier", supplierId: s1 });
  await createMembership(db, { tenantId, userId: users.otherSupplier, role: "supplier", supplierId: s2 });
});

afterAll(async () => {
  await handle?.close();
});

type Who = keyof typeof users;
const ROLE: Record<Who, schema.Role> = {
  admin: "admin",
  manager: "manager",
  buyer: "buyer",
  supplierAdmin: "supplier",
  supplier: "supplier",
  otherSupplier: "supplier",
};
const SUPPLIER: Record<Who, () => string | null> = {
  admin: () => null,
  manager: () => null,
  buyer: () => null,
  supplierAdmin: () => s1,
  supplier: () => s1,
  otherSupplier: () => s2,
};

function scopeOf(who: Who): TenantScope {
  return {
    tenantId,
    supplierId: SUPPLIER[who](),
    userId: users[who],
    role: ROLE[who],
    supplierAdmin: who === "supplierAdmin",
  };
}

class Rollback extends Error {}

/** Runs `work` as `who` and rolls it back: what it returns, or the error it fails with. */
async function attempt<T>(
  who: Who,
  work: (tx: Tx) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let outcome: { ok: true; value: T } | { ok: false; error: string } | undefined;
  await withTenant(handle.db, scopeOf(who), async (tx) => {
    try {
      outcome = { ok: true, value: await work(tx) };
    } catch (error) {
      outcome = {
        ok: false,
        error: String((error as Error).message) + String((error as { cause?: Error }).cause?.message ?? ""),
      };
    }
    throw new Rollback();
  }).catch((error) => {
    if (!(error instanceof Rollback)) throw error;
  });
  return outcome!;
}

const RLS = /row-level security/;

describe("writing people, partners, master data and settings", () => {
  const newMember = async (supplierId: string | null, role: schema.Role) => {
    const userId = await createUser(handle.db, { label: "newcomer" });
    return { tenantId, userId, role, supplierId };
  };

  it("lets only administrators add members of any role", async () => {
    for (const who of ["manager", "buyer", "supplier", "otherSupplier"] as const) {
      const values = await newMember(null, "buyer");
      const result = await attempt(who, (tx) => tx.insert(schema.memberships).values(values));
      expect(result, who).toMatchObject({ ok: false, error: expect.stringMatching(RLS) });
    }
    const values = await newMember(null, "buyer");
    expect(await attempt("admin", (tx) => tx.insert(schema.memberships).values(values))).toMatchObject({ ok: true });
  });

  it("lets a supplier administrator add supplier members of its own supplier only", async () => {
    const own = await newMember(s1, "supplier");
    expect(await attempt("supplierAdmin", (tx) => tx.insert(schema.memberships).values(own))).toMatchObject({ ok: true });
    const other = await newMember(s2, "supplier");
    expect(await attempt("supplierAdmin", (tx) => tx.insert(schema.memberships).values(other))).toMatchObject({
      ok: false,
      error: expect.stringMatching(RLS),
    });
    const buyerRole = await newMember(null, "buyer");
    expect(await attempt("supplierAdmin", (tx) => tx.insert(schema.memberships).values(buyerRole))).toMatchObject({
      ok: false,
      error: expect.stringMatching(RLS),
    });
    // Another supplier's people are not even there to change.
    const changed = await attempt("supplierAdmin", (tx) =>
      tx
        .update(schema.memberships)
        .set({ status: "deactivated" })
        .where(eq(schema.memberships.userId, users.otherSupplier))
        .returning({ id: schema.memberships.id }),
    );
    expect(changed).toEqual({ ok: true, value: [] });
  });

  it("lets only administrators change the company's settings", async () => {
    for (const who of ["manager", "buyer", "supplierAdmin"] as const) {
      const result = await attempt(who, (tx) =>
        tx
          .update(schema.tenants)
          .set({ settings: { approval: { managerThreshold: 1 } } })
          .where(eq(schema.tenants.id, tenantId))
          .returning({ id: schema.tenants.id }),
      );
      expect(result, who).toEqual({ ok: true, value: [] });
    }
    const result = await attempt("admin", (tx) =>
      tx
        .update(schema.tenants)
        .set({ name: "Renamed" })
        .where(eq(schema.tenants.id, tenantId))
        .returning({ id: schema.tenants.id }),
    );
    expect(result).toEqual({ ok: true, value: [{ id: tenantId }] });
  });

  it("lets only administrators write suppliers, sites and items", async () => {
    const writes = {
      suppliers: (tx: Tx) => tx.insert(schema.suppliers).values({ tenantId, code: `X${randomUUID().slice(0, 4)}`, name: "new" }),
      locations: (tx: Tx) => tx.insert(schema.locations).values({ tenantId, code: `X${randomUUID().slice(0, 4)}`, name: "new" }),
      items: (tx: Tx) =>
        tx.insert(schema.items).values({ tenantId, sku: `X${randomUUID().slice(0, 4)}`, name: "new", unitCost: 1 }),
    };
    for (const [table, write] of Object.entries(writes)) {
      for (const who of ["manager", "buyer", "supplierAdmin"] as const) {
        expect(await attempt(who, write), `${who} ${table}`).toMatchObject({ ok: false, error: expect.stringMatching(RLS) });
      }
      expect(await attempt("admin", write), `admin ${table}`).toMatchObject({ ok: true });
    }
  });

  it("does not let a transaction without a role administer anything, nor one of another tenant", async () => {
    const values = await newMember(null, "buyer");
    const roleless = await failure(
      withTenant(handle.db, { tenantId, supplierId: null, userId: users.admin }, (tx) =>
        tx.insert(schema.memberships).values(values),
      ),
    );
    expect(roleless).toMatch(RLS);
    const elsewhere = await failure(
      withTenant(handle.db, { tenantId: otherTenantId, supplierId: null, userId: users.admin, role: "admin" }, (tx) =>
        tx.insert(schema.memberships).values(values),
      ),
    );
    expect(elsewhere).toMatch(RLS);
  });

  it("shows the people of the tenant to administrators only (a supplier administrator: its own supplier's)", async () => {
    const visible = async (who: Who) =>
      (await attempt(who, (tx) => tx.select({ id: schema.users.id }).from(schema.users))) as {
        ok: true;
        value: { id: string }[];
      };
    const everyone = Object.values(users);
    expect((await visible("admin")).value.map((r) => r.id)).toEqual(expect.arrayContaining(everyone));
    expect((await visible("buyer")).value.map((r) => r.id)).toEqual([users.buyer]);
    const ownSupplier = (await visible("supplierAdmin")).value.map((r) => r.id);
    expect(ownSupplier).toEqual(expect.arrayContaining([users.supplierAdmin, users.supplier]));
    expect(ownSupplier).not.toContain(users.otherSupplier);
    expect(ownSupplier).not.toContain(users.admin);
  });
});

describe("the last active administrator", () => {
  it("cannot be demoted, deactivated or removed; another administrator can", async () => {
    const t = (await createTenant(handle.db, { slugPrefix: "last-admin" })).id;
    const first = await createUser(handle.db, { label: "first-admin" });
    const second = await createUser(handle.db, { label: "second-admin" });
    await createMembership(handle.db, { tenantId: t, userId: first, role: "admin" });
    const secondMembership = await createMembership(handle.db, { tenantId: t, userId: second, role: "admin" });
    const asFirst: TenantScope = { tenantId: t, supplierId: null, userId: first, role: "admin" };
    await withTenant(handle.db, asFirst, (tx) =>
      tx.update(schema.memberships).set({ role: "buyer" }).where(eq(schema.memberships.id, secondMembership)),
    );
    for (const change of [
      (tx: Tx) => tx.update(schema.memberships).set({ role: "manager" }).where(eq(schema.memberships.userId, first)),
      (tx: Tx) => tx.update(schema.memberships).set({ status: "deactivated" }).where(eq(schema.memberships.userId, first)),
      (tx: Tx) =>
        tx.delete(schema.memberships).where(and(eq(schema.memberships.tenantId, t), eq(schema.memberships.userId, first))),
    ]) {
      expect(await failure(withTenant(handle.db, asFirst, change))).toMatch(/last active administrator/);
    }
    // The company can still be deleted with its people.
    await handle.db.delete(schema.tenants).where(eq(schema.tenants.id, t));
  });
});

describe("deactivation", () => {
  it("ends the person's sessions at once, drops the company from its sessions and, with no other, refuses its sign-in", async () => {
    const userId = await createUser(handle.db, { label: "leaver" });
    const membership = await createMembership(handle.db, { tenantId, userId, role: "buyer" });
    const sessionId = await createSession(handle.db, { userId });
    const email = (await handle.db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, userId)))[0]
      .email;
    const canSignIn = async () =>
      rowsOf<{ id: string }>(
        await withUser(handle.db, null, (tx) => tx.execute(sql`select id from auth_login_candidate(${email})`)),
      ).length > 0;
    expect(await canSignIn()).toBe(true);

    await withTenant(handle.db, scopeOf("admin"), (tx) =>
      tx.update(schema.memberships).set({ status: "deactivated" }).where(eq(schema.memberships.id, membership)),
    );
    const sessions = await handle.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
    expect(sessions).toEqual([]);
    expect(await canSignIn()).toBe(false);
    const [stored] = await handle.db.select().from(schema.memberships).where(eq(schema.memberships.id, membership));
    expect(stored.deactivatedAt).not.toBeNull();

    await withTenant(handle.db, scopeOf("admin"), (tx) =>
      tx.update(schema.memberships).set({ status: "active" }).where(eq(schema.memberships.id, membership)),
    );
    expect(await canSignIn()).toBe(true);
  });
});

describe("invitations", () => {
  async function invite(email: string, role: schema.Role = "supplier", expiresInMs = 60_000) {
    const link = generateLinkToken();
    const { id } = await withTenant(handle.db, scopeOf("admin"), (tx) =>
      insertInvitation(tx, {
        tenantId,
        email,
        role,
        supplierId: role === "supplier" ? s1 : null,
        supplierAdmin: false,
        locale: "en",
        invitedBy: users.admin,
        tokenHash: link.hash,
        now: new Date(Date.now() - 7 * 86_400_000 + expiresInMs),
      }),
    );
    return { id, hash: link.hash };
  }
  const asUser = <T>(userId: string, work: (tx: Tx) => Promise<T>) => withUser(handle.db, userId, work);

  it("is accepted once, by the login of the address invited, and adds the membership", async () => {
    const email = `invitee-${randomUUID().slice(0, 8)}@example.test`;
    const { hash } = await invite(email);
    const preview = await withUser(handle.db, null, (tx) => previewInvitation(tx, hash));
    expect(preview).toMatchObject({
      tenantId,
      email,
      role: "supplier",
      supplierName: "Supplier S1",
      state: "pending",
      hasAccount: false,
    });

    const stranger = await createUser(handle.db, { label: "stranger" });
    expect(await asUser(stranger, (tx) => acceptInvitation(tx, hash, stranger))).toMatchObject({ outcome: "wrong_account" });

    const invitee = await createUser(handle.db, { email });
    expect(await asUser(invitee, (tx) => acceptInvitation(tx, hash, invitee))).toMatchObject({ outcome: "accepted" });
    const [membership] = await handle.db.select().from(schema.memberships).where(eq(schema.memberships.userId, invitee));
    expect(membership).toMatchObject({ tenantId, role: "supplier", supplierId: s1, status: "active" });
    expect(await asUser(invitee, (tx) => acceptInvitation(tx, hash, invitee))).toMatchObject({ outcome: "used" });
  });

  it("never moves an active member, nor brings back another supplier's person unless an administrator sent it", async () => {
    // A supplier administrator of S1 invites the address of S2's person.
    const [other] = await handle.db
      .select({ email: schema.users.email })
      .from(schema.users)
      .where(eq(schema.users.id, users.otherSupplier));
    const { token, hash } = generateLinkToken();
    await withTenant(handle.db, scopeOf("supplierAdmin"), (tx) =>
      insertInvitation(tx, {
        tenantId,
        email: other.email,
        role: "supplier",
        supplierId: s1,
        supplierAdmin: false,
        locale: "en",
        invitedBy: users.supplierAdmin,
        tokenHash: hash,
        now: new Date(),
      }),
    );
    expect(token).toHaveLength(43);
    const membershipOf = async () =>
      (await handle.db.select().from(schema.memberships).where(eq(schema.memberships.userId, users.otherSupplier)))[0];
    expect(await asUser(users.otherSupplier, (tx) => acceptInvitation(tx, hash, users.otherSupplier))).toMatchObject({
      outcome: "already_member",
    });
    expect(await membershipOf()).toMatchObject({ supplierId: s2, status: "active" });
    // Deactivated, the person still cannot be moved to S1 by S1's administrator.
    await withTenant(handle.db, scopeOf("admin"), (tx) =>
      tx.update(schema.memberships).set({ status: "deactivated" }).where(eq(schema.memberships.userId, users.otherSupplier)),
    );
    expect(await asUser(users.otherSupplier, (tx) => acceptInvitation(tx, hash, users.otherSupplier))).toMatchObject({
      outcome: "already_member",
    });
    expect(await membershipOf()).toMatchObject({ supplierId: s2, status: "deactivated" });
    await withTenant(handle.db, scopeOf("admin"), (tx) =>
      tx.update(schema.memberships).set({ status: "active" }).where(eq(schema.memberships.userId, users.otherSupplier)),
    );
  });

  it("cannot be accepted once revoked or expired, nor for another login than the transaction's", async () => {
    const revoked = await invite(`revoked-${randomUUID().slice(0, 8)}@example.test`);
    await withTenant(handle.db, scopeOf("admin"), (tx) => revokeInvitation(tx, revoked.id, new Date()));
    const expired = await invite(`expired-${randomUUID().slice(0, 8)}@example.test`, "buyer", -1000);
    const someone = await createUser(handle.db, { label: "someone" });
    expect(await asUser(someone, (tx) => acceptInvitation(tx, revoked.hash, someone))).toMatchObject({ outcome: "revoked" });
    expect(await asUser(someone, (tx) => acceptInvitation(tx, expired.hash, someone))).toMatchObject({ outcome: "expired" });
    expect(await asUser(someone, (tx) => acceptInvitation(tx, "0".repeat(64), someone))).toMatchObject({ outcome: "unknown" });
    expect(await failure(asUser(someone, (tx) => acceptInvitation(tx, revoked.hash, users.buyer)))).toMatch(
      /only the signed-in login/,
    );
  });

  it("are written by administrators, and by a supplier administrator for its own supplier only", async () => {
    const values = (supplierId: string | null, role: schema.Role) => ({
      tenantId,
      email: `x-${randomUUID().slice(0, 8)}@example.test`,
      role,
      supplierId,
      locale: "en",
      tokenHash: generateLinkToken().hash,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await attempt("supplierAdmin", (tx) => tx.insert(schema.invitations).values(values(s1, "supplier")))).toMatchObject({
      ok: true,
    });
    for (const [who, row] of [
      ["supplierAdmin", values(s2, "supplier")],
      ["supplierAdmin", values(null, "buyer")],
      ["supplier", values(s1, "supplier")],
      ["buyer", values(null, "buyer")],
      ["manager", values(null, "buyer")],
    ] as const) {
      expect(await attempt(who, (tx) => tx.insert(schema.invitations).values(row)), who).toMatchObject({
        ok: false,
        error: expect.stringMatching(RLS),
      });
    }
  });
});

describe("password resets", () => {
  it("e-mail a link for a known address only, set the password once and end every session", async () => {
    const email = `forgetful-${randomUUID().slice(0, 8)}@example.test`;
    const userId = await createUser(handle.db, { email, passwordHash: "old-hash" });
    await createMembership(handle.db, { tenantId, userId, role: "buyer" });
    const sessionId = await createSession(handle.db, { userId });
    const outboxFor = async (recipient: string) =>
      handle.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.recipient, recipient));

    const known = generateLinkToken();
    const unknown = generateLinkToken();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await withUser(handle.db, null, async (tx) => {
      await tx.execute(
        sql`select issue_password_reset(${email.toUpperCase()}, ${known.hash}, ${"/reset-password/x"}, ${expiresAt}::timestamptz)`,
      );
      await tx.execute(
        sql`select issue_password_reset(${"nobody@example.test"}, ${unknown.hash}, ${"/reset-password/y"}, ${expiresAt}::timestamptz)`,
      );
    });
    expect(await outboxFor(email)).toEqual([
      expect.objectContaining({ tenantId: null, kind: "account.password_reset", link: "/reset-password/x", userId }),
    ]);
    expect(await outboxFor("nobody@example.test")).toEqual([]);

    const consume = (hash: string) =>
      withUser(handle.db, null, async (tx) =>
        rowsOf<{ user_id: string | null }>(
          await tx.execute(sql`select consume_password_reset(${hash}, ${"new-hash"}) as user_id`),
        ),
      );
    expect(await consume(unknown.hash)).toEqual([{ user_id: null }]);
    expect(await consume(known.hash)).toEqual([{ user_id: userId }]);
    const [user] = await handle.db.select().from(schema.users).where(eq(schema.users.id, userId));
    expect(user.passwordHash).toBe("new-hash");
    expect(await handle.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId))).toEqual([]);
    expect(await consume(known.hash)).toEqual([{ user_id: null }]);
  });

  it("are out of the app role's reach except through the functions", async () => {
    for (const table of ["password_resets", "setup_tokens"]) {
      expect(await failure(withUser(handle.db, null, (tx) => tx.execute(sql`select * from ${sql.identifier(table)}`)))).toMatch(
        /permission denied/,
      );
    }
  });
});

describe("the set-up link", () => {
  it("sets up nothing once a company exists, even with a valid link", async () => {
    const link = generateLinkToken();
    await handle.db.insert(schema.setupTokens).values({ id: link.hash, expiresAt: new Date(Date.now() + 60_000) });
    const result = await withUser(handle.db, null, async (tx) =>
      rowsOf<{ usable: boolean; user_id: string | null }>(
        await tx.execute(sql`select setup_token_usable(${link.hash}) as usable,
          setup_first_company(${link.hash}, 'late', 'Late Co', 'CNY', 'Asia/Shanghai', 'en', 'late@example.test', 'Late', 'hash') as user_id`),
      ),
    );
    expect(result).toEqual([{ usable: false, user_id: null }]);
    expect(await handle.db.select().from(schema.tenants).where(eq(schema.tenants.slug, "late"))).toEqual([]);
  });
});
