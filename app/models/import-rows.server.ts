/**
 * The shapes of an import's checked rows (app/services/imports/rows.ts checks them; the model
 * stages and writes them), declared where the SQL that reads them lives.
 */

export interface RowProblem {
  row: number;
  /** Canonical column; the caller names it as the file does. Null for the row as a whole. */
  column: string | null;
  value: string | null;
  message: string;
  params?: Record<string, string | number>;
}

export interface AgreementRef {
  id: string;
  supplierId: string;
  status: string;
}

/** The company's records the rows' keys are resolved against. */
export interface Lookups {
  itemsBySku: Map<string, string>;
  sitesByCode: Map<string, string>;
  suppliersByCode: Map<string, string>;
  /** By `${itemId}|${locationId}`. */
  agreementsByItemSite: Map<string, AgreementRef>;
}

export interface ItemRow {
  sku: string;
  name: string;
  uom: string | null;
  unitCost: number | null;
  category: string | null;
  gtin: string | null;
  supplierPartNumber: string | null;
}
export interface SupplierRow {
  code: string;
  name: string;
  contactEmails: string[] | null;
}
export interface SiteRow {
  code: string;
  name: string;
  gln: string | null;
}
export interface AgreementRow {
  supplierId: string;
  itemId: string;
  locationId: string;
  /** The terms the file gives; the others stay as they are (or take the defaults). */
  terms: {
    minQty: number;
    maxQty: number;
    leadTimeDays?: number;
    leadTimeSdDays?: number;
    moq?: number;
    packSize?: number;
    reviewPeriodDays?: number;
  };
}
export interface FactRow {
  itemId: string;
  locationId: string;
  day: string;
  /** On hand for stock, the quantity for consumption. */
  qty: number;
  /** The supplier of the item-site's agreement, or null. */
  supplierId: string | null;
}

/**
 * A receipt: with a reference (an ASN number) it receives that notice's shipment of the item at
 * the site; without one it is goods received that no notice announced, a daily fact.
 */
export interface ReceiptRow extends FactRow {
  reference: string | null;
}

export interface RowsByKind {
  items: ItemRow;
  suppliers: SupplierRow;
  sites: SiteRow;
  agreements: AgreementRow;
  stock: FactRow;
  consumption: FactRow;
  receipts: ReceiptRow;
}
/** The kinds this pipeline writes. */
export type TableKind = keyof RowsByKind;
