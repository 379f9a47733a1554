import { and, asc, eq, gt, ne, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { agreementMetrics, agreements, items, locations, suppliers } from "@db/schema";

/** An agreement's terms and stored planning figures as the API lists them, by natural keys. */
export interface ApiAgreementTerms {
  id: string;
  supplierId: string;
  locationId: string;
  supplier: string;
  sku: string;
  site: string;
  min: number;
  max: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
  safetyStock: number | null;
  recommendedMin: number | null;
  recommendedMax: number | null;
}

export interface ApiAgreementFilters {
  /** Exact SKU, supplier code and site code. */
  sku?: string;
  supplier?: string;
  site?: string;
  /** Only agreements whose id sorts after this one (the keyset of the API's cursor). */
  afterId?: string;
  id?: string;
  limit: number;
}

/**
 * A page of the company's agreements that have not ended, in the order of their ids, so that a
 * page can start after the last id of the one before (keyset) and stays stable while rows are
 * added. The tenant is named here as well as enforced by row-level security.
 */
export function listApiAgreementTerms(tx: Tx, tenantId: string, filters: ApiAgreementFilters): Promise<ApiAgreementTerms[]> {
  const conditions: SQL[] = [eq(agreements.tenantId, tenantId), ne(agreements.status, "ended")];
  if (filters.sku !== undefined) conditions.push(eq(items.sku, filters.sku));
  if (filters.supplier !== undefined) conditions.push(eq(suppliers.code, filters.supplier));
  if (filters.site !== undefined) conditions.push(eq(locations.code, filters.site));
  if (filters.afterId !== undefined) conditions.push(gt(agreements.id, filters.afterId));
  if (filters.id !== undefined) conditions.push(eq(agreements.id, filters.id));
  return tx
    .select({
      id: agreements.id,
      supplierId: agreements.supplierId,
      locationId: agreements.locationId,
      supplier: suppliers.code,
      sku: items.sku,
      site: locations.code,
      min: agreements.minQty,
      max: agreements.maxQty,
      leadTimeDays: agreements.leadTimeDays,
      leadTimeSdDays: agreements.leadTimeSdDays,
      moq: agreements.moq,
      packSize: agreements.packSize,
      reviewPeriodDays: agreements.reviewPeriodDays,
      safetyStock: agreementMetrics.safetyStock,
      recommendedMin: agreementMetrics.recommendedMin,
      recommendedMax: agreementMetrics.recommendedMax,
    })
    .from(agreements)
    .innerJoin(items, and(eq(items.tenantId, agreements.tenantId), eq(items.id, agreements.itemId)))
    .innerJoin(locations, and(eq(locations.tenantId, agreements.tenantId), eq(locations.id, agreements.locationId)))
    .innerJoin(suppliers, and(eq(suppliers.tenantId, agreements.tenantId), eq(suppliers.id, agreements.supplierId)))
    .leftJoin(
      agreementMetrics,
      and(eq(agreementMetrics.tenantId, agreements.tenantId), eq(agreementMetrics.agreementId, agreements.id)),
    )
    .where(and(...conditions))
    .orderBy(asc(agreements.id))
    .limit(filters.limit);
}
