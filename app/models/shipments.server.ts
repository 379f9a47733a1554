import { and, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "@db/client";
import {
  agreements,
  auditEvents,
  items,
  locations,
  planLines,
  replenishmentPlans,
  shipments,
  suppliers,
  tenants,
  type PlanLineStatus,
  type PlanStatus,
} from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { parseTenantSettings, type TenantSettings } from "~/models/tenant-settings.server";
import { rowsOf } from "@db/rows";
import { scopeFilter } from "./sql.server";

/** The audit trail's entity of an ASN (it covers several shipments of one plan) and of a receipt. */
export const ASN_ENTITY = "replenishment_plan";
export const SHIPMENT_ENTITY = "shipment";

export type ShipmentStatus = "in_transit" | "received" | "cancelled";

/** The tenant filter, and the supplier filter for supplier scopes (row-level security is the second lock). */
export function inScope(table: { tenantId: AnyPgColumn; supplierId: AnyPgColumn }, scope: TenantScope) {
  return scope.supplierId
    ? and(eq(table.tenantId, scope.tenantId), eq(table.supplierId, scope.supplierId))
    : eq(table.tenantId, scope.tenantId);
}

// ---------------------------------------------------------------------------------------------
// Plans and lines as an ASN needs them

export interface ShippablePlan {
  id: string;
  number: string | null;
  supplierId: string;
  supplierName: string;
  status: PlanStatus;
  version: number;
}

export interface ShipmentPlanLine {
  id: string;
  lineNo: number;
  agreementId: string;
  supplierId: string;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  status: PlanLineStatus;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  shippedQty: number;
  receivedQty: number;
}

/**
 * The plan, or null when it does not exist or is another supplier's. With `lock`, its row is
 * locked for the transaction: two ASNs against one plan are serialised, so the second sees the
 * first one's quantities (and its request id).
 */
export async function getPlanForShipment(
  tx: Tx,
  scope: TenantScope,
  planId: string,
  options: { lock?: boolean } = {},
): Promise<ShippablePlan | null> {
  if (!isUuid(planId)) return null;
  const p = replenishmentPlans;
  const query = tx
    .select({
      id: p.id,
      number: p.number,
      supplierId: p.supplierId,
      supplierName: suppliers.name,
      status: p.status,
      version: p.version,
    })
    .from(p)
    .innerJoin(suppliers, and(eq(suppliers.tenantId, p.tenantId), eq(suppliers.id, p.supplierId)))
    .where(and(inScope(p, scope), eq(p.id, planId)));
  const rows = await (options.lock ? query.for("update", { of: p }) : query);
  return rows[0] ?? null;
}

/**
 * The lines of the plan's current version, by line number, with what was shipped and received
 * against them. With `lock`, the line rows are locked (a receipt locks its line too).
 */
export async function linesForShipment(
  tx: Tx,
  scope: TenantScope,
  plan: ShippablePlan,
  options: { lock?: boolean } = {},
): Promise<ShipmentPlanLine[]> {
  const pl = planLines;
  const query = tx
    .select({
      id: pl.id,
      lineNo: pl.lineNo,
      agreementId: pl.agreementId,
      supplierId: pl.supplierId,
      sku: items.sku,
      itemName: items.name,
      uom: items.uom,
      siteCode: locations.code,
      status: pl.status,
      qty: pl.qty,
      shipDate: pl.shipDate,
      arrivalDate: pl.arrivalDate,
      approvedQty: pl.approvedQty,
      approvedArrivalDate: pl.approvedArrivalDate,
      shippedQty: pl.shippedQty,
      receivedQty: pl.receivedQty,
    })
    .from(pl)
    .innerJoin(agreements, and(eq(agreements.tenantId, pl.tenantId), eq(agreements.id, pl.agreementId)))
    .innerJoin(items, and(eq(items.tenantId, agreements.tenantId), eq(items.id, agreements.itemId)))
    .innerJoin(locations, and(eq(locations.tenantId, agreements.tenantId), eq(locations.id, agreements.locationId)))
    .where(and(inScope(pl, scope), eq(pl.planId, plan.id), eq(pl.version, plan.version)))
    .orderBy(pl.lineNo);
  return options.lock ? query.for("update", { of: pl }) : query;
}

/**
 * The `after` of the ASN already recorded against the plan under this request id, or null. The
 * request id of each ASN is kept in its audit row: a double submit finds it there.
 */
export async function recordedAsn(
  tx: Tx,
  scope: TenantScope,
  planId: string,
  action: string,
  requestId: string,
): Promise<unknown | null> {
  const [recorded] = await tx
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        inScope(auditEvents, scope),
        eq(auditEvents.entityType, ASN_ENTITY),
        eq(auditEvents.entityId, planId),
        eq(auditEvents.action, action),
        sql`${auditEvents.after} ->> 'requestId' = ${requestId}`,
      ),
    )
    .limit(1);
  return recorded ? recorded.after : null;
}

export interface NewShipment {
  lineId: string;
  agreementId: string;
  qty: number;
  expectedArrival: string;
}

/** The next ASN-YYYY-NNNNN of the transaction's tenant for a notice shipped in `year` (next_asn_number). */
export async function nextAsnNumber(tx: Tx, year: number): Promise<string> {
  const rows = rowsOf<{ number: string }>(await tx.execute(sql`select next_asn_number(${year}::int) as number`));
  return rows[0].number;
}

/**
 * Writes one shipment per line of an ASN, in transit and under one new ASN number, and raises
 * each line's shipped quantity (status shipped), in two statements whatever the number of lines.
 * Returns the number and the new shipments' ids in the order given.
 */
export async function insertAsn(
  tx: Tx,
  scope: TenantScope,
  asn: { supplierId: string; shipDate: string; carrier: string | null; tracking: string | null; lines: readonly NewShipment[] },
): Promise<{ asnNumber: string; ids: string[] }> {
  const asnNumber = await nextAsnNumber(tx, Number(asn.shipDate.slice(0, 4)));
  const inserted = await tx
    .insert(shipments)
    .values(
      asn.lines.map((l) => ({
        tenantId: scope.tenantId,
        supplierId: asn.supplierId,
        agreementId: l.agreementId,
        planLineId: l.lineId,
        asnNumber,
        qty: l.qty,
        shipDate: asn.shipDate,
        expectedArrival: l.expectedArrival,
        carrier: asn.carrier,
        tracking: asn.tracking,
      })),
    )
    .returning({ id: shipments.id, planLineId: shipments.planLineId });
  const byLine = new Map(inserted.map((r) => [r.planLineId, r.id]));
  const values = sql.join(
    asn.lines.map((l) => sql`(${l.lineId}::uuid, ${String(l.qty)}::numeric)`),
    sql`, `,
  );
  await tx.execute(sql`
    update plan_lines pl
    set shipped_qty = pl.shipped_qty + v.qty, status = 'shipped'
    from (values ${values}) as v(id, qty)
    where ${scopeFilter(scope, "pl")} and pl.id = v.id`);
  return { asnNumber, ids: asn.lines.map((l) => byLine.get(l.lineId) ?? "") };
}

// ---------------------------------------------------------------------------------------------
// Receipts

export interface ShipmentForReceipt {
  id: string;
  supplierId: string;
  asnNumber: string;
  status: ShipmentStatus;
  qty: number;
  shipDate: string;
  expectedArrival: string;
  planLineId: string | null;
  planStatus: PlanStatus | null;
  planNumber: string | null;
}

/** The shipment, locked for the transaction, with its plan's status; null when not in scope. */
export async function lockShipment(tx: Tx, scope: TenantScope, shipmentId: string): Promise<ShipmentForReceipt | null> {
  if (!isUuid(shipmentId)) return null;
  const sh = shipments;
  const rows = await tx
    .select({
      id: sh.id,
      supplierId: sh.supplierId,
      asnNumber: sh.asnNumber,
      status: sh.status,
      qty: sh.qty,
      shipDate: sh.shipDate,
      expectedArrival: sh.expectedArrival,
      planLineId: sh.planLineId,
      planStatus: replenishmentPlans.status,
      planNumber: replenishmentPlans.number,
    })
    .from(sh)
    .leftJoin(planLines, and(eq(planLines.tenantId, sh.tenantId), eq(planLines.id, sh.planLineId)))
    .leftJoin(
      replenishmentPlans,
      and(eq(replenishmentPlans.tenantId, planLines.tenantId), eq(replenishmentPlans.id, planLines.planId)),
    )
    .where(and(inScope(sh, scope), eq(sh.id, shipmentId)))
    .for("update", { of: sh });
  return rows[0] ?? null;
}

/** Marks an in-transit shipment received; false when it was not in transit any more. */
export async function markShipmentReceived(tx: Tx, scope: TenantScope, shipmentId: string, receipt: { qty: number; on: string }) {
  const rows = await tx
    .update(shipments)
    .set({ status: "received", receivedQty: receipt.qty, receivedOn: receipt.on, updatedAt: sql`now()` })
    .where(and(inScope(shipments, scope), eq(shipments.id, shipmentId), eq(shipments.status, "in_transit")))
    .returning({ id: shipments.id });
  return rows.length === 1;
}

export interface LineAfterReceipt {
  id: string;
  status: PlanLineStatus;
  qty: number;
  approvedQty: number | null;
  arrivalDate: string;
  approvedArrivalDate: string | null;
  shippedQty: number;
  receivedQty: number;
  /** Shipments of the line still in transit, after this receipt. */
  inTransit: number;
  /** The latest receipt day of the line's shipments. */
  lastReceivedOn: string | null;
}

/**
 * Adds a receipt's quantity to its line (the row stays locked until the transaction ends) and
 * returns the line with what is still in transit and its last receipt day.
 */
export async function addReceiptToLine(
  tx: Tx,
  scope: TenantScope,
  lineId: string,
  qty: number,
): Promise<LineAfterReceipt | null> {
  const pl = planLines;
  const [line] = await tx
    .update(pl)
    .set({ receivedQty: sql`${pl.receivedQty} + ${String(qty)}::numeric` })
    .where(and(inScope(pl, scope), eq(pl.id, lineId)))
    .returning({
      id: pl.id,
      status: pl.status,
      qty: pl.qty,
      approvedQty: pl.approvedQty,
      arrivalDate: pl.arrivalDate,
      approvedArrivalDate: pl.approvedArrivalDate,
      shippedQty: pl.shippedQty,
      receivedQty: pl.receivedQty,
    });
  if (!line) return null;
  const [shipped] = await tx
    .select({
      inTransit: sql<number>`count(*) filter (where ${shipments.status} = 'in_transit')`.mapWith(Number),
      lastReceivedOn: sql<string | null>`(max(${shipments.receivedOn}) filter (where ${shipments.status} = 'received'))::text`,
    })
    .from(shipments)
    .where(and(eq(shipments.tenantId, scope.tenantId), eq(shipments.planLineId, lineId)));
  return { ...line, inTransit: shipped?.inTransit ?? 0, lastReceivedOn: shipped?.lastReceivedOn ?? null };
}

/** Closes a line whose shipments have all been received: received, with its delivery figures. */
export async function closeReceivedLine(
  tx: Tx,
  scope: TenantScope,
  lineId: string,
  figures: { receivedOn: string; onTime: boolean; fillRate: number | null },
) {
  await tx
    .update(planLines)
    .set({ status: "received", receivedOn: figures.receivedOn, onTime: figures.onTime, fillRate: figures.fillRate })
    .where(and(inScope(planLines, scope), eq(planLines.id, lineId)));
}

// ---------------------------------------------------------------------------------------------
// Lists and pages

export interface ShipmentRecord {
  id: string;
  asnNumber: string;
  supplierId: string;
  supplierName: string;
  agreementId: string;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  siteName: string;
  qty: number;
  shipDate: string;
  expectedArrival: string;
  carrier: string | null;
  tracking: string | null;
  status: ShipmentStatus;
  receivedQty: number | null;
  receivedOn: string | null;
  /** Past its expected arrival and still in transit. */
  overdue: boolean;
  planId: string | null;
  planNumber: string | null;
  planStatus: PlanStatus | null;
  lineId: string | null;
  lineNo: number | null;
  lineStatus: PlanLineStatus | null;
  approvedQty: number | null;
  /** The line's agreed arrival: the approved one, else the planned one. */
  agreedArrival: string | null;
  lineShippedQty: number | null;
  lineReceivedQty: number | null;
  /** Set once the line is received. */
  onTime: boolean | null;
  fillRate: number | null;
}

/** A shipment with its agreement's item and site and its plan line, as lists and pages show it. */
export function selectRecords(tx: Tx, today: string) {
  const sh = shipments;
  const pl = planLines;
  const p = replenishmentPlans;
  return tx
    .select({
      id: sh.id,
      asnNumber: sh.asnNumber,
      supplierId: sh.supplierId,
      supplierName: suppliers.name,
      agreementId: sh.agreementId,
      sku: items.sku,
      itemName: items.name,
      uom: items.uom,
      siteCode: locations.code,
      siteName: locations.name,
      qty: sh.qty,
      shipDate: sh.shipDate,
      expectedArrival: sh.expectedArrival,
      carrier: sh.carrier,
      tracking: sh.tracking,
      status: sh.status,
      receivedQty: sh.receivedQty,
      receivedOn: sh.receivedOn,
      overdue: sql<boolean>`(${sh.status} = 'in_transit' and ${sh.expectedArrival} < ${today}::date)`.mapWith(Boolean),
      planId: p.id,
      planNumber: p.number,
      planStatus: p.status,
      lineId: pl.id,
      lineNo: pl.lineNo,
      lineStatus: pl.status,
      approvedQty: sql<number | null>`coalesce(${pl.approvedQty}, ${pl.qty})`.mapWith(Number),
      agreedArrival: sql<string | null>`coalesce(${pl.approvedArrivalDate}, ${pl.arrivalDate})::text`,
      lineShippedQty: pl.shippedQty,
      lineReceivedQty: pl.receivedQty,
      onTime: pl.onTime,
      fillRate: pl.fillRate,
    })
    .from(sh)
    .innerJoin(suppliers, and(eq(suppliers.tenantId, sh.tenantId), eq(suppliers.id, sh.supplierId)))
    .innerJoin(agreements, and(eq(agreements.tenantId, sh.tenantId), eq(agreements.id, sh.agreementId)))
    .innerJoin(items, and(eq(items.tenantId, agreements.tenantId), eq(items.id, agreements.itemId)))
    .innerJoin(locations, and(eq(locations.tenantId, agreements.tenantId), eq(locations.id, agreements.locationId)))
    .leftJoin(pl, and(eq(pl.tenantId, sh.tenantId), eq(pl.id, sh.planLineId)))
    .leftJoin(p, and(eq(p.tenantId, pl.tenantId), eq(p.id, pl.planId)));
}

/** The tenant's time zone (for its today) and its shipping settings, in one statement. */
export async function getShippingTerms(
  tx: Tx,
  scope: TenantScope,
): Promise<{ timeZone: string; shipping: TenantSettings["shipping"] }> {
  const [tenant] = await tx
    .select({ timeZone: tenants.timezone, settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!tenant) throw new Error(`tenant ${scope.tenantId} is not visible in this scope`);
  return { timeZone: tenant.timeZone, shipping: parseTenantSettings(tenant.settings).shipping };
}

/** The agreements of every line of the notice that `shipmentId` belongs to (for the alerts to follow it). */
export async function noticeAgreementIds(tx: Tx, scope: TenantScope, shipmentId: string): Promise<string[]> {
  const supplier = scope.supplierId ? sql`and s.supplier_id = ${scope.supplierId}` : sql``;
  const rows = rowsOf<{ agreement_id: string }>(
    await tx.execute(sql`
      select distinct s.agreement_id from shipments s
      join shipments one on one.tenant_id = s.tenant_id and one.id = ${shipmentId}
        and one.asn_number = s.asn_number and one.supplier_id = s.supplier_id
      where s.tenant_id = ${scope.tenantId} ${supplier}`),
  );
  return rows.map((r) => r.agreement_id);
}
