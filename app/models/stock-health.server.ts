import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import { numeric, scopeFilter, type NumericText } from "./sql.server";
import { stockPositionLateral } from "./stock-position.server";

/**
 * Dead stock and overstock for the inventory health section: the stock figure of each agreement
 * (from the compliance rollups, or from its latest snapshot as the inventory list reads it) joined
 * to what a row shows. Every function takes a transaction opened by withTenant and filters by the
 * scope explicitly as well.
 */

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
  const [summary] = rowsOf<{ total: NumericText; total_value: NumericText; stock_value: NumericText }>(
    await tx.execute(sql`
      select count(*) filter (where ${condition}) as total, coalesce(sum(${valueColumn}) filter (where ${condition}), 0) as total_value,
             coalesce(sum(x.close_value), 0) as stock_value
      from (${latest}) x`),
  );
  const limit = opts.limit === null ? sql`` : sql`limit ${opts.limit}`;
  const rows = rowsOf<{
    agreement_id: string;
    close_day: string;
    close_on_hand: NumericText;
    close_value: NumericText;
    above_max_value: NumericText;
    last_consumed_on: string | null;
    sku: string;
    item_name: string;
    site_name: string;
    supplier_name: string;
    max_qty: NumericText;
  }>(
    await tx.execute(sql`
      select x.agreement_id, x.close_day::text as close_day, x.close_on_hand,
             coalesce(x.close_value, 0) as close_value, coalesce(x.above_max_value, 0) as above_max_value,
             x.last_consumed_on::text as last_consumed_on, x.sku, x.item_name, x.site_name, x.supplier_name, x.max_qty
      from (${latest}) x
      where ${condition}
      order by ${valueColumn} desc, x.sku, x.site_name
      ${limit}`),
  );
  return {
    // An aggregate without group by always returns its one row.
    total: numeric(summary!.total),
    totalValue: numeric(summary!.total_value),
    stockValue: numeric(summary!.stock_value),
    rows: rows.map((row) => ({
      agreementId: row.agreement_id,
      sku: row.sku,
      itemName: row.item_name,
      siteName: row.site_name,
      supplierName: row.supplier_name,
      onHand: numeric(row.close_on_hand),
      maxQty: numeric(row.max_qty),
      value: numeric(row.close_value),
      aboveMaxValue: numeric(row.above_max_value),
      lastConsumedOn: row.last_consumed_on,
      asOfDay: row.close_day,
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

/** Each agreement's stock position today (the inventory list's stock figure, stock-position.server.ts). */
function latestSnapshots(scope: TenantScope, today: string) {
  return healthRowsOf(
    scope,
    sql`
    select a.id as agreement_id, pos.day as close_day, pos.on_hand as close_on_hand,
           pos.on_hand * i.unit_cost as close_value, r.last_consumed_on
    from agreements a
    join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
    ${stockPositionLateral(today)}
    left join lateral (
      select rr.last_consumed_on from agreement_week_rollups rr
      where rr.tenant_id = a.tenant_id and rr.agreement_id = a.id and rr.close_day is not null
      order by rr.week_start desc limit 1
    ) r on true
    where ${scopeFilter(scope, "a")} and pos.on_hand is not null`,
  );
}
