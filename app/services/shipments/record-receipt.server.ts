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
  type ShipmentForReceipt,
} from "~/models/shipments.server";
import { AppError } from "~/utils/app-error";
import { todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { SHIPMENT_AUDIT } from "./common.server";
import { receiptConflict, ShipmentProblems } from "./errors.server";
import { parseDay, parseQuantity, round4 } from "./fields.server";
import { notifyNotice, receivedEventId } from "./notify.server";

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
 * @throws AppError forbidden for any role but the buyer; not_found (also another supplier's
 *   shipment); conflict "received" (already received) or "state" (the plan not approved); invalid
 *   (nothing written)
 */
export async function recordReceipt(db: Database, scope: TenantScope, input: ReceiptInput): Promise<ReceiptResult> {
  // Who receives is the plan workflow's to say: a role that may receive against no approved plan
  // may not receive at all.
  if (scope.supplierId || !roleMay(input.role, "receive")) {
    throw AppError.forbidden(SHIPMENT_AUDIT.receive);
  }
  if (!isUuid(input.shipmentId)) throw AppError.notFound();

  return withTenant(db, scope, async (tx) => {
    const shipment = await lockShipment(tx, scope, input.shipmentId);
    if (!shipment) throw AppError.notFound();
    if (shipment.status !== "in_transit") throw receiptConflict("received", shipment.status);
    // A shipment without a plan line (recorded before plans were shipped against) has no plan to ask.
    if (shipment.planStatus && !planActionAllowed(input.role, shipment.planStatus, "receive")) {
      throw receiptConflict("state", shipment.planStatus);
    }

    const terms = await getShippingTerms(tx, scope);
    const today = input.today ?? todayIn(terms.timeZone);
    const problems = new ShipmentProblems();
    const qty = parseQuantity(input.receivedQty);
    if (!qty.ok) problems.field("receivedQty", qty.code, qty.params);
    else if (qty.value < 0) problems.field("receivedQty", "negative");
    const on = parseDay(input.receivedOn);
    if (!on.ok) problems.field("receivedOn", on.code);
    else if (on.value < shipment.shipDate) problems.field("receivedOn", "before_ship_date", { shipDate: shipment.shipDate });
    else if (on.value > today) problems.field("receivedOn", "in_future", { today });
    if (!problems.empty || !qty.ok || !on.ok) throw problems.error();

    return receiveLocked(
      tx,
      scope,
      shipment,
      { qty: qty.value, on: on.value },
      terms.shipping.onTimeToleranceDays,
      input.closeLine ?? true,
    );
  });
}

/**
 * Receives a shipment that an import's receipt names by its notice's number, in the import's
 * transaction: the import checked the day and the plan's state against the same rules as
 * recordReceipt, so only a shipment received meanwhile is refused. The line is completed as the
 * receipt page does by default.
 */
export async function receiveNoticeShipment(
  tx: Tx,
  scope: TenantScope,
  receipt: { shipmentId: string; qty: number; day: string },
  toleranceDays: number,
): Promise<ReceiptResult> {
  const shipment = await lockShipment(tx, scope, receipt.shipmentId);
  if (!shipment) throw AppError.notFound();
  if (shipment.status !== "in_transit") throw receiptConflict("received", shipment.status);
  return receiveLocked(tx, scope, shipment, { qty: receipt.qty, on: receipt.day }, toleranceDays, true);
}

/**
 * The receipt of a locked, in-transit shipment: the shipment, its line, the audit row, and the
 * supplier's people told (once per notice and receipt day, however many of its lines were received).
 */
export async function receiveLocked(
  tx: Tx,
  scope: TenantScope,
  shipment: ShipmentForReceipt,
  receipt: { qty: number; on: string },
  toleranceDays: number,
  closeLine: boolean,
): Promise<ReceiptResult> {
  if (!(await markShipmentReceived(tx, scope, shipment.id, receipt))) {
    throw receiptConflict("received", "received");
  }
  let line: ReceiptResult["line"] = null;
  if (shipment.planLineId) {
    const after = await addReceiptToLine(tx, scope, shipment.planLineId, receipt.qty);
    if (after) line = await settleLine(tx, scope, after, toleranceDays, closeLine);
  }
  const result: ReceiptResult = {
    shipment: { id: shipment.id, status: "received", receivedQty: receipt.qty, receivedOn: receipt.on },
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
  await notifyNotice(tx, scope, {
    kind: "shipment.received",
    supplierId: shipment.supplierId,
    asnNumber: shipment.asnNumber,
    shipmentId: shipment.id,
    planNumber: shipment.planNumber,
    eventId: receivedEventId(scope.tenantId, shipment.supplierId, shipment.asnNumber, receipt.on),
  });
  return result;
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
