import { agreementUrgency, type PlanningContext, type ProposalReason, type Urgency } from "~/core";

/**
 * A line as the plan builder edits it: text fields exactly as typed, and what the proposal said
 * about it. What the builder's loaders give the page, and what a refused form is shown again with.
 */
export interface BuilderLineValues {
  agreementId: string;
  qty: string;
  shipDate: string;
  arrivalDate: string;
  reason: string;
  proposedQty: number | null;
  exceedsMaxCause: "moq" | "pack-size" | null;
  /** Why the proposal's line breaks a rule: its reason, prefilled in the reader's words. */
  reasonPrefill?: { code: ProposalReason["code"]; params: Record<string, string | number> } | null;
}

/** What the builder filters lines by, per agreement: its urgency before the plan. */
export function urgencyByAgreement(context: PlanningContext): Record<string, Urgency> {
  const out: Record<string, Urgency> = {};
  for (const a of context.agreements) if (a.status !== "ended") out[a.agreementId] = agreementUrgency(a, context);
  return out;
}
