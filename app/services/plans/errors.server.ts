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
