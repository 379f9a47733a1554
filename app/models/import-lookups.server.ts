import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { AgreementRef, Lookups } from "./import-rows.server";

/** The company's items, sites, suppliers and agreements, by the keys an import's rows name them. */
export async function loadLookups(tx: Tx, tenantId: string): Promise<Lookups> {
  const t = sql`${tenantId}::uuid`;
  const [itemRows, siteRows, supplierRows, agreementRows] = await Promise.all([
    tx.execute(sql`select sku as key, id from items where tenant_id = ${t}`),
    tx.execute(sql`select code as key, id from locations where tenant_id = ${t}`),
    tx.execute(sql`select code as key, id from suppliers where tenant_id = ${t}`),
    tx.execute(sql`select item_id, location_id, id, supplier_id, status from agreements where tenant_id = ${t}`),
  ]);
  const byKey = (result: unknown) => new Map(rowsOf<{ key: string; id: string }>(result).map((r) => [r.key, r.id]));
  const agreementsByItemSite = new Map<string, AgreementRef>();
  for (const r of rowsOf<{ item_id: string; location_id: string; id: string; supplier_id: string; status: string }>(
    agreementRows,
  )) {
    agreementsByItemSite.set(`${r.item_id}|${r.location_id}`, { id: r.id, supplierId: r.supplier_id, status: r.status });
  }
  return {
    itemsBySku: byKey(itemRows),
    sitesByCode: byKey(siteRows),
    suppliersByCode: byKey(supplierRows),
    agreementsByItemSite,
  };
}

/**
 * What an EDI interchange names items and sites by, each to the SKU or site code it stands for:
 * items by GTIN (as 14 digits, so that a UPC-A, an EAN-13 and a GTIN-14 of one product meet) and
 * by supplier part number, sites by GLN. The first record wins where two share an id.
 */
export interface EdiLookups {
  skus: Set<string>;
  skusByGtin: Map<string, string>;
  skusBySupplierPart: Map<string, string>;
  siteCodes: Set<string>;
  siteCodesByGln: Map<string, string>;
}

export const gtinKey = (gtin: string) => gtin.trim().padStart(14, "0");

export async function loadEdiLookups(tx: Tx, tenantId: string): Promise<EdiLookups> {
  const t = sql`${tenantId}::uuid`;
  const [itemRows, siteRows] = await Promise.all([
    tx.execute(sql`select sku, gtin, supplier_part_number from items where tenant_id = ${t} order by sku`),
    tx.execute(sql`select code, gln from locations where tenant_id = ${t} order by code`),
  ]);
  const lookups: EdiLookups = {
    skus: new Set(),
    skusByGtin: new Map(),
    skusBySupplierPart: new Map(),
    siteCodes: new Set(),
    siteCodesByGln: new Map(),
  };
  const first = (map: Map<string, string>, key: string | null, value: string) => {
    if (key && !map.has(key)) map.set(key, value);
  };
  for (const r of rowsOf<{ sku: string; gtin: string | null; supplier_part_number: string | null }>(itemRows)) {
    lookups.skus.add(r.sku);
    first(lookups.skusByGtin, r.gtin ? gtinKey(r.gtin) : null, r.sku);
    first(lookups.skusBySupplierPart, r.supplier_part_number, r.sku);
  }
  for (const r of rowsOf<{ code: string; gln: string | null }>(siteRows)) {
    lookups.siteCodes.add(r.code);
    first(lookups.siteCodesByGln, r.gln, r.code);
  }
  return lookups;
}
