import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { insertSite, listSiteRecords, lockSite, type SiteRecord, updateSite } from "~/models/catalog-admin.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { changesOf, requireAdmin, taken, uniqueOn } from "./catalog-common.server";
import type { SiteInput } from "./catalog-rules";

/** The tenant's sites: code (unique), name, GLN (GS1, optional) and address. */

export const SITE_AUDIT = { create: "site.create", update: "site.update" } as const;
export type { SiteRecord };

const valuesOf = (input: SiteInput) => ({
  code: input.code,
  name: input.name,
  gln: input.gln || null,
  address: input.address || null,
});

export function listSites(db: Database, scope: TenantScope): Promise<SiteRecord[]> {
  requireAdmin(scope, "site.list");
  return withTenant(db, scope, (tx) => listSiteRecords(tx, scope.tenantId));
}

export async function createSite(db: Database, scope: TenantScope, input: SiteInput): Promise<string> {
  requireAdmin(scope, SITE_AUDIT.create);
  const values = valuesOf(input);
  return uniqueOn("locations_code_key", "code", () =>
    withTenant(db, scope, async (tx) => {
      if ((await listSiteRecords(tx, scope.tenantId)).some((s) => s.code === values.code)) throw taken("code");
      const id = await insertSite(tx, scope.tenantId, values);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: SITE_AUDIT.create,
        entityType: "location",
        entityId: id,
        after: values,
      });
      return id;
    }),
  );
}

/** @returns whether anything changed (a save that changes nothing writes nothing) */
export async function updateSiteDetails(db: Database, scope: TenantScope, siteId: string, input: SiteInput) {
  requireAdmin(scope, SITE_AUDIT.update);
  if (!isUuid(siteId)) throw AppError.notFound();
  const values = valuesOf(input);
  return uniqueOn("locations_code_key", "code", () =>
    withTenant(db, scope, async (tx) => {
      const current = await lockSite(tx, scope.tenantId, siteId);
      if (!current) throw AppError.notFound();
      const diff = changesOf(current, values);
      if (diff.changed.length === 0) return { changed: false };
      await updateSite(tx, scope.tenantId, siteId, diff.after);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: SITE_AUDIT.update,
        entityType: "location",
        entityId: siteId,
        before: diff.before,
        after: diff.after,
      });
      return { changed: true };
    }),
  );
}

export type SiteAction = ({ intent: "create" } & SiteInput) | ({ intent: "update"; siteId: string } & SiteInput);

export async function actOnSites(membership: Membership, action: SiteAction): Promise<{ toast: string }> {
  if (action.intent === "create") {
    await createSite(getDb(), membership.scope, action);
    return { toast: "adminCatalog.done.siteCreated" };
  }
  const { changed } = await updateSiteDetails(getDb(), membership.scope, action.siteId, action);
  return { toast: changed ? "adminCatalog.done.saved" : "adminCatalog.done.unchanged" };
}

export function loadSitesPage(membership: Membership) {
  return listSites(getDb(), membership.scope);
}
