/**
 * The replenishment-plan use cases: proposal, draft, submission (with approval routing), the
 * approval steps' decisions, withdrawal, changes requested, revision.
 */
export { proposePlan, proposeFor, type PlanProposal, type ProposedPlanLine } from "./propose.server";
export { saveDraft, submitPlan, type PlanFormInput } from "./save.server";
export {
  requestChanges,
  revisePlan,
  withdrawPlan,
  WITHDRAWABLE,
  type PlanTransitionInput,
  type RequestChangesInput,
} from "./transitions.server";
export {
  decideStep,
  decisionFieldName,
  type DecideStepInput,
  type LineDecisionInput,
  type ReviewFormDecision,
} from "./decide.server";
export { PLAN_AUDIT, type PlanWriteResult } from "./common.server";
