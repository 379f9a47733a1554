/**
 * Where the plan-line rules used to live, re-exported for the modules not yet moved: the maths is
 * the core's (`~/core`), the form rules are `~/services/plans/plan-line-rules`. Import from those.
 */
export {
  agreementIndex,
  isCalendarDate,
  isWholeMultiple,
  PLAN_PROJECTION_MAX_DAYS,
  planLineImpacts,
  smallestOrderable,
  startingOnHand,
  type LineEffect,
  type PlanLineImpact,
  type PlanningAgreement,
  type PlanningContext,
  type PlanningReceipt,
  type PlanProjection,
} from "~/core";
export * from "~/services/plans/plan-line-rules";
