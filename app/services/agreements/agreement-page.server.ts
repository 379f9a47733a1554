import type { Membership } from "~/services/auth/guards.server";
import { AppError, isAppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { acceptBandProposal, proposeBandChange, rejectBandProposal, withdrawBandProposal } from "./proposals.server";

/** What the agreement page's forms ask for, read by their schemas (app/services/agreements/terms). */
export type AgreementPageAction =
  | { intent: "propose"; minQty: number; maxQty: number; reason: string }
  | { intent: "withdraw"; proposalId?: string }
  | { intent: "accept"; proposalId?: string; comment?: string }
  | { intent: "reject"; proposalId?: string; comment: string };

/** The toast each action leaves on the agreement page. */
const DONE = {
  propose: "agreement.done.proposed",
  withdraw: "agreement.done.withdrawn",
  accept: "agreement.done.accepted",
  reject: "agreement.done.rejected",
} as const;

/**
 * Takes the agreement page's action on the member's agreement: a supplier proposes a band or
 * withdraws its proposal, a buyer accepts or rejects one. The page acts on its own agreement's
 * proposal only (another one is "not found"), and an action the member's side may not take is
 * the same 404 as an agreement that does not exist.
 *
 * @returns the toast key for the page it goes back to
 * @throws AppError not_found (also for a forbidden action); invalid (field errors under the
 *   forms' field names); conflict (`pending_exists`, `closed`, `band_changed`, `stale`)
 */
export async function actOnAgreement(
  membership: Membership,
  agreementId: string,
  action: AgreementPageAction,
): Promise<{ toast: string }> {
  const db = getDb();
  const scope = membership.scope;
  const target = { proposalId: "proposalId" in action ? (action.proposalId ?? "") : "", agreementId };
  try {
    switch (action.intent) {
      case "propose":
        await proposeBandChange(db, scope, { agreementId, minQty: action.minQty, maxQty: action.maxQty, reason: action.reason });
        break;
      case "withdraw":
        await withdrawBandProposal(db, scope, target);
        break;
      case "accept":
        await acceptBandProposal(db, scope, { ...target, comment: action.comment ?? "" });
        break;
      case "reject":
        await rejectBandProposal(db, scope, { ...target, comment: action.comment });
        break;
    }
  } catch (error) {
    if (isAppError(error, "forbidden")) throw AppError.notFound();
    throw error;
  }
  return { toast: DONE[action.intent] };
}
