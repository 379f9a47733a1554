import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import type { PlanningAgreement, PlanningContext, PlanningReceipt } from "~/core";
import { parseTenantSettings } from "~/models/tenant-settings.server";
import { isUuid } from "~/utils/ids";

export type { PlanningAgreement, PlanningContext, PlanningReceipt };

/** Days of consumption whose mean stands in for the forecast when an agreement has no metrics. */
export const FALLBACK_FORECAST_DAYS = 28;

/** The scoped tenant's time zone and planning horizon. */
export async function getPlanningClock(tx: Tx, scope: TenantScope): Promise<{ timeZone: string; horizonDays: number }> {
  const rows = rowsOf<{ timezone: string; settings: unknown }>(
    await tx.execute(sql`select timezone, settings from tenants where id = ${scope.tenantId}`),
  );
  if (!rows[0]) throw new Error(`tenant ${scope.tenantId} is not visible in this scope`);
  return { timeZone: rows[0].timezone, horizonDays: parseTenantSettings(rows[0].settings).horizonDays };
}

export interface PlanningContextOptions {
  /** The tenant's today (YYYY-MM-DD). */
  today: string;
  horizonDays: number;
  /** Only these agreements (ids that are not UUIDs match nothing); all of the scope's otherwise. */
  agreementIds?: readonly string[];
  /** The plan being edited: its own accepted lines are not counted as inbound. */
  excludePlanId?: string | null;
}

/**
 * What the plan builder and the plan checks need about the scope's agreements (a supplier: its
 * own only, filtered here as well as by row-level security): terms and band, the latest stock on
 * or before yesterday, the forecast (agreement_metrics, else the mean daily consumption of the 28
 * days before today), and inbound receipts — in-transit shipments by expected arrival, and what
 * approved lines of other plans (accepted, or shipped in part) have not shipped yet, by their
 * approved (else planned) arrival.
 */
export async function loadPlanningContext(tx: Tx, scope: TenantScope, options: PlanningContextOptions): Promise<PlanningContext> {
  const { today, horizonDays } = options;
  const context: PlanningContext = { today, horizonDays, agreements: [] };
  const conditions: SQL[] = [sql`a.tenant_id = ${scope.tenantId}`];
  if (scope.supplierId) conditions.push(sql`a.supplier_id = ${scope.supplierId}`);
  if (options.agreementIds) {
    const ids = [...new Set(options.agreementIds.filter(isUuid).map((id) => id.toLowerCase()))];
    if (ids.length === 0) return context;
    conditions.push(
      sql`a.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  const where = sql.join(conditions, sql` and `);

  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select a.id as agreement_id, a.supplier_id, s.name as supplier_name, i.sku, i.name as item_name,
             i.uom, i.unit_cost, l.code as site_code, l.name as site_name, a.status,
             a.min_qty, a.max_qty, a.lead_time_days, a.moq, a.pack_size,
             st.on_hand, st.day::text as on_hand_day,
             m.forecast_daily, m.abc, m.xyz, m.pattern, m.forecast_method,
             m.recommended_min, m.recommended_max, m.as_of,
             (select coalesce(sum(c.qty), 0) from consumption c
               where c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
                 and c.day >= ${today}::date - ${FALLBACK_FORECAST_DAYS}::int and c.day < ${today}::date
             ) as consumed_recently
      from agreements a
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
      left join lateral (
        select ss.on_hand, ss.day from stock_snapshots ss
        where ss.tenant_id = a.tenant_id and ss.item_id = a.item_id and ss.location_id = a.location_id
          and ss.day < ${today}::date
        order by ss.day desc limit 1
      ) st on true
      left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.id
      where ${where}
      order by i.sku, l.code, a.id`),
  );
  if (rows.length === 0) return context;

  const inbound = await loadInbound(tx, scope, where, options.excludePlanId ?? null);
  for (const r of rows) {
    const id = String(r.agreement_id);
    const hasMetrics = r.forecast_daily !== null && r.forecast_daily !== undefined;
    const forecast = hasMetrics ? Number(r.forecast_daily) : Number(r.consumed_recently) / FALLBACK_FORECAST_DAYS;
    const agreement: PlanningAgreement = {
      agreementId: id,
      supplierId: String(r.supplier_id),
      supplierName: String(r.supplier_name),
      sku: String(r.sku),
      itemName: String(r.item_name),
      uom: String(r.uom),
      unitCost: Number(r.unit_cost),
      siteCode: String(r.site_code),
      siteName: String(r.site_name),
      status: r.status as PlanningAgreement["status"],
      min: Number(r.min_qty),
      max: Number(r.max_qty),
      leadTimeDays: Number(r.lead_time_days),
      moq: Number(r.moq),
      packSize: Number(r.pack_size),
      onHand: r.on_hand === null || r.on_hand === undefined ? null : Number(r.on_hand),
      onHandDay: r.on_hand_day === null || r.on_hand_day === undefined ? null : String(r.on_hand_day),
      forecastDaily: Number.isFinite(forecast) && forecast > 0 ? forecast : 0,
      forecastSource: hasMetrics ? "metrics" : "history",
      inbound: inbound.get(id) ?? [],
      metrics: hasMetrics
        ? {
            abc: String(r.abc),
            xyz: String(r.xyz),
            pattern: String(r.pattern),
            forecastMethod: String(r.forecast_method),
            recommendedMin: Number(r.recommended_min),
            recommendedMax: Number(r.recommended_max),
            asOf: String(r.as_of),
          }
        : null,
    };
    context.agreements.push(agreement);
  }
  return context;
}

async function loadInbound(tx: Tx, scope: TenantScope, where: SQL, excludePlanId: string | null) {
  const exclude = isUuid(excludePlanId) ? sql`and p.id <> ${excludePlanId}::uuid` : sql``;
  const supplierFilter = (alias: string) =>
    scope.supplierId ? sql`and ${sql.raw(alias)}.supplier_id = ${scope.supplierId}` : sql``;
  const rows = rowsOf<{ agreement_id: string; day: string; qty: unknown; source: PlanningReceipt["source"] }>(
    await tx.execute(sql`
      with chosen as (select a.id, a.tenant_id from agreements a where ${where})
      select sh.agreement_id, sh.expected_arrival::text as day, sh.qty, 'shipment' as source
      from shipments sh
      join chosen on chosen.tenant_id = sh.tenant_id and chosen.id = sh.agreement_id
      where sh.tenant_id = ${scope.tenantId} and sh.status = 'in_transit' ${supplierFilter("sh")}
      union all
      select pl.agreement_id, coalesce(pl.approved_arrival_date, pl.arrival_date)::text as day,
             greatest(coalesce(pl.approved_qty, pl.qty) - pl.shipped_qty, 0) as qty,
             'plan_line' as source
      from plan_lines pl
      join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id and p.version = pl.version
      join chosen on chosen.tenant_id = pl.tenant_id and chosen.id = pl.agreement_id
      where pl.tenant_id = ${scope.tenantId} and pl.status in ('accepted', 'shipped')
        and p.status in ('approved', 'partially_approved') ${exclude} ${supplierFilter("pl")}
      order by 2`),
  );
  const byAgreement = new Map<string, PlanningReceipt[]>();
  for (const r of rows) {
    const qty = Number(r.qty);
    if (!(qty > 0)) continue;
    const id = String(r.agreement_id);
    const list = byAgreement.get(id) ?? [];
    list.push({ date: String(r.day), qty, source: r.source });
    byAgreement.set(id, list);
  }
  return byAgreement;
}
