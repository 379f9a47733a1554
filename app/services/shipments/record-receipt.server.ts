import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { fillRate, onTimeDelivery, planActionAllowed, roleMay, type PlanWorkflowRole } from "~/core";
import { recordAudit } from "~/models/audit.server";
import {
  addReceiptToLine,
  closeReceivedLine,
  getShippingTerms,
  lockShipment,
  markShipmentReceived,
  SHIPMENT_ENTITY,
  type LineAfterReceipt,
} from "~/models/shipments.server";
import { todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { SHIPMENT_AUDIT } from "./common.server";
import {
  ShipmentConflictError,
  ShipmentForbiddenError,
  ShipmentNotFoundError,
  ShipmentValidationError,
  type ShipmentFormError,
} from "./errors.server";
import { parseDay, parseQuantity, round4 } from "./fields.server";

/** numeric(8, 4): a fill rate beyond this (a receipt thousands of times the approval) is stored as this. */
const FILL_RATE_MAX = 9999.9999;

export interface ReceiptInput {
  shipmentId: string;
  /** The member's role: only a buyer receives (the plan workflow's `receive`). */
  role: PlanWorkflowRole;
  receivedQty: unknown;
  /** The day the goods arrived: not before the ship date, not after the tenant's today. */
  receivedOn: unknown;
  /** The tenant's today; its clock when absent (tests pass it). */
  today?: string;
  /**
   * Whether this receipt completes its line when nothing of it is in transit any more (default
   * true). False keeps a line shipped short open: the supplier will ship the rest, which still
   * counts as approved and not yet shipped, and may still be shipped.
   */
  closeLine?: boolean;
}

export interface ReceiptResult {
  shipment: { id: string; status: "received"; receivedQty: number; receivedOn: string };
  /** The plan line as it now stands; null for a shipment recorded without one. */
  line: {
    id: string;
    status: string;
    receivedQty: number;
    receivedOn: string | null;
    onTime: boolean | null;
    fillRate: number | null;
  } | null;
}

/**
 * Records the receipt of one in-transit shipment: the shipment is received, its quantity is added
 * to the line's received quantity, and when none of the line's shipments is in transit any more
 * the line is received, with its last receipt day, on-time delivery (received by the agreed
 * arrival plus the tenant's tolerance) and fill rate (received ÷ approved). Audit row
 * `shipment.receive` in the same transaction.
 *
 * @throws ShipmentForbiddenError for any role but the buyer; ShipmentNotFoundError (also another
 *   supplier's shipment); ShipmentConflictError (already received, or the plan not approved);
 *   ShipmentValidationError (nothing written)
 */
export async function recordReceipt(db: Database, scope: TenantScope, input: ReceiptInput): Promise<ReceiptResult> {
  // Who receives is the plan workflow's to say: a role that may receive against no approved plan
  // may not receive at all.
  if (scope.supplierId || !roleMay(input.role, "receive")) {
    throw new ShipmentForbiddenError(SHIPMENT_AUDIT.receive);
  }
  if (!isUuid(input.shipmentId)) throw new ShipmentNotFoundError("shipment", String(input.shipmentId));

  return withTenant(db, scope, async (tx) => {
    const shipment = await lockShipment(tx, scope, input.shipmentId);
    if (!shipment) throw new ShipmentNotFoundError("shipment", input.shipmentId);
    if (shipment.status !== "in_transit") throw new ShipmentConflictError("received", { status: shipment.status });
    // A shipment without a plan line (recorded before plans were shipped against) has no plan to ask.
    if (shipment.planStatus && !planActionAllowed(input.role, shipment.planStatus, "receive")) {
      throw new ShipmentConflictError("state", { status: shipment.planStatus });
    }

    const terms = await getShippingTerms(tx, scope);
    const today = input.today ?? todayIn(terms.timeZone);
    const errors: ShipmentFormError[] = [];
    const qty = parseQuantity(input.receivedQty);
    if (!qty.ok) errors.push({ field: "receivedQty", code: qty.code, params: qty.params });
    else if (qty.value < 0) errors.push({ field: "receivedQty", code: "negative" });
    const on = parseDay(input.receivedOn);
    if (!on.ok) errors.push({ field: "receivedOn", code: on.code });
    else if (on.value < shipment.shipDate)
      errors.push({ field: "receivedOn", code: "before_ship_date", params: { shipDate: shipment.shipDate } });
    else if (on.value > today) errors.push({ field: "receivedOn", code: "in_future", params: { today } });
    if (errors.length || !qty.ok || !on.ok) throw new ShipmentValidationError([], errors);

    if (!(await markShipmentReceived(tx, scope, shipment.id, { qty: qty.value, on: on.value }))) {
      throw new ShipmentConflictError("received", { status: "received" });
    }
    let line: ReceiptResult["line"] = null;
    if (shipment.planLineId) {
      const after = await addReceiptToLine(tx, scope, shipment.planLineId, qty.value);
      if (after) line = await settleLine(tx, scope, after, terms.shipping.onTimeToleranceDays, input.closeLine ?? true);
    }
    const result: ReceiptResult = {
      shipment: { id: shipment.id, status: "received", receivedQty: qty.value, receivedOn: on.value },
      line,
    };
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: shipment.supplierId,
      actorUserId: scope.userId,
      action: SHIPMENT_AUDIT.receive,
      entityType: SHIPMENT_ENTITY,
      entityId: shipment.id,
      before: { status: shipment.status, qty: shipment.qty, expectedArrival: shipment.expectedArrival },
      after: result,
    });
    return result;
  });
}

/**
 * Closes the line once nothing of it is in transit, unless it was shipped short and the buyer
 * expects the rest (`close` false); otherwise it stays shipped.
 */
async function settleLine(
  tx: Tx,
  scope: TenantScope,
  line: LineAfterReceipt,
  toleranceDays: number,
  close: boolean,
): Promise<NonNullable<ReceiptResult["line"]>> {
  const open = {
    id: line.id,
    status: line.status,
    receivedQty: line.receivedQty,
    receivedOn: null,
    onTime: null,
    fillRate: null,
  };
  if (line.inTransit > 0 || line.status !== "shipped" || !line.lastReceivedOn) return open;
  const approvedQty = line.approvedQty ?? line.qty;
  if (!close && line.shippedQty < approvedQty) return open;
  const agreedArrival = line.approvedArrivalDate ?? line.arrivalDate;
  const onTime = onTimeDelivery([{ receivedOn: line.lastReceivedOn, agreedArrival }], { toleranceDays }) === 1;
  const approved = line.approvedQty ?? line.qty;
  const rate = approved > 0 ? Math.min(FILL_RATE_MAX, round4(fillRate({ received: line.receivedQty, approved }))) : null;
  await closeReceivedLine(tx, scope, line.id, { receivedOn: line.lastReceivedOn, onTime, fillRate: rate });
  return {
    id: line.id,
    status: "received",
    receivedQty: line.receivedQty,
    receivedOn: line.lastReceivedOn,
    onTime,
    fillRate: rate,
  };
}
