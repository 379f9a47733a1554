/**
 * What the plan checks and projections know about a supplier's agreements on one day: the terms
 * and band, the stock and forecast, and the receipts already expected. The models load it; the
 * core's plan functions read it and nothing else.
 */

/** A receipt already expected for an agreement (not part of the plan being edited). */
export interface PlanningReceipt {
  date: string;
  qty: number;
  source: "shipment" | "plan_line";
}

/** What the checks and projections need about one agreement. */
export interface PlanningAgreement {
  agreementId: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  itemName: string;
  uom: string;
  unitCost: number;
  siteCode: string;
  siteName: string;
  status: "active" | "suspended" | "ended";
  min: number;
  max: number;
  leadTimeDays: number;
  moq: number;
  packSize: number;
  /** Days between the supplier's planning rounds; unknown is taken as 7. */
  reviewPeriodDays?: number;
  /**
   * The stock position and the day it is known to; null when there is no snapshot. The position
   * is the latest snapshot up to today plus what was received and less what was consumed after
   * it; its day is the snapshot's, or the last day of consumption recorded since.
   */
  onHand: number | null;
  onHandDay: string | null;
  /** Forecast demand per day, ≥ 0: from agreement_metrics, else the last 28 days' mean. */
  forecastDaily: number;
  forecastSource: "metrics" | "history";
  /** In-transit shipments and accepted, not yet shipped lines of other plans. */
  inbound: PlanningReceipt[];
  /** What agreement_metrics says, when the recompute has run for this agreement. */
  metrics: {
    abc: string;
    xyz: string;
    pattern: string;
    forecastMethod: string;
    recommendedMin: number;
    recommendedMax: number;
    asOf: string;
  } | null;
}

export interface PlanningContext {
  /** The tenant's today (YYYY-MM-DD): day 0 of every projection. */
  today: string;
  horizonDays: number;
  agreements: PlanningAgreement[];
}

/**
 * A plan line as far as it could be read: each field null when it is missing or malformed. The
 * projections take the lines whose agreement is in the context, with qty > 0 and an arrival date.
 */
export interface PlanLineFacts {
  /** 1-based line number. */
  line: number;
  agreementId: string | null;
  qty: number | null;
  arrivalDate: string | null;
  /** The line's reason is not blank. */
  hasReason: boolean;
}
