import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { memberships, type Role, tenantDataVersions, tenants } from "@db/schema";

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  currency: string;
  timezone: string;
}

export interface MembershipRecord {
  tenant: TenantSummary;
  role: Role;
  supplierId: string | null;
  /** A supplier member who administers its own supplier's people. */
  supplierAdmin: boolean;
  /** The tenant's data version when the memberships were read (see db/schema/versions.ts). */
  dataVersion: string;
  /**
   * For the header: the user's unread notifications in the tenant, and the plans waiting for the
   * membership's approval step. Read with the session (auth_session_context); absent elsewhere.
   */
  counts?: { unread: number; awaiting: number; alerts: number };
}

const membershipColumns = {
  tenant: {
    id: tenants.id,
    slug: tenants.slug,
    name: tenants.name,
    currency: tenants.currency,
    timezone: tenants.timezone,
  },
  role: memberships.role,
  supplierId: memberships.supplierId,
  supplierAdmin: memberships.supplierAdmin,
  dataVersion: sql<string>`coalesce(${tenantDataVersions.version}::text || '@' || ${tenantDataVersions.changedAt}::text, '0@')`,
};

/** The user's active memberships, for the tenant switcher; run in the user's own scope (withUser). */
export function listMembershipsOfUser(tx: Tx, userId: string): Promise<MembershipRecord[]> {
  return tx
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .leftJoin(tenantDataVersions, eq(tenantDataVersions.tenantId, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
    .orderBy(asc(tenants.name));
}
