import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { users } from "@db/schema";

/**
 * The account an email signs in to. The app role cannot read other users' rows, so this goes
 * through the security-definer function auth_login_candidate (migration 0003).
 */
export async function findLoginCandidate(tx: Tx, email: string) {
  const result = await tx.execute(sql`select id, password_hash from auth_login_candidate(${email.trim().toLowerCase()})`);
  const [row] = rowsOf<{ id: string; password_hash: string }>(result);
  return row ? { id: row.id, passwordHash: row.password_hash } : null;
}

/** Notes the time of a successful sign-in (shown to the tenant's administrators); as the user. */
export async function recordSignInTime(tx: Tx, userId: string, at: Date) {
  await tx.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
}

export function findPasswordHash(tx: Tx, userId: string) {
  return tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .then((rows) => rows[0]?.passwordHash ?? null);
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
}

export async function setLocale(tx: Tx, userId: string, locale: string) {
  await tx.update(users).set({ locale }).where(eq(users.id, userId));
}
