import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { schema } from "@db/client";
import { recomputeAgreements } from "~/services/metrics/recompute-agreements.server";
import { RECOMPUTE_AUDIT_ACTION, recomputeTenant } from "~/services/metrics/recompute.server";
import { createAgreement, createLocation, createSupplier, createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The incremental recompute must store what the whole-tenant recompute stores for the same facts
 * and clock: after an import-like change (more consumption for two agreements, one of which lifts
 * its item to the top of the ABC ranking and pushes untouched agreements across class boundaries;
 * new terms; a suspension), the metrics, class history and compliance rollups it leaves are
 * compared column by column with those of recomputeTenant run right after it on the same state.
 */

// The tenant runs on UTC: at both instants its yesterday, the as-of day, is 2026-03-15.
const EARLIER = new Date("2026-03-16T01:00:00Z");
const NOW = new Date("2026-03-16T09:00:00Z");
const AS_OF = "2026-03-15";
const DAYS = 200;
/** Daily demand per item: a long tail, so that a big change moves several classes. */
const BASE = [40, 28, 20, 14, 10, 8, 6, 5, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 0];
/** The item that jumps to the top, the one whose demand grows a little, the one with new terms, the suspended one. */
const JUMP = 17;
const GROW = 1;
const TERMS = 9;
const SUSPEND = 18;

let handle: DatabaseHandle;
let tenantId: string;
let l1: string;
/** Agreement at L1 by item index. */
const atL1: string[] = [];
/** The second site's agreement for item GROW, which nobody touches. */
let growAtL2: string;

type MetricsRow = typeof schema.agreementMetrics.$inferSelect;

async function metrics(): Promise<Map<string, MetricsRow>> {
  const rows = await handle.db.select().from(schema.agreementMetrics).where(eq(schema.agreementMetrics.tenantId, tenantId));
  return new Map(rows.map((row) => [row.agreementId, row]));
}

/** Everything the recompute derives, computed_at left out, in a stable order. */
async function derived() {
  const byAgreement = [...(await metrics()).values()]
    .map(({ computedAt: _computedAt, ...rest }) => rest)
    .sort((a, b) => a.agreementId.localeCompare(b.agreementId));
  const h = schema.agreementClassHistory;
  const history = await handle.db.select().from(h).where(eq(h.tenantId, tenantId)).orderBy(asc(h.agreementId), asc(h.validFrom));
  const s = schema.segmentWeekRollups;
  const segments = await handle.db
    .select()
    .from(s)
    .where(eq(s.tenantId, tenantId))
    .orderBy(asc(s.weekStart), asc(s.supplierId), asc(s.abc), asc(s.xyz));
  const w = schema.agreementWeekRollups;
  const weeks = await handle.db.select().from(w).where(eq(w.tenantId, tenantId)).orderBy(asc(w.agreementId), asc(w.weekStart));
  return { metrics: byAgreement, history, segments, weeks };
}

async function auditAfters(): Promise<Record<string, unknown>[]> {
  const a = schema.auditEvents;
  const rows = await handle.db
    .select({ after: a.after })
    .from(a)
    .where(and(eq(a.tenantId, tenantId), eq(a.action, RECOMPUTE_AUDIT_ACTION)))
    .orderBy(asc(a.occurredAt));
  return rows.map((row) => row.after as Record<string, unknown>);
}

/** Adds `extra` to each of the last `days` days of consumption of an item at a site. */
async function consumeMore(itemId: string, locationId: string, extra: number, days: number) {
  await handle.db.execute(sql`
    update consumption set qty = qty + ${extra}
    where tenant_id = ${tenantId} and item_id = ${itemId} and location_id = ${locationId}
      and day > ${AS_OF}::date - ${days}::int and day <= ${AS_OF}::date`);
}

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  ({ id: tenantId } = await createTenant(db, { slugPrefix: "incremental", timezone: "UTC" }));
  const s1 = await createSupplier(db, { tenantId, code: "S1" });
  const s2 = await createSupplier(db, { tenantId, code: "S2" });
  l1 = await createLocation(db, { tenantId, code: "L1" });
  const l2 = await createLocation(db, { tenantId, code: "L2" });
  const itemIds: string[] = [];
  for (const [k, base] of BASE.entries()) {
    const created = await createAgreement(db, {
      tenantId,
      supplierId: k % 2 === 0 ? s1 : s2,
      locationId: l1,
      item: { sku: `SKU-${String(k).padStart(2, "0")}`, unitCost: 1 + (k % 3) },
      terms: { minQty: 5, maxQty: 50, leadTimeDays: 7, leadTimeSdDays: k % 3, moq: k % 4, packSize: 1 + (k % 2) },
      // Uneven demand (four levels in turn), so that the classes differ in XYZ as well.
      history: {
        today: "2026-03-16",
        days: DAYS,
        onHand: (i) => 20 + ((i * 7 + k) % 30),
        consumed: (i) => base * (1 + ((i * 3 + k) % 4) / 4),
      },
    });
    atL1.push(created.id);
    itemIds.push(created.itemId);
  }
  growAtL2 = (
    await createAgreement(db, {
      tenantId,
      supplierId: s2,
      locationId: l2,
      item: { itemId: itemIds[GROW] },
      terms: { minQty: 0, maxQty: 30, leadTimeDays: 10 },
      history: { today: "2026-03-16", days: DAYS, onHand: 12, consumed: (i) => 3 + (i % 5) },
    })
  ).id;
  await recomputeTenant(db, tenantId, { now: EARLIER, trigger: "cli" });

  // What an import would have written: facts of two agreements, one's terms, another's status.
  await consumeMore(itemIds[JUMP], l1, 400, 30);
  await consumeMore(itemIds[GROW], l1, 10, 30);
  await db.update(schema.agreements).set({ leadTimeDays: 21 }).where(eq(schema.agreements.id, atL1[TERMS]));
  await db.update(schema.agreements).set({ status: "suspended" }).where(eq(schema.agreements.id, atL1[SUSPEND]));
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("recomputeAgreements after an import", () => {
  let before: Map<string, MetricsRow>;
  let after: Map<string, MetricsRow>;
  let result: Awaited<ReturnType<typeof recomputeAgreements>>;
  let incremental: Awaited<ReturnType<typeof derived>>;

  beforeAll(async () => {
    before = await metrics();
    const changed = [atL1[JUMP], atL1[GROW], atL1[TERMS], atL1[SUSPEND]];
    result = await recomputeAgreements(handle.db, tenantId, changed, { now: NOW, trigger: "on-demand" });
    after = await metrics();
    incremental = await derived();
  });

  it("computes only the changed agreements and those whose class moved", () => {
    expect(result).toMatchObject({ scope: "agreements", asOf: AS_OF, deleted: 1 });
    const moved = [...after.values()].filter(
      (row) => ![atL1[JUMP], atL1[GROW], atL1[TERMS]].includes(row.agreementId) && row.abc !== before.get(row.agreementId)!.abc,
    );
    // The jump pushes untouched agreements across a boundary (A→B and B→C on these figures).
    expect(moved.length).toBeGreaterThan(0);
    expect(result!.agreements).toBe(3 + moved.length);
    expect(result!.agreements).toBeLessThan(after.size);
    expect(after.get(atL1[JUMP])!.abc).toBe("A");
    expect(after.has(atL1[SUSPEND])).toBe(false);
    // Untouched rows keep the earlier run's stamp; rewritten or re-ranked ones get this run's.
    const stamped = [...after.values()].filter((row) => row.computedAt.getTime() === NOW.getTime());
    expect(stamped.length).toBe(result!.agreements + result!.reranked);
    expect(stamped.length).toBeLessThan(after.size);
  });

  it("only re-ranks an untouched agreement whose item's value moved within its class", () => {
    const old = before.get(growAtL2)!;
    const now = after.get(growAtL2)!;
    expect(now.abc).toBe(old.abc);
    expect(now.annualValue).toBeGreaterThan(old.annualValue);
    expect(now.computedAt.getTime()).toBe(NOW.getTime());
    const { annualValue: _v, abcRank: _r, computedAt: _c, ...rest } = now;
    const { annualValue: _ov, abcRank: _or, computedAt: _oc, ...oldRest } = old;
    expect(rest).toEqual(oldRest);
    expect(result!.reranked).toBeGreaterThan(0);
  });

  it("writes one audit row that says it covered some agreements", async () => {
    const audits = await auditAfters();
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({
      asOf: AS_OF,
      agreements: result!.agreements,
      reranked: result!.reranked,
      deleted: 1,
      trigger: "on-demand",
      scope: "agreements",
    });
  });

  it("leaves what the whole recompute leaves, column by column", async () => {
    const whole = await recomputeTenant(handle.db, tenantId, { now: NOW, trigger: "cli" });
    expect(whole.agreements).toBe(after.size);
    const full = await derived();
    expect(incremental.metrics).toEqual(full.metrics);
    expect(incremental.history).toEqual(full.history);
    expect(incremental.segments).toEqual(full.segments);
    expect(incremental.weeks).toEqual(full.weeks);
    // The class history did record the moves, for changed and untouched agreements alike.
    expect(full.history.filter((row) => row.validFrom === AS_OF).length).toBeGreaterThan(0);
  });
});

describe("recomputeAgreements falls back or does nothing", () => {
  it("does nothing for no agreements", async () => {
    const audits = (await auditAfters()).length;
    expect(await recomputeAgreements(handle.db, tenantId, [], { now: NOW })).toBeNull();
    expect(await auditAfters()).toHaveLength(audits);
  });

  it("recomputes the whole tenant for more than half of its agreements", async () => {
    const many = atL1.filter((_, k) => k !== SUSPEND).slice(0, 11);
    const result = await recomputeAgreements(handle.db, tenantId, many, { now: NOW });
    expect(result).toMatchObject({ scope: "tenant", agreements: 20 });
    expect((await auditAfters()).at(-1)).not.toHaveProperty("scope");
  });

  it("recomputes the whole tenant once the day has turned (every row is as of the day before)", async () => {
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    const result = await recomputeAgreements(handle.db, tenantId, [atL1[0]], { now: tomorrow });
    expect(result).toMatchObject({ scope: "tenant", asOf: "2026-03-16", agreements: 20 });
  });

  it("ignores ids that are not the tenant's agreements", async () => {
    const stranger = "00000000-0000-4000-8000-000000000000";
    const result = await recomputeAgreements(handle.db, tenantId, [stranger], { now: new Date(NOW.getTime() + 86_400_000) });
    expect(result).toMatchObject({ scope: "agreements", agreements: 0, reranked: 0, deleted: 0 });
  });
});
