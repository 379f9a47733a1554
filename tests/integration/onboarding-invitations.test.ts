import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import type { Role } from "@db/schema";
import { insertInvitation, revokeInvitation } from "~/models/invitations.server";
import { listMemberships } from "~/services/auth/guards.server";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { hashPassword, verifyPassword } from "~/services/auth/password.server";
import { sessionIdFromToken } from "~/services/auth/session.server";
import { FREE_FAILURES } from "~/services/auth/throttle.server";
import { acceptAsSignedIn, acceptWithNewLogin, acceptWithSignIn, invitationView } from "~/services/onboarding/invitations.server";
import { isAppError } from "~/utils/app-error";
import { createSupplier, createTenant, createUser, uniqueSlug } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Accepting an invitation: with a new login, with the invited address's existing login (signing
 * in), or as that login already signed in; each in one transaction with its session. Used,
 * expired, withdrawn and unknown links accept nothing.
 */

let handle: DatabaseHandle;
let tenant: { id: string; slug: string };
let supplierId: string;
const PASSWORD = "invited-2026";

beforeAll(async () => {
  handle = await openTestDatabase();
  tenant = await createTenant(handle.db, { slugPrefix: "invite", name: "Invite Trading" });
  supplierId = await createSupplier(handle.db, { tenantId: tenant.id, code: "NW", name: "Northwind Parts" });
});

afterAll(async () => {
  await handle?.close();
});

async function invite(spec: { email: string; role: Role; supplierId?: string; now?: Date; supplierAdmin?: boolean }) {
  const { token, hash } = generateLinkToken();
  const { id } = await handle.db.transaction((tx) =>
    insertInvitation(tx, {
      tenantId: tenant.id,
      email: spec.email,
      role: spec.role,
      supplierId: spec.supplierId ?? null,
      supplierAdmin: spec.supplierAdmin ?? false,
      locale: "en",
      invitedBy: null,
      tokenHash: hash,
      now: spec.now ?? new Date(),
    }),
  );
  return { token, id };
}

const address = (label: string) => `${uniqueSlug(label)}@invite.example`;
const client = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

async function existingLogin(label: string) {
  const email = address(label);
  const id = await createUser(handle.db, { email, name: label, passwordHash: await hashPassword(PASSWORD) });
  return { id, email };
}

describe("an invitation to a new address", () => {
  it("shows the company, the role and a new-login form; the new login joins, signed in, once", async () => {
    const email = address("new-buyer");
    const { token } = await invite({ email: email.toUpperCase(), role: "buyer" });
    expect(await invitationView(handle.db, token, null)).toMatchObject({
      kind: "pending",
      company: "Invite Trading",
      role: "buyer",
      supplier: null,
      email,
      mode: "new",
    });

    const result = await acceptWithNewLogin(handle.db, {
      token,
      name: "Nina Buyer",
      password: PASSWORD,
      clientAddress: client(),
    });
    expect(result).toMatchObject({ ok: true, slug: tenant.slug, company: "Invite Trading" });
    if (!result.ok) return;
    const [user] = rowsOf<{ email: string; name: string; locale: string; password_hash: string }>(
      await handle.db.execute(sql`select email, name, locale, password_hash from users where id = ${result.userId}::uuid`),
    );
    expect(user).toMatchObject({ email, name: "Nina Buyer", locale: "en" });
    expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
    expect((await listMemberships(handle.db, result.userId)).map((m) => [m.tenant.slug, m.role])).toEqual([
      [tenant.slug, "buyer"],
    ]);
    const sessions = rowsOf<{ user_id: string }>(
      await handle.db.execute(sql`select user_id from sessions where id = ${sessionIdFromToken(result.session!.token)}`),
    );
    expect(sessions).toEqual([{ user_id: result.userId }]);

    expect(await invitationView(handle.db, token, null)).toEqual({ kind: "gone", state: "used" });
    expect(await acceptWithNewLogin(handle.db, { token, name: "Again", password: PASSWORD, clientAddress: client() })).toEqual({
      ok: false,
      reason: "gone",
    });
  });

  it("refuses a new login once the address has one, writing nothing", async () => {
    const { email } = await existingLogin("already");
    const { token } = await invite({ email, role: "manager" });
    const error = await acceptWithNewLogin(handle.db, { token, name: "Dup", password: PASSWORD, clientAddress: client() }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error, "invalid") && error.formErrors).toEqual([{ key: "onboarding.errors.accountExists" }]);
    expect((await invitationView(handle.db, token, null)).kind).toBe("pending");
  });
});

describe("an invitation to an address with a login", () => {
  it("asks for its password, refuses a wrong one and another address, and joins with the right one", async () => {
    const login = await existingLogin("supplier-person");
    const { token } = await invite({ email: login.email, role: "supplier", supplierId, supplierAdmin: true });
    expect(await invitationView(handle.db, token, null)).toMatchObject({
      mode: "sign-in",
      role: "supplier",
      supplier: "Northwind Parts",
    });

    const wrong = await acceptWithSignIn(handle.db, {
      token,
      email: login.email,
      password: "wrong-password",
      clientAddress: client(),
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    const other = await acceptWithSignIn(handle.db, {
      token,
      email: address("someone-else"),
      password: PASSWORD,
      clientAddress: client(),
    }).catch((e: unknown) => e);
    expect(isAppError(other, "invalid") && Object.keys(other.fieldErrors)).toEqual(["email"]);

    const result = await acceptWithSignIn(handle.db, { token, email: login.email, password: PASSWORD, clientAddress: client() });
    expect(result).toMatchObject({ ok: true, slug: tenant.slug, userId: login.id });
    const memberships = await listMemberships(handle.db, login.id);
    expect(memberships.map((m) => [m.role, m.supplierId, m.supplierAdmin])).toEqual([["supplier", supplierId, true]]);
  });

  it("throttles password attempts like the sign-in page", async () => {
    const login = await existingLogin("throttled");
    const { token } = await invite({ email: login.email, role: "buyer" });
    for (let i = 0; i < FREE_FAILURES; i++) {
      const attempt = await acceptWithSignIn(handle.db, {
        token,
        email: login.email,
        password: "nope-nope",
        clientAddress: client(),
      });
      expect(attempt).toEqual({ ok: false, reason: "invalid" });
    }
    const throttled = await acceptWithSignIn(handle.db, {
      token,
      email: login.email,
      password: PASSWORD,
      clientAddress: client(),
    });
    expect(throttled).toMatchObject({ ok: false, reason: "throttled" });
    expect((await invitationView(handle.db, token, null)).kind).toBe("pending");
  });

  it("offers the signed-in invitee a Join button, and tells another login it is the wrong one", async () => {
    const invitee = await existingLogin("invitee");
    const stranger = await existingLogin("stranger");
    const { token } = await invite({ email: invitee.email, role: "manager" });
    expect(await invitationView(handle.db, token, stranger)).toMatchObject({ mode: "other-account", current: stranger.email });
    expect(await acceptAsSignedIn(handle.db, { token, userId: stranger.id })).toEqual({ ok: false, reason: "gone" });
    expect(await listMemberships(handle.db, stranger.id)).toEqual([]);

    expect(await invitationView(handle.db, token, invitee)).toMatchObject({ mode: "accept" });
    expect(await acceptAsSignedIn(handle.db, { token, userId: invitee.id })).toMatchObject({ ok: true, slug: tenant.slug });
    expect((await listMemberships(handle.db, invitee.id)).map((m) => m.role)).toEqual(["manager"]);
  });
});

describe("links that cannot be used", () => {
  it("says what happened to an expired or withdrawn invitation, names nothing for an unknown one, and accepts none", async () => {
    const expired = await invite({ email: address("late"), role: "buyer", now: new Date(Date.now() - 8 * 24 * 3600 * 1000) });
    const revoked = await invite({ email: address("withdrawn"), role: "buyer" });
    await handle.db.transaction((tx) => revokeInvitation(tx, revoked.id, new Date()));
    expect(await invitationView(handle.db, expired.token, null)).toEqual({ kind: "gone", state: "expired" });
    expect(await invitationView(handle.db, revoked.token, null)).toEqual({ kind: "gone", state: "revoked" });
    expect(await invitationView(handle.db, generateLinkToken().token, null)).toEqual({ kind: "unknown" });
    expect(await invitationView(handle.db, "not-a-token", null)).toEqual({ kind: "unknown" });
    for (const token of [expired.token, revoked.token]) {
      const result = await acceptWithNewLogin(handle.db, { token, name: "Late", password: PASSWORD, clientAddress: client() });
      expect(result).toEqual({ ok: false, reason: "gone" });
    }
  });
});
