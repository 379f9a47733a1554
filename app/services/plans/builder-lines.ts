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
}
