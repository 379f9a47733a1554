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
