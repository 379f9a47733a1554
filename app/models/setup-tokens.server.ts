import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { setupTokens, tenants } from "@db/schema";

/**
 * The set-up link of an empty installation. The server writes the token's hash as the owner (the
 * app role has no grant on setup_tokens); the page reads and uses it through the security-definer
 * functions of the administration migration.
 */

/** How long a printed set-up link stays valid. */
export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** As the owner: stores a new link's hash unless a company exists; false when one does. */
export async function insertSetupTokenIfNoCompany(tx: Tx, tokenHash: string, expiresAt: Date): Promise<boolean> {
  const existing = await tx.select({ id: tenants.id }).from(tenants).limit(1);
  if (existing.length > 0) return false;
  await tx.insert(setupTokens).values({ id: tokenHash, expiresAt });
  return true;
}

export async function setupTokenUsable(tx: Tx, tokenHash: string): Promise<boolean> {
  const [row] = rowsOf<{ usable: boolean }>(await tx.execute(sql`select setup_token_usable(${tokenHash}) as usable`));
  return row?.usable === true;
}

export interface FirstCompany {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  locale: string;
  adminEmail: string;
  adminName: string;
  passwordHash: string;
}

/**
 * Creates the company, its administrator and membership, marks the link used and audits it (in
 * the caller's transaction). The administrator's id, or null when the link cannot be used.
 */
export async function setupFirstCompany(tx: Tx, tokenHash: string, company: FirstCompany): Promise<string | null> {
  const [row] = rowsOf<{ user_id: string | null }>(
    await tx.execute(sql`select setup_first_company(${tokenHash}, ${company.slug}, ${company.name}, ${company.currency},
      ${company.timezone}, ${company.locale}, ${company.adminEmail}, ${company.adminName}, ${company.passwordHash}) as user_id`),
  );
  return row?.user_id ?? null;
}
