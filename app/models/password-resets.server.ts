import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";

/**
 * Password reset links, through the security-definer functions of the administration migration
 * (the person is not signed in; the app role has no grant on password_resets). Token hashes come
 * from the caller (see services/auth/link-tokens).
 */

/** How long a reset link stays valid. */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Stores a reset for whoever owns `email` and may sign in, and writes its e-mail (with `link`)
 * into the outbox; does nothing otherwise, and says nothing either way.
 */
export async function issuePasswordReset(tx: Tx, email: string, tokenHash: string, link: string, expiresAt: Date) {
  await tx.execute(sql`select issue_password_reset(${email}, ${tokenHash}, ${link}, ${expiresAt.toISOString()}::timestamptz)`);
}

export async function passwordResetUsable(tx: Tx, tokenHash: string): Promise<boolean> {
  const [row] = rowsOf<{ usable: boolean }>(await tx.execute(sql`select password_reset_usable(${tokenHash}) as usable`));
  return row?.usable === true;
}

/**
 * Sets the new password (hashed), spends every open link of the login, ends all its sessions and
 * audits it. The login's id, or null when the link cannot be used.
 */
export async function consumePasswordReset(tx: Tx, tokenHash: string, passwordHash: string): Promise<string | null> {
  const [row] = rowsOf<{ user_id: string | null }>(
    await tx.execute(sql`select consume_password_reset(${tokenHash}, ${passwordHash}) as user_id`),
  );
  return row?.user_id ?? null;
}
