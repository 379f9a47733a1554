import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { agreementMetrics, agreements, items, locations, suppliers, tenants } from "@db/schema";
import type { TenantScope } from "@db/scope";
import type { PlanningAgreement, PlanningContext, PlanningReceipt } from "~/core";
import { parseTenantSettings } from "~/models/tenant-settings.server";
import { isUuid } from "~/utils/ids";
import { numeric, type NumericText } from "./sql.server";
import { stockPositionLateral } from "./stock-position.server";

export type { PlanningAgreement, PlanningContext, PlanningReceipt };

/** Days of consumption whose mean stands in for the forecast when an agreement has no metrics. */
export const FALLBACK_FORECAST_DAYS = 28;

const a = alias(agreements, "a");
const i = alias(items, "i");
const l = alias(locations, "l");
const s = alias(suppliers, "s");
const m = alias(agreementMetrics, "m");

/** The scoped tenant's time zone and planning horizon. */
export async function getPlanningClock(tx: Tx, scope: TenantScope): Promise<{ timeZone: string; horizonDays: number }> {
  const rows = await tx
    .select({ timezone: tenants.timezone, settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
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
 * own only, filtered here as well as by row-level security): terms and band, the stock position
 * (stock-position.server.ts), the forecast (agreement_metrics, else the mean daily consumption of the 28
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

  const rows = await tx
    .select({
      agreementId: a.id,
      supplierId: a.supplierId,
      supplierName: s.name,
      sku: i.sku,
      itemName: i.name,
      uom: i.uom,
      unitCost: i.unitCost,
      siteCode: l.code,
      siteName: l.name,
      status: a.status,
      minQty: a.minQty,
      maxQty: a.maxQty,
      leadTimeDays: a.leadTimeDays,
      moq: a.moq,
      packSize: a.packSize,
      reviewPeriodDays: a.reviewPeriodDays,
      forecastDaily: m.forecastDaily,
      // Null as a whole where the agreement has no metrics row.
      metrics: {
        abc: m.abc,
        xyz: m.xyz,
        pattern: m.pattern,
        forecastMethod: m.forecastMethod,
        recommendedMin: m.recommendedMin,
        recommendedMax: m.recommendedMax,
        asOf: m.asOf,
      },
      consumedRecently: sql`(select coalesce(sum(c.qty), 0) from consumption c
               where c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
                 and c.day >= ${today}::date - ${FALLBACK_FORECAST_DAYS}::int and c.day < ${today}::date)`.mapWith(Number),
    })
    .from(a)
    .innerJoin(i, and(eq(i.tenantId, a.tenantId), eq(i.id, a.itemId)))
    .innerJoin(l, and(eq(l.tenantId, a.tenantId), eq(l.id, a.locationId)))
    .innerJoin(s, and(eq(s.tenantId, a.tenantId), eq(s.id, a.supplierId)))
    .leftJoin(m, and(eq(m.tenantId, a.tenantId), eq(m.agreementId, a.id)))
    .where(where)
    .orderBy(i.sku, l.code, a.id);
  if (rows.length === 0) return context;

  const inbound = await loadInbound(tx, scope, where, options.excludePlanId ?? null);
  const positions = await loadPositions(tx, where, today);
  for (const r of rows) {
    const id = r.agreementId;
    const hasMetrics = r.forecastDaily !== null;
    const forecast = r.forecastDaily ?? r.consumedRecently / FALLBACK_FORECAST_DAYS;
    const agreement: PlanningAgreement = {
      agreementId: id,
      supplierId: r.supplierId,
      supplierName: r.supplierName,
      sku: r.sku,
      itemName: r.itemName,
      uom: r.uom,
      unitCost: r.unitCost,
      siteCode: r.siteCode,
      siteName: r.siteName,
      status: r.status,
      min: r.minQty,
      max: r.maxQty,
      leadTimeDays: r.leadTimeDays,
      moq: r.moq,
      packSize: r.packSize,
      reviewPeriodDays: r.reviewPeriodDays,
      onHand: positions.get(id)?.onHand ?? null,
      onHandDay: positions.get(id)?.day ?? null,
      forecastDaily: Number.isFinite(forecast) && forecast > 0 ? forecast : 0,
      forecastSource: hasMetrics ? "metrics" : "history",
      inbound: inbound.get(id) ?? [],
      metrics: r.metrics,
    };
    context.agreements.push(agreement);
  }
  return context;
}

/**
 * Each agreement's stock position (stock-position.server.ts: the last snapshot up to today, plus
 * receipts, less consumption since) and the day it is known to.
 */
async function loadPositions(tx: Tx, where: SQL, today: string): Promise<Map<string, { onHand: number; day: string }>> {
  const rows = rowsOf<{ agreement_id: string; on_hand: NumericText | null; day: string | null }>(
    await tx.execute(sql`
      select a.id as agreement_id, pos.on_hand, pos.day::text as day
      from agreements a ${stockPositionLateral(today)}
      where ${where}`),
  );
  const out = new Map<string, { onHand: number; day: string }>();
  for (const r of rows)
    if (r.on_hand !== null && r.day !== null) out.set(r.agreement_id, { onHand: numeric(r.on_hand), day: r.day });
  return out;
}

/** A row of the inbound receipts (a union over a CTE, so raw SQL). */
interface InboundRow {
  agreement_id: string;
  day: string;
  qty: NumericText;
  source: PlanningReceipt["source"];
}

async function loadInbound(tx: Tx, scope: TenantScope, where: SQL, excludePlanId: string | null) {
  const exclude = isUuid(excludePlanId) ? sql`and p.id <> ${excludePlanId}::uuid` : sql``;
  const supplierFilter = (alias: string) =>
    scope.supplierId ? sql`and ${sql.raw(alias)}.supplier_id = ${scope.supplierId}` : sql``;
  const rows = rowsOf<InboundRow>(
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
    const qty = numeric(r.qty);
    if (!(qty > 0)) continue;
    const id = r.agreement_id;
    const list = byAgreement.get(id) ?? [];
    list.push({ date: r.day, qty, source: r.source });
    byAgreement.set(id, list);
  }
  return byAgreement;
}
