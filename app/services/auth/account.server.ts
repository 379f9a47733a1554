import { withUser } from "@db/scope";
import type { Language } from "~/i18n";
import { setLocale } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { listMemberships } from "./guards.server";
import { invalidateSession } from "./session.server";
import { changePassword, signIn } from "./sign-in.server";

/**
 * The account pages' use cases on the portal's database: the routes call these, the tests call
 * the functions behind them with a database of their own.
 */

/** Checks the credentials and opens a session (see signIn). */
export function signInWithPassword(input: Parameters<typeof signIn>[1]) {
  return signIn(getDb(), input);
}

/** Changes the user's password and ends every other session (see changePassword). */
export function changeOwnPassword(input: Parameters<typeof changePassword>[1]) {
  return changePassword(getDb(), input);
}

/** Deletes the session row, so the old cookie is worthless even if it was copied. */
export function signOut(userId: string, sessionId: string) {
  return withUser(getDb(), userId, (tx) => invalidateSession(tx, sessionId));
}

/** Keeps the user's language on the account, for every device and for the e-mails. */
export function saveLanguage(userId: string, language: Language) {
  return withUser(getDb(), userId, (tx) => setLocale(tx, userId, language));
}

/** Where the start page sends the user: the first company they belong to, if any. */
export async function firstTenantSlug(userId: string): Promise<string | null> {
  const memberships = await listMemberships(getDb(), userId);
  return memberships[0]?.tenant.slug ?? null;
}
