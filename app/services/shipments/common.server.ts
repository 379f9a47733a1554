/** Audit actions of the shipment services. */
export const SHIPMENT_AUDIT = {
  record: "shipment.record",
  receive: "shipment.receive",
} as const;
