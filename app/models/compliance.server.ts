import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import type { DecisionStats, DeliveryTotals, StockTotals } from "~/core";
import { num, scopeFilter } from "./sql.server";

/**
 * Reads of the compliance rollups (docs/decisions/015) and of the few plan facts the KPIs need.
 * Nothing here scans the daily facts: stock KPIs come from `segment_week_rollups` (per supplier,
 * cell and week) or, for one supplier's agreements, `agreement_week_rollups`. Every function takes
 * a transaction opened by withTenant and filters by the scope explicitly as well.
 */

export interface WeekRange {
  /** Monday of the first week and Monday of the last week, inclusive. */
  fromWeek: string;
  toWeek: string;
}

export type StockGroup = "week" | "supplier" | "cell" | "supplier-cell";

export interface StockTotalsRow extends StockTotals {
  week: string | null;
  supplierId: string | null;
  abc: string | null;
  xyz: string | null;
  /** Agreements with rollups in the group (per week: that week's). */
  agreements: number;
  /** Value above max at the close of `closeWeek`. */
  closeAboveMaxValue: number;
  deadCloseAgreements: number;
}

const GROUP_COLUMNS: Record<StockGroup, string[]> = {
  week: ["week_start"],
  supplier: ["supplier_id"],
  cell: ["abc", "xyz"],
  "supplier-cell": ["supplier_id", "abc", "xyz"],
};

/**
 * Stock totals of level 2 over a range of weeks, grouped. The close figures are those of
 * `closeWeek` (the last week of a period): for per-week groups, each week's own close.
 */
export async function sumStockTotals(
  tx: Tx,
  scope: TenantScope,
  opts: WeekRange & { group: StockGroup; closeWeek: string; supplierId?: string },
): Promise<StockTotalsRow[]> {
  const columns = GROUP_COLUMNS[opts.group];
  const perWeek = opts.group === "week";
  const atClose = (expr: string): SQL =>
    perWeek ? sql.raw(`sum(${expr})`) : sql`sum(${sql.raw(expr)}) filter (where r.week_start = ${opts.closeWeek}::date)`;
  const supplier = opts.supplierId ? sql`and r.supplier_id = ${opts.supplierId}` : sql``;
  const groupBy = sql.raw(columns.map((c) => `r.${c}`).join(", "));
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${sql.raw(columns.map((c) => `r.${c}${c === "week_start" ? "::text" : ""} as ${c}`).join(", "))},
             ${perWeek ? sql`sum(r.agreements)` : sql`sum(r.agreements) filter (where r.week_start = ${opts.closeWeek}::date)`} as agreements,
             sum(r.snapshot_days) as snapshot_days, sum(r.in_band_days) as in_band_days,
             sum(r.below_min_days) as below_min_days, sum(r.stockout_days) as stockout_days,
             sum(r.above_max_days) as above_max_days, sum(r.stock_value_days) as stock_value_days,
             sum(r.consumption_value) as consumption_value,
             ${atClose("r.close_value")} as close_value, ${atClose("r.dead_close_value")} as dead_close_value,
             ${atClose("r.close_above_max_value")} as close_above_max_value,
             ${atClose("r.dead_close_agreements")} as dead_close_agreements
      from segment_week_rollups r
      where ${scopeFilter(scope, "r")} ${supplier}
        and r.week_start between ${opts.fromWeek}::date and ${opts.toWeek}::date
      group by ${groupBy}
      order by ${groupBy}`),
  );
  return rows.map((row) => ({
    week: (row.week_start as string | undefined) ?? null,
    supplierId: (row.supplier_id as string | undefined) ?? null,
    abc: (row.abc as string | undefined) ?? null,
    xyz: (row.xyz as string | undefined) ?? null,
    agreements: num(row.agreements) ?? 0,
    snapshotDays: num(row.snapshot_days) ?? 0,
    inBandDays: num(row.in_band_days) ?? 0,
    belowMinDays: num(row.below_min_days) ?? 0,
    stockoutDays: num(row.stockout_days) ?? 0,
    aboveMaxDays: num(row.above_max_days) ?? 0,
    stockValueDays: num(row.stock_value_days) ?? 0,
    consumptionValue: num(row.consumption_value) ?? 0,
    closeValue: num(row.close_value) ?? 0,
    deadCloseValue: num(row.dead_close_value) ?? 0,
    closeAboveMaxValue: num(row.close_above_max_value) ?? 0,
    deadCloseAgreements: num(row.dead_close_agreements) ?? 0,
  }));
}

export interface DeliveryTotalsRow extends DeliveryTotals {
  week: string | null;
  supplierId: string | null;
}

/**
 * Plan lines received in a range of weeks (`delivery_week_rollups`), grouped by ISO week of
 * receipt or by supplier: how many, how many on time (as recorded at receipt against the agreed
 * arrival and the tenant's tolerance), and their received and approved quantities.
 */
export async function sumDeliveries(
  tx: Tx,
  scope: TenantScope,
  opts: WeekRange & { group: "week" | "supplier"; supplierId?: string },
): Promise<DeliveryTotalsRow[]> {
  const key = opts.group === "week" ? sql`d.week_start::text` : sql`d.supplier_id`;
  const supplier = opts.supplierId ? sql`and d.supplier_id = ${opts.supplierId}` : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${key} as key, sum(d.received_lines) as lines, sum(d.on_time_lines) as on_time,
             sum(d.received_qty) as received_qty, sum(d.approved_qty) as approved_qty
      from delivery_week_rollups d
      where ${scopeFilter(scope, "d")} ${supplier}
        and d.week_start between ${opts.fromWeek}::date and ${opts.toWeek}::date
      group by 1
      order by 1`),
  );
  return rows.map((row) => ({
    week: opts.group === "week" ? String(row.key) : null,
    supplierId: opts.group === "supplier" ? String(row.key) : null,
    receivedLines: num(row.lines) ?? 0,
    onTimeLines: num(row.on_time) ?? 0,
    receivedQty: num(row.received_qty) ?? 0,
    approvedQty: num(row.approved_qty) ?? 0,
  }));
}

export interface DecisionStatsRow extends DecisionStats {
  /** The ISO week (Monday) or supplier of the group; null for a whole part of the range. */
  key: string | null;
  /** For the whole-part rows: "before" or "from" the `splitAt` day ("from" without one). */
  part: "before" | "from" | null;
}

/**
 * Time from submission to final decision over a range of weeks (`decision_week_rollups`: the
 * final decisions by week of decision, without plans approved by policy at submission), per ISO
 * week or per supplier, and for the whole range split in two at `splitWeek` (so that a period and
 * the previous one come from one read). The percentiles are percentile_cont, the core's
 * `percentile` (type 7), computed where the values are rather than shipped to the server.
 */
export async function summariseDecisions(
  tx: Tx,
  scope: TenantScope,
  opts: WeekRange & { group: "week" | "supplier"; supplierId?: string; splitWeek?: string },
): Promise<DecisionStatsRow[]> {
  const supplier = opts.supplierId ? sql`and r.supplier_id = ${opts.supplierId}` : sql``;
  const key = opts.group === "week" ? sql`r.week_start::text` : sql`r.supplier_id::text`;
  const part = opts.splitWeek ? sql`case when r.week_start < ${opts.splitWeek}::date then 'before' else 'from' end` : sql`'from'`;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select d.key, d.part, count(*) as decisions,
             percentile_cont(0.5) within group (order by d.hours) as median,
             percentile_cont(0.9) within group (order by d.hours) as p90
      from (
        select ${key} as key, ${part} as part, h.hours
        from decision_week_rollups r cross join lateral unnest(r.hours) as h(hours)
        where ${scopeFilter(scope, "r")} ${supplier}
          and r.week_start between ${opts.fromWeek}::date and ${opts.toWeek}::date
      ) d
      group by grouping sets ((d.key), (d.part))`),
  );
  return rows.map((row) => ({
    key: row.key === null ? null : String(row.key),
    part: row.key === null ? (row.part as "before" | "from") : null,
    count: num(row.decisions) ?? 0,
    medianHours: num(row.median),
    p90Hours: num(row.p90),
  }));
}

export interface WorstAgreement {
  agreementId: string;
  sku: string;
  itemName: string;
  siteName: string;
  snapshotDays: number;
  inBandDays: number;
  belowMinDays: number;
  stockoutDays: number;
  aboveMaxDays: number;
  averageStockValue: number;
}

/**
 * One supplier's agreements with the lowest share of days in band over a range of weeks (then the
 * most stockout days), from level 1: a supplier's few hundred agreements × the period's weeks.
 */
export async function listWorstAgreements(
  tx: Tx,
  scope: TenantScope,
  opts: WeekRange & { supplierId: string; days: number; limit: number },
): Promise<WorstAgreement[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with totals as (
        select r.agreement_id, sum(r.snapshot_days) as snapshot_days, sum(r.in_band_days) as in_band_days,
               sum(r.below_min_days) as below_min_days, sum(r.stockout_days) as stockout_days,
               sum(r.above_max_days) as above_max_days, sum(r.stock_value_days) as stock_value_days
        from agreement_week_rollups r
        where ${scopeFilter(scope, "r")} and r.supplier_id = ${opts.supplierId}
          and r.week_start between ${opts.fromWeek}::date and ${opts.toWeek}::date
        group by r.agreement_id
        having sum(r.snapshot_days) > 0
        order by sum(r.in_band_days)::float8 / sum(r.snapshot_days), sum(r.stockout_days) desc, r.agreement_id
        limit ${opts.limit}
      )
      select t.*, i.sku, i.name as item_name, l.name as site_name
      from totals t
      join agreements a on a.tenant_id = ${scope.tenantId} and a.id = t.agreement_id
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      order by t.in_band_days::float8 / t.snapshot_days, t.stockout_days desc, t.agreement_id`),
  );
  return rows.map((row) => ({
    agreementId: String(row.agreement_id),
    sku: String(row.sku),
    itemName: String(row.item_name),
    siteName: String(row.site_name),
    snapshotDays: num(row.snapshot_days) ?? 0,
    inBandDays: num(row.in_band_days) ?? 0,
    belowMinDays: num(row.below_min_days) ?? 0,
    stockoutDays: num(row.stockout_days) ?? 0,
    aboveMaxDays: num(row.above_max_days) ?? 0,
    averageStockValue: (num(row.stock_value_days) ?? 0) / opts.days,
  }));
}

export interface SupplierName {
  id: string;
  code: string;
  name: string;
}

/** The tenant's suppliers (a supplier scope: its own), by code. */
export async function listSupplierNames(tx: Tx, scope: TenantScope): Promise<SupplierName[]> {
  const filter = scope.supplierId ? sql`and s.id = ${scope.supplierId}` : sql``;
  const rows = rowsOf<{ id: string; code: string; name: string }>(
    await tx.execute(
      sql`select s.id, s.code, s.name from suppliers s where s.tenant_id = ${scope.tenantId} ${filter} order by s.code`,
    ),
  );
  return rows;
}

export interface CellCount {
  abc: string;
  xyz: string;
  agreements: number;
}

/** Agreements per current ABC-XYZ cell (as the last recompute classed them). */
export async function countAgreementsByCell(tx: Tx, scope: TenantScope): Promise<CellCount[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select m.abc, m.xyz, count(*) as agreements from agreement_metrics m
      where ${scopeFilter(scope, "m")} group by m.abc, m.xyz order by m.abc, m.xyz`),
  );
  return rows.map((row) => ({ abc: String(row.abc), xyz: String(row.xyz), agreements: num(row.agreements) ?? 0 }));
}

export interface ClassMover {
  agreementId: string;
  sku: string;
  itemName: string;
  siteName: string;
  supplierName: string;
  from: string;
  to: string;
  /** Consumption value of the 365 days to the last recompute (what ABC ranks by). */
  annualValue: number | null;
}

/**
 * Agreements whose class at the end of `to` differs from their class at the end of `from` (each
 * the latest class history row on or before the day). Agreements classed only after `from` are
 * not movers: they had no class to move from. The most valuable first.
 */
export async function listClassMovers(
  tx: Tx,
  scope: TenantScope,
  opts: { from: string; to: string; limit: number | null },
): Promise<{ movers: ClassMover[]; total: number; transitions: { from: string; to: string; agreements: number }[] }> {
  const movers = sql`
    with at_end as (
      select distinct on (h.agreement_id) h.agreement_id, h.abc || h.xyz as cell
      from agreement_class_history h
      where ${scopeFilter(scope, "h")} and h.valid_from <= ${opts.to}::date
      order by h.agreement_id, h.valid_from desc
    ), at_start as (
      select distinct on (h.agreement_id) h.agreement_id, h.abc || h.xyz as cell
      from agreement_class_history h
      where ${scopeFilter(scope, "h")} and h.valid_from <= ${opts.from}::date
      order by h.agreement_id, h.valid_from desc
    )
    select e.agreement_id, s.cell as from_cell, e.cell as to_cell
    from at_end e join at_start s on s.agreement_id = e.agreement_id
    where s.cell <> e.cell`;
  const transitions = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`select from_cell, to_cell, count(*) as n from (${movers}) m group by 1, 2 order by 3 desc, 1, 2`),
  ).map((row) => ({ from: String(row.from_cell), to: String(row.to_cell), agreements: num(row.n) ?? 0 }));
  const total = transitions.reduce((sum, t) => sum + t.agreements, 0);
  const limit = opts.limit === null ? sql`` : sql`limit ${opts.limit}`;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select m.agreement_id, m.from_cell, m.to_cell, i.sku, i.name as item_name, l.name as site_name,
             s.name as supplier_name, am.annual_value
      from (${movers}) m
      join agreements a on a.tenant_id = ${scope.tenantId} and a.id = m.agreement_id
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
      left join agreement_metrics am on am.tenant_id = a.tenant_id and am.agreement_id = a.id
      order by am.annual_value desc nulls last, i.sku, l.name
      ${limit}`),
  );
  return {
    total,
    transitions,
    movers: rows.map((row) => ({
      agreementId: String(row.agreement_id),
      sku: String(row.sku),
      itemName: String(row.item_name),
      siteName: String(row.site_name),
      supplierName: String(row.supplier_name),
      from: String(row.from_cell),
      to: String(row.to_cell),
      annualValue: num(row.annual_value),
    })),
  };
}

export interface HealthRow {
  agreementId: string;
  sku: string;
  itemName: string;
  siteName: string;
  supplierName: string;
  onHand: number;
  maxQty: number;
  /** The stock's value, and for overstock the value above max. */
  value: number;
  aboveMaxValue: number;
  lastConsumedOn: string | null;
  /** The day of the stock figure (the latest snapshot). */
  asOfDay: string;
}

export type HealthKind = "dead" | "overstock";

/**
 * Dead stock and overstock, largest value first.
 * - Dead stock (on hand, no consumption for `deadDays` or never) at each agreement's latest
 *   snapshot in level 1's two latest weeks: agreements without a snapshot since are left out
 *   (their consumption record would be stale).
 * - Overstock (above the agreed max) exactly as the inventory list's status counts it: the latest
 *   snapshot before `today`, however old (the row shows its day), so that the page's count and the
 *   list it links to never disagree.
 */
export async function listStockHealth(
  tx: Tx,
  scope: TenantScope,
  opts: { kind: HealthKind; sinceWeek: string; today: string; deadDays: number; limit: number | null },
): Promise<{ rows: HealthRow[]; total: number; totalValue: number; stockValue: number }> {
  const condition =
    opts.kind === "dead"
      ? sql`x.close_on_hand > 0 and (x.last_consumed_on is null or x.close_day - least(x.last_consumed_on, x.close_day) >= ${opts.deadDays})`
      : sql`x.close_on_hand > x.max_qty`;
  const valueColumn = opts.kind === "dead" ? sql`x.close_value` : sql`x.above_max_value`;
  const latest = opts.kind === "dead" ? latestRollups(scope, opts.sinceWeek) : latestSnapshots(scope, opts.today);
  const [summary] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select count(*) filter (where ${condition}) as total, coalesce(sum(${valueColumn}) filter (where ${condition}), 0) as total_value,
             coalesce(sum(x.close_value), 0) as stock_value
      from (${latest}) x`),
  );
  const limit = opts.limit === null ? sql`` : sql`limit ${opts.limit}`;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select x.agreement_id, x.close_day::text as close_day, x.close_on_hand, x.close_value, x.above_max_value,
             x.last_consumed_on::text as last_consumed_on, x.sku, x.item_name, x.site_name, x.supplier_name, x.max_qty
      from (${latest}) x
      where ${condition}
      order by ${valueColumn} desc, x.sku, x.site_name
      ${limit}`),
  );
  return {
    total: num(summary?.total) ?? 0,
    totalValue: num(summary?.total_value) ?? 0,
    stockValue: num(summary?.stock_value) ?? 0,
    rows: rows.map((row) => ({
      agreementId: String(row.agreement_id),
      sku: String(row.sku),
      itemName: String(row.item_name),
      siteName: String(row.site_name),
      supplierName: String(row.supplier_name),
      onHand: num(row.close_on_hand) ?? 0,
      maxQty: num(row.max_qty) ?? 0,
      value: num(row.close_value) ?? 0,
      aboveMaxValue: num(row.above_max_value) ?? 0,
      lastConsumedOn: row.last_consumed_on === null ? null : String(row.last_consumed_on),
      asOfDay: String(row.close_day),
    })),
  };
}

/** Joined to the columns a health row shows. */
function healthRowsOf(scope: TenantScope, figures: SQL) {
  return sql`
    select x.*, a.max_qty, greatest(x.close_on_hand - a.max_qty, 0) * i.unit_cost as above_max_value,
           i.sku, i.name as item_name, l.name as site_name, s.name as supplier_name
    from (${figures}) x
    join agreements a on a.tenant_id = ${scope.tenantId} and a.id = x.agreement_id
    join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
    join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
    join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id`;
}

/** Each agreement's latest week in level 1 since `sinceWeek`. */
function latestRollups(scope: TenantScope, sinceWeek: string) {
  return healthRowsOf(
    scope,
    sql`
    select distinct on (r.agreement_id) r.agreement_id, r.close_day, r.close_on_hand, r.close_value, r.last_consumed_on
    from agreement_week_rollups r
    where ${scopeFilter(scope, "r")} and r.week_start >= ${sinceWeek}::date and r.close_day is not null
    order by r.agreement_id, r.week_start desc`,
  );
}

/** Each agreement's latest snapshot before `today` (the inventory list's stock figure). */
function latestSnapshots(scope: TenantScope, today: string) {
  return healthRowsOf(
    scope,
    sql`
    select a.id as agreement_id, st.day as close_day, st.on_hand as close_on_hand,
           st.on_hand * i.unit_cost as close_value, r.last_consumed_on
    from agreements a
    join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
    join lateral (
      select ss.on_hand, ss.day from stock_snapshots ss
      where ss.tenant_id = a.tenant_id and ss.item_id = a.item_id and ss.location_id = a.location_id
        and ss.day < ${today}::date
      order by ss.day desc limit 1
    ) st on true
    left join lateral (
      select rr.last_consumed_on from agreement_week_rollups rr
      where rr.tenant_id = a.tenant_id and rr.agreement_id = a.id and rr.close_day is not null
      order by rr.week_start desc limit 1
    ) r on true
    where ${scopeFilter(scope, "a")}`,
  );
}
