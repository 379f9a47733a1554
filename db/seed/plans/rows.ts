import type { ApprovalRouteResult, ApprovalStep, LineDecisionCode, PlanDecisionCode } from "../../../app/core";
import type { PlanLineStatus, PlanStatus } from "../../schema";
import type { DemoBandProposal } from "../band-proposals";

/**
 * The rows of the plan history, in the shapes the plan services store them: one interface per
 * table, the JSON of a route and of a step's decisions, and the history that bundles them.
 */

export interface DemoPlan {
  tenantId: string;
  id: string;
  supplierId: string;
  number: string | null;
  status: PlanStatus;
  version: number;
  lockVersion: number;
  requestId: string;
  note: string | null;
  createdBy: string | null;
  /** The route given at the last submission; null for drafts. */
  route: PlanRoute | null;
  /** EDI 855 header code, once finally decided. */
  decisionCode: PlanDecisionCode | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PlanRoute = ApprovalRouteResult;

/** One line of a step decision, as the timeline's `details` carry it (LineDecision's shape). */
export interface StepLineDetail {
  lineNo: number;
  code: LineDecisionCode;
  /** Accepted quantity; 0 for a rejected line. */
  qty: number;
  arrivalDate: string;
  reason: string | null;
}

export interface StepDetails {
  step: ApprovalStep;
  lines: StepLineDetail[];
}

export interface DemoPlanLine {
  tenantId: string;
  id: string;
  planId: string;
  supplierId: string;
  version: number;
  lineNo: number;
  agreementId: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  proposedQty: number | null;
  reason: string | null;
  status: PlanLineStatus;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  decisionCode: string | null;
  decisionReason: string | null;
  shippedQty: number;
  receivedQty: number;
  receivedOn: string | null;
  onTime: boolean | null;
  fillRate: number | null;
  createdAt: Date;
}

export interface DemoPlanEvent {
  tenantId: string;
  id: string;
  planId: string;
  supplierId: string;
  version: number;
  action: string;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus;
  actorUserId: string | null;
  actorRole: string;
  comment: string | null;
  details: StepDetails | null;
  occurredAt: Date;
}

export interface DemoAuditEvent {
  id: string;
  tenantId: string;
  supplierId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  occurredAt: Date;
}

export interface DemoPlanCounter {
  tenantId: string;
  year: number;
  lastNumber: number;
}

export interface DemoShipment {
  tenantId: string;
  id: string;
  supplierId: string;
  agreementId: string;
  planLineId: string;
  asnNumber: string;
  qty: number;
  shipDate: string;
  expectedArrival: string;
  carrier: string;
  tracking: string;
  status: "in_transit" | "received";
  receivedQty: number | null;
  receivedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoPlanHistory {
  plans: DemoPlan[];
  planLines: DemoPlanLine[];
  planEvents: DemoPlanEvent[];
  auditEvents: DemoAuditEvent[];
  planCounters: DemoPlanCounter[];
  shipments: DemoShipment[];
  /** The last ASN number per tenant and year (next_asn_number() continues after them). */
  asnCounters: DemoPlanCounter[];
  /** Suppliers' band change proposals (band-proposals.ts). */
  bandProposals?: DemoBandProposal[];
}
