import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { planActionAllowed } from "~/core";
import { recordAudit } from "~/models/audit.server";
import {
  ASN_ENTITY,
  getPlanForShipment,
  getShippingTerms,
  insertAsn,
  linesForShipment,
  recordedAsn,
  type ShipmentPlanLine,
} from "~/models/shipments.server";
import { AppError } from "~/utils/app-error";
import { addDays, todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { SHIPMENT_AUDIT } from "./common.server";
import { notifyNotice } from "./notify.server";
import { planNotShippable, ShipmentProblems, type ShipmentErrorCode, type ShipmentLineField } from "./errors.server";
import { ASN_MAX_LINES, CARRIER_MAX, parseDay, parseOptionalText, parseQuantity, round4, TRACKING_MAX } from "./fields.server";
import { alertsFollowNotice } from "./follow-alerts.server";

/** How far back an ASN's ship date may be, and how long after it the goods may arrive. */
const ASN_MAX_DAYS_BACK = 90;
export const ASN_MAX_TRANSIT_DAYS = 365;

/** Line states that may still ship: accepted, or shipped in part (never pending, rejected or received). */
export const SHIPPABLE_LINE_STATUSES = ["accepted", "shipped"] as const;

export interface AsnLineInput {
  /** The plan line shipped (of the plan's current version). */
  lineId: unknown;
  /** False for a line the form lists but the supplier did not tick: it is not read. Shipped when absent. */
  ship?: boolean;
  qty: unknown;
  expectedArrival: unknown;
}

export interface AsnInput {
  planId: string;
  /**
   * Idempotency key of this form submission (a UUID the form generates once): the same key again
   * finds the ASN already recorded and returns it instead of shipping twice.
   */
  requestId: string;
  /** The day the goods left; not after the tenant's today. */
  shipDate: unknown;
  carrier?: unknown;
  tracking?: unknown;
  /** The lines as the form lists them: an error names its line by its position here (`lines[2].qty`). */
  lines: readonly AsnLineInput[];
  /** The tenant's today; its clock when absent (tests pass it). */
  today?: string;
}

export interface RecordedShipment {
  id: string;
  lineId: string;
  lineNo: number;
  qty: number;
  expectedArrival: string;
}

export interface AsnResult {
  planId: string;
  /** The notice's number (ASN-YYYY-NNNNN), which the buyer's ERP quotes when it books the goods in. */
  asnNumber: string;
  shipments: RecordedShipment[];
  /** True when this request id had already been recorded: nothing new was written. */
  replayed: boolean;
}

/**
 * The most a line may have shipped in all: its approved quantity (else the quantity planned) plus
 * the tenant's over-ship tolerance, to the stored 4 decimals.
 */
/** What a line may still ship: its total allowance less what it shipped, never below 0. */
export function remainingToShip(line: Pick<ShipmentPlanLine, "approvedQty" | "qty" | "shippedQty">, overShipTolerance: number) {
  return Math.max(0, round4(shippableTotal(line, overShipTolerance) - line.shippedQty));
}

export function shippableTotal(line: Pick<ShipmentPlanLine, "approvedQty" | "qty">, overShipTolerance: number) {
  return round4((line.approvedQty ?? line.qty) * (1 + overShipTolerance));
}

/**
 * Records an advance shipping notice against one approved plan: one shipment per line, in transit
 * from the ship date to each line's expected arrival. Each line's shipped quantity rises and it
 * becomes `shipped`; the audit row (`shipment.record`, before and after) keeps the request id; the
 * company's buyers are notified. All in one transaction, and refused as a whole with every error (each under its form field name,
 * a line's naming the plan's line number).
 *
 * @throws AppError forbidden without a supplier scope; not_found (also another supplier's plan);
 *   conflict "state" (the plan is not approved or partially approved); invalid (nothing written)
 */
export async function recordShipment(db: Database, scope: TenantScope, input: AsnInput): Promise<AsnResult> {
  if (!scope.supplierId) throw AppError.forbidden(SHIPMENT_AUDIT.record);
  if (!isUuid(input.planId)) throw AppError.notFound();
  if (!isUuid(input.requestId)) {
    const problems = new ShipmentProblems();
    problems.field("requestId", "required");
    throw problems.error();
  }
  const requestId = input.requestId.toLowerCase();
  const rawLines = Array.isArray(input.lines) ? input.lines : [];
  if (rawLines.length > ASN_MAX_LINES) {
    const problems = new ShipmentProblems();
    problems.field("lines", "too_many_lines", { max: ASN_MAX_LINES });
    throw problems.error();
  }

  const result = await withTenant(db, scope, async (tx) => {
    const plan = await getPlanForShipment(tx, scope, input.planId, { lock: true });
    if (!plan) throw AppError.notFound();
    const earlier = await recordedAsn(tx, scope, plan.id, SHIPMENT_AUDIT.record, requestId);
    if (earlier) return { planId: plan.id, asnNumber: asnNumberOf(earlier), shipments: shipmentsOf(earlier), replayed: true };
    if (!planActionAllowed("supplier", plan.status, "ship")) throw planNotShippable(plan.status);

    const lines = await linesForShipment(tx, scope, plan, { lock: true });
    const terms = await getShippingTerms(tx, scope);
    const today = input.today ?? todayIn(terms.timeZone);

    const problems = new ShipmentProblems();
    const shipDate = parseDay(input.shipDate);
    if (!shipDate.ok) problems.field("shipDate", shipDate.code);
    else if (shipDate.value > today) problems.field("shipDate", "in_future", { today });
    // An ASN is sent when goods leave: one dated months back is a typo, and would put a receipt
    // far in the past into every projection.
    else if (shipDate.value < addDays(today, -ASN_MAX_DAYS_BACK)) {
      problems.field("shipDate", "too_early", { earliest: addDays(today, -ASN_MAX_DAYS_BACK) });
    }
    const carrier = parseOptionalText(input.carrier, CARRIER_MAX);
    if (!carrier.ok) problems.field("carrier", carrier.code, carrier.params);
    const tracking = parseOptionalText(input.tracking, TRACKING_MAX);
    if (!tracking.ok) problems.field("tracking", tracking.code, tracking.params);
    if (!rawLines.some((raw) => raw?.ship !== false)) problems.field("lines", "no_lines");

    const byId = new Map(lines.map((l) => [l.id, l]));
    const seen = new Set<string>();
    const accepted: { line: ShipmentPlanLine; qty: number; expectedArrival: string }[] = [];
    rawLines.forEach((raw, index) => {
      if (raw?.ship === false) return;
      const lineId = typeof raw?.lineId === "string" ? raw.lineId.trim().toLowerCase() : "";
      const line = byId.get(lineId);
      if (!line) return problems.line(index, index + 1, "lineId", "unknown_line");
      const error = (field: ShipmentLineField, code: ShipmentErrorCode, params?: Record<string, number | string>) =>
        problems.line(index, line.lineNo, field, code, params);
      if (seen.has(line.id)) return error("lineId", "duplicate_line");
      seen.add(line.id);
      if (!(SHIPPABLE_LINE_STATUSES as readonly string[]).includes(line.status))
        return error("lineId", "not_shippable", { status: line.status });

      const qty = parseQuantity(raw.qty);
      const total = shippableTotal(line, terms.shipping.overShipTolerance);
      const remaining = remainingToShip(line, terms.shipping.overShipTolerance);
      // A shipped quantity must be more than 0: a negative one is told so, like 0.
      if (!qty.ok) error("qty", qty.code === "negative" ? "not_positive" : qty.code, qty.params);
      else if (qty.value <= 0) error("qty", "not_positive");
      else if (qty.value > remaining) {
        error("qty", "over_max", { max: remaining, total, approved: line.approvedQty ?? line.qty, shipped: line.shippedQty });
      }
      const arrival = parseDay(raw.expectedArrival);
      if (!arrival.ok) error("expectedArrival", arrival.code);
      else if (shipDate.ok && arrival.value < shipDate.value)
        error("expectedArrival", "before_ship_date", { shipDate: shipDate.value });
      else if (shipDate.ok && arrival.value > addDays(shipDate.value, ASN_MAX_TRANSIT_DAYS)) {
        error("expectedArrival", "too_late", { latest: addDays(shipDate.value, ASN_MAX_TRANSIT_DAYS) });
      }
      if (qty.ok && arrival.ok) accepted.push({ line, qty: qty.value, expectedArrival: arrival.value });
    });

    if (!problems.empty || !shipDate.ok || !carrier.ok || !tracking.ok) throw problems.error();

    const { asnNumber, ids } = await insertAsn(tx, scope, {
      supplierId: plan.supplierId,
      shipDate: shipDate.value,
      carrier: carrier.value,
      tracking: tracking.value,
      lines: accepted.map((a) => ({
        lineId: a.line.id,
        agreementId: a.line.agreementId,
        qty: a.qty,
        expectedArrival: a.expectedArrival,
      })),
    });
    const recorded: RecordedShipment[] = accepted.map((a, i) => ({
      id: ids[i],
      lineId: a.line.id,
      lineNo: a.line.lineNo,
      qty: a.qty,
      expectedArrival: a.expectedArrival,
    }));
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: plan.supplierId,
      actorUserId: scope.userId,
      action: SHIPMENT_AUDIT.record,
      entityType: ASN_ENTITY,
      entityId: plan.id,
      before: {
        lines: accepted.map((a) => ({
          lineId: a.line.id,
          lineNo: a.line.lineNo,
          status: a.line.status,
          shippedQty: a.line.shippedQty,
        })),
      },
      after: {
        requestId,
        asnNumber,
        shipDate: shipDate.value,
        carrier: carrier.value,
        tracking: tracking.value,
        shipments: recorded,
        lines: accepted.map((a) => ({
          lineId: a.line.id,
          lineNo: a.line.lineNo,
          status: "shipped",
          shippedQty: round4(a.line.shippedQty + a.qty),
        })),
      },
    });
    await notifyNotice(tx, scope, {
      kind: "shipment.recorded",
      supplierId: plan.supplierId,
      asnNumber,
      shipmentId: recorded[0].id,
      planNumber: plan.number,
      lines: recorded.length,
      expectedArrival: recorded.map((r) => r.expectedArrival).sort()[0],
    });
    return { planId: plan.id, asnNumber, shipments: recorded, replayed: false };
  });
  if (!result.replayed && result.shipments.length > 0) await alertsFollowNotice(db, scope, result.shipments[0].id);
  return result;
}

function asnNumberOf(after: unknown): string {
  const number = (after as { asnNumber?: unknown } | null)?.asnNumber;
  return typeof number === "string" ? number : "";
}

function shipmentsOf(after: unknown): RecordedShipment[] {
  const list = (after as { shipments?: unknown } | null)?.shipments;
  return Array.isArray(list) ? (list as RecordedShipment[]) : [];
}
