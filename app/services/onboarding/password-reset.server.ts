import type { Database } from "@db/client";
import { withUser } from "@db/scope";
import {
  consumePasswordReset,
  issuePasswordReset,
  PASSWORD_RESET_LIFETIME_MS,
  passwordResetUsable,
} from "~/models/password-resets.server";
import { generateLinkToken, hashLinkToken, isLinkTokenShape } from "~/services/auth/link-tokens.server";
import { hashPassword } from "~/services/auth/password.server";
import { accountKey, countAddressAttempt, type ThrottleVerdict } from "~/services/auth/throttle.server";

/**
 * Forgotten passwords: a request e-mails a one-hour link to whoever owns the address and may sign
 * in; the link's page sets a new password once and ends every session of the login.
 */

export type ResetRequestResult = { ok: true } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Counts the request against the client address and against the address asked about, each in a
 * one-minute window like the sign-in page's address limit, whether or not the address has a login.
 */
function countRequest(db: Database, email: string, clientAddress: string, now: Date) {
  return withUser(db, null, async (tx): Promise<ThrottleVerdict> => {
    const byAddress = await countAddressAttempt(tx, clientAddress, now);
    if (!byAddress.allowed) return byAddress;
    return countAddressAttempt(tx, `reset:${accountKey(email)}`, now);
  });
}

/**
 * Issues a reset link for `email`. The same work and the same answer whether or not the address
 * has a login: a token is made and hashed either way, and the definer function decides in the
 * database, so neither the answer nor its time tells the caller which it was.
 */
export async function requestPasswordReset(
  db: Database,
  input: { email: string; clientAddress: string; now?: Date },
): Promise<ResetRequestResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const verdict = await countRequest(db, email, input.clientAddress, now);
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  const { token, hash } = generateLinkToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
  await withUser(db, null, (tx) => issuePasswordReset(tx, email, hash, `/reset-password/${token}`, expiresAt));
  return { ok: true };
}

export type ResetLinkState = "usable" | "unknown" | "unusable";

export async function resetLinkState(db: Database, token: string): Promise<ResetLinkState> {
  if (!isLinkTokenShape(token)) return "unknown";
  const usable = await withUser(db, null, (tx) => passwordResetUsable(tx, hashLinkToken(token)));
  return usable ? "usable" : "unusable";
}

/** Sets the new password with the link: true when it was used, false when it cannot be (any more). */
export async function resetPassword(db: Database, input: { token: string; password: string }): Promise<boolean> {
  if (!isLinkTokenShape(input.token)) return false;
  const passwordHash = await hashPassword(input.password);
  const userId = await withUser(db, null, (tx) => consumePasswordReset(tx, hashLinkToken(input.token), passwordHash));
  return userId !== null;
}
