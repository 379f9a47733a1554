import type { PlanFormError, PlanLineError } from "~/utils/plan-lines";

/** Base of the plan services' errors; `status` is the HTTP status a route should answer with. */
export abstract class PlanServiceError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409;
}

/** The form has errors: nothing was written. Every line error names its line and field. */
export class PlanValidationError extends PlanServiceError {
  readonly status = 400;
  constructor(
    readonly errors: PlanLineError[],
    readonly planErrors: PlanFormError[] = [],
  ) {
    super(`the plan has ${errors.length + planErrors.length} error(s)`);
    this.name = "PlanValidationError";
  }
}

/** No such plan in this scope; also for another supplier's plan (never confirm it exists). */
export class PlanNotFoundError extends PlanServiceError {
  readonly status = 404;
  constructor(readonly planId: string) {
    super("plan not found");
    this.name = "PlanNotFoundError";
  }
}

/**
 * The plan changed since the form was loaded (`stale`: its lock version moved on), or the action
 * is not allowed in its current state (`state`).
 */
export class PlanConflictError extends PlanServiceError {
  readonly status = 409;
  constructor(
    readonly reason: "stale" | "state",
    readonly current: { status: string; lockVersion: number },
  ) {
    super(reason === "stale" ? "the plan was changed by someone else" : `not allowed while the plan is ${current.status}`);
    this.name = "PlanConflictError";
  }
}

/** The scope may not take this action: buyer roles cannot act as a supplier, nor suppliers as a buyer. */
export class PlanForbiddenError extends PlanServiceError {
  readonly status = 403;
  constructor(readonly action: string) {
    super(`${action} is not allowed in this scope`);
    this.name = "PlanForbiddenError";
  }
}

/** One problem with a line's decision: the line, the field of the review form, and what is wrong. */
export interface LineDecisionError {
  line: number;
  field: "decision" | "qty" | "arrivalDate" | "reason";
  /** A LineDecisionProblem code of app/core's checkLineDecision, or not_pack_multiple. */
  code: string;
  params?: Record<string, string | number>;
}

/** A step's decisions have errors (every one at once, each naming its line and field): nothing was written. */
export class PlanDecisionValidationError extends PlanServiceError {
  readonly status = 400;
  constructor(readonly errors: LineDecisionError[]) {
    super(`the decisions have ${errors.length} error(s)`);
    this.name = "PlanDecisionValidationError";
  }
}
