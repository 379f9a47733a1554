import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { createAgreement, createMemberships, createUsers } from "../../support/factories";
import { createTwoTenantWorld } from "./worlds";

/**
 * A tenant with two suppliers for the agreement editing and band proposal tests, plus a second
 * tenant. Supplier A has two agreements (a1 with computed figures, a2 without), supplier B one.
 * Every role has a user with a membership, so that notifications have recipients.
 */
export interface AgreementFixture {
  tenantId: string;
  otherTenantId: string;
  suppliers: { a: string; b: string };
  agreements: { a1: string; a2: string; b1: string; other: string };
  users: { admin: string; manager: string; buyer: string; buyer2: string; supA: string; supB: string; otherBuyer: string };
  scopes: {
    buyer: TenantScope;
    buyer2: TenantScope;
    manager: TenantScope;
    supA: TenantScope;
    supB: TenantScope;
    otherBuyer: TenantScope;
  };
}

/** a1's terms at the start of a test file. */
export const A1_TERMS = {
  minQty: 10,
  maxQty: 40,
  leadTimeDays: 3,
  leadTimeSdDays: 0.5,
  moq: 5,
  packSize: 5,
  reviewPeriodDays: 7,
};

export async function createAgreementFixture(db: Database): Promise<AgreementFixture> {
  const users = await createUsers(db, ["admin", "manager", "buyer", "buyer2", "supA", "supB", "otherBuyer"], {
    domain: "agreements.test",
    passwordHash: "x",
  });
  const { tenantId, otherTenantId, suppliers, site } = await createTwoTenantWorld(db, {
    tenant: { slugPrefix: "agreements", name: "Agreements test", timezone: "UTC" },
    otherTenant: { slugPrefix: "agreements-other", name: "Other tenant", timezone: "UTC" },
  });

  const a1 = await createAgreement(db, {
    tenantId,
    supplierId: suppliers.a,
    locationId: site,
    item: { sku: "A-1", name: "Bolt", unitCost: 2 },
    terms: A1_TERMS,
    metrics: {
      asOf: "2026-03-09",
      annualValue: 100,
      abc: "A",
      abcRank: 1,
      xyz: "X",
      pattern: "smooth",
      forecastMethod: "ses",
      forecastWeekly: 28,
      forecastSdWeekly: 3,
      forecastDaily: 4,
      safetyStock: 15,
      recommendedMin: 50,
      recommendedMax: 90,
      eoq: 40,
      computedAt: new Date(),
    },
  });
  const a2 = await createAgreement(db, {
    tenantId,
    supplierId: suppliers.a,
    locationId: site,
    item: { sku: "A-2", name: "Washer", unitCost: 1 },
    terms: { minQty: 100, maxQty: 200, leadTimeDays: 2 },
  });
  const b1 = await createAgreement(db, {
    tenantId,
    supplierId: suppliers.b,
    locationId: site,
    item: { sku: "B-1", name: "Nut", unitCost: 1 },
    terms: { minQty: 1, maxQty: 9, leadTimeDays: 1 },
  });
  const other = await createAgreement(db, {
    tenantId: otherTenantId,
    supplierId: suppliers.a,
    locationId: site,
    item: { sku: "X-1", name: "Elsewhere", unitCost: 1 },
    terms: { minQty: 1, maxQty: 9, leadTimeDays: 1 },
  });
  const agreements = { a1: a1.id, a2: a2.id, b1: b1.id, other: other.id };

  await createMemberships(db, [
    { tenantId, userId: users.admin, role: "admin" },
    { tenantId, userId: users.manager, role: "manager" },
    { tenantId, userId: users.buyer, role: "buyer" },
    { tenantId, userId: users.buyer2, role: "buyer" },
    { tenantId, userId: users.supA, role: "supplier", supplierId: suppliers.a },
    { tenantId, userId: users.supB, role: "supplier", supplierId: suppliers.b },
    { tenantId: otherTenantId, userId: users.otherBuyer, role: "buyer" },
  ]);

  const scope = (userId: string, supplierId: string | null = null, tenant = tenantId): TenantScope => ({
    tenantId: tenant,
    supplierId,
    userId,
  });
  return {
    tenantId,
    otherTenantId,
    suppliers,
    agreements,
    users,
    scopes: {
      buyer: scope(users.buyer),
      buyer2: scope(users.buyer2),
      manager: scope(users.manager),
      supA: scope(users.supA, suppliers.a),
      supB: scope(users.supB, suppliers.b),
      otherBuyer: scope(users.otherBuyer, null, otherTenantId),
    },
  };
}

/** The agreement's row as the buyer's side reads it. */
export async function readAgreement(db: Database, scope: TenantScope, agreementId: string) {
  const [row] = await withTenant(db, scope, (tx) =>
    tx
      .select()
      .from(schema.agreements)
      .where(and(eq(schema.agreements.tenantId, scope.tenantId), eq(schema.agreements.id, agreementId))),
  );
  return row;
}

/** The audit rows about one entity, oldest first, as the scope may read them. */
export async function auditOf(db: Database, scope: TenantScope, entityId: string) {
  return withTenant(db, scope, (tx) =>
    tx
      .select({
        action: schema.auditEvents.action,
        entityType: schema.auditEvents.entityType,
        actorUserId: schema.auditEvents.actorUserId,
        before: schema.auditEvents.before,
        after: schema.auditEvents.after,
      })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.tenantId, scope.tenantId), eq(schema.auditEvents.entityId, entityId)))
      .orderBy(asc(schema.auditEvents.occurredAt), asc(schema.auditEvents.action)),
  );
}

/** The inbox of the scope's user, as that user reads it. */
export async function inboxOf(db: Database, scope: TenantScope) {
  return withTenant(db, scope, (tx) =>
    tx
      .select({
        kind: schema.notifications.kind,
        eventId: schema.notifications.eventId,
        link: schema.notifications.link,
        payload: schema.notifications.payload,
      })
      .from(schema.notifications)
      .where(eq(schema.notifications.tenantId, scope.tenantId))
      .orderBy(asc(schema.notifications.createdAt)),
  );
}
