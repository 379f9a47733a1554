import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { agreements, items, locations, suppliers } from "@db/schema";
import type { TenantScope } from "@db/scope";
import type { AgreementTermsRow } from "./agreements.server";

/**
 * Agreements begun and ended by the buyer's side: the choices of the new-agreement form, the
 * checks it needs, the insert, and the end of an agreement. Every query filters by tenant; the
 * buyer's side writes agreements under row-level security.
 */

export interface Choice {
  id: string;
  code: string;
  name: string;
}

/** The most items the form suggests; any other SKU of the company is accepted as typed. */
const ITEM_SUGGESTIONS = 2_000;

export async function listAgreementChoices(tx: Tx, scope: TenantScope) {
  const [activeSuppliers, sites, itemList] = [
    await tx
      .select({ id: suppliers.id, code: suppliers.code, name: suppliers.name })
      .from(suppliers)
      .where(and(eq(suppliers.tenantId, scope.tenantId), eq(suppliers.status, "active")))
      .orderBy(asc(suppliers.name)),
    await tx
      .select({ id: locations.id, code: locations.code, name: locations.name })
      .from(locations)
      .where(eq(locations.tenantId, scope.tenantId))
      .orderBy(asc(locations.code)),
    await tx
      .select({ id: items.id, code: items.sku, name: items.name })
      .from(items)
      .where(eq(items.tenantId, scope.tenantId))
      .orderBy(asc(items.sku))
      .limit(ITEM_SUGGESTIONS),
  ];
  return { suppliers: activeSuppliers as Choice[], sites: sites as Choice[], items: itemList as Choice[] };
}

/** The supplier's status, or null when the company has no such supplier. */
export async function supplierStatus(tx: Tx, scope: TenantScope, supplierId: string): Promise<string | null> {
  const [row] = await tx
    .select({ status: suppliers.status })
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, scope.tenantId), eq(suppliers.id, supplierId)));
  return row?.status ?? null;
}

export async function siteExists(tx: Tx, scope: TenantScope, locationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.tenantId, scope.tenantId), eq(locations.id, locationId)));
  return Boolean(row);
}

/** The company's item with this SKU (as stored, or differing in case only). */
export async function findItemBySku(tx: Tx, scope: TenantScope, sku: string): Promise<{ id: string; sku: string } | null> {
  const rows = await tx
    .select({ id: items.id, sku: items.sku })
    .from(items)
    .where(and(eq(items.tenantId, scope.tenantId), sql`lower(${items.sku}) = lower(${sku})`))
    .orderBy(sql`${items.sku} = ${sku} desc`)
    .limit(1);
  return rows[0] ?? null;
}

/** The agreement of an item at a site, whatever its status (there is at most one). */
export async function findAgreementOf(
  tx: Tx,
  scope: TenantScope,
  itemId: string,
  locationId: string,
): Promise<{ id: string; status: string } | null> {
  const [row] = await tx
    .select({ id: agreements.id, status: agreements.status })
    .from(agreements)
    .where(and(eq(agreements.tenantId, scope.tenantId), eq(agreements.itemId, itemId), eq(agreements.locationId, locationId)));
  return row ?? null;
}

export interface NewAgreement extends Omit<AgreementTermsRow, "id" | "supplierId" | "version"> {
  supplierId: string;
  itemId: string;
  locationId: string;
}

export async function insertAgreement(tx: Tx, scope: TenantScope, values: NewAgreement): Promise<string> {
  const [row] = await tx
    .insert(agreements)
    .values({ tenantId: scope.tenantId, ...values })
    .returning({ id: agreements.id });
  return row.id;
}

export interface AgreementState {
  id: string;
  supplierId: string;
  status: string;
  version: number;
}

/** The agreement's status and version, locked until the transaction ends; null when not in scope. */
export async function lockAgreementState(tx: Tx, scope: TenantScope, agreementId: string): Promise<AgreementState | null> {
  const conditions = [eq(agreements.tenantId, scope.tenantId), eq(agreements.id, agreementId)];
  if (scope.supplierId) conditions.push(eq(agreements.supplierId, scope.supplierId));
  const [row] = await tx
    .select({ id: agreements.id, supplierId: agreements.supplierId, status: agreements.status, version: agreements.version })
    .from(agreements)
    .where(and(...conditions))
    .for("update");
  return row ?? null;
}

/** Sets the agreement's status if it is still at `version`, raising it by one; the new version, or null. */
export async function setAgreementStatus(
  tx: Tx,
  scope: TenantScope,
  agreementId: string,
  version: number,
  status: "ended",
): Promise<number | null> {
  const rows = await tx
    .update(agreements)
    .set({ status, version: sql`${agreements.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(agreements.tenantId, scope.tenantId), eq(agreements.id, agreementId), eq(agreements.version, version)))
    .returning({ version: agreements.version });
  return rows[0]?.version ?? null;
}
