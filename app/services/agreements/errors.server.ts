import type { TenantScope } from "@db/scope";

/** Base of the agreement services' errors; `status` is the HTTP status a route should answer with. */
export abstract class AgreementServiceError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409;
}

/** The input breaks a rule: nothing was written. Messages are i18n keys, by field (and for the form). */
export class AgreementValidationError extends AgreementServiceError {
  readonly status = 400;
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    readonly formErrors: string[] = [],
  ) {
    super(`invalid input: ${[...Object.keys(fieldErrors), ...formErrors].join(", ")}`);
    this.name = "AgreementValidationError";
  }
}

/** No such agreement or proposal in this scope; also another supplier's (never confirm it exists). */
export class AgreementNotFoundError extends AgreementServiceError {
  readonly status = 404;
  constructor(readonly entity: "agreement" | "band_proposal") {
    super(`${entity} not found`);
    this.name = "AgreementNotFoundError";
  }
}

/**
 * Why a write was refused because of what happened meanwhile:
 * - `stale`: the agreement changed since the form was loaded (its version moved on);
 * - `pending_exists`: the agreement already has a pending proposal;
 * - `closed`: the proposal was already accepted, rejected or withdrawn;
 * - `band_changed`: the agreement's band is no longer the one the proposal started from.
 */
export type AgreementConflictReason = "stale" | "pending_exists" | "closed" | "band_changed";

export class AgreementConflictError extends AgreementServiceError {
  readonly status = 409;
  constructor(
    readonly reason: AgreementConflictReason,
    /** The proposal's status, for `closed`. */
    readonly proposalStatus: string | null = null,
  ) {
    super(`conflict: ${reason}${proposalStatus ? ` (${proposalStatus})` : ""}`);
    this.name = "AgreementConflictError";
  }
}

/** The scope may not take this action: suppliers cannot edit or decide, buyer roles cannot propose. */
export class AgreementForbiddenError extends AgreementServiceError {
  readonly status = 403;
  constructor(readonly action: string) {
    super(`${action} is not allowed in this scope`);
    this.name = "AgreementForbiddenError";
  }
}

/** A scope acting for a supplier. */
export type SupplierScope = TenantScope & { supplierId: string };

export function requireSupplier(scope: TenantScope, action: string): asserts scope is SupplierScope {
  if (!scope.supplierId) throw new AgreementForbiddenError(action);
}

/** The buyer's side of the tenant (admin, manager, buyer) has no supplier scope. */
export function requireBuyerSide(scope: TenantScope, action: string) {
  if (scope.supplierId) throw new AgreementForbiddenError(action);
}
