import type { PlanningAgreement } from "~/core";

/** The day the plan-line tests plan from; the agreements' stock snapshot is of the day before. */
export const TODAY = "2026-03-10";
export const A = "11111111-1111-4111-8111-111111111111";
export const B = "22222222-2222-4222-8222-222222222222";

/** An active agreement: 100 on hand yesterday, 10 a day, band 50–200, MOQ 50 in packs of 25. */
export function agreement(id: string, overrides: Partial<PlanningAgreement> = {}): PlanningAgreement {
  return {
    agreementId: id,
    supplierId: "s",
    supplierName: "Supplier",
    sku: `SKU-${id.slice(0, 2)}`,
    itemName: "Item",
    uom: "EA",
    unitCost: 1,
    siteCode: "S1",
    siteName: "Site",
    status: "active",
    min: 50,
    max: 200,
    leadTimeDays: 2,
    moq: 50,
    packSize: 25,
    onHand: 100,
    onHandDay: "2026-03-09",
    forecastDaily: 10,
    forecastSource: "metrics",
    inbound: [],
    metrics: null,
    ...overrides,
  };
}
