import { annualisedTurnover } from "./annualised-turnover";
import { daysInventoryOutstanding } from "./days-inventory-outstanding";
import { fillRate } from "./fill-rate";
import { holdingCost } from "./holding-cost";
import { inventoryTurnover } from "./inventory-turnover";
import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * The compliance KPIs of one period (docs/domain.md, "KPIs") from sums over agreement-days and
 * receipts and the decision times' percentiles, so that tenant-wide, per-supplier, per-cell and weekly figures all come from
 * the same function. A KPI with nothing to measure (no snapshot, no receipt, no stock) is null.
 */
export interface StockTotals {
  /** Agreement-days with a stock snapshot, and how many were in band, below min, ≤ 0, above max. */
  snapshotDays: number;
  inBandDays: number;
  belowMinDays: number;
  stockoutDays: number;
  aboveMaxDays: number;
  /** Σ over agreement-days of max(on hand, 0) × unit cost. */
  stockValueDays: number;
  /** Consumed quantity × unit cost (COGS). */
  consumptionValue: number;
  /** Stock value at the period's last close, and the part of it that is dead stock. */
  closeValue: number;
  deadCloseValue: number;
}

export interface DeliveryTotals {
  /** Plan lines received in the period, and how many on time. */
  receivedLines: number;
  onTimeLines: number;
  /** Their received and approved quantities. */
  receivedQty: number;
  approvedQty: number;
}

/**
 * Time from submission to final decision over a set of plans: how many, and the median and 90th
 * percentile in hours, by `percentile`'s definition (type 7; the database's percentile_cont).
 */
export interface DecisionStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export const NO_DECISIONS: DecisionStats = { count: 0, medianHours: null, p90Hours: null };

export interface ComplianceKpis {
  bandCompliance: number | null;
  belowMinShare: number | null;
  stockoutRate: number | null;
  aboveMaxShare: number | null;
  onTimeDelivery: number | null;
  fillRate: number | null;
  averageInventoryValue: number;
  /** COGS ÷ average inventory value, × 365 ÷ days. */
  annualisedTurnover: number | null;
  /** Days in the period ÷ turnover; null without consumption (the stock never turns). */
  dio: number | null;
  deadStockRatio: number | null;
  /** Average inventory value × holding rate × days ÷ 365. */
  holdingCost: number;
  /** Time from submission to final decision, in hours. */
  decisionMedianHours: number | null;
  decisionP90Hours: number | null;
}

export interface ComplianceKpiInput {
  stock: StockTotals;
  delivery: DeliveryTotals;
  decisions: DecisionStats;
  /** Days in the period that have facts. */
  days: number;
  /** Holding cost per year as a share of value. */
  holdingRate: number;
}

export function complianceKpis(input: ComplianceKpiInput): ComplianceKpis {
  const { stock, delivery, decisions, days, holdingRate } = input;
  checkPositive("days", days);
  checkNonNegative("holdingRate", holdingRate);
  for (const [name, value] of Object.entries(stock)) checkNonNegative(`stock.${name}`, value);
  for (const [name, value] of Object.entries(delivery)) checkNonNegative(`delivery.${name}`, value);

  const share = (count: number) => (stock.snapshotDays > 0 ? count / stock.snapshotDays : null);
  // The average of the daily total stock value over the period's days.
  const averageInventoryValue = stock.stockValueDays / days;
  const turnover =
    averageInventoryValue > 0
      ? inventoryTurnover({ cogs: stock.consumptionValue, averageInventory: averageInventoryValue })
      : null;
  return {
    bandCompliance: share(stock.inBandDays),
    belowMinShare: share(stock.belowMinDays),
    stockoutRate: share(stock.stockoutDays),
    aboveMaxShare: share(stock.aboveMaxDays),
    onTimeDelivery: delivery.receivedLines > 0 ? delivery.onTimeLines / delivery.receivedLines : null,
    fillRate: delivery.approvedQty > 0 ? fillRate({ received: delivery.receivedQty, approved: delivery.approvedQty }) : null,
    averageInventoryValue,
    annualisedTurnover: turnover === null ? null : annualisedTurnover({ turnover, days }),
    dio: turnover === null || turnover === 0 ? null : daysInventoryOutstanding({ turnover, days }),
    deadStockRatio: stock.closeValue > 0 ? stock.deadCloseValue / stock.closeValue : null,
    holdingCost: holdingCost({ averageInventoryValue, holdingRate, days }),
    decisionMedianHours: decisions.count > 0 ? decisions.medianHours : null,
    decisionP90Hours: decisions.count > 0 ? decisions.p90Hours : null,
  };
}

/** Adds stock totals (several weeks, suppliers or cells); the close is the caller's to pick. */
export function addStockTotals(a: StockTotals, b: StockTotals): StockTotals {
  return {
    snapshotDays: a.snapshotDays + b.snapshotDays,
    inBandDays: a.inBandDays + b.inBandDays,
    belowMinDays: a.belowMinDays + b.belowMinDays,
    stockoutDays: a.stockoutDays + b.stockoutDays,
    aboveMaxDays: a.aboveMaxDays + b.aboveMaxDays,
    stockValueDays: a.stockValueDays + b.stockValueDays,
    consumptionValue: a.consumptionValue + b.consumptionValue,
    closeValue: a.closeValue + b.closeValue,
    deadCloseValue: a.deadCloseValue + b.deadCloseValue,
  };
}

export const EMPTY_STOCK_TOTALS: StockTotals = {
  snapshotDays: 0,
  inBandDays: 0,
  belowMinDays: 0,
  stockoutDays: 0,
  aboveMaxDays: 0,
  stockValueDays: 0,
  consumptionValue: 0,
  closeValue: 0,
  deadCloseValue: 0,
};

export const EMPTY_DELIVERY_TOTALS: DeliveryTotals = { receivedLines: 0, onTimeLines: 0, receivedQty: 0, approvedQty: 0 };
