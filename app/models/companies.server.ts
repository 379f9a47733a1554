import type { Tx } from "@db/client";
import { tenants } from "@db/schema";

/**
 * A new company, written by the installation's owner (`npm run tenant:create`): the app role may
 * not insert tenants. Settings start at the defaults of docs/domain.md.
 */
export async function insertCompany(
  tx: Tx,
  company: { slug: string; name: string; currency: string; timezone: string; locale: string },
): Promise<{ id: string } | null> {
  const [row] = await tx
    .insert(tenants)
    .values({
      slug: company.slug,
      name: company.name,
      currency: company.currency,
      timezone: company.timezone,
      defaultLocale: company.locale,
    })
    .onConflictDoNothing({ target: tenants.slug })
    .returning({ id: tenants.id });
  return row ?? null;
}
