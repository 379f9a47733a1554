import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import type { DecisionStats, DeliveryTotals, StockTotals } from "~/core";
import { num, numeric, scopeFilter, type NumericText } from "./sql.server";

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

/** A stock totals row as the query returns it: every sum coalesced, the group's keys as text. */
interface StockTotalsResult {
  week_start?: string;
  supplier_id?: string;
  abc?: string;
  xyz?: string;
  agreements: NumericText;
  snapshot_days: NumericText;
  in_band_days: NumericText;
  below_min_days: NumericText;
  stockout_days: NumericText;
  above_max_days: NumericText;
  stock_value_days: NumericText;
  consumption_value: NumericText;
  close_value: NumericText;
  dead_close_value: NumericText;
  close_above_max_value: NumericText;
  dead_close_agreements: NumericText;
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
  // A sum over the close week only; coalesced, as a filtered sum of no rows is null.
  const atClose = (expr: string): SQL =>
    perWeek
      ? sql.raw(`coalesce(sum(${expr}), 0)`)
      : sql`coalesce(sum(${sql.raw(expr)}) filter (where r.week_start = ${opts.closeWeek}::date), 0)`;
  const supplier = opts.supplierId ? sql`and r.supplier_id = ${opts.supplierId}` : sql``;
  const groupBy = sql.raw(columns.map((c) => `r.${c}`).join(", "));
  const rows = rowsOf<StockTotalsResult>(
    await tx.execute(sql`
      select ${sql.raw(columns.map((c) => `r.${c}${c === "week_start" ? "::text" : ""} as ${c}`).join(", "))},
             ${atClose("r.agreements")} as agreements,
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
    week: row.week_start ?? null,
    supplierId: row.supplier_id ?? null,
    abc: row.abc ?? null,
    xyz: row.xyz ?? null,
    agreements: numeric(row.agreements),
    snapshotDays: numeric(row.snapshot_days),
    inBandDays: numeric(row.in_band_days),
    belowMinDays: numeric(row.below_min_days),
    stockoutDays: numeric(row.stockout_days),
    aboveMaxDays: numeric(row.above_max_days),
    stockValueDays: numeric(row.stock_value_days),
    consumptionValue: numeric(row.consumption_value),
    closeValue: numeric(row.close_value),
    deadCloseValue: numeric(row.dead_close_value),
    closeAboveMaxValue: numeric(row.close_above_max_value),
    deadCloseAgreements: numeric(row.dead_close_agreements),
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
  const rows = rowsOf<{
    key: string;
    lines: NumericText;
    on_time: NumericText;
    received_qty: NumericText;
    approved_qty: NumericText;
  }>(
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
    week: opts.group === "week" ? row.key : null,
    supplierId: opts.group === "supplier" ? row.key : null,
    receivedLines: numeric(row.lines),
    onTimeLines: numeric(row.on_time),
    receivedQty: numeric(row.received_qty),
    approvedQty: numeric(row.approved_qty),
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
  // A grouping set leaves the other key null: a week's or supplier's row has no part, a part's no key.
  const rows = rowsOf<{
    key: string | null;
    part: "before" | "from" | null;
    decisions: NumericText;
    median: NumericText | null;
    p90: NumericText | null;
  }>(
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
    key: row.key,
    part: row.key === null ? row.part : null,
    count: numeric(row.decisions),
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
  const rows = rowsOf<{
    agreement_id: string;
    sku: string;
    item_name: string;
    site_name: string;
    snapshot_days: NumericText;
    in_band_days: NumericText;
    below_min_days: NumericText;
    stockout_days: NumericText;
    above_max_days: NumericText;
    stock_value_days: NumericText;
  }>(
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
    agreementId: row.agreement_id,
    sku: row.sku,
    itemName: row.item_name,
    siteName: row.site_name,
    snapshotDays: numeric(row.snapshot_days),
    inBandDays: numeric(row.in_band_days),
    belowMinDays: numeric(row.below_min_days),
    stockoutDays: numeric(row.stockout_days),
    aboveMaxDays: numeric(row.above_max_days),
    averageStockValue: numeric(row.stock_value_days) / opts.days,
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
  return rowsOf<SupplierName>(
    await tx.execute(
      sql`select s.id, s.code, s.name from suppliers s where s.tenant_id = ${scope.tenantId} ${filter} order by s.code`,
    ),
  );
}

export interface CellCount {
  abc: string;
  xyz: string;
  agreements: number;
}

/** Agreements per current ABC-XYZ cell (as the last recompute classed them). */
export async function countAgreementsByCell(tx: Tx, scope: TenantScope): Promise<CellCount[]> {
  const rows = rowsOf<{ abc: string; xyz: string; agreements: NumericText }>(
    await tx.execute(sql`
      select m.abc, m.xyz, count(*) as agreements from agreement_metrics m
      where ${scopeFilter(scope, "m")} group by m.abc, m.xyz order by m.abc, m.xyz`),
  );
  return rows.map((row) => ({ abc: row.abc, xyz: row.xyz, agreements: numeric(row.agreements) }));
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
  const transitions = rowsOf<{ from_cell: string; to_cell: string; n: NumericText }>(
    await tx.execute(sql`select from_cell, to_cell, count(*) as n from (${movers}) m group by 1, 2 order by 3 desc, 1, 2`),
  ).map((row) => ({ from: row.from_cell, to: row.to_cell, agreements: numeric(row.n) }));
  const total = transitions.reduce((sum, t) => sum + t.agreements, 0);
  const limit = opts.limit === null ? sql`` : sql`limit ${opts.limit}`;
  const rows = rowsOf<{
    agreement_id: string;
    from_cell: string;
    to_cell: string;
    sku: string;
    item_name: string;
    site_name: string;
    supplier_name: string;
    annual_value: NumericText | null;
  }>(
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
      agreementId: row.agreement_id,
      sku: row.sku,
      itemName: row.item_name,
      siteName: row.site_name,
      supplierName: row.supplier_name,
      from: row.from_cell,
      to: row.to_cell,
      annualValue: num(row.annual_value),
    })),
  };
}
