import { withTenant } from "@db/scope";
import { planActionAllowed } from "~/core";
import { getShipment } from "~/models/shipments.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError, isAppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { recordReceipt, type ReceiptResult } from "./record-receipt.server";

// The shape the shipment page's components receive, declared once where it is read.
export type { ShipmentRecord } from "~/models/shipments.server";

/**
 * The shipment page (`/shipments/:shipmentId`) and its receipt form.
 */

/** The receipt form's fields as read: text, judged by recordReceipt; the box sends "on" when ticked. */
export interface ReceiptFormValue {
  receivedQty?: string;
  receivedOn?: string;
  expectRest?: "on";
}

/** The shipment with its plan line, and whether this member may record its receipt; null when not in scope. */
export async function loadShipmentPage(membership: Membership, shipmentId: string) {
  const today = todayIn(membership.tenant.timezone);
  const shipment = await withTenant(getDb(), membership.scope, (tx) => getShipment(tx, membership.scope, shipmentId, today));
  if (!shipment) return null;
  const canReceive =
    shipment.status === "in_transit" && planActionAllowed(membership.role, shipment.planStatus ?? "approved", "receive");
  return { shipment, today, canReceive };
}

/**
 * Records the receipt the form describes. A role that may not receive is told the shipment was
 * not found, as a supplier or a manager opening another's shipment is: the answer confirms nothing.
 */
export async function receiveFromForm(
  membership: Membership,
  shipmentId: string,
  form: ReceiptFormValue,
): Promise<ReceiptResult> {
  try {
    return await recordReceipt(getDb(), membership.scope, {
      shipmentId,
      role: membership.role,
      receivedQty: form.receivedQty,
      receivedOn: form.receivedOn,
      closeLine: form.expectRest === undefined,
    });
  } catch (error) {
    if (isAppError(error, "forbidden")) throw AppError.notFound();
    throw error;
  }
}
