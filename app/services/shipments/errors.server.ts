/** Base of the shipment services' errors; `status` is the HTTP status a route should answer with. */
export abstract class ShipmentServiceError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409;
}

/** Fields of an ASN line; errors on them name the plan line they concern. */
export type ShipmentLineField = "lineId" | "qty" | "expectedArrival";

/** Fields of the ASN as a whole, and of a receipt. */
export type ShipmentFormField = "requestId" | "lines" | "shipDate" | "carrier" | "tracking" | "receivedQty" | "receivedOn";

export type ShipmentErrorCode =
  | "required"
  | "invalid_number"
  | "number_separator"
  | "control_character"
  | "invalid_date"
  | "too_precise"
  | "too_large"
  | "too_long"
  | "not_positive"
  | "negative"
  | "in_future"
  | "too_early"
  | "too_late"
  | "before_ship_date"
  | "unknown_line"
  | "duplicate_line"
  | "not_shippable"
  | "over_max"
  | "no_lines"
  | "too_many_lines";

/**
 * One problem of an ASN line. `line` is the plan's line number (as the plan page shows it), or the
 * position in the request for a line that is not the plan's.
 */
export interface ShipmentLineError {
  line: number;
  lineId: string | null;
  field: ShipmentLineField;
  code: ShipmentErrorCode;
  params?: Record<string, number | string>;
}

export interface ShipmentFormError {
  field: ShipmentFormField;
  code: ShipmentErrorCode;
  params?: Record<string, number | string>;
}

/** The ASN or receipt has errors: nothing was written. */
export class ShipmentValidationError extends ShipmentServiceError {
  readonly status = 400;
  constructor(
    readonly lineErrors: ShipmentLineError[],
    readonly formErrors: ShipmentFormError[] = [],
  ) {
    super(`the shipment has ${lineErrors.length + formErrors.length} error(s)`);
    this.name = "ShipmentValidationError";
  }
}

/** No such plan or shipment in this scope; also another supplier's (never confirm it exists). */
export class ShipmentNotFoundError extends ShipmentServiceError {
  readonly status = 404;
  constructor(
    readonly entity: "plan" | "shipment",
    readonly id: string,
  ) {
    super(`${entity} not found`);
    this.name = "ShipmentNotFoundError";
  }
}

/**
 * The shipment or plan is no longer in a state that allows the action: the shipment was already
 * received (`received`), or the plan is not (or no longer) approved (`state`). The page reloads.
 */
export class ShipmentConflictError extends ShipmentServiceError {
  readonly status = 409;
  constructor(
    readonly reason: "received" | "state",
    readonly current: { status: string },
  ) {
    super(reason === "received" ? "the shipment was already received" : `not allowed while the plan is ${current.status}`);
    this.name = "ShipmentConflictError";
  }
}

/** The role may not take this action: only a supplier ships, only a buyer receives. */
export class ShipmentForbiddenError extends ShipmentServiceError {
  readonly status = 403;
  constructor(readonly action: string) {
    super(`${action} is not allowed in this scope`);
    this.name = "ShipmentForbiddenError";
  }
}
