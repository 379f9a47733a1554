import type { TenantScope } from "@db/scope";
import { isUniqueViolation } from "~/services/plans/common.server";
import { AppError } from "~/utils/app-error";

/** Master data is the tenant administrators' to write. */
export function requireAdmin(scope: TenantScope, action: string) {
  if (scope.role !== "admin" || scope.supplierId) throw AppError.forbidden(action);
}

/**
 * A code or SKU another record of the tenant already has, as the field's message: checked before
 * writing, and the unique constraint (`constraint`) caught for a race.
 */
export async function uniqueOn<T>(constraint: string, field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw taken(field);
    throw error;
  }
}

export function taken(field: string): AppError {
  return AppError.invalid({ fieldErrors: { [field]: [{ key: `adminCatalog.errors.${field}Taken` }] } });
}

/** The fields whose values differ, before and after, for the audit row; empty when nothing changed. */
export function changesOf<T extends object>(before: T, after: Partial<T>) {
  const changed = (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])) as Partial<T>,
    after: Object.fromEntries(changed.map((k) => [k, after[k]])) as Partial<T>,
  };
}
