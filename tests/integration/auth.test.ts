import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { auditEvents, sessions, users } from "@db/schema";
import { withUser } from "@db/scope";
import { hashPassword } from "~/services/auth/password.server";
import {
  createSession,
  generateSessionToken,
  SESSION_LIFETIME_MS,
  sessionIdFromToken,
  validateSessionToken,
} from "~/services/auth/session.server";
import { changePassword, signIn } from "~/services/auth/sign-in.server";
import { openTestDatabase } from "../support/test-database";

const DAY = 24 * 60 * 60 * 1000;
let handle: DatabaseHandle;
let userId: string;
let email: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  email = `user-${randomUUID().slice(0, 8)}@auth.example`;
  const [user] = await handle.db
    .insert(users)
    .values({ email, name: "Auth Tester", passwordHash: await hashPassword("correct-horse") })
    .returning({ id: users.id });
  userId = user.id;
});

afterAll(async () => {
  await handle?.close();
});

const address = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;

describe("session tokens", () => {
  it("are 160 random bits and only their SHA-256 is stored", async () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(generateSessionToken()).not.toBe(token);
    await withUser(handle.db, userId, (tx) => createSession(tx, token, userId));
    const stored = await handle.db.select().from(sessions).where(eq(sessions.userId, userId));
    const ids = stored.map((s) => s.id);
    expect(ids).toContain(sessionIdFromToken(token));
    expect(ids).not.toContain(token);
    expect(sessionIdFromToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("last 30 days, are extended when fewer than 15 remain, and die when expired", async () => {
    const token = generateSessionToken();
    const start = new Date("2030-01-01T00:00:00Z");
    await withUser(handle.db, userId, (tx) => createSession(tx, token, userId, start));
    const validate = (at: Date) => withUser(handle.db, null, (tx) => validateSessionToken(tx, token, at));

    const day10 = await validate(new Date(start.getTime() + 10 * DAY));
    expect(day10?.renewed).toBe(false);
    expect(day10?.expiresAt.getTime()).toBe(start.getTime() + SESSION_LIFETIME_MS);

    const day16 = new Date(start.getTime() + 16 * DAY);
    const renewed = await validate(day16);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBe(day16.getTime() + SESSION_LIFETIME_MS);

    expect(await validate(new Date(day16.getTime() + SESSION_LIFETIME_MS + 1))).toBeNull();
    const left = await handle.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdFromToken(token)));
    expect(left).toEqual([]);
  });

  it("an unknown token is no session", async () => {
    expect(await withUser(handle.db, null, (tx) => validateSessionToken(tx, generateSessionToken()))).toBeNull();
  });
});

describe("sign-in", () => {
  it("opens a session for the right password and audits it", async () => {
    const result = await signIn(handle.db, { email: email.toUpperCase(), password: "correct-horse", clientAddress: address() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await withUser(handle.db, null, (tx) => validateSessionToken(tx, result.token));
    expect(session?.user.id).toBe(userId);
    const audit = await handle.db
      .select({ action: auditEvents.action, tenantId: auditEvents.tenantId })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "auth.sign_in")));
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0].tenantId).toBeNull();
  });

  it("answers a wrong email exactly like a wrong password, and audits both", async () => {
    const unknown = `nobody-${randomUUID().slice(0, 8)}@auth.example`;
    const wrongEmail = await signIn(handle.db, { email: unknown, password: "correct-horse", clientAddress: address() });
    const wrongPassword = await signIn(handle.db, { email, password: "wrong-horse", clientAddress: address() });
    expect(wrongEmail).toEqual({ ok: false, reason: "invalid" });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    const failed = await handle.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.sign_in_failed"));
    const emails = failed.map((row) => (row.after as { email: string }).email);
    expect(emails).toContain(unknown);
    expect(emails).toContain(email);
  });

  it("takes about as long for an unknown email as for a wrong password", async () => {
    const time = async (who: string) => {
      const started = performance.now();
      await signIn(handle.db, { email: who, password: "wrong-horse-2", clientAddress: address() });
      return performance.now() - started;
    };
    // Failures on these addresses count, so use fresh emails for the known-account side too.
    const passwordHash = await hashPassword("x-password");
    const accounts = await handle.db
      .insert(users)
      .values([0, 1, 2].map((i) => ({ email: `timing-${i}-${randomUUID().slice(0, 8)}@auth.example`, name: "T", passwordHash })))
      .returning({ email: users.email });
    const unknown: number[] = [];
    const known: number[] = [];
    // Twelve each, interleaved, so that a busy moment of the machine weighs on both sides alike;
    // four failures per known account, as a fifth would start its back-off.
    for (let i = 0; i < 12; i++) {
      unknown.push(await time(`ghost-${i}-${randomUUID().slice(0, 6)}@auth.example`));
      known.push(await time(accounts[i % accounts.length].email));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Both verify an argon2id hash. Without the decoy an unknown email costs about a tenth of a
    // wrong password; a ratio bound catches that and tolerates a busy machine.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("makes an account wait after five failures, even from new addresses", async () => {
    const target = `locked-${randomUUID().slice(0, 8)}@auth.example`;
    const now = new Date();
    for (let i = 0; i < 5; i++) {
      const r = await signIn(handle.db, { email: target, password: "nope-nope", clientAddress: address(), now });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await signIn(handle.db, { email: target, password: "nope-nope", clientAddress: address(), now });
    expect(sixth).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 5 });
    const later = await signIn(handle.db, {
      email: target,
      password: "nope-nope",
      clientAddress: address(),
      now: new Date(now.getTime() + 6_000),
    });
    expect(later).toEqual({ ok: false, reason: "invalid" });
    const seventh = await signIn(handle.db, {
      email: target,
      password: "nope-nope",
      clientAddress: address(),
      now: new Date(now.getTime() + 6_000),
    });
    expect(seventh).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 10 });
  });

  it("refuses the eleventh attempt in a minute from one address", async () => {
    const from = address();
    const now = new Date();
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(
        await signIn(handle.db, {
          email: `a${i}-${randomUUID().slice(0, 6)}@x.example`,
          password: "whatever1",
          clientAddress: from,
          now,
        }),
      );
    }
    expect(results.slice(0, 10).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[10]).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    const nextMinute = await signIn(handle.db, {
      email: email,
      password: "correct-horse",
      clientAddress: from,
      now: new Date(now.getTime() + 61_000),
    });
    expect(nextMinute.ok).toBe(true);
  });
});

describe("attempts in parallel", () => {
  it("a burst of wrong passwords gets at most five checked; the rest wait", async () => {
    const [victim] = await handle.db
      .insert(users)
      .values({
        email: `burst-${randomUUID().slice(0, 8)}@auth.example`,
        name: "B",
        passwordHash: await hashPassword("right-password"),
      })
      .returning({ email: users.email });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(handle.db, { email: victim.email, password: `wrong-${i}-password`, clientAddress: address() }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    const refused = results.filter((r) => !r.ok && r.reason === "throttled").length;
    expect(checked).toBe(5);
    expect(refused).toBe(15);
  });
});

describe("password change", () => {
  it("throttles and audits wrong current passwords like sign-in", async () => {
    const target = `pw-${randomUUID().slice(0, 8)}@auth.example`;
    const [user] = await handle.db
      .insert(users)
      .values({ email: target, name: "P", passwordHash: await hashPassword("right-password") })
      .returning({ id: users.id });
    const attempt = () =>
      changePassword(handle.db, {
        userId: user.id,
        email: target,
        currentPassword: "guess-password",
        newPassword: "new-password-1",
        clientAddress: address(),
      });
    for (let i = 0; i < 5; i++) expect(await attempt()).toEqual({ ok: false, reason: "wrong-current-password" });
    expect(await attempt()).toMatchObject({ ok: false, reason: "throttled" });
    const audited = await handle.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.action, "auth.password_change_failed")));
    expect(audited).toHaveLength(5);
  });

  it("ends every session of the user and keeps a fresh one for the device that changed it", async () => {
    const tokens = [generateSessionToken(), generateSessionToken()];
    for (const token of tokens) await withUser(handle.db, userId, (tx) => createSession(tx, token, userId));
    const wrong = await changePassword(handle.db, {
      userId,
      email,
      currentPassword: "not-current",
      newPassword: "new-password-1",
      clientAddress: address(),
    });
    expect(wrong).toEqual({ ok: false, reason: "wrong-current-password" });

    const changed = await changePassword(handle.db, {
      userId,
      email,
      currentPassword: "correct-horse",
      newPassword: "new-password-1",
      clientAddress: address(),
    });
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    for (const token of tokens) {
      expect(await withUser(handle.db, null, (tx) => validateSessionToken(tx, token))).toBeNull();
    }
    const remaining = await handle.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
    expect(remaining.map((s) => s.id)).toEqual([sessionIdFromToken(changed.token)]);
    expect((await signIn(handle.db, { email, password: "new-password-1", clientAddress: address() })).ok).toBe(true);
    expect(await signIn(handle.db, { email, password: "correct-horse", clientAddress: address() })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
