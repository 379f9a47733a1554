import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { locations, suppliers } from "@db/schema";
import type { TenantScope } from "@db/scope";

import type { StockStatus } from "~/utils/stock-status";

export type { StockStatus };

export interface InventoryFilters {
  supplierId?: string;
  locationId?: string;
  status?: StockStatus;
  /** Matches SKU or item name, case-insensitively. */
  search?: string;
  page: number;
  pageSize: number;
}

export interface InventoryRow {
  agreementId: string;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  siteName: string;
  supplierCode: string;
  supplierName: string;
  minQty: number;
  maxQty: number;
  onHand: number | null;
  asOf: string | null;
  status: StockStatus;
}

/** Where on hand stands against the band; the words of DOMAIN.md. */
const statusSql = sql`case
  when st.on_hand is null then 'no_data'
  when st.on_hand <= 0 then 'stockout'
  when st.on_hand < a.min_qty then 'below_min'
  when st.on_hand > a.max_qty then 'above_max'
  else 'in_band' end`;

/**
 * One page of agreements with their latest stock. The supplier scope is applied here as well as
 * by row-level security: RLS is the second lock, not the only one.
 */
export async function listInventory(
  tx: Tx,
  scope: TenantScope,
  filters: InventoryFilters,
): Promise<{ rows: InventoryRow[]; total: number }> {
  const conditions: SQL[] = [sql`a.tenant_id = ${scope.tenantId}`];
  if (scope.supplierId) conditions.push(sql`a.supplier_id = ${scope.supplierId}`);
  else if (filters.supplierId) conditions.push(sql`a.supplier_id = ${filters.supplierId}`);
  if (filters.locationId) conditions.push(sql`a.location_id = ${filters.locationId}`);
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(i.sku ilike ${pattern} or i.name ilike ${pattern})`);
  }
  const where = sql.join(conditions, sql` and `);
  const statusFilter = filters.status ? sql`where status = ${filters.status}` : sql``;
  const offset = (filters.page - 1) * filters.pageSize;

  const result = await tx.execute(sql`
    with listed as (${listedAgreements(where)})
    select *, count(*) over () as total from listed ${statusFilter}
    order by sku, site_code
    limit ${filters.pageSize} offset ${offset}`);

  const raw = rowsOf<Record<string, unknown>>(result);
  let total = raw.length ? Number(raw[0].total) : 0;
  if (!raw.length && offset > 0) {
    // Past the last page: count so the page can offer a way back.
    total = await countInventory(tx, where, statusFilter);
  }
  return {
    total,
    rows: raw.map((r) => ({
      agreementId: String(r.agreement_id),
      sku: String(r.sku),
      itemName: String(r.item_name),
      uom: String(r.uom),
      siteCode: String(r.site_code),
      siteName: String(r.site_name),
      supplierCode: String(r.supplier_code),
      supplierName: String(r.supplier_name),
      minQty: Number(r.min_qty),
      maxQty: Number(r.max_qty),
      onHand: r.on_hand === null ? null : Number(r.on_hand),
      asOf: r.as_of === null ? null : String(r.as_of),
      status: r.status as StockStatus,
    })),
  };
}

async function countInventory(tx: Tx, where: SQL, statusFilter: SQL) {
  const result = await tx.execute(
    sql`select count(*) as total from (${listedAgreements(where)}) listed ${statusFilter}`,
  );
  return Number(rowsOf<{ total: unknown }>(result)[0]?.total ?? 0);
}

/** Agreements with their latest stock snapshot (one index probe each) and status. */
function listedAgreements(where: SQL) {
  return sql`
    select a.id as agreement_id, i.sku, i.name as item_name, i.uom,
           l.code as site_code, l.name as site_name, s.code as supplier_code, s.name as supplier_name,
           a.min_qty, a.max_qty, st.on_hand, st.day::text as as_of, ${statusSql} as status
    from agreements a
    join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
    join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
    join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
    left join lateral (
      select ss.on_hand, ss.day from stock_snapshots ss
      where ss.tenant_id = a.tenant_id and ss.item_id = a.item_id and ss.location_id = a.location_id
      order by ss.day desc limit 1
    ) st on true
    where ${where}`;
}

export function listSuppliers(tx: Tx, scope: TenantScope) {
  return tx
    .select({ id: suppliers.id, code: suppliers.code, name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.tenantId, scope.tenantId))
    .orderBy(asc(suppliers.name));
}

export function listLocations(tx: Tx, scope: TenantScope) {
  return tx
    .select({ id: locations.id, code: locations.code, name: locations.name })
    .from(locations)
    .where(eq(locations.tenantId, scope.tenantId))
    .orderBy(asc(locations.code));
}
