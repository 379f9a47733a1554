import { randomUUID } from "node:crypto";
import type { Database } from "@db/client";
import { addDays } from "~/utils/dates";
import { type TenantSpec, createAgreement, createLocation, createSupplier, createTenant } from "../../support/factories";

/**
 * The worlds several integration tests build alike, through the shared factories.
 */

export interface TwoTenantWorld {
  tenantId: string;
  otherTenantId: string;
  suppliers: { a: string; b: string };
  site: string;
}

/**
 * The tenant under test with suppliers A and B and the site S1, and another tenant with a supplier
 * A and a site S1 of the same ids (named "… elsewhere"): only the tenant tells them apart. Ids are
 * generated unless given, for a test that names them before the database is there.
 */
export async function createTwoTenantWorld(
  db: Database,
  spec: { tenant: TenantSpec; otherTenant: TenantSpec; suppliers?: { a?: string; b?: string }; site?: string },
): Promise<TwoTenantWorld> {
  const tenantId = (await createTenant(db, spec.tenant)).id;
  const otherTenantId = (await createTenant(db, spec.otherTenant)).id;
  const suppliers = {
    a: await createSupplier(db, { tenantId, id: spec.suppliers?.a, code: "A", name: "Supplier A" }),
    b: await createSupplier(db, { tenantId, id: spec.suppliers?.b, code: "B", name: "Supplier B" }),
  };
  await createSupplier(db, { tenantId: otherTenantId, id: suppliers.a, code: "A", name: "Supplier A elsewhere" });
  const site = await createLocation(db, { tenantId, id: spec.site, code: "S1", name: "Site one" });
  await createLocation(db, { tenantId: otherTenantId, id: site, code: "S1", name: "Site one elsewhere" });
  return { tenantId, otherTenantId, suppliers, site };
}

export interface PlannedAgreementSpec {
  tenantId: string;
  supplierId: string;
  locationId: string;
  id?: string;
  sku: string;
  unitCost: number;
  /** The agreement's band, which the stored metrics recommend too. */
  min: number;
  max: number;
  /** The closing stock of the day before `today`. */
  onHand: number;
  /** Consumed each of the 30 days before `today`, and the stored daily forecast. */
  daily: number;
  /** The stored class, which routes the agreement's plans. */
  abc: "A" | "B" | "C";
  xyz: "X" | "Y" | "Z";
  /** The planning day: the facts end the day before, and the metrics are of that day. */
  today: string;
}

/**
 * An agreement as the plan services meet it after a night's recompute: a lead time of 2 days, no
 * MOQ, packs of 10; the day before's stock, 30 days of the same consumption, and stored metrics of
 * the given class whose recommended band is the agreement's own.
 */
export async function createPlannedAgreement(db: Database, spec: PlannedAgreementSpec): Promise<string> {
  const { tenantId, supplierId, locationId, today, daily } = spec;
  const yesterday = addDays(today, -1);
  const consumed = Array.from({ length: 30 }, (_, i) => ({ day: addDays(today, -30 + i), consumed: daily }));
  const agreement = await createAgreement(db, {
    tenantId,
    supplierId,
    locationId,
    id: spec.id ?? randomUUID(),
    item: { sku: spec.sku, unitCost: spec.unitCost },
    terms: { minQty: spec.min, maxQty: spec.max, leadTimeDays: 2, moq: 0, packSize: 10 },
    facts: [{ day: yesterday, onHand: spec.onHand }, ...consumed],
    metrics: {
      asOf: yesterday,
      annualValue: 1000,
      abc: spec.abc,
      abcRank: 1,
      xyz: spec.xyz,
      pattern: "smooth",
      forecastMethod: "ses",
      forecastWeekly: daily * 7,
      forecastSdWeekly: 1,
      forecastDaily: daily,
      safetyStock: 10,
      recommendedMin: spec.min,
      recommendedMax: spec.max,
      eoq: 100,
      computedAt: new Date(`${yesterday}T20:00:00Z`),
    },
  });
  return agreement.id;
}
