/** The replenishment-plan use cases (issue 4): proposal, draft, submission, withdrawal, revision. */
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
export { PLAN_AUDIT, type PlanWriteResult } from "./common.server";
export {
  PlanConflictError,
  PlanForbiddenError,
  PlanNotFoundError,
  PlanServiceError,
  PlanValidationError,
} from "./errors.server";
