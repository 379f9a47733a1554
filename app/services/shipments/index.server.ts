/** Shipments and receipts: the supplier's ASN against approved lines, the buyer's receipt. */
export {
  recordShipment,
  remainingToShip,
  shippableTotal,
  SHIPPABLE_LINE_STATUSES,
  type AsnInput,
  type AsnLineInput,
  type AsnResult,
} from "./record-shipment.server";
export { recordReceipt, type ReceiptInput, type ReceiptResult } from "./record-receipt.server";
export { SHIPMENT_AUDIT } from "./common.server";
export { ASN_MAX_LINES, CARRIER_MAX, TRACKING_MAX } from "./fields.server";
export type { ShipmentErrorCode, ShipmentFormField, ShipmentLineField } from "./errors.server";
