import {
  type Abc,
  type AbcClassification,
  type AgreementBand,
  type ReviewMode,
  classifyAbc,
  classifyXyz,
  demandPattern,
  forecastDemand,
  forecastErrorSd,
  policyFor,
  recommendAgreementBand,
} from "~/core";
import type { AgreementMetricsValues } from "~/models/metrics.server";
import type { TenantSettings } from "~/models/tenant-settings.server";
import { daysBetween } from "~/utils/dates";
import { type BorrowedSeason, borrowedSeasons } from "./season-groups";

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
  /**
   * The item-site's first fact on or before as_of (YYYY-MM-DD), null without any: the weeks
   * before it are unknown, not weeks without demand. Absent: the whole series is history.
   */
  historyStart?: string | null;
  /** The item's category, whose agreements may lend it a season; absent or null: none. */
  category?: string | null;
}

/** An agreement whose series may lend its season to agreements of its item or category. */
export type SeasonPeer = Pick<AgreementInput, "agreementId" | "itemId" | "category" | "historyStart">;

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
  /**
   * Other active agreements whose series (in `weekly`) lend seasons to those of `agreements` with
   * less than two seasons of history; absent when `agreements` are all of the tenant's. The
   * incremental recompute gives every one of their groups' members.
   */
  seasonPeers?: readonly SeasonPeer[];
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

/** The terms of an agreement that its recommended band depends on. */
export type BandTerms = Pick<
  AgreementInput,
  "unitCost" | "leadTimeDays" | "leadTimeSdDays" | "moq" | "packSize" | "reviewPeriodDays"
>;

/**
 * The recommended band of an agreement, with its explanation: the weekly forecast, the policy of
 * its ABC-XYZ cell and the tenant's costs and cover limit of its ABC class. The recompute stores
 * its numbers; the agreement page calls it again with the stored forecast and policy to explain
 * them in words.
 */
export function agreementBand(
  terms: BandTerms,
  forecast: { weekly: number; sdWeekly: number },
  cell: { abc: Abc; serviceLevel: number | null; review: ReviewMode },
  settings: TenantSettings,
): AgreementBand {
  return recommendAgreementBand({
    weeklyDemand: forecast.weekly,
    weeklyDemandSd: forecast.sdWeekly,
    leadTimeDays: terms.leadTimeDays,
    leadTimeSdDays: terms.leadTimeSdDays,
    reviewPeriodDays: terms.reviewPeriodDays,
    serviceLevel: cell.serviceLevel,
    review: cell.review,
    orderCost: settings.orderCost,
    // Without a cost basis (unit cost or holding rate 0) the lot is the MOQ or one pack.
    holdingCostPerUnit: terms.unitCost * settings.holdingRate,
    moq: terms.moq,
    packSize: terms.packSize,
    maxCoverDays: settings.maxCoverDays[cell.abc],
  });
}

/**
 * The weekly σ the band uses: the one that, scaled by √(lead time in weeks) as the band's formulas
 * scale it, gives the chosen model's spread of demand over the agreement's lead time
 * (`forecastErrorSd`). Forecast errors of successive weeks are correlated (a level that moves
 * moves for the whole lead time), so this is at least the one-week σ; without lead time it is
 * the one-week σ. Stored as `forecastSdWeekly`, so that the band computed again from the stored
 * forecast is the stored band.
 */
export function leadTimeWeeklySd(forecast: Parameters<typeof forecastErrorSd>[0], leadTimeDays: number): number {
  const weeks = leadTimeDays / 7;
  return weeks > 0 ? forecastErrorSd(forecast, weeks) / Math.sqrt(weeks) : forecast.sd;
}

/**
 * The metrics of one agreement from its weekly series and its item's ABC class:
 * XYZ on the last 52 weeks; pattern and forecast (season 52) on the whole series; the cell's
 * policy; the recommended band (`agreementBand`) from the forecast's spread over the lead time
 * (`leadTimeWeeklySd`); days of cover at the forecast daily rate.
 */
export function computeAgreementMetrics(
  agreement: AgreementInput,
  series: ArrayLike<number>,
  abc: Pick<AbcClassification, "abc" | "rank">,
  annualValue: number,
  settings: TenantSettings,
  asOf: string,
  borrowed?: BorrowedSeason,
): ComputedMetrics {
  const recent = Array.prototype.slice.call(series, Math.max(0, series.length - XYZ_WEEKS)) as number[];
  const { xyz, cv } = classifyXyz(recent, settings.xyzCutoffs);
  const { pattern, adi, cv2 } = demandPattern(series);
  const forecast = forecastDemand(series, { seasonLength: SEASON_WEEKS, seasonProfile: borrowed?.profile });
  const season = seasonOf(forecast, borrowed);
  const policy = policyFor(abc.abc, xyz, { cells: settings.cells });
  const sdWeekly = leadTimeWeeklySd(forecast, agreement.leadTimeDays);
  const band = agreementBand(
    agreement,
    { weekly: forecast.forecast, sdWeekly },
    { abc: abc.abc, serviceLevel: policy.serviceLevel, review: policy.review },
    settings,
  );

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
    forecastSdWeekly: sdWeekly,
    forecastDaily,
    ...season,
    backtestMae: finiteOrNull(forecast.accuracy?.mae),
    backtestWape: finiteOrNull(forecast.accuracy?.wape),
    backtestBias: finiteOrNull(forecast.accuracy?.bias),
    serviceLevel: policy.serviceLevel,
    safetyStock: band.safetyStock,
    recommendedMin: band.min,
    recommendedMax: band.max,
    eoq: band.eoq,
    daysOfCover: finiteOrNull(daysOfCover),
    onHand: agreement.onHand,
  };
}

/** Where the forecast's season came from, as stored: own, borrowed (with its peers) or none. */
function seasonOf(
  forecast: Pick<ReturnType<typeof forecastDemand>, "seasonSource">,
  borrowed: BorrowedSeason | undefined,
): Pick<ComputedMetrics, "seasonSource" | "seasonPeers"> {
  if (forecast.seasonSource === "own") return { seasonSource: "own", seasonPeers: null };
  if (forecast.seasonSource === "group" && borrowed) return { seasonSource: borrowed.source, seasonPeers: borrowed.peers };
  return { seasonSource: null, seasonPeers: null };
}

/** Every active agreement's metrics for one tenant, in the order of `inputs.agreements`. */
export function computeTenantMetrics(inputs: TenantInputs): ComputedMetrics[] {
  const { settings, asOf } = inputs;
  const classes = classifyItems(inputs.items, settings);
  const values = new Map(inputs.items.map((item) => [item.itemId, item.annualValue]));
  const empty = new Float64Array(settings.historyWeeks);
  const borrowed = borrowedSeasons(
    seasonMembers([...inputs.agreements, ...(inputs.seasonPeers ?? [])], settings.historyWeeks, asOf),
    inputs.weekly,
    settings.historyWeeks,
    SEASON_WEEKS,
  );
  return inputs.agreements.map((agreement) => {
    const abc = classes.get(agreement.itemId);
    if (!abc) throw new Error(`agreement ${agreement.agreementId}: its item ${agreement.itemId} is not among the tenant's items`);
    return computeAgreementMetrics(
      agreement,
      ownHistory(inputs.weekly.get(agreement.agreementId) ?? empty, agreement.historyStart, asOf),
      abc,
      values.get(agreement.itemId) ?? 0,
      settings,
      asOf,
      borrowed.get(agreement.agreementId),
    );
  });
}

/** The agreements as members of season groups, each once, with its weeks of history. */
function seasonMembers(agreements: readonly SeasonPeer[], weeks: number, asOf: string) {
  const byId = new Map(agreements.map((a) => [a.agreementId, a]));
  return [...byId.values()].map((a) => ({
    agreementId: a.agreementId,
    itemId: a.itemId,
    category: a.category ?? null,
    historyWeeks: historyWeeks(a.historyStart, asOf, weeks),
  }));
}

/**
 * How many of the series' `length` weeks are the item-site's own history: those from the week of
 * its first fact on (see ownHistory), all of them without a start.
 */
export function historyWeeks(historyStart: string | null | undefined, asOf: string, length: number): number {
  if (!historyStart || historyStart > asOf) return length;
  return Math.min(length, Math.floor(daysBetween(historyStart, asOf) / 7) + 1);
}

/**
 * The weeks of the series since the item-site's first fact: its weeks are 7-day weeks ending at
 * asOf, so the first fact falls in week ⌊(asOf − start) ÷ 7⌋ counted back from the last. Leading
 * weeks before any data would read as weeks without demand: a shorter, honest history instead
 * (classification, pattern and forecast then see only what is known). Without a start, the series
 * stays whole.
 */
export function ownHistory(series: ArrayLike<number>, historyStart: string | null | undefined, asOf: string): ArrayLike<number> {
  const weeks = historyWeeks(historyStart, asOf, series.length);
  if (weeks >= series.length) return series;
  return Array.prototype.slice.call(series, series.length - weeks) as number[];
}
