import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";

/**
 * The SQL of receipts against shipping notices in an import: each staged receipt with a
 * reference is matched to its notice's shipment of the same item at the same site, in the
 * database, so that the notices never need to be held in memory.
 */

const STAGE = sql.raw("import_stage_receipts");

/** A staged receipt that names a notice, with what the notice holds for its item and site. */
export interface StagedNoticeReceipt {
  row: number;
  reference: string;
  day: string;
  qty: number;
  /** How many shipments of the notice carry this item to this site (one is needed). */
  matches: number;
  /** Whether any shipment of the company has this number. */
  noticeExists: boolean;
  /** The matched shipment, when exactly one matches. */
  shipment: {
    id: string;
    status: "in_transit" | "received" | "cancelled";
    shipDate: string;
    receivedQty: number | null;
    receivedOn: string | null;
    /** The status of its plan; null for a shipment recorded without a plan line. */
    planStatus: string | null;
  } | null;
}

interface NoticeRow {
  row: number;
  reference: string;
  day: string;
  qty: number;
  matches: number;
  notice_exists: boolean;
  shipment_id: string | null;
  status: "in_transit" | "received" | "cancelled" | null;
  ship_date: string | null;
  received_qty: number | null;
  received_on: string | null;
  plan_status: string | null;
}

/**
 * Resolves every staged receipt with a reference to its shipment (stored in the stage's
 * shipment_id when exactly one matches) and returns them all with what the check needs.
 */
export async function resolveStagedNoticeReceipts(tx: Tx, tenantId: string): Promise<StagedNoticeReceipt[]> {
  const t = sql`${tenantId}::uuid`;
  await tx.execute(sql`
    with m as (
      select s.row, count(sh.id) as n, (array_agg(sh.id))[1] as shipment_id
      from ${STAGE} s
      left join (shipments sh join agreements a on a.tenant_id = sh.tenant_id and a.id = sh.agreement_id)
        on sh.tenant_id = ${t} and sh.asn_number = s.reference and a.item_id = s.item_id and a.location_id = s.location_id
      where s.reference is not null
      group by s.row
    )
    update ${STAGE} s set shipment_id = case when m.n = 1 then m.shipment_id end
    from m where m.row = s.row`);
  const rows = rowsOf<NoticeRow>(
    await tx.execute(sql`
      select s.row, s.reference, s.day::text as day, s.qty::float8 as qty,
        (select count(*)::int from shipments x join agreements a on a.tenant_id = x.tenant_id and a.id = x.agreement_id
          where x.tenant_id = ${t} and x.asn_number = s.reference and a.item_id = s.item_id and a.location_id = s.location_id) as matches,
        exists (select 1 from shipments x where x.tenant_id = ${t} and x.asn_number = s.reference) as notice_exists,
        sh.id as shipment_id, sh.status, sh.ship_date::text as ship_date, sh.received_qty::float8 as received_qty,
        sh.received_on::text as received_on, p.status as plan_status
      from ${STAGE} s
      left join shipments sh on sh.tenant_id = ${t} and sh.id = s.shipment_id
      left join plan_lines pl on pl.tenant_id = sh.tenant_id and pl.id = sh.plan_line_id
      left join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id
      where s.reference is not null
      order by s.row`),
  );
  return rows.map((r) => ({
    row: Number(r.row),
    reference: r.reference,
    day: r.day,
    qty: Number(r.qty),
    matches: Number(r.matches),
    noticeExists: Boolean(r.notice_exists),
    shipment:
      r.shipment_id && r.status && r.ship_date
        ? {
            id: r.shipment_id,
            status: r.status,
            shipDate: r.ship_date,
            receivedQty: r.received_qty === null ? null : Number(r.received_qty),
            receivedOn: r.received_on,
            planStatus: r.plan_status,
          }
        : null,
  }));
}

/** Takes rows out of the receipts' stage (refused, or already received as they say). */
export async function unstageReceipts(tx: Tx, rows: readonly number[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`delete from ${STAGE} where row = any(${`{${rows.join(",")}}`}::int[])`);
}

/** The staged receipts against notices, for the receipt service to record at commit. */
export async function stagedNoticeReceipts(tx: Tx): Promise<{ shipmentId: string; qty: number; day: string }[]> {
  const rows = rowsOf<{ shipment_id: string; qty: number; day: string }>(
    await tx.execute(sql`
      select shipment_id, qty::float8 as qty, day::text as day from ${STAGE}
      where reference is not null and shipment_id is not null order by row`),
  );
  return rows.map((r) => ({ shipmentId: r.shipment_id, qty: Number(r.qty), day: r.day }));
}
