import type { TenantScope } from "@db/scope";
import { AppError } from "~/utils/app-error";

/**
 * Which side of a tenant a scope acts for. Use cases check it before they touch anything: a buyer
 * role never acts as a supplier, nor a supplier as the buyer (`forbidden`, which pages answer
 * with the same 404 as for anything the caller may not see).
 */

/** A scope acting for a supplier. */
export type SupplierScope = TenantScope & { supplierId: string };

/** Supplier actions need a supplier scope. */
export function requireSupplier(scope: TenantScope, action: string): asserts scope is SupplierScope {
  if (!scope.supplierId) throw AppError.forbidden(action);
}

/** Buyer actions need the buyer's side of the tenant (admin, manager, buyer: no supplier scope). */
export function requireBuyerSide(scope: TenantScope, action: string) {
  if (scope.supplierId) throw AppError.forbidden(action);
}
