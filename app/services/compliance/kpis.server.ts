import type { Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  type CompliancePeriod,
  type ComplianceKpis,
  type DeliveryTotals,
  EMPTY_DELIVERY_TOTALS,
  EMPTY_STOCK_TOTALS,
  NO_DECISIONS,
  type PeriodRequest,
  type ResolvedPeriods,
  type StockTotals,
  addStockTotals,
  complianceKpis,
  dayNumber,
  resolveCompliancePeriods,
} from "~/core";
import {
  type StockTotalsRow,
  summariseDecisions,
  listSupplierNames,
  listWorstAgreements,
  sumDeliveries,
  sumStockTotals,
  type SupplierName,
  type WorstAgreement,
} from "~/models/compliance.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { addDays, todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

/**
 * The compliance KPIs of a period beside the previous one, with weekly trends: tenant-wide (the
 * dashboard) or for one supplier (its scorecard), and per supplier (the ranking). Everything is
 * summed from the rollups and plan facts by the models, then turned into KPIs by the core's
 * complianceKpis, so every screen computes each KPI the same way.
 */

export interface KpiPair {
  current: ComplianceKpis;
  previous: ComplianceKpis;
}

export interface WeekKpis {
  week: string;
  /** Days of the week with facts: fewer than 7 for the week still running. */
  days: number;
  kpis: ComplianceKpis;
}

export interface KpiReport {
  asOf: string;
  periods: ResolvedPeriods;
  kpis: KpiPair;
  /** The current period's weeks, oldest first. */
  trend: WeekKpis[];
  /** The settings the KPIs used, for their explanations. */
  holdingRate: number;
  deadStockDays: number;
}

/** The tenant's yesterday: the last day with facts. */
export function complianceAsOf(membership: Membership): string {
  return addDays(todayIn(membership.tenant.timezone), -1);
}

/**
 * The tenant-wide report, or one supplier's (a supplier scope always gets its own). `asOf` is the
 * one the page's period was checked against (complianceAsOf), so that midnight cannot fall between.
 */
export function loadKpiReport(
  membership: Membership,
  asOf: string,
  request: PeriodRequest,
  supplierId?: string,
): Promise<KpiReport> {
  const periods = resolveCompliancePeriods(request, asOf);
  const supplier = membership.scope.supplierId ?? supplierId;
  const key = `compliance-report|${asOf}|${periods.current.from}|${periods.current.weeks}|${supplier ?? "*"}`;
  return cachedForTenant(membership.scope, membership.dataVersion, key, () =>
    withTenant(getDb(), membership.scope, (tx) => computeKpiReport(tx, membership.scope, asOf, periods, supplier)),
  );
}

export async function computeKpiReport(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  periods: ResolvedPeriods,
  supplierId: string | undefined,
): Promise<KpiReport> {
  const { current, previous } = periods;
  const settings = await getTenantSettings(tx, scope);
  const lastWeek = current.weekStarts[current.weekStarts.length - 1];
  const [stockWeeks, deliveryWeeks, decisions] = await Promise.all([
    sumStockTotals(tx, scope, { fromWeek: previous.from, toWeek: lastWeek, group: "week", closeWeek: lastWeek, supplierId }),
    sumDeliveries(tx, scope, { fromWeek: previous.from, toWeek: lastWeek, group: "week", supplierId }),
    summariseDecisions(tx, scope, {
      fromWeek: previous.from,
      toWeek: lastWeek,
      group: "week",
      supplierId,
      splitWeek: current.from,
    }),
  ]);
  const stockByWeek = new Map(stockWeeks.map((row) => [row.week!, row]));
  const deliveryByWeek = new Map(deliveryWeeks.map((row) => [row.week!, deliveryOf(row)]));
  const decisionsByWeek = new Map(decisions.filter((row) => row.key !== null).map((row) => [row.key!, row]));
  const decisionsByPeriod = new Map([
    [current.from, decisions.find((row) => row.part === "from") ?? NO_DECISIONS],
    [previous.from, decisions.find((row) => row.part === "before") ?? NO_DECISIONS],
  ]);
  const holdingRate = settings.holdingRate;

  const weekKpis = (week: string): WeekKpis => ({
    week,
    days: daysWithFacts(week, asOf),
    kpis: complianceKpis({
      stock: stockOf(stockByWeek.get(week)),
      delivery: deliveryByWeek.get(week) ?? EMPTY_DELIVERY_TOTALS,
      decisions: decisionsByWeek.get(week) ?? NO_DECISIONS,
      days: daysWithFacts(week, asOf),
      holdingRate,
    }),
  });
  const periodKpis = (period: CompliancePeriod) => {
    let stock = EMPTY_STOCK_TOTALS;
    let delivery = EMPTY_DELIVERY_TOTALS;
    for (const week of period.weekStarts) {
      stock = addStockTotals(stock, { ...stockOf(stockByWeek.get(week)), closeValue: 0, deadCloseValue: 0 });
      delivery = addDelivery(delivery, deliveryByWeek.get(week) ?? EMPTY_DELIVERY_TOTALS);
    }
    // Dead stock is a state: read at the close of the period's last week.
    const close = stockOf(stockByWeek.get(period.weekStarts[period.weekStarts.length - 1]));
    stock = { ...stock, closeValue: close.closeValue, deadCloseValue: close.deadCloseValue };
    return complianceKpis({ stock, delivery, decisions: decisionsByPeriod.get(period.from)!, days: period.days, holdingRate });
  };
  return {
    asOf,
    periods,
    kpis: { current: periodKpis(current), previous: periodKpis(previous) },
    trend: current.weekStarts.map(weekKpis),
    holdingRate,
    deadStockDays: settings.deadStockDays,
  };
}

export interface SupplierRankingRow {
  supplier: SupplierName;
  agreements: number;
  kpis: ComplianceKpis;
  /** Band compliance in the previous period, for the change. */
  previousBandCompliance: number | null;
}

export interface SupplierRanking {
  asOf: string;
  periods: ResolvedPeriods;
  rows: SupplierRankingRow[];
}

/** Every supplier's KPIs over the period, for buyer roles (by supplier code; the page sorts). */
export function loadSupplierRanking(membership: Membership, asOf: string, request: PeriodRequest): Promise<SupplierRanking> {
  const periods = resolveCompliancePeriods(request, asOf);
  const key = `compliance-ranking|${asOf}|${periods.current.from}|${periods.current.weeks}`;
  return cachedForTenant(membership.scope, membership.dataVersion, key, () =>
    withTenant(getDb(), membership.scope, (tx) => computeSupplierRanking(tx, membership.scope, asOf, periods)),
  );
}

export async function computeSupplierRanking(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  periods: ResolvedPeriods,
): Promise<SupplierRanking> {
  const { current, previous } = periods;
  const settings = await getTenantSettings(tx, scope);
  const lastOf = (p: CompliancePeriod) => p.weekStarts[p.weekStarts.length - 1];
  const [suppliers, stock, stockBefore, deliveries, decisions] = await Promise.all([
    listSupplierNames(tx, scope),
    sumStockTotals(tx, scope, { fromWeek: current.from, toWeek: lastOf(current), group: "supplier", closeWeek: lastOf(current) }),
    sumStockTotals(tx, scope, {
      fromWeek: previous.from,
      toWeek: lastOf(previous),
      group: "supplier",
      closeWeek: lastOf(previous),
    }),
    sumDeliveries(tx, scope, { fromWeek: current.from, toWeek: lastOf(current), group: "supplier" }),
    summariseDecisions(tx, scope, { fromWeek: current.from, toWeek: lastOf(current), group: "supplier" }),
  ]);
  const decisionsBy = new Map(decisions.filter((row) => row.key !== null).map((row) => [row.key!, row]));
  const stockBy = new Map(stock.map((row) => [row.supplierId!, row]));
  const beforeBy = new Map(stockBefore.map((row) => [row.supplierId!, row]));
  const deliveryBy = new Map(deliveries.map((row) => [row.supplierId!, deliveryOf(row)]));
  const rows = suppliers.map((supplier) => {
    const kpis = complianceKpis({
      stock: stockOf(stockBy.get(supplier.id)),
      delivery: deliveryBy.get(supplier.id) ?? EMPTY_DELIVERY_TOTALS,
      decisions: decisionsBy.get(supplier.id) ?? NO_DECISIONS,
      days: current.days,
      holdingRate: settings.holdingRate,
    });
    const before = beforeBy.get(supplier.id);
    return {
      supplier,
      agreements: stockBy.get(supplier.id)?.agreements ?? 0,
      kpis,
      previousBandCompliance: before && before.snapshotDays > 0 ? before.inBandDays / before.snapshotDays : null,
    };
  });
  return { asOf, periods, rows };
}

export interface SupplierScorecard extends KpiReport {
  supplier: SupplierName;
  worst: WorstAgreement[];
}

/**
 * One supplier's scorecard, or null when the tenant has no such supplier or the scope may not see
 * it (a supplier sees only its own: the route answers 404 either way).
 */
export async function loadSupplierScorecard(
  membership: Membership,
  asOf: string,
  supplierId: string,
  request: PeriodRequest,
): Promise<SupplierScorecard | null> {
  if (membership.scope.supplierId && membership.scope.supplierId !== supplierId) return null;
  const report = await loadKpiReport(membership, asOf, request, supplierId);
  const { current } = report.periods;
  const key = `compliance-scorecard|${asOf}|${current.from}|${current.weeks}|${supplierId}`;
  const extra = await cachedForTenant(membership.scope, membership.dataVersion, key, () =>
    withTenant(getDb(), membership.scope, async (tx) => {
      const supplier = (await listSupplierNames(tx, membership.scope)).find((s) => s.id === supplierId) ?? null;
      if (!supplier) return null;
      const worst = await listWorstAgreements(tx, membership.scope, {
        fromWeek: current.from,
        toWeek: current.weekStarts[current.weekStarts.length - 1],
        supplierId,
        days: current.days,
        limit: 10,
      });
      return { supplier, worst };
    }),
  );
  return extra ? { ...report, ...extra } : null;
}

function stockOf(row: StockTotalsRow | undefined): StockTotals {
  if (!row) return EMPTY_STOCK_TOTALS;
  return {
    snapshotDays: row.snapshotDays,
    inBandDays: row.inBandDays,
    belowMinDays: row.belowMinDays,
    stockoutDays: row.stockoutDays,
    aboveMaxDays: row.aboveMaxDays,
    stockValueDays: row.stockValueDays,
    consumptionValue: row.consumptionValue,
    closeValue: row.closeValue,
    deadCloseValue: row.deadCloseValue,
  };
}

function deliveryOf(row: DeliveryTotals): DeliveryTotals {
  const { receivedLines, onTimeLines, receivedQty, approvedQty } = row;
  return { receivedLines, onTimeLines, receivedQty, approvedQty };
}

function addDelivery(a: DeliveryTotals, b: DeliveryTotals): DeliveryTotals {
  return {
    receivedLines: a.receivedLines + b.receivedLines,
    onTimeLines: a.onTimeLines + b.onTimeLines,
    receivedQty: a.receivedQty + b.receivedQty,
    approvedQty: a.approvedQty + b.approvedQty,
  };
}

/** Days of a week that have facts: 7, or up to as-of for the current week. */
function daysWithFacts(weekStart: string, asOf: string): number {
  return Math.max(1, Math.min(7, dayNumber(asOf) - dayNumber(weekStart) + 1));
}
