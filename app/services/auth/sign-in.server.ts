import type { Database } from "@db/client";
import { withUser } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { findLoginCandidate, findPasswordHash, setPasswordHash } from "~/models/users.server";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { createSession, generateSessionToken, invalidateAllSessions } from "./session.server";
import { checkAccount, clearFailures, countAddressAttempt, recordFailure } from "./throttle.server";

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

  // Committed on its own, so that refused and failed attempts still count.
  const verdict = await withUser(db, null, async (tx) => {
    const byAddress = await countAddressAttempt(tx, input.clientAddress, now);
    if (!byAddress.allowed) return byAddress;
    return checkAccount(tx, email, now);
  });
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };

  const user = await withUser(db, null, (tx) => findLoginCandidate(tx, email));
  // Outside any transaction: hashing takes tens of milliseconds.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);

  if (!user || !valid) {
    await withUser(db, null, async (tx) => {
      await recordFailure(tx, email, now);
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

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: "wrong-current-password" };

/**
 * A new password ends every session of the user, on every device; the device that changed it
 * gets a fresh session so that it stays signed in.
 */
export async function changePassword(
  db: Database,
  input: { userId: string; currentPassword: string; newPassword: string; clientAddress: string },
): Promise<ChangePasswordResult> {
  const currentHash = await withUser(db, input.userId, (tx) => findPasswordHash(tx, input.userId));
  if (!currentHash || !(await verifyPassword(currentHash, input.currentPassword))) {
    return { ok: false, reason: "wrong-current-password" };
  }
  const newHash = await hashPassword(input.newPassword);
  const token = generateSessionToken();
  const { expiresAt } = await withUser(db, input.userId, async (tx) => {
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
