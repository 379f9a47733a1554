import { withTenant } from "@db/scope";
import { getAgreementDetail } from "~/models/agreements.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import type { AgreementTerms } from "./terms";
import { updateAgreement } from "./update.server";

/**
 * The agreement as its edit form shows it, or null when it is not the member's (unknown id,
 * another tenant's): the page's one 404. The route admits the buyer's side only.
 */
export async function loadAgreementForEdit(membership: Membership, agreementId: string) {
  if (!isUuid(agreementId)) return null;
  return withTenant(getDb(), membership.scope, (tx) => getAgreementDetail(tx, membership.scope, agreementId));
}

/**
 * Saves the edit form's terms on the version it was loaded with.
 *
 * @returns the toast key for the agreement page: saved, or nothing changed
 * @throws AppError invalid (by field); not_found; conflict `stale` (the form's message to reload);
 *   forbidden for a supplier scope
 */
export async function saveAgreementTerms(
  membership: Membership,
  agreementId: string,
  input: { version: number; terms: AgreementTerms },
): Promise<{ toast: string }> {
  const result = await updateAgreement(getDb(), membership.scope, { agreementId, ...input });
  return { toast: result.changed.length > 0 ? "agreement.done.updated" : "agreement.done.unchanged" };
}
