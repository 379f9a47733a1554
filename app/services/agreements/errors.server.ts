import type { z } from "zod";
import { AppError, type Message } from "~/utils/app-error";

/**
 * The agreement services' refusals, as the portal's one AppError:
 * - `invalid`: the input breaks a rule, nothing was written; messages by field (the forms' field
 *   names) and for the form, as i18n keys;
 * - `not_found`: no such agreement or proposal in this scope, also another supplier's (never
 *   confirm it exists);
 * - `conflict`, with the `reason` below and the message the page shows for it;
 * - `forbidden`: suppliers cannot edit or decide, buyer roles cannot propose.
 */

/**
 * Why a write was refused because of what happened meanwhile:
 * - `stale`: the agreement changed since the form was loaded (its version moved on);
 * - `pending_exists`: the agreement already has a pending proposal;
 * - `closed`: the proposal was already accepted, rejected or withdrawn;
 * - `band_changed`: the agreement's band is no longer the one the proposal started from.
 */
export type AgreementConflictReason = "stale" | "pending_exists" | "closed" | "band_changed";

/**
 * A proposal's conflict, with the page's message for it; for `closed`, the proposal's status is
 * both a message value and a detail.
 */
export function proposalConflict(reason: AgreementConflictReason, proposalStatus?: string): AppError {
  const params = proposalStatus ? { status: proposalStatus } : undefined;
  return AppError.conflict(
    reason,
    { key: `agreement.proposal.errors.${reason}`, params },
    proposalStatus ? { proposalStatus } : undefined,
  );
}

/** An edit of the terms made on a version that is no longer the agreement's. */
export function staleEdit(): AppError {
  return AppError.conflict("stale", { key: "agreement.edit.conflict" });
}

/**
 * Zod's issues as an `invalid` error: messages (i18n keys) under the form's field names, and an
 * issue of no field as the form's.
 */
export function invalidInput(error: z.ZodError): AppError {
  const fieldErrors: Record<string, Message[]> = {};
  const formErrors: Message[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join(".");
    if (field) (fieldErrors[field] ??= []).push({ key: issue.message });
    else formErrors.push({ key: issue.message });
  }
  return AppError.invalid({ fieldErrors, formErrors });
}

/** A change to an agreement that has ended: its terms and band stay as they were. */
export function agreementEnded(): AppError {
  return AppError.conflict("ended", { key: "agreement.end.isEnded" });
}
