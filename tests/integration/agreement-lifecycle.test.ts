import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { listInventory } from "~/models/inventory.server";
import { loadPlanningContext } from "~/models/planning.server";
import { proposeBandChange, updateAgreement } from "~/services/agreements/index.server";
import { createAgreement, endAgreement } from "~/services/agreements/lifecycle.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { validatePlanLines } from "~/services/plans/plan-line-rules";
import { type AppError, isAppError } from "~/utils/app-error";
import {
  createAgreement as createAgreementRow,
  createItem,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The buyer's side creates agreements (an active supplier, an item by SKU, a site; one agreement
 * per item and site; the terms' rules) and ends them (confirmed by version; audited): an ended
 * agreement leaves the inventory lists, takes no new plan lines, proposals or edits, and loses its
 * computed figures at the next recompute, while its history stays. Suppliers may do neither.
 */

let handle: DatabaseHandle;
let db: Database;
let tenantId: string;
let s1: string;
let inactive: string;
let l1: string;
let l2: string;
let existing: string;
let otherSupplier: string;
const scopes = {} as Record<"admin" | "manager" | "buyer" | "supplier" | "other", TenantScope>;

const TERMS = {
  minQty: "20",
  maxQty: "80",
  leadTimeDays: "4.5",
  leadTimeSdDays: "1",
  moq: "10",
  packSize: "5",
  reviewPeriodDays: "7",
};

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  tenantId = (await createTenant(db, { slugPrefix: "lifecycle", timezone: "UTC" })).id;
  s1 = await createSupplier(db, { tenantId, code: "S1" });
  inactive = await createSupplier(db, { tenantId, code: "OLD" });
  await db.update(schema.suppliers).set({ status: "inactive" }).where(eq(schema.suppliers.id, inactive));
  l1 = await createLocation(db, { tenantId, code: "L1" });
  l2 = await createLocation(db, { tenantId, code: "L2" });
  await createItem(db, { tenantId, sku: "LC-1", name: "Lifecycle bolt", unitCost: 2 });
  existing = (
    await createAgreementRow(db, {
      tenantId,
      supplierId: s1,
      locationId: l1,
      item: { sku: "LC-2", name: "Lifecycle nut", unitCost: 1 },
      terms: { minQty: 5, maxQty: 50, leadTimeDays: 2 },
      metrics: { asOf: "2026-11-01", abc: "C", xyz: "X" },
    })
  ).id;
  for (const role of ["admin", "manager", "buyer", "supplier"] as const) {
    const userId = await createUser(db, { label: `lifecycle-${role}` });
    const supplierId = role === "supplier" ? s1 : null;
    await createMembership(db, { tenantId, userId, role, supplierId });
    scopes[role] = { tenantId, supplierId, userId, role };
  }
  const other = (await createTenant(db, { slugPrefix: "lifecycle-other" })).id;
  otherSupplier = await createSupplier(db, { tenantId: other, code: "S1" });
  const otherBuyer = await createUser(db, { label: "lifecycle-other" });
  await createMembership(db, { tenantId: other, userId: otherBuyer, role: "buyer" });
  scopes.other = { tenantId: other, supplierId: null, userId: otherBuyer, role: "buyer" };
});

afterAll(async () => {
  await handle?.close();
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const fieldKeys = (error: AppError) =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([name, messages]) => [name, messages.map((m) => m.key)]));

async function agreementRow(id: string) {
  const [row] = await db
    .select()
    .from(schema.agreements)
    .where(and(eq(schema.agreements.tenantId, tenantId), eq(schema.agreements.id, id)));
  return row;
}

async function auditRows(id: string, action: string) {
  return db
    .select({ actor: schema.auditEvents.actorUserId, before: schema.auditEvents.before, after: schema.auditEvents.after })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.entityId, id), eq(schema.auditEvents.action, action)));
}

async function agreementCount() {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.agreements)
    .where(eq(schema.agreements.tenantId, tenantId));
  return row.n;
}

const inventoryIds = async () =>
  withTenant(db, scopes.buyer, async (tx) =>
    (await listInventory(tx, scopes.buyer, { today: "2026-11-10", horizonDays: 28, page: 1, pageSize: null })).rows.map(
      (r) => r.agreementId,
    ),
  );

let created: string;

describe("creating an agreement", () => {
  it("a buyer creates one for an active supplier, an item by SKU and a site; it is audited and listed", async () => {
    const { agreementId } = await createAgreement(db, scopes.buyer, { supplierId: s1, locationId: l1, sku: " lc-1 ", ...TERMS });
    created = agreementId;
    expect(await agreementRow(agreementId)).toMatchObject({
      supplierId: s1,
      locationId: l1,
      minQty: 20,
      maxQty: 80,
      leadTimeDays: 4.5,
      leadTimeSdDays: 1,
      moq: 10,
      packSize: 5,
      reviewPeriodDays: 7,
      status: "active",
      version: 1,
    });
    const [audit] = await auditRows(agreementId, "agreement.create");
    expect(audit).toMatchObject({
      actor: scopes.buyer.userId,
      before: null,
      after: { supplierId: s1, sku: "LC-1", locationId: l1, minQty: 20, maxQty: 80, status: "active", version: 1 },
    });
    expect(await inventoryIds()).toContain(agreementId);
  });

  it("refuses, by field, what breaks a rule, and writes nothing", async () => {
    const before = await agreementCount();
    const refused = async (input: Record<string, unknown>) =>
      fieldKeys(
        await errorOf(createAgreement(db, scopes.manager, { supplierId: s1, locationId: l2, sku: "LC-1", ...TERMS, ...input })),
      );
    expect(await refused({ supplierId: inactive })).toEqual({ supplierId: ["agreement.errors.supplierId.inactive"] });
    expect(await refused({ supplierId: otherSupplier })).toEqual({ supplierId: ["agreement.errors.supplierId.unknown"] });
    expect(await refused({ supplierId: "" })).toEqual({ supplierId: ["agreement.errors.supplierId.required"] });
    expect(await refused({ locationId: crypto.randomUUID() })).toEqual({ locationId: ["agreement.errors.locationId.unknown"] });
    expect(await refused({ sku: "NO-SUCH" })).toEqual({ sku: ["agreement.errors.sku.unknown"] });
    expect(await refused({ sku: "LC-2", locationId: l1 })).toEqual({ sku: ["agreement.errors.sku.exists"] });
    expect(await refused({ sku: "a\u0001b" })).toEqual({ sku: ["agreement.errors.sku.controlCharacter"] });
    expect(await refused({ minQty: "90" })).toEqual({ maxQty: ["agreement.errors.maxQty.belowMin"] });
    expect(await refused({ minQty: "0x10", packSize: "0", leadTimeDays: "1,5" })).toEqual({
      minQty: ["agreement.errors.minQty.number"],
      packSize: ["agreement.errors.packSize.range"],
      leadTimeDays: ["agreement.errors.separator"],
    });
    expect(await agreementCount()).toBe(before);
  });

  it("is for the buyer's side only", async () => {
    const error = await errorOf(createAgreement(db, scopes.supplier, { supplierId: s1, locationId: l2, sku: "LC-1", ...TERMS }));
    expect(error.code).toBe("forbidden");
    const { agreementId } = await createAgreement(db, scopes.admin, { supplierId: s1, locationId: l2, sku: "LC-1", ...TERMS });
    expect((await agreementRow(agreementId)).status).toBe("active");
  });
});

describe("ending an agreement", () => {
  it("is refused to suppliers, for another company's agreement, on a stale version", async () => {
    const { version } = await agreementRow(existing);
    expect((await errorOf(endAgreement(db, scopes.supplier, { agreementId: existing, version }))).code).toBe("forbidden");
    expect((await errorOf(endAgreement(db, scopes.other, { agreementId: existing, version }))).code).toBe("not_found");
    const stale = await errorOf(endAgreement(db, scopes.buyer, { agreementId: existing, version: version + 1 }));
    expect([stale.code, stale.reason]).toEqual(["conflict", "stale"]);
    expect((await agreementRow(existing)).status).toBe("active");
  });

  it("ends it at its version, audited; it leaves the lists and takes no new plan lines, proposals or edits", async () => {
    const { version } = await agreementRow(existing);
    expect(await endAgreement(db, scopes.buyer, { agreementId: existing, version })).toEqual({ version: version + 1 });
    expect(await agreementRow(existing)).toMatchObject({ status: "ended", version: version + 1 });
    expect(await auditRows(existing, "agreement.end")).toEqual([
      { actor: scopes.buyer.userId, before: { status: "active", version }, after: { status: "ended", version: version + 1 } },
    ]);
    const again = await errorOf(endAgreement(db, scopes.buyer, { agreementId: existing, version: version + 1 }));
    expect([again.code, again.reason]).toEqual(["conflict", "ended"]);

    expect(await inventoryIds()).not.toContain(existing);
    const context = await withTenant(db, scopes.supplier, (tx) =>
      loadPlanningContext(tx, scopes.supplier, { today: "2026-11-10", horizonDays: 28, agreementIds: [existing] }),
    );
    const line = { agreementId: existing, qty: "10", shipDate: "2026-11-11", arrivalDate: "2026-11-13", reason: "Top up" };
    expect(validatePlanLines([line], context).errors).toContainEqual(
      expect.objectContaining({ line: 1, field: "agreementId", code: "agreement_not_active" }),
    );
    const proposal = await errorOf(
      proposeBandChange(db, scopes.supplier, { agreementId: existing, minQty: 6, maxQty: 60, reason: "More room" }),
    );
    expect([proposal.code, proposal.reason]).toEqual(["conflict", "ended"]);
    const terms = { minQty: 6, maxQty: 60, leadTimeDays: 2, leadTimeSdDays: 0, moq: 0, packSize: 1, reviewPeriodDays: 7 };
    const edit = await errorOf(updateAgreement(db, scopes.buyer, { agreementId: existing, version: version + 1, terms }));
    expect([edit.code, edit.reason]).toEqual(["conflict", "ended"]);
  });

  it("keeps one agreement per item and site: a new one where one has ended is refused with why", async () => {
    const error = await errorOf(createAgreement(db, scopes.buyer, { supplierId: s1, locationId: l1, sku: "LC-2", ...TERMS }));
    expect(fieldKeys(error)).toEqual({ sku: ["agreement.errors.sku.endedExists"] });
  });

  it("the recompute drops an ended agreement's figures and computes a new one's; the agreement row stays", async () => {
    const metricsOf = async (id: string) =>
      db
        .select({ id: schema.agreementMetrics.agreementId })
        .from(schema.agreementMetrics)
        .where(and(eq(schema.agreementMetrics.tenantId, tenantId), eq(schema.agreementMetrics.agreementId, id)));
    expect(await metricsOf(existing)).toHaveLength(1);
    const result = await recomputeTenant(db, tenantId, { now: new Date("2026-11-10T12:00:00Z") });
    expect(result.deleted).toBe(1);
    expect(await metricsOf(existing)).toHaveLength(0);
    expect(await metricsOf(created)).toHaveLength(1);
    expect((await agreementRow(existing)).status).toBe("ended");
  });
});
