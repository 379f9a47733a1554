import { withTenant } from "@db/scope";
import { listAgreementChoices } from "~/models/agreement-lifecycle.server";
import { getAgreementDetail } from "~/models/agreements.server";
import type { Membership } from "~/services/auth/guards.server";
import { requireBuyerSide } from "~/services/auth/scope-sides.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { createAgreement, endAgreement } from "./lifecycle.server";

/**
 * The new-agreement page and the end-an-agreement page of the buyer's side (the routes admit the
 * buyer roles only): what they show and what their buttons do.
 */

/** The form's lists: active suppliers, sites, and the items it suggests. @throws AppError forbidden */
export async function loadNewAgreementPage(membership: Membership) {
  requireBuyerSide(membership.scope, "agreement.create");
  return withTenant(getDb(), membership.scope, (tx) => listAgreementChoices(tx, membership.scope));
}

/** @returns the new agreement's page and the toast for it. @throws AppError invalid (by field), forbidden */
export async function createAgreementFromForm(membership: Membership, values: unknown) {
  const { agreementId } = await createAgreement(getDb(), membership.scope, values);
  return { path: `/t/${membership.tenant.slug}/inventory/${agreementId}`, toast: "agreement.done.created" };
}

/** The agreement the end page asks about, or null when it is not the member's (the page's one 404). */
export async function loadEndAgreementPage(membership: Membership, agreementId: string) {
  requireBuyerSide(membership.scope, "agreement.end");
  if (!isUuid(agreementId)) return null;
  return withTenant(getDb(), membership.scope, (tx) => getAgreementDetail(tx, membership.scope, agreementId));
}

/** @returns the agreement's page and the toast for it. @throws AppError not_found, conflict (stale, ended), forbidden */
export async function endAgreementFromForm(membership: Membership, agreementId: string, version: number) {
  await endAgreement(getDb(), membership.scope, { agreementId, version });
  return { path: `/t/${membership.tenant.slug}/inventory/${agreementId}`, toast: "agreement.done.ended" };
}
