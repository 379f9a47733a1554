import type { Database } from "@db/client";
import { withUser } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { findLoginCandidate, findPasswordHash, recordSignInTime, setPasswordHash } from "~/models/users.server";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { createSession, generateSessionToken, invalidateAllSessions } from "./session.server";
import { beginAccountAttempt, clearFailures, countAddressAttempt, type ThrottleVerdict } from "./throttle.server";

export type SignInResult =
  | { ok: true; userId: string; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks the credentials and opens a session. A wrong email and a wrong password take the same
 * path (a decoy hash is verified for unknown emails) and give the same answer.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; clientAddress: string; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();

  const verdict = await openAttempt(db, null, email, input.clientAddress, now);
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };

  const user = await withUser(db, null, (tx) => findLoginCandidate(tx, email));
  // Outside any transaction: hashing takes tens of milliseconds.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);

  if (!user || !valid) {
    // The failure was counted when the attempt opened.
    await withUser(db, null, async (tx) => {
      await recordAudit(tx, {
        actorUserId: null,
        action: "auth.sign_in_failed",
        entityType: "user",
        after: { email },
        ip: input.clientAddress,
      });
    });
    return { ok: false, reason: "invalid" };
  }

  const token = generateSessionToken();
  const { expiresAt } = await withUser(db, user.id, async (tx) => {
    await clearFailures(tx, email);
    const session = await createSession(tx, token, user.id, now);
    await recordSignInTime(tx, user.id, now);
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
      ip: input.clientAddress,
    });
    return session;
  });
  return { ok: true, userId: user.id, token, expiresAt };
}

/**
 * Counts an attempt against the client address and the account, in a transaction of its own so
 * that it stays counted whatever happens next.
 */
function openAttempt(db: Database, userId: string | null, email: string, clientAddress: string, now: Date) {
  return withUser(db, userId, async (tx): Promise<ThrottleVerdict> => {
    const byAddress = await countAddressAttempt(tx, clientAddress, now);
    if (!byAddress.allowed) return byAddress;
    return beginAccountAttempt(tx, email, now);
  });
}

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: "wrong-current-password" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * A new password ends every session of the user, on every device; the device that changed it
 * gets a fresh session so that it stays signed in.
 */
export async function changePassword(
  db: Database,
  input: { userId: string; email: string; currentPassword: string; newPassword: string; clientAddress: string },
): Promise<ChangePasswordResult> {
  // The current password is a password guess like any other: throttled and audited the same way.
  const now = new Date();
  const verdict = await openAttempt(db, input.userId, input.email, input.clientAddress, now);
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  const currentHash = await withUser(db, input.userId, (tx) => findPasswordHash(tx, input.userId));
  if (!currentHash || !(await verifyPassword(currentHash, input.currentPassword))) {
    await withUser(db, input.userId, (tx) =>
      recordAudit(tx, {
        actorUserId: input.userId,
        action: "auth.password_change_failed",
        entityType: "user",
        entityId: input.userId,
        ip: input.clientAddress,
      }),
    );
    return { ok: false, reason: "wrong-current-password" };
  }
  const newHash = await hashPassword(input.newPassword);
  const token = generateSessionToken();
  const { expiresAt } = await withUser(db, input.userId, async (tx) => {
    await clearFailures(tx, input.email);
    await setPasswordHash(tx, input.userId, newHash);
    await invalidateAllSessions(tx, input.userId);
    const session = await createSession(tx, token, input.userId);
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "auth.password_changed",
      entityType: "user",
      entityId: input.userId,
      ip: input.clientAddress,
    });
    return session;
  });
  return { ok: true, token, expiresAt };
}
