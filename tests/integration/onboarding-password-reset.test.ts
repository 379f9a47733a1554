import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@db/client";
import { migrate } from "@db/migrate";
import { rowsOf } from "@db/rows";
import { withTenant } from "@db/scope";
import { enqueueInvitationEmail, insertInvitation } from "~/models/invitations.server";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { hashPassword, verifyPassword } from "~/services/auth/password.server";
import { ADDRESS_LIMIT_PER_MINUTE } from "~/services/auth/throttle.server";
import type { EmailMessage } from "~/services/notifications/email-message.server";
import { relayOnce } from "~/services/notifications/relay.server";
import { requestPasswordReset, resetLinkState, resetPassword } from "~/services/onboarding/password-reset.server";
import { createMembership, createSession, createSupplier, createTenant, createUser, uniqueSlug } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Forgotten passwords: the request answers the same whether or not the address has a login and
 * is throttled per client and per address; the e-mailed link sets a new password once and ends
 * every session. Then the account e-mails (a reset, an invitation) through the outbox relay.
 */

let handle: DatabaseHandle;
const PASSWORD = "reset-me-2026";
const client = () => `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

async function login(label: string) {
  const email = `${uniqueSlug(label)}@reset.example`;
  const id = await createUser(handle.db, { email, name: label, passwordHash: await hashPassword(PASSWORD) });
  return { id, email };
}

/** The reset links e-mailed to an address, newest first (the outbox holds the link with its token). */
async function linksTo(email: string): Promise<string[]> {
  const rows = rowsOf<{ link: string }>(
    await handle.db.execute(
      sql`select link from email_outbox where recipient = ${email} and kind = 'account.password_reset' order by created_at desc`,
    ),
  );
  return rows.map((row) => row.link.replace("/reset-password/", ""));
}

describe("asking for a reset link", () => {
  it("answers the same for a login and for an unknown address; only the login gets a link, valid one hour", async () => {
    const known = await login("known");
    const unknown = `${uniqueSlug("unknown")}@reset.example`;
    expect(await requestPasswordReset(handle.db, { email: known.email.toUpperCase(), clientAddress: client() })).toEqual({
      ok: true,
    });
    expect(await requestPasswordReset(handle.db, { email: unknown, clientAddress: client() })).toEqual({ ok: true });
    expect(await linksTo(unknown)).toEqual([]);
    const [token] = await linksTo(known.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = rowsOf<{ minutes: number }>(
      await handle.db.execute(
        sql`select round(extract(epoch from expires_at - created_at) / 60)::int as minutes from password_resets where user_id = ${known.id}::uuid`,
      ),
    );
    expect(row.minutes).toBe(60);
    expect(await resetLinkState(handle.db, token)).toBe("usable");
  });

  it("is throttled per client address and per address asked about", async () => {
    const address = client();
    for (let i = 0; i < ADDRESS_LIMIT_PER_MINUTE; i++) {
      expect(
        await requestPasswordReset(handle.db, { email: `${uniqueSlug("x")}@reset.example`, clientAddress: address }),
      ).toEqual({
        ok: true,
      });
    }
    expect(await requestPasswordReset(handle.db, { email: "one-more@reset.example", clientAddress: address })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    const target = `${uniqueSlug("target")}@reset.example`;
    for (let i = 0; i < ADDRESS_LIMIT_PER_MINUTE; i++)
      await requestPasswordReset(handle.db, { email: target, clientAddress: client() });
    expect(await requestPasswordReset(handle.db, { email: target, clientAddress: client() })).toMatchObject({
      reason: "throttled",
    });
  });
});

describe("a reset link", () => {
  it("sets the new password once, spends the login's other links and ends every session", async () => {
    const user = await login("resetter");
    await requestPasswordReset(handle.db, { email: user.email, clientAddress: client() });
    await requestPasswordReset(handle.db, { email: user.email, clientAddress: client() });
    const [newest, older] = await linksTo(user.email);
    await createSession(handle.db, { userId: user.id });
    await createSession(handle.db, { userId: user.id });

    expect(await resetPassword(handle.db, { token: newest, password: "brand-new-2026" })).toBe(true);
    const [row] = rowsOf<{ password_hash: string; sessions: number }>(
      await handle.db.execute(sql`select password_hash, (select count(*)::int from sessions where user_id = u.id) as sessions
        from users u where id = ${user.id}::uuid`),
    );
    expect(await verifyPassword(row.password_hash, "brand-new-2026")).toBe(true);
    expect(row.sessions).toBe(0);

    for (const token of [newest, older]) {
      expect(await resetLinkState(handle.db, token)).toBe("unusable");
      expect(await resetPassword(handle.db, { token, password: "third-time-2026" })).toBe(false);
    }
    const audit = rowsOf<{ action: string }>(
      await handle.db.execute(sql`select action from audit_events where actor_user_id = ${user.id}::uuid`),
    );
    expect(audit.map((a) => a.action)).toContain("password.reset");
  });

  it("is unusable once expired, and names nothing when it is not a link", async () => {
    const user = await login("late");
    const { token, hash } = generateLinkToken();
    await handle.db.execute(
      sql`insert into password_resets (id, user_id, expires_at) values (${hash}, ${user.id}::uuid, now() - interval '1 minute')`,
    );
    expect(await resetLinkState(handle.db, token)).toBe("unusable");
    expect(await resetPassword(handle.db, { token, password: "too-late-2026" })).toBe(false);
    expect(await resetLinkState(handle.db, "not-a-link")).toBe("unknown");
  });
});

describe("account e-mails through the relay", () => {
  it("renders a reset (no company) and an invitation in the recipient's language, linking to their pages", async () => {
    // A database of its own: account e-mails belong to no tenant, so a relay cannot be limited to this file's.
    const own = await openDatabase({});
    try {
      await migrate(own);
      const tenant = await createTenant(own.db, { name: "Acme Trading" });
      const supplierId = await createSupplier(own.db, { tenantId: tenant.id, code: "NW", name: "Northwind Parts" });
      const admin = await createUser(own.db, { name: "Ada Admin" });
      await createMembership(own.db, { tenantId: tenant.id, userId: admin, role: "admin" });
      const resetEmail = `${uniqueSlug("reader")}@reset.example`;
      await createUser(own.db, { email: resetEmail, locale: "zh-CN", passwordHash: await hashPassword(PASSWORD) });
      await requestPasswordReset(own.db, { email: resetEmail, clientAddress: client() });

      const invitation = generateLinkToken();
      await withTenant(own.db, { tenantId: tenant.id, supplierId: null, userId: admin, role: "admin" }, async (tx) => {
        const { id } = await insertInvitation(tx, {
          tenantId: tenant.id,
          email: "new.supplier@northwind.example",
          role: "supplier",
          supplierId,
          supplierAdmin: false,
          locale: "en",
          invitedBy: admin,
          tokenHash: invitation.hash,
          now: new Date(),
        });
        await enqueueInvitationEmail(tx, id, randomUUID(), `/invite/${invitation.token}`);
      });

      const seen: EmailMessage[] = [];
      const result = await relayOnce(own.db, {
        transport: { name: "memory", deliver: async (message) => void seen.push(message) },
        appUrl: "https://vmi.example.com/",
        from: "VMI <no-reply@vmi.example.com>",
      });
      expect(result).toMatchObject({ claimed: 2, sent: 2 });
      const reset = seen.find((m) => m.to === resetEmail)!;
      expect(reset.language).toBe("zh-CN");
      expect(reset.subject).toBe("VMI 协同门户：设置新密码");
      expect(reset.text).toMatch(/https:\/\/vmi\.example\.com\/reset-password\/[A-Za-z0-9_-]{43}\n/);
      const invite = seen.find((m) => m.to === "new.supplier@northwind.example")!;
      expect(invite.language).toBe("en");
      expect(invite.subject).toBe("Invitation to Acme Trading on the VMI Portal");
      expect(invite.text).toContain("Ada Admin invites you to Acme Trading as Supplier.");
      expect(invite.text).toContain("For the supplier Northwind Parts.");
      expect(invite.text).toContain(`https://vmi.example.com/invite/${invitation.token}\n`);
      expect(invite.html).toContain("Accept the invitation");
    } finally {
      await own.close();
    }
  });
});
