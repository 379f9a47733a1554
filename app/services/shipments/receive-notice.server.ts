import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { planActionAllowed, roleMay, type PlanWorkflowRole } from "~/core";
import { lockNotice, type LockedNoticeLine } from "~/models/shipment-notices.server";
import { getShippingTerms, type ShipmentForReceipt } from "~/models/shipments.server";
import type { PlanStatus } from "@db/schema";
import { AppError } from "~/utils/app-error";
import { todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { SHIPMENT_AUDIT } from "./common.server";
import { receiptConflict, ShipmentProblems, type ShipmentErrorCode, type ShipmentLineField } from "./errors.server";
import { ASN_MAX_LINES, parseDay, parseQuantity } from "./fields.server";
import { receiveLocked, type ReceiptResult } from "./record-receipt.server";
import { alertsFollowNotice } from "./follow-alerts.server";

export interface NoticeReceiptLineInput {
  /** The notice's line (a shipment) received. */
  shipmentId: unknown;
  /** False for a line the form lists but the buyer did not tick: it is not read. Received when absent. */
  receive?: boolean;
  receivedQty: unknown;
  /** The day it arrived: not before the ship date, not after the tenant's today. */
  receivedOn: unknown;
  /** As recordReceipt's closeLine: false keeps a plan line shipped short open for the rest. */
  closeLine?: boolean;
}

export interface NoticeReceiptInput {
  /** Any line of the notice: the notice is the one this line belongs to. */
  shipmentId: string;
  role: PlanWorkflowRole;
  /** The lines as the form lists them: an error names its line by its position here (`lines[1].receivedQty`). */
  lines: readonly NoticeReceiptLineInput[];
  /** The tenant's today; its clock when absent (tests pass it). */
  today?: string;
}

export interface NoticeReceiptResult {
  asnNumber: string;
  received: ReceiptResult[];
}

function forReceipt(line: LockedNoticeLine): ShipmentForReceipt {
  return {
    id: line.id,
    supplierId: line.supplierId,
    asnNumber: line.asnNumber,
    status: line.status,
    qty: line.qty,
    shipDate: line.shipDate,
    expectedArrival: line.expectedArrival,
    planLineId: line.planLineId,
    planStatus: line.planStatus as PlanStatus | null,
    planNumber: line.planNumber,
  };
}

/**
 * Receives the ticked lines of one notice in one transaction, each as the one-shipment receipt
 * does (its quantity and day, partial allowed, its plan line completed or kept open): all of them
 * or none. Every line is checked first and the refusal lists every problem under its field; a
 * line received or cancelled meanwhile refuses the whole form as a conflict.
 *
 * @throws AppError forbidden for any role but the buyer; not_found (also another supplier's or
 *   tenant's notice); conflict "received" (a line no longer in transit) or "state" (the plan no
 *   longer takes receipts); invalid (nothing written)
 */
export async function receiveNotice(db: Database, scope: TenantScope, input: NoticeReceiptInput): Promise<NoticeReceiptResult> {
  if (scope.supplierId || !roleMay(input.role, "receive")) throw AppError.forbidden(SHIPMENT_AUDIT.receive);
  if (!isUuid(input.shipmentId)) throw AppError.notFound();
  const rawLines = Array.isArray(input.lines) ? input.lines : [];
  if (rawLines.length > ASN_MAX_LINES) {
    const problems = new ShipmentProblems();
    problems.field("lines", "too_many_lines", { max: ASN_MAX_LINES });
    throw problems.error();
  }

  const result = await withTenant(db, scope, async (tx) => {
    const notice = await lockNotice(tx, scope, input.shipmentId);
    if (notice.length === 0) throw AppError.notFound();
    const planStatus = notice.find((l) => l.planStatus)?.planStatus;
    if (planStatus && !planActionAllowed(input.role, planStatus as PlanStatus, "receive")) {
      throw receiptConflict("state", planStatus);
    }
    const terms = await getShippingTerms(tx, scope);
    const today = input.today ?? todayIn(terms.timeZone);

    const problems = new ShipmentProblems();
    const byId = new Map(notice.map((l) => [l.id, l]));
    const seen = new Set<string>();
    let stale: string | null = null;
    const accepted: { line: LockedNoticeLine; qty: number; on: string; close: boolean }[] = [];
    for (const [index, raw] of rawLines.entries()) {
      if (raw?.receive === false) continue;
      const id = typeof raw?.shipmentId === "string" ? raw.shipmentId.trim().toLowerCase() : "";
      const line = byId.get(id);
      if (!line) {
        problems.line(index, index + 1, "shipmentId", "not_in_notice");
        continue;
      }
      const error = (field: ShipmentLineField, code: ShipmentErrorCode, params?: Record<string, number | string>) =>
        problems.line(index, line.lineNo ?? index + 1, field, code, params);
      if (seen.has(line.id)) {
        error("shipmentId", "duplicate_line");
        continue;
      }
      seen.add(line.id);
      // The form offers lines in transit only: one that is not any more changed under the buyer.
      if (line.status !== "in_transit") {
        stale = line.status;
        continue;
      }
      const qty = parseQuantity(raw.receivedQty);
      if (!qty.ok) error("receivedQty", qty.code, qty.params);
      const on = parseDay(raw.receivedOn);
      if (!on.ok) error("receivedOn", on.code);
      else if (on.value < line.shipDate) error("receivedOn", "before_ship_date", { shipDate: line.shipDate });
      else if (on.value > today) error("receivedOn", "in_future", { today });
      if (qty.ok && on.ok) accepted.push({ line, qty: qty.value, on: on.value, close: raw.closeLine ?? true });
    }
    if (stale) throw receiptConflict("received", stale);
    if (seen.size === 0 && problems.empty) problems.field("lines", "no_receipt_lines");
    if (!problems.empty) throw problems.error();

    const received: ReceiptResult[] = [];
    for (const a of accepted) {
      received.push(
        await receiveLocked(tx, scope, forReceipt(a.line), { qty: a.qty, on: a.on }, terms.shipping.onTimeToleranceDays, a.close),
      );
    }
    return { asnNumber: notice[0].asnNumber, received };
  });
  await alertsFollowNotice(db, scope, input.shipmentId);
  return result;
}
