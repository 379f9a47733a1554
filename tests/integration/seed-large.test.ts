import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { HISTORY_DAYS } from "@db/seed/generate";
import { SCALE_SLUG, ScaleTenantExistsError, seedLarge } from "@db/seed/large";
import { recomputeAll } from "~/services/metrics/recompute.server";
import { openTestDatabase } from "../support/test-database";

/**
 * seed:large at a small shape (2 suppliers × 3 items × 2 sites): the same code path as the
 * 20,000 agreements of `npm run seed:large`, which writes through COPY into a PostgreSQL server
 * and so runs only under `npm run test:pg` (the embedded database has no COPY from a client).
 */
const url = inject("testDatabaseUrl");
const SHAPE = { suppliers: 2, sites: 2, itemsPerSupplier: 3 };
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: string }>(await handle.db.execute(query))[0].n);

describe.runIf(!!url)("seed:large", () => {
  it("writes the scale tenant by COPY, refuses to write it twice, replaces it when asked, and recomputes it", async () => {
    const result = await seedLarge(url, { shape: SHAPE });
    const agreements = SHAPE.suppliers * SHAPE.sites * SHAPE.itemsPerSupplier;
    expect(result.agreements).toBe(agreements);
    expect(result.factRows).toBe(agreements * HISTORY_DAYS * 2);
    const tenant = sql`(select id from tenants where slug = ${SCALE_SLUG})`;
    expect(await count(sql`select count(*) as n from stock_snapshots where tenant_id = ${tenant}`)).toBe(
      agreements * HISTORY_DAYS,
    );
    expect(await count(sql`select count(*) as n from consumption where tenant_id = ${tenant}`)).toBe(agreements * HISTORY_DAYS);
    expect(await count(sql`select count(*) as n from memberships where tenant_id = ${tenant} and role = 'supplier'`)).toBe(
      SHAPE.suppliers,
    );
    // Every fact names its agreement's supplier (the load skipped the per-row key checks).
    expect(
      await count(sql`
      select count(*) as n from stock_snapshots s join agreements a
        on a.tenant_id = s.tenant_id and a.item_id = s.item_id and a.location_id = s.location_id
      where s.tenant_id = ${tenant} and a.supplier_id is distinct from s.supplier_id`),
    ).toBe(0);

    // The replenishments behind the stock, as approved and received plans with unique numbers.
    const plans = await count(
      sql`select count(*) as n from replenishment_plans where tenant_id = ${tenant} and status = 'approved'`,
    );
    expect(plans).toBeGreaterThan(50);
    expect(await count(sql`select count(distinct number) as n from replenishment_plans where tenant_id = ${tenant}`)).toBe(plans);
    expect(await count(sql`select sum(last_number) as n from plan_counters where tenant_id = ${tenant}`)).toBe(plans);
    const lines = rowsOf<{ n: string; received: string; on_time: string; wrong_supplier: string }>(
      await handle.db.execute(sql`
      select count(*) as n, count(*) filter (where l.status = 'received' and l.received_qty > 0 and l.received_on is not null) as received,
             count(*) filter (where l.on_time) as on_time,
             count(*) filter (where a.supplier_id <> l.supplier_id or p.supplier_id <> l.supplier_id) as wrong_supplier
      from plan_lines l
      join agreements a on a.tenant_id = l.tenant_id and a.id = l.agreement_id
      join replenishment_plans p on p.tenant_id = l.tenant_id and p.id = l.plan_id
      where l.tenant_id = ${tenant}`),
    )[0];
    expect(Number(lines.n)).toBeGreaterThanOrEqual(plans);
    expect(Number(lines.received)).toBe(Number(lines.n));
    expect(Number(lines.on_time)).toBeGreaterThan(0);
    expect(Number(lines.wrong_supplier)).toBe(0);

    await expect(seedLarge(url, { shape: SHAPE })).rejects.toBeInstanceOf(ScaleTenantExistsError);
    await seedLarge(url, { shape: SHAPE, replace: true });
    expect(await count(sql`select count(*) as n from tenants where slug = ${SCALE_SLUG}`)).toBe(1);
    expect(await count(sql`select count(*) as n from stock_snapshots where tenant_id = ${tenant}`)).toBe(
      agreements * HISTORY_DAYS,
    );

    const [recomputed] = await recomputeAll(handle, { tenantSlug: SCALE_SLUG });
    expect(recomputed.agreements).toBe(agreements);
    // Level 1 holds every agreement-week of the two years; level 2 sums to the same days.
    const level1 = await count(sql`select sum(snapshot_days) as n from agreement_week_rollups where tenant_id = ${tenant}`);
    const level2 = await count(sql`select sum(snapshot_days) as n from segment_week_rollups where tenant_id = ${tenant}`);
    expect(level1).toBe(agreements * HISTORY_DAYS);
    expect(level2).toBe(level1);
  });
});
