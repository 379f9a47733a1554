import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import {
  agreementMetrics,
  agreements,
  consumption,
  items,
  locations,
  planLines,
  replenishmentPlans,
  shipments,
  stockSnapshots,
  suppliers,
} from "@db/schema";
import type { TenantScope } from "@db/scope";

export interface AgreementDetail {
  id: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  itemName: string;
  uom: string;
  /** The item's category; null when it has none. */
  category: string | null;
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
  /** Where the forecast's season came from (own history, same item elsewhere, category); null: none. */
  seasonSource: "own" | "item" | "category" | null;
  /**
   * How many agreements a borrowed season was pooled from: for the buyer's side only (a supplier
   * gets null, as the count tells of agreements that are not its own).
   */
  seasonPeers: number | null;
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

/** When the metrics were computed, as ISO 8601 UTC to the second (the page shows it as stored). */
const computedAtIso = sql<string>`to_char(${agreementMetrics.computedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * One agreement with its item, site, supplier and stored metrics, or null when it does not exist
 * or is not the scope's (a supplier asking for another supplier's agreement gets null → 404).
 */
export async function getAgreementDetail(tx: Tx, scope: TenantScope, agreementId: string): Promise<AgreementDetail | null> {
  const conditions = [eq(agreements.tenantId, scope.tenantId), eq(agreements.id, agreementId)];
  if (scope.supplierId) conditions.push(eq(agreements.supplierId, scope.supplierId));
  const [row] = await tx
    .select({
      id: agreements.id,
      supplierId: agreements.supplierId,
      supplierName: suppliers.name,
      sku: items.sku,
      itemName: items.name,
      uom: items.uom,
      category: items.category,
      unitCost: items.unitCost,
      siteCode: locations.code,
      siteName: locations.name,
      minQty: agreements.minQty,
      maxQty: agreements.maxQty,
      leadTimeDays: agreements.leadTimeDays,
      leadTimeSdDays: agreements.leadTimeSdDays,
      moq: agreements.moq,
      packSize: agreements.packSize,
      reviewPeriodDays: agreements.reviewPeriodDays,
      status: agreements.status,
      version: agreements.version,
      // Null without a stored row: the left join leaves every metrics column null (as_of is not null).
      metrics: {
        asOf: agreementMetrics.asOf,
        abc: agreementMetrics.abc,
        xyz: agreementMetrics.xyz,
        pattern: agreementMetrics.pattern,
        adi: agreementMetrics.adi,
        cv2: agreementMetrics.cv2,
        cv: agreementMetrics.cv,
        forecastMethod: agreementMetrics.forecastMethod,
        forecastWeekly: agreementMetrics.forecastWeekly,
        forecastSdWeekly: agreementMetrics.forecastSdWeekly,
        forecastDaily: agreementMetrics.forecastDaily,
        seasonSource: agreementMetrics.seasonSource,
        seasonPeers: scope.supplierId ? sql<number | null>`null::integer` : agreementMetrics.seasonPeers,
        backtestMae: agreementMetrics.backtestMae,
        backtestWape: agreementMetrics.backtestWape,
        backtestBias: agreementMetrics.backtestBias,
        serviceLevel: agreementMetrics.serviceLevel,
        safetyStock: agreementMetrics.safetyStock,
        recommendedMin: agreementMetrics.recommendedMin,
        recommendedMax: agreementMetrics.recommendedMax,
        eoq: agreementMetrics.eoq,
        computedAt: computedAtIso,
      },
    })
    .from(agreements)
    .innerJoin(items, and(eq(items.tenantId, agreements.tenantId), eq(items.id, agreements.itemId)))
    .innerJoin(locations, and(eq(locations.tenantId, agreements.tenantId), eq(locations.id, agreements.locationId)))
    .innerJoin(suppliers, and(eq(suppliers.tenantId, agreements.tenantId), eq(suppliers.id, agreements.supplierId)))
    .leftJoin(
      agreementMetrics,
      and(eq(agreementMetrics.tenantId, agreements.tenantId), eq(agreementMetrics.agreementId, agreements.id)),
    )
    .where(and(...conditions));
  return row ?? null;
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
  const rows = await tx
    .select({
      // date − date is an integer, and so is its quotient by 7.
      week: sql<number>`(${consumption.day} - ${firstDay}::date) / 7`,
      qty: sql<number>`sum(${consumption.qty})`.mapWith(consumption.qty),
    })
    .from(consumption)
    .innerJoin(agreements, factOfAgreement(consumption))
    .where(
      and(
        eq(agreements.tenantId, scope.tenantId),
        eq(agreements.id, agreement.id),
        sql`${consumption.day} between ${firstDay}::date and ${lastDay}::date`,
      ),
    )
    .groupBy(sql`1`);
  const byWeek = new Map(rows.map((r) => [r.week, r.qty]));
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  return Array.from({ length: weeks }, (_, w) => ({
    weekStart: new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10),
    qty: byWeek.get(w) ?? 0,
  }));
}

/** A daily fact's agreement: the one for its item at its site. */
function factOfAgreement(fact: typeof consumption | typeof stockSnapshots) {
  return and(
    eq(agreements.tenantId, fact.tenantId),
    eq(agreements.itemId, fact.itemId),
    eq(agreements.locationId, fact.locationId),
  );
}

/** Closing stock per day from `from` to `to` (days without a snapshot are left out). */
export async function dailyStock(
  tx: Tx,
  scope: TenantScope,
  agreement: { id: string },
  from: string,
  to: string,
): Promise<{ day: string; onHand: number }[]> {
  return tx
    .select({ day: stockSnapshots.day, onHand: stockSnapshots.onHand })
    .from(stockSnapshots)
    .innerJoin(agreements, factOfAgreement(stockSnapshots))
    .where(
      and(
        eq(agreements.tenantId, scope.tenantId),
        eq(agreements.id, agreement.id),
        sql`${stockSnapshots.day} between ${from}::date and ${to}::date`,
      ),
    )
    .orderBy(stockSnapshots.day);
}

export interface InboundForAgreement {
  /** Shipments in transit, by expected arrival. */
  inTransit: { id: string; qty: number; shipDate: string; expectedArrival: string; carrier: string | null }[];
  /** Lines of the supplier's draft plans (current version) for this agreement. */
  draftLines: { planId: string; planNumber: string | null; qty: number; shipDate: string; arrivalDate: string }[];
}

/** What is on its way to the agreement's site: in-transit shipments and draft plan lines. */
export async function inboundForAgreement(tx: Tx, scope: TenantScope, agreement: { id: string }): Promise<InboundForAgreement> {
  const transitConditions = [
    eq(shipments.tenantId, scope.tenantId),
    eq(shipments.agreementId, agreement.id),
    eq(shipments.status, "in_transit"),
  ];
  if (scope.supplierId) transitConditions.push(eq(shipments.supplierId, scope.supplierId));
  const inTransit = await tx
    .select({
      id: shipments.id,
      qty: shipments.qty,
      shipDate: shipments.shipDate,
      expectedArrival: shipments.expectedArrival,
      carrier: shipments.carrier,
    })
    .from(shipments)
    .where(and(...transitConditions))
    .orderBy(shipments.expectedArrival, shipments.id);
  const lineConditions = [
    eq(planLines.tenantId, scope.tenantId),
    eq(planLines.agreementId, agreement.id),
    eq(replenishmentPlans.status, "draft"),
  ];
  if (scope.supplierId) lineConditions.push(eq(planLines.supplierId, scope.supplierId));
  const draftLines = await tx
    .select({
      planId: replenishmentPlans.id,
      planNumber: replenishmentPlans.number,
      qty: planLines.qty,
      shipDate: planLines.shipDate,
      arrivalDate: planLines.arrivalDate,
    })
    .from(planLines)
    .innerJoin(
      replenishmentPlans,
      and(
        eq(replenishmentPlans.tenantId, planLines.tenantId),
        eq(replenishmentPlans.id, planLines.planId),
        eq(replenishmentPlans.version, planLines.version),
      ),
    )
    .where(and(...lineConditions))
    .orderBy(planLines.arrivalDate, planLines.lineNo);
  return { inTransit, draftLines };
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
  /** An ended agreement's terms no longer change. */
  status: string;
}

/**
 * The agreement's terms with its row locked until the transaction ends, or null when the scope
 * cannot write it: row-level security hides rows from a locking read that the scope may not
 * update, so a supplier scope never gets one.
 */
export async function lockAgreementTerms(tx: Tx, scope: TenantScope, agreementId: string): Promise<AgreementTermsState | null> {
  const conditions = [eq(agreements.tenantId, scope.tenantId), eq(agreements.id, agreementId)];
  if (scope.supplierId) conditions.push(eq(agreements.supplierId, scope.supplierId));
  const [row] = await tx
    .select({
      id: agreements.id,
      supplierId: agreements.supplierId,
      version: agreements.version,
      status: agreements.status,
      minQty: agreements.minQty,
      maxQty: agreements.maxQty,
      leadTimeDays: agreements.leadTimeDays,
      leadTimeSdDays: agreements.leadTimeSdDays,
      moq: agreements.moq,
      packSize: agreements.packSize,
      reviewPeriodDays: agreements.reviewPeriodDays,
    })
    .from(agreements)
    .where(and(...conditions))
    .for("update");
  return row ?? null;
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
