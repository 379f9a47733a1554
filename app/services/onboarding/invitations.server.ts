import { randomUUID } from "node:crypto";
import type { Database } from "@db/client";
import { actAsUser, withUser } from "@db/scope";
import { users } from "@db/schema";
import { recordAudit } from "~/models/audit.server";
import { acceptInvitation, type InvitationPreview, previewInvitation } from "~/models/invitations.server";
import { findLoginCandidate, recordSignInTime } from "~/models/users.server";
import { hashLinkToken, isLinkTokenShape } from "~/services/auth/link-tokens.server";
import { decoyPasswordHash, hashPassword, verifyPassword } from "~/services/auth/password.server";
import { createSession, generateSessionToken } from "~/services/auth/session.server";
import { beginAccountAttempt, clearFailures, countAddressAttempt, type ThrottleVerdict } from "~/services/auth/throttle.server";
import { isUniqueViolation } from "~/services/plans/common.server";
import { AppError } from "~/utils/app-error";

/**
 * An invitation link's page and its three ways in: a new login (name and password), a sign-in
 * with the invited address's existing login, or the "Join" button of that login already signed
 * in. Each accepts in the same transaction that opens the session, so a refusal leaves nothing.
 */

export type InvitationView =
  | { kind: "unknown" }
  | { kind: "gone"; state: "used" | "expired" | "revoked" }
  | {
      kind: "pending";
      company: string;
      role: InvitationPreview["role"];
      supplier: string | null;
      email: string;
      /** What the page offers: a new login, a sign-in, the Join button, or a word about the other login. */
      mode: "new" | "sign-in" | "accept" | "other-account";
      /** The signed-in login's address, when one is. */
      current: string | null;
    };

async function preview(db: Database, token: string): Promise<InvitationPreview | null> {
  if (!isLinkTokenShape(token)) return null;
  return withUser(db, null, (tx) => previewInvitation(tx, hashLinkToken(token)));
}

export async function invitationView(
  db: Database,
  token: string,
  signedIn: { id: string; email: string } | null,
): Promise<InvitationView> {
  const found = await preview(db, token);
  if (!found) return { kind: "unknown" };
  if (found.state !== "pending") return { kind: "gone", state: found.state };
  const same = signedIn !== null && signedIn.email.toLowerCase() === found.email.toLowerCase();
  return {
    kind: "pending",
    company: found.tenantName,
    role: found.role,
    supplier: found.supplierName,
    email: found.email,
    mode: signedIn ? (same ? "accept" : "other-account") : found.hasAccount ? "sign-in" : "new",
    current: signedIn?.email ?? null,
  };
}

export type AcceptResult =
  | { ok: true; slug: string; company: string; userId: string; session?: { token: string; expiresAt: Date } }
  | { ok: false; reason: "gone" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Rolls the transaction back when the invitation turned out not to be acceptable meanwhile. */
class NotAccepted extends Error {}

async function acceptInTransaction(
  tx: Parameters<Parameters<typeof withUser>[2]>[0],
  tokenHash: string,
  userId: string,
): Promise<string> {
  const { outcome, tenantSlug } = await acceptInvitation(tx, tokenHash, userId);
  if (outcome !== "accepted" || !tenantSlug) throw new NotAccepted(outcome);
  return tenantSlug;
}

/**
 * A new login for the invited address, member of the company at once, signed in. The address is
 * the invitation's: the person chooses a name and a password only.
 */
export async function acceptWithNewLogin(
  db: Database,
  input: { token: string; name: string; password: string; clientAddress: string; now?: Date },
): Promise<AcceptResult> {
  const now = input.now ?? new Date();
  const found = await preview(db, input.token);
  if (!found || found.state !== "pending") return { ok: false, reason: "gone" };
  if (found.hasAccount) throw AppError.invalid({ formErrors: [{ key: "onboarding.errors.accountExists" }] });
  const passwordHash = await hashPassword(input.password);
  const sessionToken = generateSessionToken();
  const userId = randomUUID();
  try {
    return await withUser(db, null, async (tx): Promise<AcceptResult> => {
      // The new row is the transaction's own user: the users_self policy lets it write it.
      await actAsUser(tx, userId);
      await tx.insert(users).values({
        id: userId,
        email: found.email.trim().toLowerCase(),
        name: input.name,
        passwordHash,
        locale: found.locale,
        passwordChangedAt: now,
      });
      const slug = await acceptInTransaction(tx, hashLinkToken(input.token), userId);
      const { expiresAt } = await createSession(tx, sessionToken, userId, now);
      await recordSignInTime(tx, userId, now);
      await recordAudit(tx, {
        actorUserId: userId,
        action: "auth.account_created",
        entityType: "user",
        entityId: userId,
        ip: input.clientAddress,
      });
      return { ok: true, slug, company: found.tenantName, userId, session: { token: sessionToken, expiresAt } };
    });
  } catch (error) {
    if (error instanceof NotAccepted) return { ok: false, reason: "gone" };
    if (isUniqueViolation(error, "users_email")) {
      throw AppError.invalid({ formErrors: [{ key: "onboarding.errors.accountExists" }] });
    }
    throw error;
  }
}

/** Counts a password attempt against the client address and the account, as sign-in does. */
function openAttempt(db: Database, email: string, clientAddress: string, now: Date) {
  return withUser(db, null, async (tx): Promise<ThrottleVerdict> => {
    const byAddress = await countAddressAttempt(tx, clientAddress, now);
    if (!byAddress.allowed) return byAddress;
    return beginAccountAttempt(tx, email, now);
  });
}

/**
 * Signs in with the invited address's existing login and accepts, in one go. Throttled and
 * audited like the sign-in page; a wrong password gives the same answer as an unknown login.
 */
export async function acceptWithSignIn(
  db: Database,
  input: { token: string; email: string; password: string; clientAddress: string; now?: Date },
): Promise<AcceptResult> {
  const now = input.now ?? new Date();
  const found = await preview(db, input.token);
  if (!found || found.state !== "pending") return { ok: false, reason: "gone" };
  const email = input.email.trim().toLowerCase();
  if (email !== found.email.toLowerCase()) {
    throw AppError.invalid({
      fieldErrors: { email: [{ key: "onboarding.errors.otherEmail", params: { email: found.email } }] },
    });
  }
  const verdict = await openAttempt(db, email, input.clientAddress, now);
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  const user = await withUser(db, null, (tx) => findLoginCandidate(tx, email));
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !valid) {
    await withUser(db, null, (tx) =>
      recordAudit(tx, {
        actorUserId: null,
        action: "auth.sign_in_failed",
        entityType: "user",
        after: { email },
        ip: input.clientAddress,
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  const sessionToken = generateSessionToken();
  try {
    return await withUser(db, user.id, async (tx): Promise<AcceptResult> => {
      await clearFailures(tx, email);
      const slug = await acceptInTransaction(tx, hashLinkToken(input.token), user.id);
      const { expiresAt } = await createSession(tx, sessionToken, user.id, now);
      await recordSignInTime(tx, user.id, now);
      await recordAudit(tx, {
        actorUserId: user.id,
        action: "auth.sign_in",
        entityType: "user",
        entityId: user.id,
        ip: input.clientAddress,
      });
      return { ok: true, slug, company: found.tenantName, userId: user.id, session: { token: sessionToken, expiresAt } };
    });
  } catch (error) {
    if (error instanceof NotAccepted) return { ok: false, reason: "gone" };
    throw error;
  }
}

/** The signed-in login of the invited address joins with the button. */
export async function acceptAsSignedIn(db: Database, input: { token: string; userId: string }): Promise<AcceptResult> {
  const found = await preview(db, input.token);
  if (!found || found.state !== "pending") return { ok: false, reason: "gone" };
  try {
    return await withUser(db, input.userId, async (tx): Promise<AcceptResult> => {
      const slug = await acceptInTransaction(tx, hashLinkToken(input.token), input.userId);
      return { ok: true, slug, company: found.tenantName, userId: input.userId };
    });
  } catch (error) {
    if (error instanceof NotAccepted) return { ok: false, reason: "gone" };
    throw error;
  }
}
