import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  findAgreementOf,
  findItemBySku,
  insertAgreement,
  lockAgreementState,
  setAgreementStatus,
  siteExists,
  supplierStatus,
} from "~/models/agreement-lifecycle.server";
import { recordAudit } from "~/models/audit.server";
import { requireBuyerSide } from "~/services/auth/scope-sides.server";
import { isUniqueViolation } from "~/services/plans/common.server";
import { AppError, type Message } from "~/utils/app-error";
import { isUuid } from "~/utils/ids";
import { AGREEMENT_AUDIT, AGREEMENT_ENTITY, storedTerms } from "./common.server";
import { invalidInput, staleEdit } from "./errors.server";
import { AgreementCreateSchema, AgreementTermsSchema } from "./terms";

/**
 * The buyer's side begins and ends agreements. A new agreement is for an active supplier, an item
 * of the company (by SKU) and a site, with a valid band and terms; an item has one agreement per
 * site, ended ones included (the facts of an item at a site follow its one agreement). Ending
 * one sets its status to `ended`: it leaves the inventory lists and takes no new plan lines or
 * proposals, while its history, plans and KPIs stay. Each is audited in its transaction.
 */

const field = (name: string, key: string, params?: Message["params"]): AppError =>
  AppError.invalid({ fieldErrors: { [name]: [{ key, params }] } });

export interface CreateAgreementResult {
  agreementId: string;
}

/**
 * @throws AppError forbidden for a supplier scope; invalid, by field: an unknown or inactive
 *   supplier, an unknown site or SKU, an item that already has an agreement at the site, a band
 *   or term out of its rules
 */
export async function createAgreement(db: Database, scope: TenantScope, input: unknown): Promise<CreateAgreementResult> {
  requireBuyerSide(scope, AGREEMENT_AUDIT.create);
  const parsed = AgreementCreateSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { supplierId, locationId, sku, ...rawTerms } = parsed.data;
  const terms = AgreementTermsSchema.parse(storedTerms(rawTerms));
  try {
    return await withTenant(db, scope, async (tx) => {
      const status = await supplierStatus(tx, scope, supplierId);
      if (status === null) throw field("supplierId", "agreement.errors.supplierId.unknown");
      if (status !== "active") throw field("supplierId", "agreement.errors.supplierId.inactive");
      if (!(await siteExists(tx, scope, locationId))) throw field("locationId", "agreement.errors.locationId.unknown");
      const item = await findItemBySku(tx, scope, sku);
      if (!item) throw field("sku", "agreement.errors.sku.unknown", { sku });
      const existing = await findAgreementOf(tx, scope, item.id, locationId);
      if (existing) throw field("sku", `agreement.errors.sku.${existing.status === "ended" ? "endedExists" : "exists"}`);
      const agreementId = await insertAgreement(tx, scope, { supplierId, itemId: item.id, locationId, ...terms });
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        supplierId,
        actorUserId: scope.userId,
        action: AGREEMENT_AUDIT.create,
        entityType: AGREEMENT_ENTITY,
        entityId: agreementId,
        after: { supplierId, itemId: item.id, sku: item.sku, locationId, ...terms, status: "active", version: 1 },
      });
      return { agreementId };
    });
  } catch (error) {
    // Two buyers creating the same agreement at once: the second meets the unique key.
    if (isUniqueViolation(error, "agreements_item_location_key")) throw field("sku", "agreement.errors.sku.exists");
    throw error;
  }
}

export interface EndAgreementInput {
  agreementId: string;
  /** The agreement's version as the page showed it. */
  version: number;
}

/**
 * Ends an active or suspended agreement at the version the page showed.
 *
 * @throws AppError forbidden for a supplier scope; not_found; conflict `stale` (reload) or
 *   `ended` (already ended)
 */
export async function endAgreement(db: Database, scope: TenantScope, input: EndAgreementInput): Promise<{ version: number }> {
  requireBuyerSide(scope, AGREEMENT_AUDIT.end);
  if (!isUuid(input.agreementId)) throw AppError.notFound();
  return withTenant(db, scope, async (tx) => {
    const state = await lockAgreementState(tx, scope, input.agreementId);
    if (!state) throw AppError.notFound();
    if (state.status === "ended") throw AppError.conflict("ended", { key: "agreement.end.alreadyEnded" });
    if (state.version !== input.version) throw staleEdit();
    const version = await setAgreementStatus(tx, scope, state.id, state.version, "ended");
    if (version === null) throw staleEdit();
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: state.supplierId,
      actorUserId: scope.userId,
      action: AGREEMENT_AUDIT.end,
      entityType: AGREEMENT_ENTITY,
      entityId: state.id,
      before: { status: state.status, version: state.version },
      after: { status: "ended", version },
    });
    return { version };
  });
}
