/** Audit actions of the shipment services. */
export const SHIPMENT_AUDIT = {
  record: "shipment.record",
  receive: "shipment.receive",
  correct: "shipment.correct",
  cancel: "shipment.cancel",
  /** The system told both sides that a notice is overdue; it also marks the notice as told. */
  overdue: "shipment.overdue",
} as const;
