import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import {
  insertSupplier,
  listSupplierRecords,
  lockSupplier,
  type SupplierRecord,
  updateSupplier,
} from "~/models/catalog-admin.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { changesOf, requireAdmin, taken, uniqueOn } from "./catalog-common.server";
import type { SupplierInput } from "./catalog-rules";

/**
 * The tenant's suppliers as administrators keep them: code (unique), name, contact addresses,
 * the language of their e-mails, and status. An inactive supplier keeps its history; its
 * agreements take no new plans (services/plans refuses them).
 */

export const SUPPLIER_AUDIT = { create: "supplier.create", update: "supplier.update", status: "supplier.status" } as const;
export type { SupplierRecord };

const valuesOf = (input: SupplierInput) => ({
  code: input.code,
  name: input.name,
  contactEmails: input.contactEmails,
  locale: input.locale ?? null,
});

export function listSuppliers(db: Database, scope: TenantScope): Promise<SupplierRecord[]> {
  requireAdmin(scope, "supplier.list");
  return withTenant(db, scope, (tx) => listSupplierRecords(tx, scope.tenantId));
}

export async function createSupplier(db: Database, scope: TenantScope, input: SupplierInput): Promise<string> {
  requireAdmin(scope, SUPPLIER_AUDIT.create);
  const values = valuesOf(input);
  return uniqueOn("suppliers_code_key", "code", () =>
    withTenant(db, scope, async (tx) => {
      const existing = await listSupplierRecords(tx, scope.tenantId);
      if (existing.some((s) => s.code === values.code)) throw taken("code");
      const id = await insertSupplier(tx, scope.tenantId, values);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: SUPPLIER_AUDIT.create,
        entityType: "supplier",
        entityId: id,
        after: { ...values, status: "active" },
      });
      return id;
    }),
  );
}

/** @returns whether anything changed (a save that changes nothing writes nothing) */
export async function updateSupplierDetails(db: Database, scope: TenantScope, supplierId: string, input: SupplierInput) {
  requireAdmin(scope, SUPPLIER_AUDIT.update);
  if (!isUuid(supplierId)) throw AppError.notFound();
  const values = valuesOf(input);
  return uniqueOn("suppliers_code_key", "code", () =>
    withTenant(db, scope, async (tx) => {
      const current = await lockSupplier(tx, scope.tenantId, supplierId);
      if (!current) throw AppError.notFound();
      const diff = changesOf(current, values);
      if (diff.changed.length === 0) return { changed: false };
      await updateSupplier(tx, scope.tenantId, supplierId, diff.after);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        supplierId,
        actorUserId: scope.userId,
        action: SUPPLIER_AUDIT.update,
        entityType: "supplier",
        entityId: supplierId,
        before: diff.before,
        after: diff.after,
      });
      return { changed: true };
    }),
  );
}

export async function setSupplierStatus(db: Database, scope: TenantScope, supplierId: string, status: "active" | "inactive") {
  requireAdmin(scope, SUPPLIER_AUDIT.status);
  if (!isUuid(supplierId)) throw AppError.notFound();
  return withTenant(db, scope, async (tx) => {
    const current = await lockSupplier(tx, scope.tenantId, supplierId);
    if (!current) throw AppError.notFound();
    if (current.status === status) return { changed: false };
    await updateSupplier(tx, scope.tenantId, supplierId, { status });
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId,
      actorUserId: scope.userId,
      action: SUPPLIER_AUDIT.status,
      entityType: "supplier",
      entityId: supplierId,
      before: { status: current.status },
      after: { status },
    });
    return { changed: true };
  });
}

export type SupplierAction =
  | ({ intent: "create" } & SupplierInput)
  | ({ intent: "update"; supplierId: string } & SupplierInput)
  | { intent: "deactivate" | "reactivate"; supplierId: string };

/** The suppliers page's buttons. @returns the toast key for the page the action redirects to */
export async function actOnSuppliers(membership: Membership, action: SupplierAction): Promise<{ toast: string }> {
  const db = getDb();
  const scope = membership.scope;
  switch (action.intent) {
    case "create":
      await createSupplier(db, scope, action);
      return { toast: "adminCatalog.done.supplierCreated" };
    case "update": {
      const { changed } = await updateSupplierDetails(db, scope, action.supplierId, action);
      return { toast: changed ? "adminCatalog.done.saved" : "adminCatalog.done.unchanged" };
    }
    case "deactivate":
    case "reactivate": {
      const status = action.intent === "deactivate" ? "inactive" : "active";
      const { changed } = await setSupplierStatus(db, scope, action.supplierId, status);
      return { toast: changed ? `adminCatalog.done.supplier_${status}` : "adminCatalog.done.unchanged" };
    }
  }
}

export function loadSuppliersPage(membership: Membership) {
  return listSuppliers(getDb(), membership.scope);
}
