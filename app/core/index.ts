/**
 * The inventory core: pure maths shared by every screen. No I/O, clock or randomness; dates and
 * seeds come in as arguments. Conventions: docs/domain.md.
 */
export type { Abc, AbcXyzCell, DemandPattern, ForecastMethod, Receipt, ReviewMode, Xyz } from "./types";
export * from "./errors";

export { classifyAbc, DEFAULT_ABC_CUTOFFS } from "./classify-abc";
export type { AbcClassification, AbcCutoffs, AbcItem } from "./classify-abc";
export { classifyXyz, DEFAULT_XYZ_CUTOFFS } from "./classify-xyz";
export type { XyzCutoffs } from "./classify-xyz";
export { demandPattern, ADI_CUTOFF, CV2_CUTOFF } from "./demand-pattern";

export { inverseNormalCdf } from "./inverse-normal-cdf";
export { normalCdf } from "./normal-cdf";
export { normalPdf } from "./normal-pdf";
export { normalLoss } from "./normal-loss";

export { safetyStock } from "./safety-stock";
export type { SafetyStockParams } from "./safety-stock";
export { safetyStockForFillRate } from "./safety-stock-for-fill-rate";
export type { FillRateSafetyStockParams } from "./safety-stock-for-fill-rate";
export { reorderPoint } from "./reorder-point";
export type { ReorderPointParams } from "./reorder-point";
export { economicOrderQuantity } from "./economic-order-quantity";
export type { EconomicOrderQuantityParams } from "./economic-order-quantity";
export { orderUpToLevel } from "./order-up-to-level";
export type { OrderUpToLevelParams } from "./order-up-to-level";

export { ses, DEFAULT_SES_ALPHA } from "./ses";
export { croston, DEFAULT_CROSTON_ALPHA, DEFAULT_TSB_BETA } from "./croston";
export type { CrostonOptions } from "./croston";
export { holt, DEFAULT_HOLT_ALPHA, DEFAULT_HOLT_BETA } from "./holt";
export type { HoltOptions } from "./holt";
export { holtWinters, DEFAULT_HW_ALPHA, DEFAULT_HW_BETA, DEFAULT_HW_GAMMA } from "./holt-winters";
export type { HoltWintersOptions } from "./holt-winters";
export { forecastDemand } from "./forecast-demand";
export type { BacktestAccuracy, DemandForecast, ErrorGrowth, ForecastDemandOptions, ForecastParameters } from "./forecast-demand";
export { seasonalProfile, SEASONAL_RELIABILITY } from "./seasonal-profile";
export { forecastErrorSd } from "./forecast-error-sd";

export { inventoryTurnover } from "./inventory-turnover";
export { daysInventoryOutstanding } from "./days-inventory-outstanding";
export { annualisedTurnover } from "./annualised-turnover";
export { holdingCost } from "./holding-cost";
export { fillRate } from "./fill-rate";
export { onTimeDelivery } from "./on-time-delivery";
export type { ReceivedLine } from "./on-time-delivery";
export { deadStock } from "./dead-stock";
export type { DeadStock, StockItem } from "./dead-stock";
export { bandCompliance } from "./band-compliance";
export type { BandCompliance, StockSnapshot } from "./band-compliance";

export { policyFor, DEFAULT_CELL_POLICIES } from "./policy-for";
export type { ApprovalRoute, CellPolicy, PolicySettings, Strategy } from "./policy-for";
export { approvalRoute } from "./plan-approval-route";
export type { ApprovalRouteResult, ApprovalRoutingPolicy, ApprovalStep, RouteReason, RoutedLine } from "./plan-approval-route";
export { hasAtMostDecimals } from "./decimals";
export { lineHoldingImpact, LINE_HOLDING_DAYS_CAP } from "./line-holding-impact";
export type { LineHoldingImpact } from "./line-holding-impact";
export {
  allowedPlanActions,
  checkLineDecision,
  currentStep,
  DECISION_REASON_MAX,
  lineDecisionCodes,
  planActionAllowed,
  roleMay,
  statusAwaiting,
  planWorkflowActions,
  planWorkflowRoles,
  planWorkflowStatuses,
  resolveLineDecision,
  stepOutcome,
} from "./plan-workflow";
export type {
  DecidedLine,
  LineDecision,
  LineDecisionCode,
  LineDecisionProblem,
  PlanDecisionCode,
  PlanWorkflowAction,
  PlanWorkflowRole,
  PlanWorkflowStatus,
} from "./plan-workflow";
export { roundUpToMultiple } from "./round-up-to-multiple";
export { recommendBand } from "./recommend-band";
export type { RecommendBandParams, RecommendedBand, ServiceTarget } from "./recommend-band";
export { recommendAgreementBand } from "./agreement-band";
export type { AgreementBand, AgreementBandParams, BandExplanation } from "./agreement-band";
export { projectInventory } from "./project-inventory";
export type { InventoryProjection, ProjectInventoryParams } from "./project-inventory";
export { proposeReplenishment } from "./propose-replenishment";
export type { ProposedShipment, ProposeReplenishmentParams, ReplenishmentProposal } from "./propose-replenishment";
export type { DailyDemand } from "./internal/daily-demand";

export { dayNumber } from "./day-number";
export { isoDate } from "./iso-date";
export { isoWeekStart } from "./iso-week";
export { percentile } from "./percentile";
export {
  MAX_PERIOD_WEEKS,
  PERIOD_PRESETS,
  resolveCompliancePeriods,
  type CompliancePeriod,
  type PeriodPreset,
  type PeriodRequest,
  type ResolvedPeriods,
} from "./compliance-period";
export {
  EMPTY_DELIVERY_TOTALS,
  EMPTY_STOCK_TOTALS,
  NO_DECISIONS,
  addStockTotals,
  complianceKpis,
  type ComplianceKpiInput,
  type DecisionStats,
  type ComplianceKpis,
  type DeliveryTotals,
  type StockTotals,
} from "./compliance-kpis";

export type { PlanLineFacts, PlanningAgreement, PlanningContext, PlanningReceipt } from "./planning-context";
export { PLAN_PROJECTION_MAX_DAYS } from "./internal/plan-projection";
export { agreementIndex } from "./agreement-index";
export { startingOnHand } from "./starting-on-hand";
export { isWholeMultiple } from "./is-whole-multiple";
export { smallestOrderable } from "./smallest-orderable";
export { isCalendarDate } from "./is-calendar-date";
export { reasonsRequired, type ReasonRequired } from "./reasons-required";
export {
  agreementUrgency,
  DEFAULT_REVIEW_PERIOD_DAYS,
  proposalHorizons,
  proposalReasons,
  proposalWindowDays,
  type ProposalHorizon,
  type ProposalReason,
  type ProposedLineFacts,
} from "./plan-proposal";
export { projectPlanLines, type LineEffect, type PlanProjection } from "./project-plan-lines";
export { planLineImpacts, type PlanLineImpact } from "./plan-line-impacts";
export { urgencies, urgencyOf, type Urgency, type UrgencyInputs } from "./urgency";
