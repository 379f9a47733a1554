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

export async function validateSessionToken(tx: Tx, token: string, now = new Date()): Promise<ValidSession | null> {
  const sessionId = sessionIdFromToken(token);
  // Before the user is known the app role sees no session rows; the definer function finds it.
  const result = await tx.execute(sql`select user_id, expires_at, email, name, locale from auth_session(${sessionId})`);
  const [found] = rowsOf<SessionRow>(result);
  if (!found) return null;
  await actAsUser(tx, found.user_id);
  return checkExpiry(tx, sessionId, found, now);
}

/** A user's membership as the session check reads it (see auth_session_context). */
export interface SessionMembership {
  tenantId: string;
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  role: string;
  supplierId: string | null;
  /** A supplier member who administers its own supplier's people. */
  supplierAdmin?: boolean;
  dataVersion: string;
  /** Unread notifications of the user in this tenant. */
  unread?: number;
  /** Plans waiting for this membership's approval step (buyer: submitted; manager: in review). */
  awaiting?: number;
  /** Open alerts this membership sees (a supplier: its own), less those snoozed to a later day. */
  alerts?: number;
}

/**
 * The session and its user's memberships in one statement (every signed-in request needs both).
 * The transaction acts as the user afterwards only when the session must be written (renewed or
 * deleted): reading needs no user context, since the definer function returns nothing else.
 */
export async function validateSessionContext(
  tx: Tx,
  token: string,
  now = new Date(),
): Promise<{ session: ValidSession; memberships: SessionMembership[] } | null> {
  const sessionId = sessionIdFromToken(token);
  const [found] = rowsOf<SessionRow & { memberships: unknown }>(
    await tx.execute(sql`select user_id, expires_at, email, name, locale, memberships from auth_session_context(${sessionId})`),
  );
  if (!found) return null;
  const expiresAt = new Date(found.expires_at);
  const needsWrite = now.getTime() >= expiresAt.getTime() || expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS;
  if (needsWrite) await actAsUser(tx, found.user_id);
  const session = await checkExpiry(tx, sessionId, found, now);
  if (!session) return null;
  const raw = typeof found.memberships === "string" ? JSON.parse(found.memberships) : found.memberships;
  return { session, memberships: (raw ?? []) as SessionMembership[] };
}

interface SessionRow {
  user_id: string;
  expires_at: string | Date;
  email: string;
  name: string;
  locale: string | null;
}

/** Deletes an expired session, renews one that expires within 15 days, or passes it as it is. */
async function checkExpiry(tx: Tx, sessionId: string, found: SessionRow, now: Date): Promise<ValidSession | null> {
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
