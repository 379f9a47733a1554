import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { schema } from "@db/client";
import { recomputeAgreements } from "~/services/metrics/recompute-agreements.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { daysBetween } from "~/utils/dates";
import { createAgreement, createLocation, createSupplier, createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Agreements with less than two years of history borrow the season of the same item at every
 * site with a year of history (themselves included), else of their item's category; the
 * recompute stores where it came from. The incremental recompute stores
 * what the whole one stores when a lender's facts change, when a borrower's do, and when a lender
 * leaves the group.
 */

const TODAY = "2026-03-16";
const AS_OF = "2026-03-15";
const EARLIER = new Date("2026-03-16T01:00:00Z");
const LATER = [4, 5, 6, 7].map((hour) => new Date(`2026-03-16T0${hour}:00:00Z`));
/** Two seasons and a few weeks to spare; and one season. */
const LONG_DAYS = 750;
const SHORT_DAYS = 364;

let handle: DatabaseHandle;
let tenantId: string;
const sites: string[] = [];
const itemIds: Record<string, string> = {};
/** Agreement ids by name: item and site. */
const ids: Record<string, string> = {};

/**
 * A yearly wave on the calendar (high in summer, low in winter) with a weekday ripple, so that
 * every agreement is in phase whatever its history's length.
 */
function seasonalDemand(base: number, daysBack: number, amplitude = 0.6) {
  return (index: number) => {
    const dayOfCycle = daysBetween("2020-01-06", TODAY) - daysBack + index;
    const wave = Math.sin((2 * Math.PI * dayOfCycle) / 364);
    return Math.round(base * (1 + amplitude * wave) * (1 + 0.1 * ((index * 5) % 3)));
  };
}

type MetricsRow = typeof schema.agreementMetrics.$inferSelect;

async function metrics(): Promise<Map<string, MetricsRow>> {
  const rows = await handle.db.select().from(schema.agreementMetrics).where(eq(schema.agreementMetrics.tenantId, tenantId));
  return new Map(rows.map((row) => [row.agreementId, row]));
}

async function storedWithoutStamp() {
  const m = schema.agreementMetrics;
  const rows = await handle.db.select().from(m).where(eq(m.tenantId, tenantId)).orderBy(asc(m.agreementId));
  return rows.map(({ computedAt: _computedAt, ...rest }) => rest);
}

async function scaleConsumption(agreement: string, factor: number, days: number) {
  await handle.db.execute(sql`
    update consumption c set qty = round(c.qty * ${factor})
    from agreements a
    where a.id = ${ids[agreement]} and c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
      and c.day > ${AS_OF}::date - ${days}::int`);
}

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  ({ id: tenantId } = await createTenant(db, { slugPrefix: "seasons", timezone: "UTC" }));
  const supplierId = await createSupplier(db, { tenantId, code: "S1" });
  for (const code of ["L1", "L2", "L3", "L4"]) sites.push(await createLocation(db, { tenantId, code }));
  const agreement = async (name: string, item: string, category: string | null, site: number, days: number, base: number) => {
    const known = itemIds[item];
    const created = await createAgreement(db, {
      tenantId,
      supplierId,
      locationId: sites[site],
      item: known ? { itemId: known } : { sku: item, unitCost: 2, ...(category ? { category } : {}) },
      terms: { minQty: 10, maxQty: 200, leadTimeDays: 14 },
      history: { today: TODAY, days, onHand: 80, consumed: seasonalDemand(base, days) },
    });
    itemIds[item] = created.itemId;
    ids[name] = created.id;
  };
  // Fans: item FAN at three sites for two years, and at a fourth for one; FAN-2 for two years at
  // one site; FAN-3 for one year at another (no lender of its own item: the category lends).
  await agreement("FAN@L1", "FAN", "Fans", 0, LONG_DAYS, 20);
  await agreement("FAN@L2", "FAN", "Fans", 1, LONG_DAYS, 12);
  await agreement("FAN@L3", "FAN", "Fans", 2, LONG_DAYS, 30);
  await agreement("FAN@L4", "FAN", "Fans", 3, SHORT_DAYS, 15);
  await agreement("FAN-2@L1", "FAN-2", "Fans", 0, LONG_DAYS, 8);
  await agreement("FAN-3@L2", "FAN-3", "Fans", 1, SHORT_DAYS, 10);
  // One year without anyone to borrow from: no category, and a category without lenders.
  await agreement("BOLT@L3", "BOLT", null, 2, SHORT_DAYS, 25);
  await agreement("HEATER@L1", "HEATER", "Heaters", 0, SHORT_DAYS, 9);
  await recomputeTenant(db, tenantId, { now: EARLIER, trigger: "cli" });
}, 180_000);

afterAll(async () => {
  await handle?.close();
});

describe("seasons borrowed by agreements with one year of history", () => {
  it("stores where each forecast's season came from", async () => {
    const rows = await metrics();
    const source = (name: string) => {
      const row = rows.get(ids[name])!;
      return { source: row.seasonSource, peers: row.seasonPeers, method: row.forecastMethod };
    };
    expect(source("FAN@L1")).toEqual({ source: "own", peers: null, method: "holt-winters" });
    expect(source("FAN@L4")).toEqual({ source: "item", peers: 3, method: "holt-winters" });
    // FAN-3's one site cannot judge its one season: the category's six lenders, itself among them.
    expect(source("FAN-3@L2")).toEqual({ source: "category", peers: 5, method: "holt-winters" });
    expect(source("BOLT@L3")).toMatchObject({ source: null, peers: null });
    expect(source("HEATER@L1")).toMatchObject({ source: null, peers: null });
    expect(source("BOLT@L3").method).not.toBe("holt-winters");
  });

  it("forecasts a borrower's next weeks on its group's season, not on its yearly mean", async () => {
    const fan4 = (await metrics()).get(ids["FAN@L4"])!;
    const demand = seasonalDemand(15, 0);
    const week = (from: number) => Array.from({ length: 7 }, (_, d) => demand(from + d)).reduce((a, b) => a + b, 0);
    const nextWeek = week(0);
    const yearlyMean = Array.from({ length: 52 }, (_, w) => week(-364 + 7 * w)).reduce((a, b) => a + b, 0) / 52;
    // The season is far from its mean here, and the forecast follows it.
    expect(Math.abs(nextWeek - yearlyMean)).toBeGreaterThan(0.3 * yearlyMean);
    expect(Math.abs(fan4.forecastWeekly - nextWeek)).toBeLessThan(0.15 * nextWeek);
  });

  it("recomputes a lender's borrowers when its facts change, as the whole recompute would", async () => {
    await scaleConsumption("FAN@L1", 3, 120);
    const before = await metrics();
    const result = await recomputeAgreements(handle.db, tenantId, [ids["FAN@L1"]], { now: LATER[0] });
    expect(result).toMatchObject({ scope: "agreements" });
    // The lender and the two agreements that borrow from its item and its category.
    expect(result!.agreements).toBe(3);
    const after = await metrics();
    for (const name of ["FAN@L1", "FAN@L4", "FAN-3@L2"]) expect(after.get(ids[name])!.computedAt).toEqual(LATER[0]);
    for (const name of ["BOLT@L3", "HEATER@L1"]) expect(after.get(ids[name])!.computedAt).toEqual(EARLIER);
    // The borrower's forecast did move with its lender's season.
    expect(after.get(ids["FAN@L4"])!.forecastWeekly).not.toBe(before.get(ids["FAN@L4"])!.forecastWeekly);
    const incremental = await storedWithoutStamp();
    await recomputeTenant(handle.db, tenantId, { now: LATER[0], trigger: "cli" });
    expect(incremental).toEqual(await storedWithoutStamp());
  });

  it("reads the group's lenders when only a borrower's facts change", async () => {
    await scaleConsumption("FAN-3@L2", 2, 60);
    const result = await recomputeAgreements(handle.db, tenantId, [ids["FAN-3@L2"]], { now: LATER[1] });
    expect(result).toMatchObject({ scope: "agreements", agreements: 1 });
    const incremental = await storedWithoutStamp();
    expect((await metrics()).get(ids["FAN-3@L2"])).toMatchObject({ seasonSource: "category", seasonPeers: 5 });
    await recomputeTenant(handle.db, tenantId, { now: LATER[1], trigger: "cli" });
    expect(incremental).toEqual(await storedWithoutStamp());
  });

  it("recomputes the borrowers when a lender is suspended", async () => {
    await handle.db.update(schema.agreements).set({ status: "suspended" }).where(eq(schema.agreements.id, ids["FAN-2@L1"]));
    const result = await recomputeAgreements(handle.db, tenantId, [ids["FAN-2@L1"]], { now: LATER[2] });
    expect(result).toMatchObject({ scope: "agreements", deleted: 1 });
    const after = await metrics();
    expect(after.get(ids["FAN-3@L2"])).toMatchObject({ seasonSource: "category", seasonPeers: 4 });
    const incremental = await storedWithoutStamp();
    await recomputeTenant(handle.db, tenantId, { now: LATER[2], trigger: "cli" });
    expect(incremental).toEqual(await storedWithoutStamp());
  });

  it("recomputes the category's borrowers when a one-year lender's facts change", async () => {
    await scaleConsumption("FAN@L4", 0.5, 90);
    const result = await recomputeAgreements(handle.db, tenantId, [ids["FAN@L4"]], { now: LATER[3] });
    // Itself, and FAN-3 that borrows from the category; FAN's two-year sites keep their own season.
    expect(result).toMatchObject({ scope: "agreements", agreements: 2 });
    const after = await metrics();
    for (const name of ["FAN@L4", "FAN-3@L2"]) expect(after.get(ids[name])!.computedAt).toEqual(LATER[3]);
    const incremental = await storedWithoutStamp();
    await recomputeTenant(handle.db, tenantId, { now: LATER[3], trigger: "cli" });
    expect(incremental).toEqual(await storedWithoutStamp());
  });
});
