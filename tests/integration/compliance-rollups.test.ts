import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { schema } from "@db/client";
import { rowsOf } from "@db/rows";
import { withTenant } from "@db/scope";
import { bandCompliance, dayNumber, isoDate, isoWeekStart, percentile } from "~/core";
import { rebuildAgreementWeekRollups, rebuildSegmentWeekRollups, recordClassHistory } from "~/models/metrics.server";
import { failure } from "../support/errors";
import { createAgreement, createLocation, createSupplier, createTenant, insertFacts } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The compliance rollups (docs/decisions/015) against a direct computation from the daily facts:
 * level 1 per agreement and week, whether built by the rebuild or kept current by the facts'
 * triggers batch by batch, and level 2 as the sums of level 1 per supplier, cell and week.
 */

let handle: DatabaseHandle;
let db: Database;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
});
afterAll(async () => {
  await handle?.close();
});

const FIRST_DAY = dayNumber("2026-01-01");
const SPAN_DAYS = 45;
const UNIT_COSTS = [2.5, 1, 0.25];

interface Fact {
  agreement: number;
  day: number;
  onHand: number | null;
  qty: number | null;
}
interface Band {
  agreement: number;
  fromDay: number | null;
  min: number;
  max: number;
}
interface Scenario {
  facts: Fact[];
  bandChanges: Band[];
  batches: number;
  deadDays: number;
  removed: number[];
  raised: number[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    facts: fc.uniqueArray(
      fc.record({
        agreement: fc.integer({ min: 0, max: 2 }),
        day: fc.integer({ min: 0, max: SPAN_DAYS - 1 }),
        onHand: fc.option(fc.integer({ min: -5, max: 60 }), { freq: 4 }),
        qty: fc.option(fc.integer({ min: -3, max: 12 }), { freq: 2 }),
      }),
      { selector: (f) => `${f.agreement}:${f.day}`, minLength: 1, maxLength: 80 },
    ),
    bandChanges: fc.array(
      fc
        .record({
          agreement: fc.integer({ min: 0, max: 2 }),
          fromDay: fc.integer({ min: 1, max: SPAN_DAYS - 1 }),
          min: fc.integer({ min: 0, max: 20 }),
          width: fc.integer({ min: 0, max: 30 }),
        })
        .map(({ agreement, fromDay, min, width }) => ({ agreement, fromDay, min, max: min + width })),
      { maxLength: 3 },
    ),
    batches: fc.integer({ min: 1, max: 4 }),
    deadDays: fc.integer({ min: 3, max: 30 }),
    // Positions (modulo the facts) of facts deleted, and of snapshots raised by 7, afterwards.
    removed: fc.uniqueArray(fc.nat(), { maxLength: 6 }),
    raised: fc.uniqueArray(fc.nat(), { maxLength: 6 }),
  })
  .map((s) => ({ ...s, facts: s.facts.filter((f) => f.onHand !== null || f.qty !== null) }));

/**
 * Deletes some facts (both tables) and raises some snapshots, each set in one statement, so that
 * the triggers' delete and update paths run too; returns the facts as they now stand.
 */
async function reviseFacts(world: World, facts: Fact[], removed: number[], raised: number[]): Promise<Fact[]> {
  if (facts.length === 0) return facts;
  const gone = new Set(removed.map((i) => i % facts.length));
  const up = new Set(raised.map((i) => i % facts.length).filter((i) => !gone.has(i) && facts[i].onHand !== null));
  const keysOf = (indexes: Set<number>) =>
    [...indexes].map((i) => sql`(${world.itemIds[facts[i].agreement]}::uuid, ${isoDate(FIRST_DAY + facts[i].day)}::date)`);
  if (gone.size > 0) {
    for (const table of ["stock_snapshots", "consumption"]) {
      await db.execute(sql`delete from ${sql.identifier(table)} where tenant_id = ${world.tenantId}
        and (item_id, day) in (${sql.join(keysOf(gone), sql`, `)})`);
    }
  }
  if (up.size > 0) {
    await db.execute(sql`update stock_snapshots set on_hand = on_hand + 7 where tenant_id = ${world.tenantId}
      and (item_id, day) in (${sql.join(keysOf(up), sql`, `)})`);
  }
  return facts.flatMap((f, i) => (gone.has(i) ? [] : [up.has(i) ? { ...f, onHand: f.onHand! + 7 } : f]));
}

const INITIAL_BANDS: Band[] = [
  { agreement: 0, fromDay: null, min: 10, max: 40 },
  { agreement: 1, fromDay: null, min: 0, max: 5 },
  { agreement: 2, fromDay: null, min: 20, max: 20 },
];

interface World {
  tenantId: string;
  supplierIds: string[];
  agreementIds: string[];
  itemIds: string[];
  siteId: string;
}

/** A tenant whose agreements 0 and 1 belong to supplier 0 and agreement 2 to supplier 1. */
async function createWorld(deadDays: number): Promise<World> {
  const { id: tenantId } = await createTenant(db, {
    slugPrefix: "rollups",
    name: "Rollups",
    timezone: "UTC",
    settings: { deadStockDays: deadDays },
  });
  const supplierIds = [
    await createSupplier(db, { tenantId, code: "S0", name: "Supplier 0" }),
    await createSupplier(db, { tenantId, code: "S1", name: "Supplier 1" }),
  ];
  const siteId = await createLocation(db, { tenantId, code: "S", name: "Site" });
  const itemIds: string[] = [];
  const agreementIds: string[] = [];
  for (const [i, unitCost] of UNIT_COSTS.entries()) {
    const supplierId = supplierIds[i === 2 ? 1 : 0];
    const created = await createAgreement(db, {
      tenantId,
      supplierId,
      locationId: siteId,
      item: { sku: `I-${i}`, name: `Item ${i}`, unitCost },
      terms: { minQty: INITIAL_BANDS[i].min, maxQty: INITIAL_BANDS[i].max, leadTimeDays: 2 },
      // Classes for two agreements; the third has none yet and sums into the '-' cell.
      metrics:
        i === 1
          ? undefined
          : {
              asOf: "2026-02-14",
              annualValue: 1,
              abc: i === 0 ? "A" : "C",
              abcRank: i + 1,
              xyz: "Z",
              pattern: "lumpy",
              forecastMethod: "sba",
              forecastWeekly: 1,
              forecastSdWeekly: 1,
              forecastDaily: 1,
              safetyStock: 0,
              recommendedMin: 0,
              recommendedMax: 0,
              eoq: 0,
              computedAt: new Date(),
            },
    });
    itemIds.push(created.itemId);
    agreementIds.push(created.id);
  }
  return { tenantId, supplierIds, agreementIds, itemIds, siteId };
}

/** Writes each agreement's band history as the periods [valid_from, next valid_from). */
async function writeBandHistory(world: World, bands: Band[]) {
  for (let a = 0; a < 3; a++) {
    const mine = bands.filter((b) => b.agreement === a).sort((x, y) => (x.fromDay ?? -1) - (y.fromDay ?? -1));
    await db.execute(
      sql`delete from agreement_bands where tenant_id = ${world.tenantId} and agreement_id = ${world.agreementIds[a]}`,
    );
    for (const [i, band] of mine.entries()) {
      const from = band.fromDay === null ? "-infinity" : isoDate(FIRST_DAY + band.fromDay);
      const next = mine[i + 1];
      const to = next ? isoDate(FIRST_DAY + next.fromDay!) : "infinity";
      await db.execute(sql`
        insert into agreement_bands (tenant_id, agreement_id, supplier_id, valid_from, valid_to, min_qty, max_qty)
        select tenant_id, id, supplier_id, ${from}::date, ${to}::date, ${band.min}, ${band.max}
        from agreements where tenant_id = ${world.tenantId} and id = ${world.agreementIds[a]}`);
    }
  }
}

/** Writes the facts as `batches` upsert statements, so that the triggers refresh batch by batch. */
async function writeFacts(world: World, facts: Fact[], batches: number) {
  const size = Math.ceil(facts.length / batches);
  for (let i = 0; i < facts.length; i += size) {
    const batch = facts.slice(i, i + size);
    const rows = (pick: (f: Fact) => number | null) =>
      batch
        .filter((f) => pick(f) !== null)
        .map((f) => ({
          tenantId: world.tenantId,
          itemId: world.itemIds[f.agreement],
          locationId: world.siteId,
          supplierId: world.supplierIds[f.agreement === 2 ? 1 : 0],
          day: isoDate(FIRST_DAY + f.day),
          value: pick(f)!,
        }));
    const stock = rows((f) => f.onHand);
    const consumed = rows((f) => f.qty);
    if (stock.length > 0) {
      await db.insert(schema.stockSnapshots).values(stock.map(({ value, ...key }) => ({ ...key, onHand: value })));
    }
    if (consumed.length > 0) {
      await db.insert(schema.consumption).values(consumed.map(({ value, ...key }) => ({ ...key, qty: value })));
    }
  }
}

interface Level1 {
  agreement_id: string;
  week_start: string;
  supplier_id: string;
  snapshot_days: number;
  in_band_days: number;
  below_min_days: number;
  stockout_days: number;
  above_max_days: number;
  stock_value_days: number;
  close_day: string | null;
  close_on_hand: number | null;
  close_value: number | null;
  close_above_max_value: number | null;
  consumption_qty: number;
  consumption_value: number;
  last_consumed_on: string | null;
}

const NUMERIC = [
  "snapshot_days",
  "in_band_days",
  "below_min_days",
  "stockout_days",
  "above_max_days",
  "stock_value_days",
  "close_on_hand",
  "close_value",
  "close_above_max_value",
  "consumption_qty",
  "consumption_value",
] as const;

async function readLevel1(tenantId: string): Promise<Level1[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    select agreement_id, week_start::text, supplier_id, snapshot_days, in_band_days, below_min_days, stockout_days,
           above_max_days, stock_value_days, close_day::text, close_on_hand, close_value, close_above_max_value,
           consumption_qty, consumption_value, last_consumed_on::text
    from agreement_week_rollups where tenant_id = ${tenantId} order by agreement_id, week_start`),
  );
  return rows.map((row) => {
    const out = { ...row } as Record<string, unknown>;
    for (const key of NUMERIC) out[key] = row[key] === null ? null : Number(row[key]);
    return out as unknown as Level1;
  });
}

/** What level 1 must hold, computed from the facts in TypeScript with the core's band compliance. */
function directLevel1(world: World, facts: Fact[], bands: Band[]): Level1[] {
  const bandOn = (agreement: number, day: number) => {
    const valid = bands
      .filter((b) => b.agreement === agreement && (b.fromDay === null || b.fromDay <= day))
      .sort((x, y) => (x.fromDay ?? -1) - (y.fromDay ?? -1));
    return valid[valid.length - 1];
  };
  const out: Level1[] = [];
  for (let a = 0; a < 3; a++) {
    const mine = facts.filter((f) => f.agreement === a).sort((x, y) => x.day - y.day);
    const weeks = [...new Set(mine.map((f) => isoWeekStart(isoDate(FIRST_DAY + f.day))))].sort();
    let lastConsumed: string | null = null;
    for (const week of weeks) {
      const inWeek = mine.filter((f) => isoWeekStart(isoDate(FIRST_DAY + f.day)) === week);
      const stock = inWeek.filter((f) => f.onHand !== null);
      const cost = UNIT_COSTS[a];
      let counts = { snapshot_days: 0, in_band_days: 0, below_min_days: 0, stockout_days: 0, above_max_days: 0 };
      if (stock.length > 0) {
        const c = bandCompliance(stock.map((f) => ({ onHand: f.onHand!, ...bandOn(a, f.day) })));
        const n = c.days;
        counts = {
          snapshot_days: n,
          in_band_days: Math.round(c.inBand * n),
          below_min_days: Math.round(c.belowMin * n),
          stockout_days: Math.round(c.stockedOut * n),
          above_max_days: Math.round(c.aboveMax * n),
        };
      }
      const close = stock[stock.length - 1];
      const net = inWeek.reduce((sum, f) => sum + (f.qty ?? 0), 0);
      const consumedDays = inWeek.filter((f) => (f.qty ?? 0) > 0);
      if (consumedDays.length > 0) lastConsumed = isoDate(FIRST_DAY + consumedDays[consumedDays.length - 1].day);
      out.push({
        agreement_id: world.agreementIds[a],
        week_start: week,
        supplier_id: world.supplierIds[a === 2 ? 1 : 0],
        ...counts,
        stock_value_days: stock.reduce((sum, f) => sum + Math.max(f.onHand!, 0) * cost, 0),
        close_day: close ? isoDate(FIRST_DAY + close.day) : null,
        close_on_hand: close ? close.onHand : null,
        close_value: close ? Math.max(close.onHand!, 0) * cost : null,
        close_above_max_value: close ? Math.max(close.onHand! - bandOn(a, close.day).max, 0) * cost : null,
        consumption_qty: Math.max(net, 0),
        consumption_value: Math.max(net, 0) * cost,
        last_consumed_on: lastConsumed,
      });
    }
  }
  return out.sort((x, y) => (x.agreement_id + x.week_start).localeCompare(y.agreement_id + y.week_start));
}

/** The recompute's rebuild: level 1 in two chunks, as on a server, then level 2. */
async function rebuild(world: World) {
  const scope = { tenantId: world.tenantId, supplierId: null, userId: null };
  for (const chunk of [world.agreementIds.slice(0, 2), world.agreementIds.slice(2)]) {
    await withTenant(db, scope, (tx) => rebuildAgreementWeekRollups(tx, chunk));
  }
  await withTenant(db, scope, (tx) => rebuildSegmentWeekRollups(tx));
}

async function readLevel2(tenantId: string) {
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    select supplier_id, abc, xyz, week_start::text, agreements, snapshot_days, in_band_days, below_min_days, stockout_days,
           above_max_days, stock_value_days::float8, close_value::float8, close_above_max_value::float8,
           dead_close_value::float8, dead_close_agreements, consumption_value::float8
    from segment_week_rollups where tenant_id = ${tenantId} order by supplier_id, abc, xyz, week_start`),
  );
}

/** Level 2 from level 1 in TypeScript: sums per supplier, cell and week, with the core's dead-stock rule. */
function directLevel2(world: World, level1: Level1[], deadDays: number) {
  const cellOf = (agreementId: string) => {
    const index = world.agreementIds.indexOf(agreementId);
    return index === 0 ? ["A", "Z"] : index === 2 ? ["C", "Z"] : ["-", "-"];
  };
  const groups = new Map<string, Record<string, unknown> & { rows: Level1[] }>();
  for (const row of level1) {
    const [abc, xyz] = cellOf(row.agreement_id);
    const key = [row.supplier_id, abc, xyz, row.week_start].join("|");
    const group = groups.get(key) ?? { supplier_id: row.supplier_id, abc, xyz, week_start: row.week_start, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const sum = (rows: Level1[], pick: (r: Level1) => number | null) => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const isDead = (r: Level1) =>
    r.close_on_hand !== null &&
    r.close_on_hand > 0 &&
    (r.last_consumed_on === null ||
      dayNumber(r.close_day!) - Math.min(dayNumber(r.last_consumed_on), dayNumber(r.close_day!)) >= deadDays);
  return [...groups.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([, { rows, ...key }]) => ({
      ...key,
      agreements: rows.length,
      snapshot_days: sum(rows, (r) => r.snapshot_days),
      in_band_days: sum(rows, (r) => r.in_band_days),
      below_min_days: sum(rows, (r) => r.below_min_days),
      stockout_days: sum(rows, (r) => r.stockout_days),
      above_max_days: sum(rows, (r) => r.above_max_days),
      stock_value_days: sum(rows, (r) => r.stock_value_days),
      close_value: sum(rows, (r) => r.close_value),
      close_above_max_value: sum(rows, (r) => r.close_above_max_value),
      dead_close_value: sum(rows.filter(isDead), (r) => r.close_value),
      dead_close_agreements: rows.filter(isDead).length,
      consumption_value: sum(rows, (r) => r.consumption_value),
    }));
}

describe("compliance rollups", () => {
  it("level 1 equals a direct computation from random daily facts, by the rebuild and by the triggers (insert, update, delete) alike", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const world = await createWorld(s.deadDays);
        const bands = [...INITIAL_BANDS];
        for (const change of s.bandChanges) {
          const same = bands.findIndex((b) => b.agreement === change.agreement && b.fromDay === change.fromDay);
          if (same >= 0) bands[same] = change;
          else bands.push(change);
        }
        await writeBandHistory(world, bands);
        await writeFacts(world, s.facts, s.batches);
        const facts = await reviseFacts(world, s.facts, s.removed, s.raised);
        const expected = directLevel1(world, facts, bands);
        const byTriggers = await readLevel1(world.tenantId);
        expect(byTriggers).toEqual(expected);
        const level2ByTriggers = await readLevel2(world.tenantId);

        await rebuild(world);
        expect(await readLevel1(world.tenantId)).toEqual(expected);
        const level2 = await readLevel2(world.tenantId);
        expect(level2).toEqual(level2ByTriggers);
        expect(level2.map((row) => ({ ...row, agreements: Number(row.agreements) }))).toEqual(
          directLevel2(world, expected, s.deadDays),
        );
      }),
      { numRuns: 25 },
    );
  });

  it("a band change counts from the tenant's today: yesterday keeps the band it had", async () => {
    const world = await createWorld(180);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = isoDate(dayNumber(today) - 1);
    const key = {
      tenantId: world.tenantId,
      itemId: world.itemIds[0],
      locationId: world.siteId,
      supplierId: world.supplierIds[0],
    };
    await insertFacts(
      db,
      key,
      [yesterday, today].map((day) => ({ day, onHand: 5 })),
    );
    const totals = async () => {
      const rows = await readLevel1(world.tenantId);
      return { inBand: rows.reduce((n, r) => n + r.in_band_days, 0), belowMin: rows.reduce((n, r) => n + r.below_min_days, 0) };
    };
    expect(await totals()).toEqual({ inBand: 0, belowMin: 2 });

    // The buyer lowers the band of agreement 0 (10–40) to 0–40 today.
    await withTenant(db, { tenantId: world.tenantId, supplierId: null, userId: null }, (tx) =>
      tx
        .update(schema.agreements)
        .set({ minQty: 0 })
        .where(sql`id = ${world.agreementIds[0]}`),
    );
    expect(await totals()).toEqual({ inBand: 1, belowMin: 1 });
    const history = rowsOf<{ valid_from: string; valid_to: string; min_qty: string }>(
      await db.execute(sql`
      select valid_from::text, valid_to::text, min_qty::text from agreement_bands
      where agreement_id = ${world.agreementIds[0]} order by valid_from`),
    );
    expect(history.map((b) => [b.valid_from, b.valid_to, Number(b.min_qty)])).toEqual([
      ["-infinity", today, 10],
      [today, "infinity", 0],
    ]);

    // A rebuild gives the same: history, not today's band, judges yesterday.
    await rebuild(world);
    expect(await totals()).toEqual({ inBand: 1, belowMin: 1 });
  });

  it("the app role reads the rollups of its own scope and cannot write them", async () => {
    const world = await createWorld(180);
    await writeFacts(
      world,
      [
        { agreement: 0, day: 1, onHand: 5, qty: 1 },
        { agreement: 2, day: 1, onHand: 5, qty: 1 },
      ],
      1,
    );
    const supplierScope = { tenantId: world.tenantId, supplierId: world.supplierIds[1], userId: null };
    const seen = await withTenant(db, supplierScope, async (tx) =>
      rowsOf<{ agreement_id: string }>(await tx.execute(sql`select agreement_id from agreement_week_rollups`)),
    );
    expect(seen.map((row) => row.agreement_id)).toEqual([world.agreementIds[2]]);
    expect(
      await failure(
        withTenant(db, { tenantId: world.tenantId, supplierId: null, userId: null }, (tx) =>
          tx.execute(sql`update agreement_week_rollups set in_band_days = 7`),
        ),
      ),
    ).toMatch(/permission denied for table agreement_week_rollups/);
    expect(
      await failure(
        withTenant(db, supplierScope, (tx) =>
          tx.execute(sql`select rebuild_agreement_week_rollups(${`{${world.agreementIds[0]}}`}::uuid[])`),
        ),
      ),
    ).toMatch(/needs the buyer side of a tenant/);
    // The refresh functions take any tenant: the app role may not call them at all.
    expect(
      await failure(
        withTenant(db, { tenantId: world.tenantId, supplierId: null, userId: null }, (tx) =>
          tx.execute(
            sql`select refresh_agreement_week_rollups(${world.tenantId}::uuid, ${`{${world.agreementIds[0]}}`}::uuid[], '{-infinity}'::date[])`,
          ),
        ),
      ),
    ).toMatch(/permission denied for function refresh_agreement_week_rollups/);
  });

  it("the class history keeps a row per change of class; a later computation of the same day replaces it", async () => {
    const world = await createWorld(180);
    const scope = { tenantId: world.tenantId, supplierId: null, userId: null };
    const a = { agreementId: world.agreementIds[0], supplierId: world.supplierIds[0] };
    const record = (day: string, abc: string, xyz: string) =>
      withTenant(db, scope, (tx) => recordClassHistory(tx, scope, day, [{ ...a, abc, xyz }]));
    const history = async () =>
      rowsOf<{ valid_from: string; cell: string }>(
        await db.execute(sql`
        select valid_from::text, abc || xyz as cell from agreement_class_history
        where tenant_id = ${world.tenantId} order by valid_from`),
      ).map((r) => `${r.valid_from} ${r.cell}`);
    expect(await record("2026-01-05", "A", "X")).toBe(1);
    expect(await record("2026-01-12", "A", "X")).toBe(0);
    expect(await record("2026-01-19", "B", "Y")).toBe(1);
    expect(await history()).toEqual(["2026-01-05 AX", "2026-01-19 BY"]);
    // Computed again the same day, the class is back to AX: no change is left on that day.
    expect(await record("2026-01-19", "A", "X")).toBe(0);
    expect(await history()).toEqual(["2026-01-05 AX"]);
    // An earlier day computed later (the backfill after a seed) compares with its own predecessor.
    expect(await record("2025-12-29", "C", "Z")).toBe(1);
    expect(await history()).toEqual(["2025-12-29 CZ", "2026-01-05 AX"]);
  });

  it("the database's percentile_cont is the core's percentile (the decision times' median and p90)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 2_000, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0, 0.5, 0.9, 1),
        async (hours, p) => {
          const [row] = rowsOf<{ q: number }>(
            await db.execute(sql`
            select percentile_cont(${p}::float8) within group (order by h) as q
            from unnest(${`{${hours.join(",")}}`}::float8[]) as h`),
          );
          expect(Number(row.q)).toBeCloseTo(percentile(hours, p), 9);
        },
      ),
      { numRuns: 40 },
    );
  });
});
