import { and, asc, count, eq, gt, ilike, like, or, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { items, locations, suppliers } from "@db/schema";
import { likeContains } from "./people.server";

/**
 * The tenant's master data as its administrators keep it: suppliers, sites and items. Every
 * query filters by tenant; row-level security lets only administrators write.
 */

export interface SupplierRecord {
  id: string;
  code: string;
  name: string;
  contactEmails: string[];
  locale: string | null;
  status: "active" | "inactive";
}

const supplierColumns = {
  id: suppliers.id,
  code: suppliers.code,
  name: suppliers.name,
  contactEmails: suppliers.contactEmails,
  locale: suppliers.locale,
  status: suppliers.status,
};

export function listSupplierRecords(tx: Tx, tenantId: string): Promise<SupplierRecord[]> {
  return tx.select(supplierColumns).from(suppliers).where(eq(suppliers.tenantId, tenantId)).orderBy(asc(suppliers.code));
}

export async function lockSupplier(tx: Tx, tenantId: string, id: string): Promise<SupplierRecord | null> {
  const [row] = await tx
    .select(supplierColumns)
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id)))
    .for("update");
  return row ?? null;
}

export type SupplierValues = Omit<SupplierRecord, "id" | "status">;

export async function insertSupplier(tx: Tx, tenantId: string, values: SupplierValues): Promise<string> {
  const [row] = await tx
    .insert(suppliers)
    .values({ tenantId, ...values })
    .returning({ id: suppliers.id });
  return row.id;
}

export async function updateSupplier(tx: Tx, tenantId: string, id: string, values: Partial<Omit<SupplierRecord, "id">>) {
  await tx
    .update(suppliers)
    .set(values)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id)));
}

/** Whether the supplier takes new plans (an inactive one does not). */
export async function isSupplierActive(tx: Tx, tenantId: string, supplierId: string): Promise<boolean> {
  const [row] = await tx
    .select({ status: suppliers.status })
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, supplierId)));
  return row?.status === "active";
}

export interface SiteRecord {
  id: string;
  code: string;
  name: string;
  gln: string | null;
  address: string | null;
}

const siteColumns = {
  id: locations.id,
  code: locations.code,
  name: locations.name,
  gln: locations.gln,
  address: locations.address,
};

export function listSiteRecords(tx: Tx, tenantId: string): Promise<SiteRecord[]> {
  return tx.select(siteColumns).from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.code));
}

export async function lockSite(tx: Tx, tenantId: string, id: string): Promise<SiteRecord | null> {
  const [row] = await tx
    .select(siteColumns)
    .from(locations)
    .where(and(eq(locations.tenantId, tenantId), eq(locations.id, id)))
    .for("update");
  return row ?? null;
}

export async function insertSite(tx: Tx, tenantId: string, values: Omit<SiteRecord, "id">): Promise<string> {
  const [row] = await tx
    .insert(locations)
    .values({ tenantId, ...values })
    .returning({ id: locations.id });
  return row.id;
}

export async function updateSite(tx: Tx, tenantId: string, id: string, values: Partial<Omit<SiteRecord, "id">>) {
  await tx
    .update(locations)
    .set(values)
    .where(and(eq(locations.tenantId, tenantId), eq(locations.id, id)));
}

export interface ItemRecord {
  id: string;
  sku: string;
  name: string;
  uom: string;
  unitCost: number;
  category: string | null;
  gtin: string | null;
  supplierPartNumber: string | null;
}

const itemColumns = {
  id: items.id,
  sku: items.sku,
  name: items.name,
  uom: items.uom,
  unitCost: items.unitCost,
  category: items.category,
  gtin: items.gtin,
  supplierPartNumber: items.supplierPartNumber,
};

export interface ItemSearch {
  /** SKUs starting with this (case-sensitive, as SKUs are kept), or names containing it (any case). */
  q?: string;
  /** Keyset paging: only SKUs after this one (the last of the previous page). */
  after?: string;
  limit: number;
}

function itemConditions(tenantId: string, q: string | undefined): SQL[] {
  const conditions: SQL[] = [eq(items.tenantId, tenantId)];
  if (q) {
    const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(like(items.sku, prefix), ilike(items.name, likeContains(q)))!);
  }
  return conditions;
}

/**
 * A page of items in SKU order after `after` (keyset paging on the (tenant_id, sku) unique index,
 * which stays as fast on the last page as on the first), one more than `limit` to tell whether
 * another page follows.
 */
export function searchItems(tx: Tx, tenantId: string, search: ItemSearch): Promise<ItemRecord[]> {
  const conditions = itemConditions(tenantId, search.q);
  if (search.after !== undefined) conditions.push(gt(items.sku, search.after));
  return tx
    .select(itemColumns)
    .from(items)
    .where(and(...conditions))
    .orderBy(asc(items.sku))
    .limit(search.limit + 1);
}

/** How many items match (for the list's count). */
export async function countItems(tx: Tx, tenantId: string, q: string | undefined): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(items)
    .where(and(...itemConditions(tenantId, q)));
  return n;
}

export async function getItem(tx: Tx, tenantId: string, id: string): Promise<ItemRecord | null> {
  const [row] = await tx
    .select(itemColumns)
    .from(items)
    .where(and(eq(items.tenantId, tenantId), eq(items.id, id)));
  return row ?? null;
}

export async function lockItem(tx: Tx, tenantId: string, id: string): Promise<ItemRecord | null> {
  const [row] = await tx
    .select(itemColumns)
    .from(items)
    .where(and(eq(items.tenantId, tenantId), eq(items.id, id)))
    .for("update");
  return row ?? null;
}

export async function insertItem(tx: Tx, tenantId: string, values: Omit<ItemRecord, "id">): Promise<string> {
  const [row] = await tx
    .insert(items)
    .values({ tenantId, ...values })
    .returning({ id: items.id });
  return row.id;
}

export async function updateItem(tx: Tx, tenantId: string, id: string, values: Partial<Omit<ItemRecord, "id">>) {
  await tx
    .update(items)
    .set(values)
    .where(and(eq(items.tenantId, tenantId), eq(items.id, id)));
}
