import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { planLines, shipments } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { inScope, selectRecords, SHIPMENT_ENTITY, type ShipmentRecord, type ShipmentStatus } from "./shipments.server";
import { num, numeric, type NumericText, scopeFilter, str } from "./sql.server";

/**
 * Shipping notices as people see them: one notice (its ASN number) and its lines, each line a
 * `shipments` row. A notice is the lines one supplier recorded under one number; the supplier is
 * part of the key, so that a number given twice by hand-made data never joins two suppliers.
 */

/** A notice's state, from its lines': all cancelled, none received yet, some received, all received. */
export const NOTICE_STATUSES = ["in_transit", "partly_received", "received", "cancelled"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export interface NoticeSummary {
  asnNumber: string;
  supplierId: string;
  supplierName: string;
  /** The line the notice's address names (its first); any line's address opens the notice. */
  firstShipmentId: string;
  planId: string | null;
  planNumber: string | null;
  shipDate: string;
  firstArrival: string;
  lastArrival: string;
  carrier: string | null;
  tracking: string | null;
  lines: number;
  receivedLines: number;
  qty: number;
  receivedQty: number | null;
  /** The lines' unit when they share one; null when they differ (their sum is then a count of units of several kinds). */
  uom: string | null;
  status: NoticeStatus;
  /** A line is still in transit past its expected arrival. */
  overdue: boolean;
}

interface SummaryRow {
  asn_number: string;
  supplier_id: string;
  supplier_name: string;
  first_id: string;
  plan_id: string | null;
  plan_number: string | null;
  ship_date: string;
  first_arrival: string;
  last_arrival: string;
  carrier: string | null;
  tracking: string | null;
  lines: NumericText;
  received_lines: NumericText;
  qty: NumericText;
  received_qty: NumericText | null;
  uoms: NumericText;
  uom: string | null;
  status: NoticeStatus;
  overdue: boolean;
  created_at: string;
}

const STATUS = sql.raw(`case
  when n.cancelled = n.lines then 'cancelled'
  when n.in_transit = 0 then 'received'
  when n.received > 0 then 'partly_received'
  else 'in_transit' end`);

/** The notices in scope, one row each, with `where` on the shipments and `having` on the groups. */
function noticesCte(scope: TenantScope, today: string, where: SQL) {
  return sql`with n as (
    select sh.supplier_id, sh.asn_number,
      (array_agg(sh.id order by pl.line_no nulls last, sh.created_at, sh.id))[1] as first_id,
      (array_agg(p.id::text order by pl.line_no) filter (where p.id is not null))[1] as plan_id,
      (array_agg(p.number order by pl.line_no) filter (where p.id is not null))[1] as plan_number,
      min(sh.ship_date)::text as ship_date,
      min(sh.expected_arrival)::text as first_arrival, max(sh.expected_arrival)::text as last_arrival,
      max(sh.carrier) as carrier, max(sh.tracking) as tracking,
      count(*) as lines,
      count(*) filter (where sh.status = 'in_transit') as in_transit,
      count(*) filter (where sh.status = 'received') as received,
      count(*) filter (where sh.status = 'cancelled') as cancelled,
      sum(sh.qty) as qty, sum(sh.received_qty) as received_qty,
      count(distinct i.uom) as uoms, min(i.uom) as uom,
      bool_or(sh.status = 'in_transit' and sh.expected_arrival < ${today}::date) as overdue,
      max(sh.created_at) as created_at
    from shipments sh
    join agreements a on a.tenant_id = sh.tenant_id and a.id = sh.agreement_id
    join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
    left join plan_lines pl on pl.tenant_id = sh.tenant_id and pl.id = sh.plan_line_id
    left join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id
    where ${scopeFilter(scope, "sh")} and ${where}
    group by sh.supplier_id, sh.asn_number
  ), v as (
    select n.*, ${STATUS} as status from n
  )`;
}

function toSummary(r: SummaryRow): NoticeSummary {
  return {
    asnNumber: r.asn_number,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    firstShipmentId: r.first_id,
    planId: str(r.plan_id),
    planNumber: str(r.plan_number),
    shipDate: r.ship_date,
    firstArrival: r.first_arrival,
    lastArrival: r.last_arrival,
    carrier: str(r.carrier),
    tracking: str(r.tracking),
    lines: numeric(r.lines),
    receivedLines: numeric(r.received_lines),
    qty: numeric(r.qty),
    receivedQty: num(r.received_qty),
    uom: numeric(r.uoms) === 1 ? r.uom : null,
    status: r.status,
    overdue: Boolean(r.overdue),
  };
}

export interface NoticeListFilters {
  status?: NoticeStatus;
  /** Only notices with a line in transit past its expected arrival. */
  overdue?: boolean;
  /** Buyer roles only; a supplier scope always lists its own notices. */
  supplierId?: string;
  /** The tenant's today, for "overdue". */
  today: string;
  page: number;
  pageSize: number;
}

/** One page of notices, newest first (a supplier: its own; buyer roles: all, or one supplier's). */
export async function listNotices(
  tx: Tx,
  scope: TenantScope,
  filters: NoticeListFilters,
): Promise<{ rows: NoticeSummary[]; total: number }> {
  let where = sql`true`;
  if (!scope.supplierId && filters.supplierId) {
    if (!isUuid(filters.supplierId)) return { rows: [], total: 0 };
    where = sql`sh.supplier_id = ${filters.supplierId}::uuid`;
  }
  const conditions: SQL[] = [sql`true`];
  if (filters.status) conditions.push(sql`v.status = ${filters.status}`);
  if (filters.overdue) conditions.push(sql`v.overdue`);
  const having = sql.join(conditions, sql` and `);
  const cte = noticesCte(scope, filters.today, where);
  const page = Math.max(1, Math.floor(filters.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(filters.pageSize)));
  const rows = rowsOf<SummaryRow>(
    await tx.execute(sql`${cte}
      select v.*, s.name as supplier_name, v.received as received_lines
      from v join suppliers s on s.tenant_id = ${scope.tenantId}::uuid and s.id = v.supplier_id
      where ${having}
      order by v.ship_date desc, v.created_at desc, v.asn_number desc, v.supplier_id
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
  );
  const [total] = rowsOf<{ n: NumericText }>(await tx.execute(sql`${cte} select count(*) as n from v where ${having}`));
  return { rows: rows.map(toSummary), total: numeric(total?.n ?? 0) };
}

/** The notice's key (supplier and number) of one of its lines, or null when the line is not in scope. */
export async function noticeKeyOf(
  tx: Tx,
  scope: TenantScope,
  shipmentId: string,
): Promise<{ supplierId: string; asnNumber: string } | null> {
  if (!isUuid(shipmentId)) return null;
  const [row] = await tx
    .select({ supplierId: shipments.supplierId, asnNumber: shipments.asnNumber })
    .from(shipments)
    .where(and(inScope(shipments, scope), eq(shipments.id, shipmentId)));
  return row ?? null;
}

/** The notice of one of its lines, summed up, with every line as the shipment page shows it; null when not in scope. */
export async function getNotice(
  tx: Tx,
  scope: TenantScope,
  shipmentId: string,
  today: string,
): Promise<{ summary: NoticeSummary; lines: ShipmentRecord[] } | null> {
  const key = await noticeKeyOf(tx, scope, shipmentId);
  if (!key) return null;
  const cte = noticesCte(scope, today, sql`sh.supplier_id = ${key.supplierId}::uuid and sh.asn_number = ${key.asnNumber}`);
  const [summary] = rowsOf<SummaryRow>(
    await tx.execute(sql`${cte}
      select v.*, s.name as supplier_name, v.received as received_lines
      from v join suppliers s on s.tenant_id = ${scope.tenantId}::uuid and s.id = v.supplier_id`),
  );
  if (!summary) return null;
  const lines = await selectRecords(tx, today)
    .where(and(inScope(shipments, scope), eq(shipments.supplierId, key.supplierId), eq(shipments.asnNumber, key.asnNumber)))
    .orderBy(sql`${planLines.lineNo} nulls last`, asc(shipments.createdAt), asc(shipments.id));
  return { summary: toSummary(summary), lines };
}

/** A line of a notice as a correction, a cancellation or a receipt of the whole notice needs it, locked. */
export interface LockedNoticeLine {
  id: string;
  supplierId: string;
  asnNumber: string;
  status: ShipmentStatus;
  qty: number;
  shipDate: string;
  expectedArrival: string;
  carrier: string | null;
  tracking: string | null;
  planLineId: string | null;
  planId: string | null;
  planNumber: string | null;
  planStatus: string | null;
  lineNo: number | null;
}

/**
 * Every line of the notice of `shipmentId`, locked for the transaction in one order (by id) so
 * that two writers of one notice queue rather than deadlock; empty when the line is not in scope.
 */
export async function lockNotice(tx: Tx, scope: TenantScope, shipmentId: string): Promise<LockedNoticeLine[]> {
  const key = await noticeKeyOf(tx, scope, shipmentId);
  if (!key) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with locked as (
        select sh.* from shipments sh
        where ${scopeFilter(scope, "sh")} and sh.supplier_id = ${key.supplierId}::uuid and sh.asn_number = ${key.asnNumber}
        order by sh.id for update
      )
      select l.id, l.supplier_id, l.asn_number, l.status, l.qty, l.ship_date::text as ship_date,
        l.expected_arrival::text as expected_arrival, l.carrier, l.tracking, l.plan_line_id,
        p.id as plan_id, p.number as plan_number, p.status as plan_status, pl.line_no
      from locked l
      left join plan_lines pl on pl.tenant_id = l.tenant_id and pl.id = l.plan_line_id
      left join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id
      order by pl.line_no nulls last, l.created_at, l.id`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    supplierId: String(r.supplier_id),
    asnNumber: String(r.asn_number),
    status: r.status as ShipmentStatus,
    qty: Number(r.qty),
    shipDate: String(r.ship_date),
    expectedArrival: String(r.expected_arrival),
    carrier: str(r.carrier),
    tracking: str(r.tracking),
    planLineId: str(r.plan_line_id),
    planId: str(r.plan_id),
    planNumber: str(r.plan_number),
    planStatus: str(r.plan_status),
    lineNo: r.line_no === null || r.line_no === undefined ? null : Number(r.line_no),
  }));
}

/** Writes a corrected line (quantity, expected arrival) with the notice's carrier and tracking. */
export async function updateNoticeLine(
  tx: Tx,
  scope: TenantScope,
  line: { id: string; qty: number; expectedArrival: string; carrier: string | null; tracking: string | null },
) {
  await tx
    .update(shipments)
    .set({
      qty: line.qty,
      expectedArrival: line.expectedArrival,
      carrier: line.carrier,
      tracking: line.tracking,
      updatedAt: sql`now()`,
    })
    .where(and(inScope(shipments, scope), eq(shipments.id, line.id), eq(shipments.status, "in_transit")));
}

/** Marks the notice's lines cancelled (each was in transit). */
export async function cancelNoticeLines(tx: Tx, scope: TenantScope, ids: readonly string[]) {
  if (ids.length === 0) return;
  await tx
    .update(shipments)
    .set({ status: "cancelled", updatedAt: sql`now()` })
    .where(
      and(
        inScope(shipments, scope),
        eq(shipments.status, "in_transit"),
        sql`${shipments.id} = any(${`{${ids.join(",")}}`}::uuid[])`,
      ),
    );
}

/**
 * Moves plan lines' shipped quantities by `delta` each (negative when a notice shrinks or is
 * cancelled). A line that has then shipped nothing goes back to accepted, as before any notice.
 */
export async function adjustShippedQty(tx: Tx, scope: TenantScope, changes: readonly { lineId: string; delta: number }[]) {
  const byLine = new Map<string, number>();
  for (const c of changes) byLine.set(c.lineId, (byLine.get(c.lineId) ?? 0) + c.delta);
  const moving = [...byLine].filter(([, delta]) => delta !== 0).map(([lineId, delta]) => ({ lineId, delta }));
  if (moving.length === 0) return;
  const values = sql.join(
    moving.map((c) => sql`(${c.lineId}::uuid, ${String(c.delta)}::numeric)`),
    sql`, `,
  );
  await tx.execute(sql`
    update plan_lines pl
    set shipped_qty = greatest(pl.shipped_qty + v.delta, 0),
        status = case when pl.status = 'shipped' and pl.shipped_qty + v.delta <= 0 then 'accepted' else pl.status end
    from (values ${values}) as v(id, delta)
    where ${scopeFilter(scope, "pl")} and pl.id = v.id`);
}

/** Plan lines with what they shipped and may ship, locked (a receipt of their shipments locks them after the shipment too). */
export async function lockPlanLines(tx: Tx, scope: TenantScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: planLines.id,
      lineNo: planLines.lineNo,
      status: planLines.status,
      qty: planLines.qty,
      approvedQty: planLines.approvedQty,
      shippedQty: planLines.shippedQty,
    })
    .from(planLines)
    .where(and(inScope(planLines, scope), sql`${planLines.id} = any(${`{${ids.join(",")}}`}::uuid[])`))
    .orderBy(planLines.id)
    .for("update");
}

/**
 * Notices with a line in transit past its expected arrival that nobody was told of yet (no
 * overdue audit row on the notice's first line, the line a notice's audit rows are filed under),
 * oldest arrival first; at most `limit`.
 */
export async function overdueUntold(tx: Tx, scope: TenantScope, today: string, action: string, limit: number) {
  const rows = rowsOf<SummaryRow>(
    await tx.execute(sql`${noticesCte(scope, today, sql`true`)}
      select v.*, s.name as supplier_name, v.received as received_lines
      from v join suppliers s on s.tenant_id = ${scope.tenantId}::uuid and s.id = v.supplier_id
      where v.overdue and not exists (
        select 1 from audit_events e
        where e.tenant_id = ${scope.tenantId}::uuid and e.entity_type = ${SHIPMENT_ENTITY}
          and e.entity_id = v.first_id::text and e.action = ${action})
      order by v.first_arrival, v.asn_number
      limit ${limit}`),
  );
  return rows.map(toSummary);
}
