import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { agreements } from "@db/schema";
import type { TenantScope } from "@db/scope";

export interface AgreementDetail {
  id: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  itemName: string;
  uom: string;
  unitCost: number;
  siteCode: string;
  siteName: string;
  minQty: number;
  maxQty: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
  status: string;
  /** Optimistic concurrency: raised by one on every change of the terms. */
  version: number;
  metrics: AgreementMetricsView | null;
}

/** What the last recompute stored for the agreement. */
export interface AgreementMetricsView {
  asOf: string;
  abc: string;
  xyz: string;
  pattern: string;
  adi: number | null;
  cv2: number | null;
  cv: number | null;
  forecastMethod: string;
  forecastWeekly: number;
  forecastSdWeekly: number;
  forecastDaily: number;
  backtestMae: number | null;
  backtestWape: number | null;
  backtestBias: number | null;
  serviceLevel: number | null;
  safetyStock: number;
  recommendedMin: number;
  recommendedMax: number;
  eoq: number;
  computedAt: string;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * One agreement with its item, site, supplier and stored metrics, or null when it does not exist
 * or is not the scope's (a supplier asking for another supplier's agreement gets null → 404).
 */
export async function getAgreementDetail(tx: Tx, scope: TenantScope, agreementId: string): Promise<AgreementDetail | null> {
  const supplierFilter = scope.supplierId ? sql`and a.supplier_id = ${scope.supplierId}` : sql``;
  const [r] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select a.id, a.supplier_id, s.name as supplier_name, i.sku, i.name as item_name, i.uom, i.unit_cost,
             l.code as site_code, l.name as site_name, a.min_qty, a.max_qty, a.lead_time_days, a.lead_time_sd_days,
             a.moq, a.pack_size, a.review_period_days, a.status, a.version,
             m.as_of, m.abc, m.xyz, m.pattern, m.adi, m.cv2, m.cv, m.forecast_method, m.forecast_weekly,
             m.forecast_sd_weekly, m.forecast_daily, m.backtest_mae, m.backtest_wape, m.backtest_bias,
             m.service_level, m.safety_stock, m.recommended_min, m.recommended_max, m.eoq,
             to_char(m.computed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as computed_at
      from agreements a
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
      left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.id
      where a.tenant_id = ${scope.tenantId} and a.id = ${agreementId} ${supplierFilter}`),
  );
  if (!r) return null;
  return {
    id: String(r.id),
    supplierId: String(r.supplier_id),
    supplierName: String(r.supplier_name),
    sku: String(r.sku),
    itemName: String(r.item_name),
    uom: String(r.uom),
    unitCost: Number(r.unit_cost),
    siteCode: String(r.site_code),
    siteName: String(r.site_name),
    minQty: Number(r.min_qty),
    maxQty: Number(r.max_qty),
    leadTimeDays: Number(r.lead_time_days),
    leadTimeSdDays: Number(r.lead_time_sd_days),
    moq: Number(r.moq),
    packSize: Number(r.pack_size),
    reviewPeriodDays: Number(r.review_period_days),
    status: String(r.status),
    version: Number(r.version),
    metrics:
      r.as_of === null
        ? null
        : {
            asOf: String(r.as_of),
            abc: String(r.abc),
            xyz: String(r.xyz),
            pattern: String(r.pattern),
            adi: num(r.adi),
            cv2: num(r.cv2),
            cv: num(r.cv),
            forecastMethod: String(r.forecast_method),
            forecastWeekly: Number(r.forecast_weekly),
            forecastSdWeekly: Number(r.forecast_sd_weekly),
            forecastDaily: Number(r.forecast_daily),
            backtestMae: num(r.backtest_mae),
            backtestWape: num(r.backtest_wape),
            backtestBias: num(r.backtest_bias),
            serviceLevel: num(r.service_level),
            safetyStock: Number(r.safety_stock),
            recommendedMin: Number(r.recommended_min),
            recommendedMax: Number(r.recommended_max),
            eoq: Number(r.eoq),
            computedAt: String(r.computed_at),
          },
  };
}

/**
 * Consumption per 7-day week, the last `weeks` weeks ending with `lastDay` (oldest first; weeks
 * without consumption are 0). Weeks start on `lastDay − 7·weeks + 1`, as the recompute counts them.
 */
export async function weeklyConsumption(
  tx: Tx,
  scope: TenantScope,
  agreement: { id: string },
  lastDay: string,
  weeks: number,
): Promise<{ weekStart: string; qty: number }[]> {
  const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - (weeks * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = rowsOf<{ week: number; qty: unknown }>(
    await tx.execute(sql`
      select (c.day - ${firstDay}::date) / 7 as week, sum(c.qty) as qty
      from consumption c
      join agreements a on a.tenant_id = c.tenant_id and a.item_id = c.item_id and a.location_id = c.location_id
      where a.tenant_id = ${scope.tenantId} and a.id = ${agreement.id}
        and c.day between ${firstDay}::date and ${lastDay}::date
      group by 1`),
  );
  const byWeek = new Map(rows.map((r) => [Number(r.week), Number(r.qty)]));
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  return Array.from({ length: weeks }, (_, w) => ({
    weekStart: new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10),
    qty: byWeek.get(w) ?? 0,
  }));
}

/** Closing stock per day from `from` to `to` (days without a snapshot are left out). */
export async function dailyStock(
  tx: Tx,
  scope: TenantScope,
  agreement: { id: string },
  from: string,
  to: string,
): Promise<{ day: string; onHand: number }[]> {
  const rows = rowsOf<{ day: string; on_hand: unknown }>(
    await tx.execute(sql`
      select ss.day::text as day, ss.on_hand
      from stock_snapshots ss
      join agreements a on a.tenant_id = ss.tenant_id and a.item_id = ss.item_id and a.location_id = ss.location_id
      where a.tenant_id = ${scope.tenantId} and a.id = ${agreement.id} and ss.day between ${from}::date and ${to}::date
      order by ss.day`),
  );
  return rows.map((r) => ({ day: String(r.day), onHand: Number(r.on_hand) }));
}

export interface InboundForAgreement {
  /** Shipments in transit, by expected arrival. */
  inTransit: { id: string; qty: number; shipDate: string; expectedArrival: string; carrier: string | null }[];
  /** Lines of the supplier's draft plans (current version) for this agreement. */
  draftLines: { planId: string; planNumber: string | null; qty: number; shipDate: string; arrivalDate: string }[];
}

/** What is on its way to the agreement's site: in-transit shipments and draft plan lines. */
export async function inboundForAgreement(tx: Tx, scope: TenantScope, agreement: { id: string }): Promise<InboundForAgreement> {
  const supplierFilter = scope.supplierId ? sql`and sh.supplier_id = ${scope.supplierId}` : sql``;
  const transit = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select sh.id, sh.qty, sh.ship_date::text as ship_date, sh.expected_arrival::text as expected_arrival, sh.carrier
      from shipments sh
      where sh.tenant_id = ${scope.tenantId} and sh.agreement_id = ${agreement.id} and sh.status = 'in_transit' ${supplierFilter}
      order by sh.expected_arrival, sh.id`),
  );
  const linesFilter = scope.supplierId ? sql`and pl.supplier_id = ${scope.supplierId}` : sql``;
  const drafts = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select p.id as plan_id, p.number, pl.qty, pl.ship_date::text as ship_date, pl.arrival_date::text as arrival_date
      from plan_lines pl
      join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id and p.version = pl.version
      where pl.tenant_id = ${scope.tenantId} and pl.agreement_id = ${agreement.id} and p.status = 'draft' ${linesFilter}
      order by pl.arrival_date, pl.line_no`),
  );
  return {
    inTransit: transit.map((r) => ({
      id: String(r.id),
      qty: Number(r.qty),
      shipDate: String(r.ship_date),
      expectedArrival: String(r.expected_arrival),
      carrier: r.carrier === null ? null : String(r.carrier),
    })),
    draftLines: drafts.map((r) => ({
      planId: String(r.plan_id),
      planNumber: r.number === null ? null : String(r.number),
      qty: Number(r.qty),
      shipDate: String(r.ship_date),
      arrivalDate: String(r.arrival_date),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Terms: read under lock and written by the buyer's side (app/services/agreements)

export interface AgreementTermsRow {
  minQty: number;
  maxQty: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
}

export interface AgreementTermsState extends AgreementTermsRow {
  id: string;
  supplierId: string;
  version: number;
}

/**
 * The agreement's terms with its row locked until the transaction ends, or null when the scope
 * cannot write it: row-level security hides rows from a locking read that the scope may not
 * update, so a supplier scope never gets one.
 */
export async function lockAgreementTerms(tx: Tx, scope: TenantScope, agreementId: string): Promise<AgreementTermsState | null> {
  const supplierFilter = scope.supplierId ? sql`and a.supplier_id = ${scope.supplierId}` : sql``;
  const [r] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select a.id, a.supplier_id, a.version, a.min_qty, a.max_qty, a.lead_time_days, a.lead_time_sd_days,
             a.moq, a.pack_size, a.review_period_days
      from agreements a
      where a.tenant_id = ${scope.tenantId} and a.id = ${agreementId}::uuid ${supplierFilter}
      for update`),
  );
  if (!r) return null;
  return {
    id: String(r.id),
    supplierId: String(r.supplier_id),
    version: Number(r.version),
    minQty: Number(r.min_qty),
    maxQty: Number(r.max_qty),
    leadTimeDays: Number(r.lead_time_days),
    leadTimeSdDays: Number(r.lead_time_sd_days),
    moq: Number(r.moq),
    packSize: Number(r.pack_size),
    reviewPeriodDays: Number(r.review_period_days),
  };
}

/**
 * Writes changed terms if the agreement is still at `version`, raising it by one; returns the new
 * version, or null when it moved on or the scope may not write it (nothing written then).
 */
export async function updateAgreementTerms(
  tx: Tx,
  scope: TenantScope,
  agreementId: string,
  version: number,
  patch: Partial<AgreementTermsRow>,
): Promise<number | null> {
  const conditions = [eq(agreements.tenantId, scope.tenantId), eq(agreements.id, agreementId), eq(agreements.version, version)];
  if (scope.supplierId) conditions.push(eq(agreements.supplierId, scope.supplierId));
  const rows = await tx
    .update(agreements)
    .set({ ...patch, version: sql`${agreements.version} + 1`, updatedAt: sql`now()` })
    .where(and(...conditions))
    .returning({ version: agreements.version });
  return rows[0]?.version ?? null;
}
