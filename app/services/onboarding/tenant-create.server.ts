import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "@db/client";
import { withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { installDefaultAlertRules } from "~/models/alert-defaults.server";
import { insertCompany } from "~/models/companies.server";
import { enqueueInvitationEmail, insertInvitation } from "~/models/invitations.server";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { AppError } from "~/utils/app-error";
import { companyFields, emailField, personNameField } from "./company-rules";

/**
 * `npm run tenant:create`: a company and an invitation for its first administrator, whose e-mail
 * goes into the outbox in the same transaction; the link is also handed back to be printed.
 */

export const NewCompanySchema = z.object({
  ...companyFields,
  adminEmail: emailField(),
  adminName: personNameField().optional(),
});
export type NewCompanyInput = z.input<typeof NewCompanySchema>;
export type NewCompany = z.output<typeof NewCompanySchema>;

export interface CreatedCompany {
  tenantId: string;
  slug: string;
  invitationId: string;
  /** The absolute invitation link, with its token. */
  link: string;
  expiresAt: Date;
}

/**
 * Creates the company and invites its administrator, all in one transaction: the company as the
 * owner, then the invitation and its e-mail in the company's own scope as an administrator (the
 * invitation e-mail function reads the tenant from the transaction). A slug already taken is a
 * conflict, and nothing is written.
 */
export async function createCompanyWithAdminInvitation(
  db: Database,
  company: NewCompany,
  options: { appUrl: string; now?: Date },
): Promise<CreatedCompany> {
  const now = options.now ?? new Date();
  const { token, hash } = generateLinkToken();
  const link = `/invite/${token}`;
  return db.transaction(async (tx) => {
    const created = await insertCompany(tx, {
      slug: company.slug,
      name: company.companyName,
      currency: company.currency,
      timezone: company.timezone,
      locale: company.locale,
    });
    if (!created) {
      throw AppError.conflict("slug_taken", { key: "onboarding.errors.slugTaken" });
    }
    const tenantId = created.id;
    await recordAudit(tx, {
      tenantId,
      actorUserId: null,
      action: "tenant.create",
      entityType: "tenant",
      entityId: tenantId,
      after: {
        slug: company.slug,
        name: company.companyName,
        currency: company.currency,
        timezone: company.timezone,
        defaultLocale: company.locale,
        adminEmail: company.adminEmail,
        adminName: company.adminName ?? null,
      },
    });
    // A savepoint in the same transaction, as the app role with the new company's administrator rights.
    const scope = { tenantId, supplierId: null, userId: null, role: "admin" as const };
    const invitation = await withTenant(tx as unknown as Database, scope, async (scoped) => {
      const inserted = await insertInvitation(scoped, {
        tenantId,
        email: company.adminEmail,
        role: "admin",
        supplierId: null,
        supplierAdmin: false,
        locale: company.locale,
        invitedBy: null,
        tokenHash: hash,
        now,
      });
      await enqueueInvitationEmail(scoped, inserted.id, randomUUID(), link);
      await installDefaultAlertRules(scoped);
      return inserted;
    });
    return {
      tenantId,
      slug: company.slug,
      invitationId: invitation.id,
      link: `${options.appUrl.replace(/\/+$/, "")}${link}`,
      expiresAt: invitation.expiresAt,
    };
  });
}
