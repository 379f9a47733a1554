import type { Database } from "@db/client";
import { actAsUser, withUser } from "@db/scope";
import {
  insertSetupTokenIfNoCompany,
  SETUP_LINK_LIFETIME_MS,
  setupFirstCompany,
  setupTokenUsable,
} from "~/models/setup-tokens.server";
import { recordSignInTime } from "~/models/users.server";
import { generateLinkToken, hashLinkToken, isLinkTokenShape } from "~/services/auth/link-tokens.server";
import { hashPassword } from "~/services/auth/password.server";
import { createSession, generateSessionToken } from "~/services/auth/session.server";
import { isUniqueViolation } from "~/services/plans/common.server";
import { AppError } from "~/utils/app-error";
import type { SetupInput } from "./company-rules";

/**
 * The set-up link of an empty installation: `npm start` with the demo off and no company prints
 * it; its page creates the first company and its administrator, who is then signed in.
 */

export interface SetupLink {
  url: string;
  expiresAt: Date;
}

/**
 * As the owner: a fresh link when no company exists (null otherwise). Every start of an empty
 * installation prints a new one; the earlier ones stay valid until they expire or one is used.
 */
export async function issueSetupLink(db: Database, appUrl: string, now = new Date()): Promise<SetupLink | null> {
  const { token, hash } = generateLinkToken();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_LIFETIME_MS);
  const stored = await db.transaction((tx) => insertSetupTokenIfNoCompany(tx, hash, expiresAt));
  return stored ? { url: `${appUrl.replace(/\/+$/, "")}/setup/${token}`, expiresAt } : null;
}

/** What the link's page shows: the form, or why not (an address that is no link at all, or a spent one). */
export type SetupLinkState = "usable" | "unknown" | "unusable";

export async function setupLinkState(db: Database, token: string): Promise<SetupLinkState> {
  if (!isLinkTokenShape(token)) return "unknown";
  const usable = await withUser(db, null, (tx) => setupTokenUsable(tx, hashLinkToken(token)));
  return usable ? "usable" : "unusable";
}

export type SetupResult =
  { ok: true; slug: string; userId: string; sessionToken: string; expiresAt: Date } | { ok: false; reason: "unusable" };

/**
 * Creates the first company and its administrator with the link, and opens the administrator's
 * session, in one transaction. A slug or e-mail already taken is refused on its field.
 */
export async function setUpFirstCompany(
  db: Database,
  input: { token: string; company: SetupInput; clientAddress?: string; now?: Date },
): Promise<SetupResult> {
  if (!isLinkTokenShape(input.token)) return { ok: false, reason: "unusable" };
  const now = input.now ?? new Date();
  const { company } = input;
  const passwordHash = await hashPassword(company.password);
  const sessionToken = generateSessionToken();
  try {
    return await withUser(db, null, async (tx): Promise<SetupResult> => {
      const userId = await setupFirstCompany(tx, hashLinkToken(input.token), {
        slug: company.slug,
        name: company.companyName,
        currency: company.currency,
        timezone: company.timezone,
        locale: company.locale,
        adminEmail: company.adminEmail,
        adminName: company.adminName,
        passwordHash,
      });
      if (!userId) return { ok: false, reason: "unusable" };
      await actAsUser(tx, userId);
      const { expiresAt } = await createSession(tx, sessionToken, userId, now);
      await recordSignInTime(tx, userId, now);
      return { ok: true, slug: company.slug, userId, sessionToken, expiresAt };
    });
  } catch (error) {
    if (isUniqueViolation(error, "tenants_slug")) {
      throw AppError.invalid({ fieldErrors: { slug: [{ key: "onboarding.errors.slugTaken" }] } });
    }
    if (isUniqueViolation(error, "users_email")) {
      throw AppError.invalid({ fieldErrors: { adminEmail: [{ key: "onboarding.errors.emailTaken" }] } });
    }
    throw error;
  }
}
