import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { lockAgreementTerms, updateAgreementTerms, type AgreementTermsRow } from "~/models/agreements.server";
import { recordAudit } from "~/models/audit.server";
import { AppError } from "~/utils/app-error";
import { isUuid } from "~/utils/ids";
import { AGREEMENT_AUDIT, AGREEMENT_ENTITY, storedTerms } from "./common.server";
import { agreementEnded, invalidInput, staleEdit } from "./errors.server";
import { AgreementTermsSchema, TERM_FIELDS, type AgreementTerms, type TermField } from "./terms";
import { requireBuyerSide } from "~/services/auth/scope-sides.server";
import { evaluateAfterWrite } from "~/services/alerts/evaluate.server";

export interface UpdateAgreementInput {
  agreementId: string;
  /** The agreement's version when the form was loaded. */
  version: number;
  terms: AgreementTerms;
}

export interface UpdateAgreementResult {
  agreementId: string;
  /** The version now: one more than before when anything changed, else the same. */
  version: number;
  /** The terms that changed; empty for a save that changed nothing (and wrote nothing). */
  changed: TermField[];
}

/**
 * A buyer changes an agreement's band and terms. The change applies only to the version the form
 * was loaded with, raises it by one and is audited (the changed fields only, before and after) in
 * the same transaction. A save that changes nothing writes nothing.
 *
 * @throws AppError forbidden for a supplier scope; invalid (by field); not_found; conflict `stale`
 *   when the version moved on (with the edit form's message to reload); conflict `ended` for an
 *   ended agreement
 */
export async function updateAgreement(
  db: Database,
  scope: TenantScope,
  input: UpdateAgreementInput,
): Promise<UpdateAgreementResult> {
  requireBuyerSide(scope, AGREEMENT_AUDIT.update);
  if (!isUuid(input.agreementId)) throw AppError.notFound();
  const parsed = AgreementTermsSchema.safeParse(storedTerms(input.terms));
  if (!parsed.success) throw invalidInput(parsed.error);
  const terms = parsed.data;

  const result = await withTenant(db, scope, async (tx): Promise<UpdateAgreementResult> => {
    const state = await lockAgreementTerms(tx, scope, input.agreementId);
    if (!state) throw AppError.notFound();
    if (state.status === "ended") throw agreementEnded();
    if (state.version !== input.version) throw staleEdit();
    const changed = TERM_FIELDS.filter((field) => state[field] !== terms[field]);
    if (changed.length === 0) return { agreementId: state.id, version: state.version, changed };

    const before = pick(state, changed);
    const after = pick(terms, changed);
    const version = await updateAgreementTerms(tx, scope, state.id, state.version, after);
    if (version === null) throw staleEdit();
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: state.supplierId,
      actorUserId: scope.userId,
      action: AGREEMENT_AUDIT.update,
      entityType: AGREEMENT_ENTITY,
      entityId: state.id,
      before: { ...before, version: state.version },
      after: { ...after, version },
    });
    return { agreementId: state.id, version, changed };
  });
  // A band or a lead time changed: the agreement's alerts follow at once (drift, projections).
  if (result.changed.length > 0) await evaluateAfterWrite(db, scope.tenantId, [result.agreementId], "agreement");
  return result;
}

function pick(terms: AgreementTermsRow, fields: readonly TermField[]): Partial<AgreementTermsRow> {
  return Object.fromEntries(fields.map((field) => [field, terms[field]]));
}
