import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { locations, suppliers } from "@db/schema";
import type { TenantScope } from "@db/scope";

import type { StockStatus } from "~/core/stock-status";
import { urgencies, type Urgency } from "~/core/urgency";
import { FALLBACK_FORECAST_DAYS } from "~/models/planning.server";
import { num, numeric, type NumericText } from "./sql.server";
import { stockPositionLateral, storedStockPositionLateral } from "./stock-position.server";

export type { StockStatus };

/** Columns the list sorts on (the inventory page's URL names them the same). */
export type InventorySort =
  | "sku"
  | "item"
  | "site"
  | "supplier"
  | "class"
  | "onHand"
  | "inTransit"
  | "min"
  | "max"
  | "cover"
  | "stockout"
  | "status"
  | "urgency";

export interface InventoryFilters {
  supplierId?: string;
  locationId?: string;
  status?: StockStatus;
  /**
   * Only what needs the supplier's attention first: stocked out, below min, or projected to stock
   * out within the agreement's lead time (a shipment sent today would arrive too late).
   */
  attention?: boolean;
  /** Only agreements projected to stock out within their lead time, not out yet (at risk). */
  atRisk?: boolean;
  /** Only agreements of this urgency. */
  urgency?: Urgency;
  /** Only agreements that need a plan: act now or plan needed. */
  needsPlan?: boolean;
  /**
   * An agreed min or max further than this share from the recommended one is band drift (the
   * company's setting; 0.25 when not given).
   */
  driftThreshold?: number;
  /** Only agreements whose band drifts from the recommendation. */
  drift?: boolean;
  /** An ABC-XYZ cell ("AX") or one class letter ("A", "Z"). */
  classFilter?: string;
  /** Matches SKU or item name, case-insensitively. */
  search?: string;
  sort?: InventorySort;
  direction?: "asc" | "desc";
  /** The tenant's today (YYYY-MM-DD): projections start with it. */
  today: string;
  /** Days the projected stockout looks ahead. */
  horizonDays: number;
  page: number;
  /** Rows per page; null returns every row (exports). */
  pageSize: number | null;
}

export interface InventoryRow {
  agreementId: string;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  siteName: string;
  supplierCode: string;
  supplierName: string;
  /** ABC and XYZ class from the last recompute, null before the first one. */
  abc: "A" | "B" | "C" | null;
  xyz: "X" | "Y" | "Z" | null;
  minQty: number;
  maxQty: number;
  /** The stock position (stock-position.server.ts): the last snapshot, plus receipts, less consumption since. */
  onHand: number | null;
  /** The day the position is known to: the snapshot's, or the last consumption recorded since. */
  asOf: string | null;
  /** The last snapshot's day, and what was received and consumed after it (0 when nothing). */
  stockDay: string | null;
  receivedSince: number;
  consumedSince: number;
  /** Shipped and not yet received. */
  inTransit: number;
  /** Forecast demand per day from the last recompute (0 when none). */
  forecastDaily: number;
  /** On hand ÷ forecast daily demand; null without stock data or without demand (unbounded). */
  daysOfCover: number | null;
  /** First day within the horizon whose projected closing stock is ≤ 0, or null. */
  stockoutDate: string | null;
  leadTimeDays: number;
  status: StockStatus;
  /** How soon someone must act (see `urgencySql`); null without stock data. */
  urgency: Urgency | null;
  /** The recommended band of the last recompute, or null before it. */
  recommendedMin: number | null;
  recommendedMax: number | null;
  /** The agreed min or max is further from the recommendation than the company's threshold. */
  drift: boolean;
}

export { urgencies, type Urgency };

/** Band drift when the tenant sets none: agreed min or max more than 25 % from the recommendation. */
export const DEFAULT_DRIFT_THRESHOLD = 0.25;

/** Where on hand stands against the band; the words of docs/domain.md. */
const statusSql = sql`case
  when pos.on_hand is null then 'no_data'
  when pos.on_hand <= 0 then 'stockout'
  when pos.on_hand < a.min_qty then 'below_min'
  when pos.on_hand > a.max_qty then 'above_max'
  else 'in_band' end`;

/**
 * The core's urgencyOf (app/core/urgency.ts) in SQL, over the projection's first stockout and
 * first day below min with what is coming; null without stock data.
 */
const urgencySql = sql`case
  when b.on_hand is null then null
  when b.forecast_daily <= 0 then 'ok'
  when so.first_out is not null and so.first_out < b.lead_time_days then 'act_now'
  when (so.first_out is not null and so.first_out < b.lead_time_days + b.review_period_days)
    or (lw.first_low is not null and lw.first_low < b.lead_time_days + b.review_period_days) then 'plan_needed'
  when greatest(0, ceil(b.start_on_hand / b.forecast_daily) - 1) < b.lead_time_days + b.review_period_days
    or greatest(0, floor((b.start_on_hand - b.min_qty) / b.forecast_daily)) < b.lead_time_days + b.review_period_days
    then 'covered'
  else 'ok' end`;

/** Sort keys → SQL over the `listed` columns; every sort ends with SKU and site for stability. */
const sortColumns: Record<InventorySort, SQL> = {
  sku: sql`sku`,
  item: sql`lower(item_name)`,
  site: sql`site_code`,
  supplier: sql`lower(supplier_name)`,
  class: sql`abc || xyz`,
  onHand: sql`on_hand`,
  inTransit: sql`in_transit`,
  min: sql`min_qty`,
  max: sql`max_qty`,
  // No demand means unbounded cover: it sorts above every finite cover.
  cover: sql`case when on_hand is null then null else coalesce(days_of_cover, 'Infinity'::float8) end`,
  stockout: sql`stockout_day`,
  // Most urgent first when ascending.
  status: sql`case status when 'stockout' then 0 when 'below_min' then 1 when 'above_max' then 2 when 'in_band' then 3 else 4 end`,
  // Most urgent first when ascending, and within one urgency the earliest stockout.
  urgency: sql`(case urgency when 'act_now' then 0 when 'plan_needed' then 1 when 'covered' then 2 when 'ok' then 3 else 4 end) * 1000 + coalesce(stockout_day, 999)`,
};

/**
 * One page of agreements with their latest stock, in-transit quantity, class, cover and projected
 * stockout. The supplier scope is applied here as well as by row-level security: RLS is the
 * second lock, not the only one.
 */
export async function listInventory(
  tx: Tx,
  scope: TenantScope,
  filters: InventoryFilters,
): Promise<{ rows: InventoryRow[]; total: number }> {
  const where = whereOf(scope, filters);
  const outer = outerFilterOf(filters);
  const direction = filters.direction === "desc" ? sql`desc` : sql`asc`;
  const order = sql`${sortColumns[filters.sort ?? "sku"]} ${direction} nulls last, sku asc, site_code asc`;
  const paging =
    filters.pageSize === null ? sql`` : sql`limit ${filters.pageSize} offset ${(filters.page - 1) * filters.pageSize}`;

  const result = await tx.execute(sql`
    with listed as (${listedAgreements(where, filters)})
    select *, count(*) over () as total from listed ${outer}
    order by ${order}
    ${paging}`);

  const listed = rowsOf<ListedRow & { total: NumericText }>(result);
  let total = listed.length ? numeric(listed[0].total) : 0;
  if (!listed.length && filters.page > 1) {
    // Past the last page: count so the page can offer a way back.
    total = await countInventory(tx, where, outer, filters);
  }
  return { total, rows: listed.map(rowOf) };
}

/**
 * A row of `listedAgreements` as the drivers return it (the columns read here). The query (a
 * lateral join, window functions and CTEs) is raw SQL, so numerics and dates arrive as text.
 */
interface ListedRow {
  agreement_id: string;
  sku: string;
  item_name: string;
  uom: string;
  site_code: string;
  site_name: string;
  supplier_code: string;
  supplier_name: string;
  abc: InventoryRow["abc"];
  xyz: InventoryRow["xyz"];
  min_qty: NumericText;
  max_qty: NumericText;
  on_hand: NumericText | null;
  /** `::text` of a date. */
  as_of: string | null;
  /** `::text` of the snapshot's date. */
  stock_day: string | null;
  received_since: NumericText | null;
  consumed_since: NumericText | null;
  in_transit: NumericText;
  forecast_daily: NumericText;
  days_of_cover: NumericText | null;
  /** `::text` of a date. */
  stockout_date: string | null;
  lead_time_days: NumericText;
  status: StockStatus;
  urgency: Urgency | null;
  recommended_min: NumericText | null;
  recommended_max: NumericText | null;
  drift: boolean;
}

function rowOf(r: ListedRow): InventoryRow {
  return {
    agreementId: r.agreement_id,
    sku: r.sku,
    itemName: r.item_name,
    uom: r.uom,
    siteCode: r.site_code,
    siteName: r.site_name,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    abc: r.abc,
    xyz: r.xyz,
    minQty: numeric(r.min_qty),
    maxQty: numeric(r.max_qty),
    onHand: num(r.on_hand),
    asOf: r.as_of,
    stockDay: r.stock_day,
    receivedSince: num(r.received_since) ?? 0,
    consumedSince: num(r.consumed_since) ?? 0,
    inTransit: numeric(r.in_transit),
    forecastDaily: numeric(r.forecast_daily),
    daysOfCover: num(r.days_of_cover),
    stockoutDate: r.stockout_date,
    leadTimeDays: numeric(r.lead_time_days),
    status: r.status,
    urgency: r.urgency,
    recommendedMin: num(r.recommended_min),
    recommendedMax: num(r.recommended_max),
    drift: Boolean(r.drift),
  };
}

function whereOf(scope: TenantScope, filters: InventoryFilters): SQL {
  // An ended agreement leaves the lists; its own page, plans and history stay.
  const conditions: SQL[] = [sql`a.tenant_id = ${scope.tenantId}`, sql`a.status <> 'ended'`];
  if (scope.supplierId) conditions.push(sql`a.supplier_id = ${scope.supplierId}`);
  else if (filters.supplierId) conditions.push(sql`a.supplier_id = ${filters.supplierId}`);
  if (filters.locationId) conditions.push(sql`a.location_id = ${filters.locationId}`);
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(i.sku ilike ${pattern} or i.name ilike ${pattern})`);
  }
  const cls = filters.classFilter;
  if (cls && /^[ABC][XYZ]$/.test(cls)) conditions.push(sql`m.abc = ${cls[0]} and m.xyz = ${cls[1]}`);
  else if (cls && /^[ABC]$/.test(cls)) conditions.push(sql`m.abc = ${cls}`);
  else if (cls && /^[XYZ]$/.test(cls)) conditions.push(sql`m.xyz = ${cls}`);
  return sql.join(conditions, sql` and `);
}

function outerFilterOf(filters: InventoryFilters): SQL {
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(sql`status = ${filters.status}`);
  if (filters.atRisk) {
    conditions.push(sql`(status <> 'stockout' and stockout_day is not null and stockout_day < lead_time_days)`);
  }
  if (filters.urgency) conditions.push(sql`urgency = ${filters.urgency}`);
  if (filters.needsPlan) conditions.push(sql`urgency in ('act_now', 'plan_needed')`);
  if (filters.drift) conditions.push(sql`drift`);
  if (filters.attention) {
    conditions.push(sql`(status in ('stockout', 'below_min') or (stockout_day is not null and stockout_day < lead_time_days))`);
  }
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

async function countInventory(tx: Tx, where: SQL, outer: SQL, filters: InventoryFilters) {
  const result = await tx.execute(sql`select count(*) as total from (${listedAgreements(where, filters)}) listed ${outer}`);
  const [row] = rowsOf<{ total: NumericText }>(result);
  return row ? numeric(row.total) : 0;
}

/**
 * Agreements with their latest stock snapshot (one index probe each), in-transit shipments,
 * metrics and projected stockout.
 *
 * The projection follows the plan builder's (the core's `projectPlanLines`, app/core/project-plan-lines.ts)
 * and the core's `projectInventory`, so that every page gives an agreement the same stockout date:
 * - stock at the start of today = the stock position (stock-position.server.ts: the latest
 *   snapshot up to today, plus receipts, less consumption since), less the forecast of the days
 *   between the day it is known to and yesterday (never below 0; the core's startingOnHand);
 * - forecast per day = the stored metrics', else the mean consumption of the last 28 days;
 * - receipts = shipments in transit on their expected arrival, and what approved lines (accepted,
 *   or shipped in part) have not shipped yet — approved less shipped quantity — on their approved
 *   arrival; anything overdue counts as arriving today;
 * - receipts arrive before the day's demand.
 * Between two arrivals stock falls by the daily forecast, so the first day d with
 * start + receipts so far − daily·(d + 1) ≤ 0 is, per segment between arrivals,
 * max(segment start, ⌈(start + receipts so far) ÷ daily⌉ − 1), capped at the horizon before the
 * cast so that a forecast near zero cannot overflow. A property test compares this with the core.
 */
function listedAgreements(where: SQL, filters: InventoryFilters, alertColumns = false, only: SQL | null = null) {
  const today = filters.today;
  const drift = filters.driftThreshold ?? DEFAULT_DRIFT_THRESHOLD;
  const horizon = filters.horizonDays;
  // Set-based, not per row: receipts and in-transit quantities are grouped once for the listed
  // agreements and joined, which keeps the list fast on the embedded database too.
  return sql`
    with base as (
      select f.*,
             greatest(0, f.on_hand - greatest(0, ${today}::date - f.snapshot_day - 1) * f.forecast_daily) as start_on_hand
      from (
        select a.id as agreement_id, a.tenant_id, i.sku, i.name as item_name, i.uom,
               l.code as site_code, l.name as site_name, s.code as supplier_code, s.name as supplier_name,
               m.abc, m.xyz, m.recommended_min, m.recommended_max,
               ${
                 alertColumns
                   ? sql`a.supplier_id, a.location_id, a.item_id, a.created_at, m.safety_stock, pos.snapshot_day as count_day, pos.snapshot_on_hand as count_on_hand,
                 pos.stored, pos.count_expected, pos.first_count_day, pos.last_consumed_on,`
                   : sql``
               }
               (m.recommended_max > 0 and (
                 abs(a.min_qty - m.recommended_min) > ${drift} * greatest(m.recommended_min, 1)
                 or abs(a.max_qty - m.recommended_max) > ${drift} * m.recommended_max)) is true as drift,
               greatest(0, coalesce(m.forecast_daily, (
                 select sum(c.qty) / ${FALLBACK_FORECAST_DAYS} from consumption c
                 where c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
                   and c.day >= ${today}::date - ${FALLBACK_FORECAST_DAYS}::int and c.day < ${today}::date
               ), 0)) as forecast_daily,
               a.min_qty, a.max_qty, a.lead_time_days, a.review_period_days, pos.on_hand, pos.day as snapshot_day, pos.day::text as as_of,
               pos.snapshot_day::text as stock_day, pos.received as received_since, pos.consumed as consumed_since,
               ${statusSql} as status
        from agreements a
        join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
        join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
        join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
        left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.id ${only ? sql`and m.agreement_id = any(${only})` : sql``}
        ${alertColumns ? storedStockPositionLateral(today, only) : stockPositionLateral(today)}
        where ${where}
      ) f
    ),
    inbound as (
      select sh.agreement_id, sh.expected_arrival as arrival, sh.qty, true as in_transit
      from shipments sh
      where sh.tenant_id = (select tenant_id from base limit 1) and sh.status = 'in_transit'
        and sh.agreement_id in (select agreement_id from base)
      union all
      select pl.agreement_id, coalesce(pl.approved_arrival_date, pl.arrival_date),
             greatest(coalesce(pl.approved_qty, pl.qty) - pl.shipped_qty, 0), false
      from plan_lines pl
      join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id and p.version = pl.version
      where pl.tenant_id = (select tenant_id from base limit 1) and pl.status in ('accepted', 'shipped')
        and p.status in ('approved', 'partially_approved')
        and pl.agreement_id in (select agreement_id from base)
    ),
    transit as (
      select agreement_id, sum(qty) as in_transit from inbound where in_transit group by 1
    ),
    receipts as (
      select agreement_id, greatest(0, arrival - ${today}::date) as d, sum(qty) as q
      from inbound where qty > 0 group by 1, 2
    ),
    segments as (
      select b.agreement_id, 0 as start_d, coalesce(first.d, ${horizon}) as end_d, 0::numeric as cum
      from base b left join (select agreement_id, min(d) as d from receipts group by 1) first on first.agreement_id = b.agreement_id
      union all
      select agreement_id, d, coalesce(lead(d) over (partition by agreement_id order by d), ${horizon}),
             sum(q) over (partition by agreement_id order by d)
      from receipts
    ),
    stockouts as (
      select c.agreement_id, min(c.d) as first_out
      from (
        select seg.agreement_id, seg.end_d,
               case
                 when b.forecast_daily > 0
                   then greatest(seg.start_d, least(ceil((b.start_on_hand + seg.cum) / b.forecast_daily), ${horizon + 1}) - 1)::int
                 when b.start_on_hand + seg.cum <= 0 then seg.start_d
               end as d
        from segments seg join base b on b.agreement_id = seg.agreement_id
        where b.on_hand is not null
      ) c
      where c.d is not null and c.d < c.end_d and c.d < ${horizon}
      group by 1
    ),
    -- The first day the projected closing stock falls below min, as stockouts does for 0.
    lows as (
      select c.agreement_id, min(c.d) as first_low
      from (
        select seg.agreement_id, seg.end_d,
               case
                 when b.forecast_daily > 0
                   then greatest(seg.start_d, least(floor((b.start_on_hand + seg.cum - b.min_qty) / b.forecast_daily), ${horizon + 1}))::int
                 when b.start_on_hand + seg.cum < b.min_qty then seg.start_d
               end as d
        from segments seg join base b on b.agreement_id = seg.agreement_id
        where b.on_hand is not null
      ) c
      where c.d is not null and c.d < c.end_d and c.d < ${horizon}
      group by 1
    )${alertColumns ? highsSql(horizon) : sql``}
    select b.*, coalesce(t.in_transit, 0) as in_transit,
           ${urgencySql} as urgency,
           case when b.on_hand is null then null
                when b.forecast_daily > 0 then b.start_on_hand / b.forecast_daily end as days_of_cover,
           (${today}::date + so.first_out)::text as stockout_date,
           so.first_out as stockout_day
           ${alertColumns ? sql`, lw.first_low, hi.first_high` : sql``}
    from base b
    left join transit t on t.agreement_id = b.agreement_id
    left join stockouts so on so.agreement_id = b.agreement_id
    left join lows lw on lw.agreement_id = b.agreement_id
    ${alertColumns ? sql`left join highs hi on hi.agreement_id = b.agreement_id` : sql``}`;
}

/**
 * The first day the projected closing stock is above max: stock only falls between arrivals, so
 * within a segment the highest closing stock is its first day's.
 */
function highsSql(horizon: number) {
  return sql`,
    highs as (
      select seg.agreement_id, min(seg.start_d) as first_high
      from segments seg join base b on b.agreement_id = seg.agreement_id
      where b.on_hand is not null and seg.start_d < ${horizon}
        and b.start_on_hand + seg.cum - b.forecast_daily * (seg.start_d + 1) > b.max_qty
      group by 1
    )`;
}

/**
 * Every listed agreement of the tenant (or of `agreementIds`) as the inventory list computes it —
 * the same stock position, projection, stockout, urgency and drift — with what alert conditions
 * read besides: supplier, site, item, safety stock, the last stock count (day and quantity), and
 * the first days projected below min and above max (days from today, or null within the horizon).
 * The stock position is read from the stored positions (storedStockPositionLateral), which give
 * the same figures as the list's own lookups in one row per agreement.
 */
export function agreementStateSql(
  tenantId: string,
  filters: Pick<InventoryFilters, "today" | "horizonDays" | "driftThreshold">,
  agreementIds: readonly string[] | null,
): SQL {
  const conditions = [sql`a.tenant_id = ${tenantId}`, sql`a.status <> 'ended'`];
  // The list as an array that each table's index takes (`= any` as an index condition), so that
  // the agreements, their metrics and their positions are read by key, not scanned and hashed.
  const only = agreementIds ? sql`${`{${agreementIds.join(",")}}`}::uuid[]` : null;
  if (only) conditions.push(sql`a.id = any(${only})`);
  const listFilters: InventoryFilters = { ...filters, page: 1, pageSize: null };
  return listedAgreements(sql.join(conditions, sql` and `), listFilters, true, only);
}

export function listSuppliers(tx: Tx, scope: TenantScope) {
  return tx
    .select({ id: suppliers.id, code: suppliers.code, name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.tenantId, scope.tenantId))
    .orderBy(asc(suppliers.name));
}

export function listLocations(tx: Tx, scope: TenantScope) {
  return tx
    .select({ id: locations.id, code: locations.code, name: locations.name })
    .from(locations)
    .where(eq(locations.tenantId, scope.tenantId))
    .orderBy(asc(locations.code));
}
