import { randomUUID } from "node:crypto";
import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { getAgreementDetail, lockAgreementTerms, updateAgreementTerms } from "~/models/agreements.server";
import { recordAudit } from "~/models/audit.server";
import {
  BAND_PROPOSAL_ENTITY,
  closeBandProposal,
  findPendingProposalId,
  insertBandProposal,
  lockBandProposal,
  type BandProposalState,
  type BandProposalStatus,
} from "~/models/band-proposals.server";
import { notify } from "~/services/notifications/enqueue.server";
import { isUniqueViolation } from "~/services/plans/common.server";
import { AppError } from "~/utils/app-error";
import { isUuid } from "~/utils/ids";
import { AGREEMENT_AUDIT, AGREEMENT_ENTITY, storedTerms } from "./common.server";
import { agreementEnded, invalidInput, proposalConflict } from "./errors.server";
import { AcceptanceSchema, BandProposalSchema, RejectionSchema } from "./terms";
import { requireBuyerSide, requireSupplier } from "~/services/auth/scope-sides.server";
import { evaluateAfterWrite } from "~/services/alerts/evaluate.server";

const ONE_PENDING_KEY = "band_proposals_one_pending_key";

export interface ProposeBandInput {
  agreementId: string;
  minQty: number;
  maxQty: number;
  reason: string;
}

export interface BandProposalResult {
  proposalId: string;
  agreementId: string;
  status: BandProposalStatus;
  /** The agreement's version after an acceptance. */
  agreementVersion?: number;
}

/**
 * A supplier proposes a new band for one of its agreements, with a reason. The buyers hear of it
 * (inbox and e-mail, in the same transaction). One pending proposal per agreement at a time.
 *
 * @throws AppError forbidden without a supplier scope; invalid (by field; the form's when the
 *   band proposed is the band agreed); not_found (also another supplier's); conflict
 *   `pending_exists`
 */
export async function proposeBandChange(db: Database, scope: TenantScope, input: ProposeBandInput): Promise<BandProposalResult> {
  requireSupplier(scope, AGREEMENT_AUDIT.propose);
  if (!isUuid(input.agreementId)) throw AppError.notFound();
  const parsed = BandProposalSchema.safeParse({
    ...storedTerms({ minQty: input.minQty, maxQty: input.maxQty }),
    reason: input.reason,
  });
  if (!parsed.success) throw invalidInput(parsed.error);
  const proposal = parsed.data;

  try {
    return await withTenant(db, scope, async (tx) => {
      const agreement = await getAgreementDetail(tx, scope, input.agreementId);
      if (!agreement) throw AppError.notFound();
      if (agreement.status === "ended") throw agreementEnded();
      if (await findPendingProposalId(tx, scope, agreement.id)) throw proposalConflict("pending_exists");
      if (proposal.minQty === agreement.minQty && proposal.maxQty === agreement.maxQty) {
        throw AppError.invalid({ formErrors: [{ key: "agreement.proposal.errors.unchanged" }] });
      }
      const values = {
        agreementId: agreement.id,
        supplierId: agreement.supplierId,
        currentMin: agreement.minQty,
        currentMax: agreement.maxQty,
        proposedMin: proposal.minQty,
        proposedMax: proposal.maxQty,
        reason: proposal.reason,
      };
      const proposalId = await insertBandProposal(tx, scope, values);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        supplierId: agreement.supplierId,
        actorUserId: scope.userId,
        action: AGREEMENT_AUDIT.propose,
        entityType: BAND_PROPOSAL_ENTITY,
        entityId: proposalId,
        after: { status: "pending", ...values },
      });
      await notify(tx, {
        eventId: proposalId,
        kind: "band_proposal.submitted",
        link: `inventory/${agreement.id}`,
        payload: payloadOf(agreement, values, "pending"),
        roles: ["buyer"],
      });
      return { proposalId, agreementId: agreement.id, status: "pending" as const };
    });
  } catch (error) {
    // Two proposals at once: the partial unique index lets one through.
    if (isUniqueViolation(error, ONE_PENDING_KEY)) throw proposalConflict("pending_exists");
    throw error;
  }
}

export interface BandProposalActionInput {
  proposalId: string;
  /** When given, a proposal of any other agreement is "not found" (a page acts on its own agreement only). */
  agreementId?: string;
}

/**
 * The supplier takes back its pending proposal.
 *
 * @throws AppError forbidden without a supplier scope; not_found (also another supplier's);
 *   conflict `closed` when it is no longer pending (the status in its details)
 */
export async function withdrawBandProposal(
  db: Database,
  scope: TenantScope,
  input: BandProposalActionInput,
): Promise<BandProposalResult> {
  requireSupplier(scope, AGREEMENT_AUDIT.withdraw);
  return withTenant(db, scope, async (tx) => {
    const proposal = await lockPending(tx, scope, input);
    await close(tx, scope, proposal, { status: "withdrawn", comment: null }, AGREEMENT_AUDIT.withdraw);
    return { proposalId: proposal.id, agreementId: proposal.agreementId, status: "withdrawn" as const };
  });
}

export interface DecideBandProposalInput extends BandProposalActionInput {
  comment?: string;
}

/**
 * A buyer accepts a pending proposal: the agreement takes the proposed band (its version + 1),
 * audited as an agreement update naming the proposal and as the acceptance; the supplier hears of
 * it. Refused when the agreement's band is no longer the one the proposal was made against: the
 * buyer should review the proposal against the band as it now stands.
 *
 * @throws AppError forbidden for a supplier scope; invalid (comment too long); not_found;
 *   conflict `closed`, `band_changed` or `stale`
 */
export async function acceptBandProposal(
  db: Database,
  scope: TenantScope,
  input: DecideBandProposalInput,
): Promise<BandProposalResult> {
  requireBuyerSide(scope, AGREEMENT_AUDIT.accept);
  const parsed = AcceptanceSchema.safeParse({ comment: input.comment ?? undefined });
  if (!parsed.success) throw invalidInput(parsed.error);
  const comment = parsed.data.comment || null;

  const result = await withTenant(db, scope, async (tx) => {
    const proposal = await lockPending(tx, scope, input);
    const agreement = await lockAgreementTerms(tx, scope, proposal.agreementId);
    if (!agreement) throw AppError.notFound();
    if (agreement.status === "ended") throw agreementEnded();
    if (agreement.minQty !== proposal.currentMin || agreement.maxQty !== proposal.currentMax) {
      throw proposalConflict("band_changed");
    }
    const band = { minQty: proposal.proposedMin, maxQty: proposal.proposedMax };
    const version = await updateAgreementTerms(tx, scope, agreement.id, agreement.version, band);
    if (version === null) throw proposalConflict("stale");
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: agreement.supplierId,
      actorUserId: scope.userId,
      action: AGREEMENT_AUDIT.update,
      entityType: AGREEMENT_ENTITY,
      entityId: agreement.id,
      before: { minQty: agreement.minQty, maxQty: agreement.maxQty, version: agreement.version },
      after: { ...band, version, proposalId: proposal.id },
    });
    await close(tx, scope, proposal, { status: "accepted", comment }, AGREEMENT_AUDIT.accept, { agreementVersion: version });
    return { proposalId: proposal.id, agreementId: agreement.id, status: "accepted" as const, agreementVersion: version };
  });
  // The agreed band changed: the agreement's alerts follow at once.
  await evaluateAfterWrite(db, scope.tenantId, [result.agreementId], "agreement");
  return result;
}

/**
 * A buyer rejects a pending proposal with a reason; the agreement stays as it is and the supplier
 * hears of it.
 *
 * @throws AppError forbidden for a supplier scope; invalid (no comment); not_found; conflict
 *   `closed`
 */
export async function rejectBandProposal(
  db: Database,
  scope: TenantScope,
  input: DecideBandProposalInput,
): Promise<BandProposalResult> {
  requireBuyerSide(scope, AGREEMENT_AUDIT.reject);
  const parsed = RejectionSchema.safeParse({ comment: input.comment ?? "" });
  if (!parsed.success) throw invalidInput(parsed.error);
  return withTenant(db, scope, async (tx) => {
    const proposal = await lockPending(tx, scope, input);
    await close(tx, scope, proposal, { status: "rejected", comment: parsed.data.comment }, AGREEMENT_AUDIT.reject);
    return { proposalId: proposal.id, agreementId: proposal.agreementId, status: "rejected" as const };
  });
}

async function lockPending(tx: Tx, scope: TenantScope, input: BandProposalActionInput): Promise<BandProposalState> {
  const proposal = await lockBandProposal(tx, scope, input.proposalId);
  if (!proposal || (input.agreementId !== undefined && proposal.agreementId !== input.agreementId)) {
    throw AppError.notFound();
  }
  if (proposal.status !== "pending") throw proposalConflict("closed", proposal.status);
  return proposal;
}

/** Closes the proposal, audits it and, for a decision, tells the supplier. */
async function close(
  tx: Tx,
  scope: TenantScope,
  proposal: BandProposalState,
  outcome: { status: "accepted" | "rejected" | "withdrawn"; comment: string | null },
  action: string,
  extra: Record<string, unknown> = {},
) {
  if (!(await closeBandProposal(tx, scope, proposal.id, outcome))) throw proposalConflict("closed");
  await recordAudit(tx, {
    tenantId: scope.tenantId,
    supplierId: proposal.supplierId,
    actorUserId: scope.userId,
    action,
    entityType: BAND_PROPOSAL_ENTITY,
    entityId: proposal.id,
    before: { status: "pending" },
    after: { status: outcome.status, ...(outcome.comment ? { comment: outcome.comment } : {}), ...extra },
  });
  if (outcome.status === "withdrawn") return;
  const agreement = await getAgreementDetail(tx, scope, proposal.agreementId);
  if (!agreement) throw AppError.notFound();
  await notify(tx, {
    eventId: randomUUID(),
    kind: "band_proposal.decided",
    link: `inventory/${proposal.agreementId}`,
    payload: { ...payloadOf(agreement, proposal, outcome.status), ...(outcome.comment ? { comment: outcome.comment } : {}) },
    roles: ["supplier"],
    supplierId: proposal.supplierId,
  });
}

/** What the notification texts need; nothing another party should not read. */
function payloadOf(
  agreement: { sku: string; siteCode: string; supplierName: string },
  band: { proposedMin: number; proposedMax: number },
  status: BandProposalStatus,
) {
  return {
    sku: agreement.sku,
    siteCode: agreement.siteCode,
    supplierName: agreement.supplierName,
    proposedMin: band.proposedMin,
    proposedMax: band.proposedMax,
    status,
  };
}
