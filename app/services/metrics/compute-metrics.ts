import {
  type AbcClassification,
  type ServiceTarget,
  classifyAbc,
  classifyXyz,
  demandPattern,
  forecastDemand,
  policyFor,
  recommendBand,
} from "~/core";
import type { AgreementMetricsValues } from "~/models/metrics.server";
import type { TenantSettings } from "~/models/tenant-settings.server";

/**
 * The recompute's use of the inventory core, without I/O: given one tenant's facts (already
 * aggregated by app/models/metrics.server.ts), the values of `agreement_metrics` for each active
 * agreement. Every formula is the core's; this module only decides what goes into which function
 * (docs/decisions/007-metrics-recompute.md).
 */

/** Weeks of history that XYZ looks at (docs/domain.md: the last 52 weeks). */
export const XYZ_WEEKS = 52;
/** Season length of the weekly forecasts: a yearly cycle. */
export const SEASON_WEEKS = 52;
export const WEEKS_PER_YEAR = 52;

export interface AgreementInput {
  agreementId: string;
  supplierId: string;
  itemId: string;
  unitCost: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
  onHand: number | null;
}

export interface ItemValue {
  itemId: string;
  sku: string;
  annualValue: number;
}

export interface TenantInputs {
  /** The last day of consumption used. */
  asOf: string;
  settings: TenantSettings;
  /** Every item of the tenant (ABC ranks them all). */
  items: readonly ItemValue[];
  agreements: readonly AgreementInput[];
  /** Weekly demand per agreement, oldest first, `settings.historyWeeks` long; absent = no demand. */
  weekly: ReadonlyMap<string, ArrayLike<number>>;
}

/** The values of one `agreement_metrics` row (computed_at is set when it is stored). */
export type ComputedMetrics = AgreementMetricsValues;

/** Infinity and NaN are stored as null (JSON and most consumers have no Infinity). */
const finiteOrNull = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

/**
 * ABC across the tenant by item: the SKU is the id given to classifyAbc, so ties in value break
 * by SKU. Returns the classification by item id.
 */
export function classifyItems(items: readonly ItemValue[], settings: TenantSettings): Map<string, AbcClassification> {
  const skuToItem = new Map(items.map((item) => [item.sku, item.itemId]));
  const classes = classifyAbc(
    items.map((item) => ({ id: item.sku, annualValue: item.annualValue })),
    settings.abcCutoffs,
  );
  return new Map(classes.map((c) => [skuToItem.get(c.id)!, c]));
}

/**
 * The metrics of one agreement from its weekly series and its item's ABC class:
 * XYZ on the last 52 weeks; pattern and forecast (season 52) on the whole series; the cell's
 * policy; the recommended band in weeks (lead time and review period ÷ 7, 52 periods a year,
 * holding cost = unit cost × holding rate); days of cover at the forecast daily rate.
 */
export function computeAgreementMetrics(
  agreement: AgreementInput,
  series: ArrayLike<number>,
  abc: Pick<AbcClassification, "abc" | "rank">,
  annualValue: number,
  settings: TenantSettings,
  asOf: string,
): ComputedMetrics {
  const recent = Array.prototype.slice.call(series, Math.max(0, series.length - XYZ_WEEKS)) as number[];
  const { xyz, cv } = classifyXyz(recent, settings.xyzCutoffs);
  const { pattern, adi, cv2 } = demandPattern(series);
  const forecast = forecastDemand(series, { seasonLength: SEASON_WEEKS });
  const policy = policyFor(abc.abc, xyz, { cells: settings.cells });
  const target: ServiceTarget =
    policy.serviceLevel === null ? { kind: "none" } : { kind: "cycle", serviceLevel: policy.serviceLevel };

  // Without a cost basis (unit cost or holding rate 0) the EOQ is undefined: the lot is then the
  // MOQ or one pack (recommendBand's floor), as with a free order.
  const holdingCostPerUnit = agreement.unitCost * settings.holdingRate;
  const costed = holdingCostPerUnit > 0;
  const band = recommendBand({
    demandMean: forecast.forecast,
    demandSd: forecast.sd,
    leadTime: agreement.leadTimeDays / 7,
    leadTimeSd: agreement.leadTimeSdDays / 7,
    target,
    review: policy.review,
    reviewPeriod: agreement.reviewPeriodDays / 7,
    periodsPerYear: WEEKS_PER_YEAR,
    orderCost: costed ? settings.orderCost : 0,
    holdingCostPerUnit: costed ? holdingCostPerUnit : 1,
    moq: agreement.moq,
    packSize: agreement.packSize,
  });

  const forecastDaily = forecast.forecast / 7;
  const daysOfCover = agreement.onHand === null || forecastDaily === 0 ? null : agreement.onHand / forecastDaily;
  return {
    agreementId: agreement.agreementId,
    supplierId: agreement.supplierId,
    asOf,
    annualValue,
    abc: abc.abc,
    abcRank: abc.rank,
    xyz,
    cv: finiteOrNull(cv),
    pattern,
    adi: finiteOrNull(adi),
    cv2: pattern === "none" ? null : finiteOrNull(cv2),
    forecastMethod: forecast.method,
    forecastWeekly: forecast.forecast,
    forecastSdWeekly: forecast.sd,
    forecastDaily,
    backtestMae: finiteOrNull(forecast.accuracy?.mae),
    backtestWape: finiteOrNull(forecast.accuracy?.wape),
    backtestBias: finiteOrNull(forecast.accuracy?.bias),
    serviceLevel: policy.serviceLevel,
    safetyStock: band.safetyStock,
    recommendedMin: band.min,
    recommendedMax: band.max,
    eoq: costed ? band.eoq : 0,
    daysOfCover: finiteOrNull(daysOfCover),
    onHand: agreement.onHand,
  };
}

/** Every active agreement's metrics for one tenant, in the order of `inputs.agreements`. */
export function computeTenantMetrics(inputs: TenantInputs): ComputedMetrics[] {
  const { settings, asOf } = inputs;
  const classes = classifyItems(inputs.items, settings);
  const values = new Map(inputs.items.map((item) => [item.itemId, item.annualValue]));
  const empty = new Float64Array(settings.historyWeeks);
  return inputs.agreements.map((agreement) => {
    const abc = classes.get(agreement.itemId);
    if (!abc) throw new Error(`agreement ${agreement.agreementId}: its item ${agreement.itemId} is not among the tenant's items`);
    return computeAgreementMetrics(
      agreement,
      inputs.weekly.get(agreement.agreementId) ?? empty,
      abc,
      values.get(agreement.itemId) ?? 0,
      settings,
      asOf,
    );
  });
}
