/** Agreement use cases: the buyer edits terms; a supplier proposes a band, a buyer decides. */
export { updateAgreement, type UpdateAgreementInput, type UpdateAgreementResult } from "./update.server";
export {
  acceptBandProposal,
  proposeBandChange,
  rejectBandProposal,
  withdrawBandProposal,
  type BandProposalResult,
  type DecideBandProposalInput,
  type ProposeBandInput,
} from "./proposals.server";
export { AGREEMENT_AUDIT, AGREEMENT_ENTITY } from "./common.server";
export { type AgreementConflictReason } from "./errors.server";
