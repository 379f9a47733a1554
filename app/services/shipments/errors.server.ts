import { AppError, type Message } from "~/utils/app-error";

/**
 * What the shipment services refuse, as AppErrors: the problems of an ASN or a receipt by the
 * form's field names (`shipDate`, `lines[2].qty`, `receivedOn`), each a `shipments.errors.<code>`
 * message with its values; a line's message also carries the plan's line number (`line`), which
 * the page puts before it.
 */

/** Fields of a notice's line (an ASN's, a correction's, a receipt's); errors on them name the plan line they concern. */
export type ShipmentLineField = "lineId" | "qty" | "expectedArrival" | "shipmentId" | "receivedQty" | "receivedOn";

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
  | "no_receipt_lines"
  | "not_in_notice"
  | "too_many_lines";

type Params = Record<string, number | string>;

/** The message of one problem. */
export function shipmentMessage(code: ShipmentErrorCode, params?: Params): Message {
  return params && Object.keys(params).length > 0
    ? { key: `shipments.errors.${code}`, params }
    : { key: `shipments.errors.${code}` };
}

/** The problems of one form, gathered so that it is refused with all of them at once. */
export class ShipmentProblems {
  readonly fieldErrors: Record<string, Message[]> = {};

  /** A problem of a field of the form as a whole. */
  field(name: ShipmentFormField, code: ShipmentErrorCode, params?: Params) {
    (this.fieldErrors[name] ??= []).push(shipmentMessage(code, params));
  }

  /**
   * A problem of the ASN line at `index` (its position in the form), which is the plan's line
   * `line` (or, for a line that is not the plan's, its position counted from 1).
   */
  line(index: number, line: number, field: ShipmentLineField, code: ShipmentErrorCode, params?: Params) {
    (this.fieldErrors[`lines[${index}].${field}`] ??= []).push(shipmentMessage(code, { line, ...params }));
  }

  get empty() {
    return Object.keys(this.fieldErrors).length === 0;
  }

  /** The refusal: nothing was written. */
  error(): AppError {
    return AppError.invalid({ fieldErrors: this.fieldErrors });
  }
}

/** The plan is not (or no longer) approved: nothing can ship against it. */
export function planNotShippable(status: string): AppError {
  return AppError.conflict("state", { key: "shipments.new.conflict", params: { status } }, { status });
}

/**
 * A notice that may no longer be corrected or cancelled: some of it was received, or it was
 * cancelled, meanwhile or before.
 */
export function noticeConflict(status: "received" | "cancelled"): AppError {
  return AppError.conflict(status, { key: `shipments.notice.locked.${status}` }, { status });
}

/** The shipment was received meanwhile (`received`), or its plan no longer allows a receipt (`state`). */
export function receiptConflict(reason: "received" | "state", status: string): AppError {
  return reason === "received"
    ? AppError.conflict("received", { key: "shipments.detail.conflict" }, { status })
    : AppError.conflict("state", { key: "shipments.detail.notAllowed", params: { status } }, { status });
}
