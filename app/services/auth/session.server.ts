import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { sessions } from "@db/schema";
import { actAsUser } from "@db/scope";

/**
 * Sessions as in Lucia's guide: a random token in the cookie, only its SHA-256 in the database,
 * 30 days of life, extended when fewer than 15 remain.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  /** True when this validation extended the expiry: the cookie must be sent again. */
  renewed: boolean;
  user: SessionUser;
}

/** 20 bytes from the CSPRNG = 160 bits, base32 so it is cookie-safe. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(tx: Tx, token: string, userId: string, now = new Date()) {
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await tx.insert(sessions).values({ id: sessionIdFromToken(token), userId, expiresAt });
  return { expiresAt };
}

export async function validateSessionToken(
  tx: Tx,
  token: string,
  now = new Date(),
): Promise<ValidSession | null> {
  const sessionId = sessionIdFromToken(token);
  // Before the user is known the app role sees no session rows; the definer function finds it.
  const result = await tx.execute(
    sql`select user_id, expires_at, email, name, locale from auth_session(${sessionId})`,
  );
  const [found] = rowsOf<{ user_id: string; expires_at: string | Date; email: string; name: string; locale: string | null }>(result);
  if (!found) return null;
  await actAsUser(tx, found.user_id);
  const row = {
    expiresAt: new Date(found.expires_at),
    user: { id: found.user_id, email: found.email, name: found.name, locale: found.locale },
  };
  if (now.getTime() >= row.expiresAt.getTime()) {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  if (row.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    return { sessionId, expiresAt, renewed: true, user: row.user };
  }
  return { sessionId, expiresAt: row.expiresAt, renewed: false, user: row.user };
}

export async function invalidateSession(tx: Tx, sessionId: string) {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessions(tx: Tx, userId: string) {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}
