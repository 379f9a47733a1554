import type { Tx, Database } from "@db/client";
import type { PlanStatus } from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { planActionAllowed } from "~/core";
import { recordAudit } from "~/models/audit.server";
import {
  adjustShippedQty,
  cancelNoticeLines,
  lockNotice,
  lockPlanLines,
  updateNoticeLine,
  type LockedNoticeLine,
} from "~/models/shipment-notices.server";
import { getShippingTerms, SHIPMENT_ENTITY } from "~/models/shipments.server";
import { AppError } from "~/utils/app-error";
import { addDays } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { SHIPMENT_AUDIT } from "./common.server";
import {
  noticeConflict,
  planNotShippable,
  ShipmentProblems,
  type ShipmentErrorCode,
  type ShipmentLineField,
} from "./errors.server";
import { ASN_MAX_LINES, CARRIER_MAX, parseDay, parseOptionalText, parseQuantity, round4, TRACKING_MAX } from "./fields.server";
import { notifyNotice } from "./notify.server";
import { ASN_MAX_TRANSIT_DAYS, remainingToShip, shippableTotal } from "./record-shipment.server";
import { alertsFollowNotice } from "./follow-alerts.server";

/**
 * A supplier's correction or cancellation of its own shipping notice, allowed while none of it
 * is received: the plan lines' shipped quantities follow (a cancelled notice gives back all it
 * shipped), the audit row keeps the notice before and after, and the company's buyers are told.
 */

export interface NoticeCorrectionInput {
  /** Any line of the notice. */
  shipmentId: string;
  carrier?: unknown;
  tracking?: unknown;
  /** The lines as the form lists them; a line the form leaves out keeps its values. */
  lines: readonly { shipmentId?: unknown; qty?: unknown; expectedArrival?: unknown }[];
}

export interface NoticeChangeResult {
  asnNumber: string;
  /** The notice's first line, whose page is the notice's. */
  shipmentId: string;
  /** False when the correction changed nothing: nothing was written, nobody told. */
  changed: boolean;
}

/** The notice's lines, locked, when they may still change: each in transit. */
async function openNotice(tx: Tx, scope: TenantScope, shipmentId: string): Promise<LockedNoticeLine[]> {
  const notice = await lockNotice(tx, scope, shipmentId);
  if (notice.length === 0) throw AppError.notFound();
  if (notice.some((l) => l.status === "received")) throw noticeConflict("received");
  if (notice.some((l) => l.status === "cancelled")) throw noticeConflict("cancelled");
  return notice;
}

const snapshotOf = (notice: readonly LockedNoticeLine[]) => ({
  asnNumber: notice[0].asnNumber,
  carrier: notice[0].carrier,
  tracking: notice[0].tracking,
  lines: notice.map((l) => ({ shipmentId: l.id, lineNo: l.lineNo, qty: l.qty, expectedArrival: l.expectedArrival })),
});

function requireSupplier(scope: TenantScope, action: string, shipmentId: string) {
  if (!scope.supplierId) throw AppError.forbidden(action);
  if (!isUuid(shipmentId)) throw AppError.notFound();
}

/**
 * Corrects a notice's carrier, tracking number, and its lines' quantities and expected arrivals,
 * by the rules an ASN is recorded by (a quantity more than 0 and within what its plan line may
 * still ship with this notice's quantity given back; an arrival from the ship date to a year
 * after it). Refused as a whole with every problem under its field.
 *
 * @throws AppError forbidden without a supplier scope; not_found; conflict "received" or
 *   "cancelled" (no longer correctable) or "state" (the plan takes no shipments); invalid
 */
export async function correctNotice(db: Database, scope: TenantScope, input: NoticeCorrectionInput): Promise<NoticeChangeResult> {
  requireSupplier(scope, SHIPMENT_AUDIT.correct, input.shipmentId);
  const rawLines = Array.isArray(input.lines) ? input.lines : [];
  const problems = new ShipmentProblems();
  if (rawLines.length > ASN_MAX_LINES) {
    problems.field("lines", "too_many_lines", { max: ASN_MAX_LINES });
    throw problems.error();
  }
  const result = await withTenant(db, scope, async (tx) => {
    const notice = await openNotice(tx, scope, input.shipmentId);
    const planStatus = notice.find((l) => l.planStatus)?.planStatus;
    if (planStatus && !planActionAllowed("supplier", planStatus as PlanStatus, "ship")) throw planNotShippable(planStatus);
    const terms = await getShippingTerms(tx, scope);
    const planLines = new Map(
      (
        await lockPlanLines(
          tx,
          scope,
          notice.flatMap((l) => (l.planLineId ? [l.planLineId] : [])),
        )
      ).map((l) => [l.id, l]),
    );

    const carrier = parseOptionalText(input.carrier, CARRIER_MAX);
    if (!carrier.ok) problems.field("carrier", carrier.code, carrier.params);
    const tracking = parseOptionalText(input.tracking, TRACKING_MAX);
    if (!tracking.ok) problems.field("tracking", tracking.code, tracking.params);

    const byId = new Map(notice.map((l) => [l.id, l]));
    const next = new Map(notice.map((l) => [l.id, { qty: l.qty, expectedArrival: l.expectedArrival }]));
    const seen = new Set<string>();
    for (const [index, raw] of rawLines.entries()) {
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
      const qty = parseQuantity(raw.qty);
      if (!qty.ok) error("qty", qty.code === "negative" ? "not_positive" : qty.code, qty.params);
      else if (qty.value <= 0) error("qty", "not_positive");
      const planLine = line.planLineId ? planLines.get(line.planLineId) : undefined;
      if (qty.ok && planLine && qty.value > line.qty) {
        // What the plan line may still ship once this notice's own quantity is given back.
        const others = { ...planLine, shippedQty: round4(planLine.shippedQty - line.qty) };
        const max = remainingToShip(others, terms.shipping.overShipTolerance);
        if (qty.value > max) {
          error("qty", "over_max", {
            max,
            total: shippableTotal(planLine, terms.shipping.overShipTolerance),
            approved: planLine.approvedQty ?? planLine.qty,
            shipped: others.shippedQty,
          });
        }
      }
      const arrival = parseDay(raw.expectedArrival);
      if (!arrival.ok) error("expectedArrival", arrival.code);
      else if (arrival.value < line.shipDate) error("expectedArrival", "before_ship_date", { shipDate: line.shipDate });
      else if (arrival.value > addDays(line.shipDate, ASN_MAX_TRANSIT_DAYS)) {
        error("expectedArrival", "too_late", { latest: addDays(line.shipDate, ASN_MAX_TRANSIT_DAYS) });
      }
      if (qty.ok && arrival.ok) next.set(line.id, { qty: qty.value, expectedArrival: arrival.value });
    }
    if (!problems.empty || !carrier.ok || !tracking.ok) throw problems.error();

    const changedLines = notice.filter((l) => {
      const n = next.get(l.id)!;
      return n.qty !== l.qty || n.expectedArrival !== l.expectedArrival;
    });
    const result = { asnNumber: notice[0].asnNumber, shipmentId: notice[0].id };
    const sameShipping = carrier.value === notice[0].carrier && tracking.value === notice[0].tracking;
    if (
      changedLines.length === 0 &&
      sameShipping &&
      notice.every((l) => l.carrier === notice[0].carrier && l.tracking === notice[0].tracking)
    ) {
      return { ...result, changed: false };
    }

    for (const l of notice) {
      const n = next.get(l.id)!;
      await updateNoticeLine(tx, scope, { id: l.id, ...n, carrier: carrier.value, tracking: tracking.value });
    }
    await adjustShippedQty(
      tx,
      scope,
      changedLines.flatMap((l) => (l.planLineId ? [{ lineId: l.planLineId, delta: round4(next.get(l.id)!.qty - l.qty) }] : [])),
    );
    const after = notice.map((l) => ({ ...l, ...next.get(l.id)!, carrier: carrier.value, tracking: tracking.value }));
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: notice[0].supplierId,
      actorUserId: scope.userId,
      action: SHIPMENT_AUDIT.correct,
      entityType: SHIPMENT_ENTITY,
      entityId: notice[0].id,
      before: snapshotOf(notice),
      after: snapshotOf(after),
    });
    await notifyNotice(tx, scope, {
      kind: "shipment.corrected",
      supplierId: notice[0].supplierId,
      asnNumber: notice[0].asnNumber,
      shipmentId: notice[0].id,
      planNumber: notice[0].planNumber,
      lines: notice.length,
      expectedArrival: after.map((l) => l.expectedArrival).sort()[0],
    });
    return { ...result, changed: true };
  });
  await alertsFollowNotice(db, scope, input.shipmentId);
  return result;
}

/**
 * Cancels a notice none of which was received: its lines leave transit (cancelled), each plan
 * line gives back what the notice shipped of it.
 *
 * @throws AppError forbidden without a supplier scope; not_found; conflict "received" or "cancelled"
 */
export async function cancelNotice(db: Database, scope: TenantScope, input: { shipmentId: string }): Promise<NoticeChangeResult> {
  requireSupplier(scope, SHIPMENT_AUDIT.cancel, input.shipmentId);
  const result = await withTenant(db, scope, async (tx) => {
    const notice = await openNotice(tx, scope, input.shipmentId);
    await lockPlanLines(
      tx,
      scope,
      notice.flatMap((l) => (l.planLineId ? [l.planLineId] : [])),
    );
    await cancelNoticeLines(
      tx,
      scope,
      notice.map((l) => l.id),
    );
    await adjustShippedQty(
      tx,
      scope,
      notice.flatMap((l) => (l.planLineId ? [{ lineId: l.planLineId, delta: -l.qty }] : [])),
    );
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: notice[0].supplierId,
      actorUserId: scope.userId,
      action: SHIPMENT_AUDIT.cancel,
      entityType: SHIPMENT_ENTITY,
      entityId: notice[0].id,
      before: { ...snapshotOf(notice), status: "in_transit" },
      after: { ...snapshotOf(notice), status: "cancelled" },
    });
    await notifyNotice(tx, scope, {
      kind: "shipment.cancelled",
      supplierId: notice[0].supplierId,
      asnNumber: notice[0].asnNumber,
      shipmentId: notice[0].id,
      planNumber: notice[0].planNumber,
      lines: notice.length,
    });
    return { asnNumber: notice[0].asnNumber, shipmentId: notice[0].id, changed: true };
  });
  await alertsFollowNotice(db, scope, input.shipmentId);
  return result;
}
