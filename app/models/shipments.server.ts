import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { shipments, type PlanLineStatus, type PlanStatus } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { parseTenantSettings, type TenantSettings } from "~/models/tenant-settings.server";
import { num, scopeFilter, str } from "./sql.server";

/** The audit trail's entity of an ASN (it covers several shipments of one plan) and of a receipt. */
export const ASN_ENTITY = "replenishment_plan";
export const SHIPMENT_ENTITY = "shipment";

export type ShipmentStatus = "in_transit" | "received";

const bool = (v: unknown) => (v === null || v === undefined ? null : v === true || v === "t" || v === "true");

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

const planColumns = sql`p.id, p.number, p.supplier_id, s.name as supplier_name, p.status, p.version`;

function toPlan(r: Record<string, unknown>): ShippablePlan {
  return {
    id: String(r.id),
    number: str(r.number),
    supplierId: String(r.supplier_id),
    supplierName: String(r.supplier_name),
    status: r.status as PlanStatus,
    version: Number(r.version),
  };
}

/**
 * The plan, or null when it does not exist or is another supplier's. With `lock`, its row is
 * locked for the transaction: two ASNs against one plan are serialised, so the second sees the
 * first one's quantities (and its request id).
 */
export async function getPlanForShipment(tx: Tx, scope: TenantScope, planId: string, options: { lock?: boolean } = {}) {
  if (!isUuid(planId)) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${planColumns}
      from replenishment_plans p
      join suppliers s on s.tenant_id = p.tenant_id and s.id = p.supplier_id
      where ${scopeFilter(scope, "p")} and p.id = ${planId}::uuid
      ${options.lock ? sql`for update of p` : sql``}`),
  );
  return rows[0] ? toPlan(rows[0]) : null;
}

/**
 * The lines of the plan's current version, by line number, with what was shipped and received
 * against them. With `lock`, the line rows are locked (a receipt locks its line too).
 */
export async function linesForShipment(tx: Tx, scope: TenantScope, plan: ShippablePlan, options: { lock?: boolean } = {}) {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select pl.id, pl.line_no, pl.agreement_id, pl.supplier_id, i.sku, i.name as item_name, i.uom, l.code as site_code,
             pl.status, pl.qty, pl.ship_date::text as ship_date, pl.arrival_date::text as arrival_date,
             pl.approved_qty, pl.approved_arrival_date::text as approved_arrival_date, pl.shipped_qty, pl.received_qty
      from plan_lines pl
      join agreements a on a.tenant_id = pl.tenant_id and a.id = pl.agreement_id
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      where ${scopeFilter(scope, "pl")} and pl.plan_id = ${plan.id}::uuid and pl.version = ${plan.version}::int
      order by pl.line_no
      ${options.lock ? sql`for update of pl` : sql``}`),
  );
  return rows.map((r): ShipmentPlanLine => ({
    id: String(r.id),
    lineNo: Number(r.line_no),
    agreementId: String(r.agreement_id),
    supplierId: String(r.supplier_id),
    sku: String(r.sku),
    itemName: String(r.item_name),
    uom: String(r.uom),
    siteCode: String(r.site_code),
    status: r.status as PlanLineStatus,
    qty: Number(r.qty),
    shipDate: String(r.ship_date),
    arrivalDate: String(r.arrival_date),
    approvedQty: num(r.approved_qty),
    approvedArrivalDate: str(r.approved_arrival_date),
    shippedQty: Number(r.shipped_qty),
    receivedQty: Number(r.received_qty),
  }));
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
  const rows = rowsOf<{ after: unknown }>(
    await tx.execute(sql`
      select ae.after from audit_events ae
      where ${scopeFilter(scope, "ae")} and ae.entity_type = ${ASN_ENTITY} and ae.entity_id = ${planId}
        and ae.action = ${action} and ae.after ->> 'requestId' = ${requestId}
      limit 1`),
  );
  if (!rows[0]) return null;
  const after = rows[0].after;
  // postgres.js may hand jsonb back as text when it was bound as text.
  return typeof after === "string" ? JSON.parse(after) : after;
}

export interface NewShipment {
  lineId: string;
  agreementId: string;
  qty: number;
  expectedArrival: string;
}

/**
 * Writes one shipment per line of an ASN, in transit, and raises each line's shipped quantity
 * (status shipped), in two statements whatever the number of lines. Returns the new shipments' ids
 * in the order given.
 */
export async function insertAsn(
  tx: Tx,
  scope: TenantScope,
  asn: { supplierId: string; shipDate: string; carrier: string | null; tracking: string | null; lines: readonly NewShipment[] },
): Promise<string[]> {
  const inserted = await tx
    .insert(shipments)
    .values(
      asn.lines.map((l) => ({
        tenantId: scope.tenantId,
        supplierId: asn.supplierId,
        agreementId: l.agreementId,
        planLineId: l.lineId,
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
  return asn.lines.map((l) => byLine.get(l.lineId) ?? "");
}

// ---------------------------------------------------------------------------------------------
// Receipts

export interface ShipmentForReceipt {
  id: string;
  supplierId: string;
  status: ShipmentStatus;
  qty: number;
  shipDate: string;
  expectedArrival: string;
  planLineId: string | null;
  planStatus: PlanStatus | null;
}

/** The shipment, locked for the transaction, with its plan's status; null when not in scope. */
export async function lockShipment(tx: Tx, scope: TenantScope, shipmentId: string): Promise<ShipmentForReceipt | null> {
  if (!isUuid(shipmentId)) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select sh.id, sh.supplier_id, sh.status, sh.qty, sh.ship_date::text as ship_date,
             sh.expected_arrival::text as expected_arrival, sh.plan_line_id, p.status as plan_status
      from shipments sh
      left join plan_lines pl on pl.tenant_id = sh.tenant_id and pl.id = sh.plan_line_id
      left join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id
      where ${scopeFilter(scope, "sh")} and sh.id = ${shipmentId}::uuid
      for update of sh`),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    supplierId: String(r.supplier_id),
    status: r.status as ShipmentStatus,
    qty: Number(r.qty),
    shipDate: String(r.ship_date),
    expectedArrival: String(r.expected_arrival),
    planLineId: str(r.plan_line_id),
    planStatus: (str(r.plan_status) as PlanStatus | null) ?? null,
  };
}

/** Marks an in-transit shipment received; false when it was not in transit any more. */
export async function markShipmentReceived(tx: Tx, scope: TenantScope, shipmentId: string, receipt: { qty: number; on: string }) {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update shipments sh
      set status = 'received', received_qty = ${String(receipt.qty)}::numeric, received_on = ${receipt.on}::date, updated_at = now()
      where ${scopeFilter(scope, "sh")} and sh.id = ${shipmentId}::uuid and sh.status = 'in_transit'
      returning sh.id`),
  );
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
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with updated as (
        update plan_lines pl set received_qty = pl.received_qty + ${String(qty)}::numeric
        where ${scopeFilter(scope, "pl")} and pl.id = ${lineId}::uuid
        returning pl.id, pl.tenant_id, pl.status, pl.qty, pl.approved_qty, pl.arrival_date, pl.approved_arrival_date,
                  pl.shipped_qty, pl.received_qty
      )
      select u.id, u.status, u.qty, u.approved_qty, u.arrival_date::text as arrival_date,
             u.approved_arrival_date::text as approved_arrival_date, u.shipped_qty, u.received_qty,
             (select count(*) from shipments x
               where x.tenant_id = u.tenant_id and x.plan_line_id = u.id and x.status = 'in_transit') as in_transit,
             (select max(x.received_on)::text from shipments x
               where x.tenant_id = u.tenant_id and x.plan_line_id = u.id and x.status = 'received') as last_received_on
      from updated u`),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    status: r.status as PlanLineStatus,
    qty: Number(r.qty),
    approvedQty: num(r.approved_qty),
    arrivalDate: String(r.arrival_date),
    approvedArrivalDate: str(r.approved_arrival_date),
    shippedQty: Number(r.shipped_qty),
    receivedQty: Number(r.received_qty),
    inTransit: Number(r.in_transit),
    lastReceivedOn: str(r.last_received_on),
  };
}

/** Closes a line whose shipments have all been received: received, with its delivery figures. */
export async function closeReceivedLine(
  tx: Tx,
  scope: TenantScope,
  lineId: string,
  figures: { receivedOn: string; onTime: boolean; fillRate: number | null },
) {
  await tx.execute(sql`
    update plan_lines pl
    set status = 'received', received_on = ${figures.receivedOn}::date, on_time = ${figures.onTime},
        fill_rate = ${figures.fillRate === null ? null : String(figures.fillRate)}::numeric
    where ${scopeFilter(scope, "pl")} and pl.id = ${lineId}::uuid`);
}

// ---------------------------------------------------------------------------------------------
// Lists and pages

export interface ShipmentRecord {
  id: string;
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

const recordColumns = (today: string) => sql`
  sh.id, sh.supplier_id, s.name as supplier_name, sh.agreement_id, i.sku, i.name as item_name, i.uom,
  l.code as site_code, l.name as site_name, sh.qty, sh.ship_date::text as ship_date,
  sh.expected_arrival::text as expected_arrival, sh.carrier, sh.tracking, sh.status, sh.received_qty,
  sh.received_on::text as received_on,
  (sh.status = 'in_transit' and sh.expected_arrival < ${today}::date) as overdue,
  p.id as plan_id, p.number as plan_number, p.status as plan_status, pl.id as line_id, pl.line_no,
  pl.status as line_status, coalesce(pl.approved_qty, pl.qty) as approved_qty,
  coalesce(pl.approved_arrival_date, pl.arrival_date)::text as agreed_arrival,
  pl.shipped_qty as line_shipped_qty, pl.received_qty as line_received_qty, pl.on_time, pl.fill_rate`;

const recordJoins = sql`
  from shipments sh
  join suppliers s on s.tenant_id = sh.tenant_id and s.id = sh.supplier_id
  join agreements a on a.tenant_id = sh.tenant_id and a.id = sh.agreement_id
  join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
  join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
  left join plan_lines pl on pl.tenant_id = sh.tenant_id and pl.id = sh.plan_line_id
  left join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id`;

function toRecord(r: Record<string, unknown>): ShipmentRecord {
  return {
    id: String(r.id),
    supplierId: String(r.supplier_id),
    supplierName: String(r.supplier_name),
    agreementId: String(r.agreement_id),
    sku: String(r.sku),
    itemName: String(r.item_name),
    uom: String(r.uom),
    siteCode: String(r.site_code),
    siteName: String(r.site_name),
    qty: Number(r.qty),
    shipDate: String(r.ship_date),
    expectedArrival: String(r.expected_arrival),
    carrier: str(r.carrier),
    tracking: str(r.tracking),
    status: r.status as ShipmentStatus,
    receivedQty: num(r.received_qty),
    receivedOn: str(r.received_on),
    overdue: bool(r.overdue) === true,
    planId: str(r.plan_id),
    planNumber: str(r.plan_number),
    planStatus: str(r.plan_status) as PlanStatus | null,
    lineId: str(r.line_id),
    lineNo: num(r.line_no),
    lineStatus: str(r.line_status) as PlanLineStatus | null,
    approvedQty: r.line_id === null || r.line_id === undefined ? null : num(r.approved_qty),
    agreedArrival: str(r.agreed_arrival),
    lineShippedQty: num(r.line_shipped_qty),
    lineReceivedQty: num(r.line_received_qty),
    onTime: bool(r.on_time),
    fillRate: num(r.fill_rate),
  };
}

export interface ShipmentListFilters {
  status?: ShipmentStatus;
  /** Only shipments in transit past their expected arrival. */
  overdue?: boolean;
  /** Buyer roles only; a supplier scope always lists its own shipments. */
  supplierId?: string;
  /** The tenant's today, for "overdue". */
  today: string;
  page: number;
  pageSize: number;
}

/** One page of shipments, newest first (a supplier: its own; buyer roles: all, or one supplier's). */
export async function listShipments(
  tx: Tx,
  scope: TenantScope,
  filters: ShipmentListFilters,
): Promise<{ rows: ShipmentRecord[]; total: number }> {
  const conditions: SQL[] = [scopeFilter(scope, "sh")];
  if (!scope.supplierId && filters.supplierId) {
    if (!isUuid(filters.supplierId)) return { rows: [], total: 0 };
    conditions.push(sql`sh.supplier_id = ${filters.supplierId}::uuid`);
  }
  if (filters.status) conditions.push(sql`sh.status = ${filters.status}`);
  if (filters.overdue) conditions.push(sql`sh.status = 'in_transit' and sh.expected_arrival < ${filters.today}::date`);
  const where = sql.join(conditions, sql` and `);
  const page = Math.max(1, Math.floor(filters.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(filters.pageSize)));
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${recordColumns(filters.today)}
      ${recordJoins}
      where ${where}
      order by sh.ship_date desc, sh.created_at desc, sh.id
      limit ${pageSize}::int offset ${(page - 1) * pageSize}::int`),
  );
  const count = rowsOf<{ total: unknown }>(await tx.execute(sql`select count(*) as total from shipments sh where ${where}`));
  return { rows: rows.map(toRecord), total: Number(count[0]?.total ?? 0) };
}

/** One shipment with its plan line, or null when it does not exist or is another supplier's. */
export async function getShipment(tx: Tx, scope: TenantScope, shipmentId: string, today: string): Promise<ShipmentRecord | null> {
  if (!isUuid(shipmentId)) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${recordColumns(today)}
      ${recordJoins}
      where ${scopeFilter(scope, "sh")} and sh.id = ${shipmentId}::uuid`),
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The tenant's time zone (for its today) and its shipping settings, in one statement. */
export async function getShippingTerms(
  tx: Tx,
  scope: TenantScope,
): Promise<{ timeZone: string; shipping: TenantSettings["shipping"] }> {
  const rows = rowsOf<{ timezone: string; settings: unknown }>(
    await tx.execute(sql`select timezone, settings from tenants where id = ${scope.tenantId}`),
  );
  if (!rows[0]) throw new Error(`tenant ${scope.tenantId} is not visible in this scope`);
  return { timeZone: rows[0].timezone, shipping: parseTenantSettings(rows[0].settings).shipping };
}
