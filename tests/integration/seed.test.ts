import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { schema } from "@db/client";
import { withTenant } from "@db/scope";
import {
  DEMO_PASSWORD,
  type DemoDataset,
  type SeedSummary,
  buildDemo,
  demandPatterns,
  isDatabaseEmpty,
  resetDatabase,
  seedDemo,
  seedDemoIfEmpty,
} from "@db/seed";
import { verifyPassword } from "~/services/auth/password.server";
import { openTestDatabase } from "../support/test-database";
import { rowsOf } from "@db/rows";

const TODAY = "2026-03-15";
const FIRST_DAY = "2024-03-15"; // 730 days before TODAY
const LAST_DAY = "2026-03-14";

async function query<T>(handle: DatabaseHandle, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await handle.db.execute(statement));
}

interface Seeded {
  handle: DatabaseHandle;
  suffix: string;
  summary: SeedSummary;
  dataset: DemoDataset;
  acmeId: string;
  globexId: string;
}

let first: Seeded;
let second: Seeded;
/** Under test:pg every test file shares one server database: seed copies under unique slugs. */
let shared = false;

async function seed(handle: DatabaseHandle, suffix: string, onlyIfEmpty = false): Promise<Seeded> {
  const options = { today: TODAY, slugSuffix: suffix };
  const summary = onlyIfEmpty ? await seedDemoIfEmpty(handle, options) : await seedDemo(handle, options);
  if (!summary) throw new Error("seedDemoIfEmpty skipped a fresh database");
  const dataset = buildDemo({ today: TODAY, slugSuffix: suffix });
  const ids = await query<{ slug: string; id: string }>(
    handle,
    sql`select slug, id from tenants where slug in (${`acme${suffix}`}, ${`globex${suffix}`})`,
  );
  const idOf = (slug: string) => ids.find((row) => row.slug === slug)!.id;
  return { handle, suffix, summary, dataset, acmeId: idOf(`acme${suffix}`), globexId: idOf(`globex${suffix}`) };
}

beforeAll(async () => {
  const a = await openTestDatabase();
  const b = await openTestDatabase();
  shared = a.kind === "postgres";
  // Fresh PGlite databases take the demo as it ships; a shared server gets two tagged copies.
  const tag = () => (shared ? `-${randomUUID().slice(0, 8)}` : "");
  first = await seed(a, tag());
  // On a fresh database the second copy goes through seedDemoIfEmpty, which must seed it.
  second = await seed(b, tag(), !shared);
}, 120_000);

afterAll(async () => {
  await first?.handle.close();
  await second?.handle.close();
});

/**
 * md5 over every seeded row in a fixed order. Rows are named by natural keys (slug without the
 * copy's tag, SKU, site and supplier codes, email) so that two tagged copies compare; on fresh
 * databases (`withIds`) the ids and tenant ids are part of the fingerprint as well.
 */
const fingerprintCache = new Map<Seeded, Promise<Record<string, string>>>();
function fingerprintsOnce(seeded: Seeded) {
  if (!fingerprintCache.has(seeded)) fingerprintCache.set(seeded, fingerprints(seeded, !shared));
  return fingerprintCache.get(seeded)!;
}

async function fingerprints(seeded: Seeded, withIds: boolean) {
  const { handle, suffix, acmeId, globexId } = seeded;
  const tenantIds = sql`(${acmeId}::uuid, ${globexId}::uuid)`;
  const id = (column: string) => (withIds ? sql.raw(`${column}::text`) : sql`''`);
  const untag = (column: string) => sql`replace(${sql.raw(column)}, ${suffix}, '')`;
  const slug = sql`left(t.slug, length(t.slug) - ${suffix.length})`;
  const statements = {
    tenants: sql`select md5(string_agg(concat_ws('|', ${id("t.id")}, ${slug}, t.name, t.currency, t.timezone, t.settings::text, t.created_at::text), ',' order by t.slug)) as fp
      from tenants t where t.id in ${tenantIds}`,
    users: sql`select md5(string_agg(concat_ws('|', ${id("u.id")}, ${untag("u.email")}, u.name, coalesce(u.locale, '-'), u.password_changed_at::text, u.created_at::text), ',' order by u.email)) as fp
      from users u where u.id in (select user_id from memberships where tenant_id in ${tenantIds})`,
    memberships: sql`select md5(string_agg(concat_ws('|', ${id("m.id")}, ${slug}, ${untag("u.email")}, m.role, coalesce(s.code, '-'), m.created_at::text), ',' order by t.slug, u.email)) as fp
      from memberships m join tenants t on t.id = m.tenant_id join users u on u.id = m.user_id
      left join suppliers s on s.tenant_id = m.tenant_id and s.id = m.supplier_id where m.tenant_id in ${tenantIds}`,
    suppliers: sql`select md5(string_agg(concat_ws('|', ${id("s.id")}, ${slug}, s.code, s.name, s.created_at::text), ',' order by t.slug, s.code)) as fp
      from suppliers s join tenants t on t.id = s.tenant_id where s.tenant_id in ${tenantIds}`,
    locations: sql`select md5(string_agg(concat_ws('|', ${id("l.id")}, ${slug}, l.code, l.name, l.created_at::text), ',' order by t.slug, l.code)) as fp
      from locations l join tenants t on t.id = l.tenant_id where l.tenant_id in ${tenantIds}`,
    items: sql`select md5(string_agg(concat_ws('|', ${id("i.id")}, ${slug}, i.sku, i.name, i.uom, i.unit_cost::text, coalesce(i.category, '-'), i.created_at::text), ',' order by t.slug, i.sku)) as fp
      from items i join tenants t on t.id = i.tenant_id where i.tenant_id in ${tenantIds}`,
    agreements: sql`select md5(string_agg(concat_ws('|', ${id("a.id")}, ${slug}, s.code, i.sku, l.code, a.min_qty::text, a.max_qty::text,
        a.lead_time_days::text, a.lead_time_sd_days::text, a.moq::text, a.pack_size::text, a.review_period_days::text, a.status, a.version::text,
        a.created_at::text, a.updated_at::text), ',' order by t.slug, i.sku, l.code)) as fp
      from agreements a join tenants t on t.id = a.tenant_id
      join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id where a.tenant_id in ${tenantIds}`,
    // Fresh databases compare the facts by id, which spares the joins over half a million rows.
    facts: withIds
      ? sql`select md5(string_agg(concat_ws('|', c.tenant_id::text, c.item_id::text, c.location_id::text, c.supplier_id::text, c.day::text, c.qty::text, st.supplier_id::text, st.on_hand::text), ','
            order by c.tenant_id, c.item_id, c.location_id, c.day)) as fp
          from consumption c join stock_snapshots st using (tenant_id, item_id, location_id, day) where c.tenant_id in ${tenantIds}`
      : sql`select md5(string_agg(concat_ws('|', ${slug}, i.sku, l.code, s.code, c.day::text, c.qty::text, st.on_hand::text, (st.supplier_id = c.supplier_id)::text), ','
            order by t.slug, i.sku, l.code, c.day)) as fp
          from consumption c join stock_snapshots st using (tenant_id, item_id, location_id, day)
          join tenants t on t.id = c.tenant_id
          join suppliers s on s.tenant_id = c.tenant_id and s.id = c.supplier_id
          join items i on i.tenant_id = c.tenant_id and i.id = c.item_id
          join locations l on l.tenant_id = c.tenant_id and l.id = c.location_id where c.tenant_id in ${tenantIds}`,
  };
  const result: Record<string, string> = {};
  for (const [table, statement] of Object.entries(statements)) {
    const [row] = await query<{ fp: string | null }>(handle, statement);
    result[table] = row.fp ?? "(none)";
  }
  return result;
}

describe("demo seed", () => {
  it("builds the same data, down to every id and quantity, for the same day", () => {
    const digest = (dataset: DemoDataset) =>
      JSON.stringify(dataset, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value));
    expect(digest(buildDemo({ today: TODAY }))).toBe(digest(buildDemo({ today: TODAY })));
    expect(buildDemo({ today: TODAY }).agreements[0].id).toBe(buildDemo({ today: TODAY }).agreements[0].id);
    expect(digest(buildDemo({ today: "2026-03-16" }))).not.toBe(digest(buildDemo({ today: TODAY })));
  });

  it("writes identical rows when seeded twice with the same day", async () => {
    const a = await fingerprintsOnce(first);
    const b = await fingerprintsOnce(second);
    expect(a).toEqual(b);
    for (const value of Object.values(a)) expect(value).toMatch(/^[0-9a-f]{32}$/);
  });

  it("reports what it wrote, fast", () => {
    const { counts, durationMs } = first.summary;
    expect(counts).toEqual({
      tenants: 2,
      users: 7,
      memberships: 8,
      suppliers: 5,
      locations: 4,
      items: first.dataset.items.length,
      agreements: 348,
      consumption: 348 * 730,
      stockSnapshots: 348 * 730,
    });
    expect(first.summary.tenants[`acme${first.suffix}`].agreements).toBe(300);
    expect(first.summary).toMatchObject({ today: TODAY, firstDay: FIRST_DAY, lastDay: LAST_DAY });
    expect(durationMs).toBeLessThan(30_000);
  });

  it("creates the demo tenants, sites, suppliers and sign-ins of DOMAIN.md", async () => {
    const { handle, suffix, acmeId, globexId } = first;
    const tenantRows = await query<{ slug: string; name: string; currency: string; timezone: string }>(
      handle,
      sql`select slug, name, currency, timezone from tenants where id in (${acmeId}, ${globexId}) order by slug`,
    );
    expect(tenantRows).toEqual([
      { slug: `acme${suffix}`, name: "Acme Manufacturing", currency: "CNY", timezone: "Asia/Shanghai" },
      { slug: `globex${suffix}`, name: "Globex Retail", currency: expect.any(String), timezone: expect.any(String) },
    ]);

    const sites = await query<{ code: string; name: string }>(
      handle,
      sql`select code, name from locations where tenant_id = ${acmeId} order by code`,
    );
    expect(sites).toEqual([
      { code: "SH-01", name: "Shanghai plant" },
      { code: "SZ-02", name: "Shenzhen DC" },
    ]);

    const supplierRows = await query<{ tenant: string; code: string; name: string; prefixes: string }>(
      handle,
      sql`select case when s.tenant_id = ${acmeId} then 'acme' else 'globex' end as tenant, s.code, s.name,
            string_agg(distinct split_part(i.sku, '-', 1) || '-', ',') as prefixes
          from suppliers s
          join agreements a on a.tenant_id = s.tenant_id and a.supplier_id = s.id
          join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
          where s.tenant_id in (${acmeId}, ${globexId})
          group by 1, s.code, s.name order by 1, s.code`,
    );
    expect(supplierRows.filter((row) => row.tenant === "acme")).toEqual([
      { tenant: "acme", code: "contoso", name: "Contoso Packaging", prefixes: "CT-" },
      { tenant: "acme", code: "fabrikam", name: "Fabrikam Chemicals", prefixes: "FB-" },
      { tenant: "acme", code: "northwind", name: "Northwind Components", prefixes: "NW-" },
    ]);
    const globexSuppliers = supplierRows.filter((row) => row.tenant === "globex");
    expect(globexSuppliers.length).toBeGreaterThanOrEqual(2);
    expect(globexSuppliers).toContainEqual(
      expect.objectContaining({ code: "northwind", name: "Northwind Components", prefixes: "NW-" }),
    );

    const members = await query<{ email: string; name: string; tenant: string; role: string; supplier: string | null }>(
      handle,
      sql`select u.email, u.name, case when m.tenant_id = ${acmeId} then 'acme' else 'globex' end as tenant, m.role, s.code as supplier
          from memberships m join users u on u.id = m.user_id
          left join suppliers s on s.tenant_id = m.tenant_id and s.id = m.supplier_id
          where m.tenant_id in (${acmeId}, ${globexId}) order by u.email, tenant`,
    );
    const tagged = (email: string) => email.replace("@", `${suffix}@`);
    expect(members.map(({ name: _name, ...rest }) => rest)).toEqual(
      [
        { email: "admin@acme.example", tenant: "acme", role: "admin", supplier: null },
        { email: "buyer@acme.example", tenant: "acme", role: "buyer", supplier: null },
        { email: "buyer@globex.example", tenant: "globex", role: "buyer", supplier: null },
        { email: "manager@acme.example", tenant: "acme", role: "manager", supplier: null },
        { email: "supplier@contoso.example", tenant: "acme", role: "supplier", supplier: "contoso" },
        { email: "supplier@fabrikam.example", tenant: "acme", role: "supplier", supplier: "fabrikam" },
        { email: "supplier@northwind.example", tenant: "acme", role: "supplier", supplier: "northwind" },
        { email: "supplier@northwind.example", tenant: "globex", role: "supplier", supplier: "northwind" },
      ].map((row) => ({ ...row, email: tagged(row.email) })),
    );
    for (const member of members) expect(member.name).toMatch(/\S+ \S+/);

    const hashes = await query<{ password_hash: string }>(
      handle,
      sql`select distinct password_hash from users where id in (select user_id from memberships where tenant_id in (${acmeId}, ${globexId}))`,
    );
    expect(hashes).toHaveLength(1);
    expect(await verifyPassword(hashes[0].password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(hashes[0].password_hash, "wrong-password")).toBe(false);
  });

  it("keeps two years of daily facts for every agreement, carrying the agreement's supplier", async () => {
    const { handle, acmeId, globexId } = first;
    const [shape] = await query<{ agreements: number; rows: number; first_day: string; last_day: string; per_agreement: number; snapshots: number }>(
      handle,
      sql`select (select count(*)::int from agreements where tenant_id in (${acmeId}, ${globexId})) as agreements,
                 count(*)::int as rows, min(day)::text as first_day, max(day)::text as last_day,
                 (select count(*)::int from stock_snapshots where tenant_id in (${acmeId}, ${globexId})) as snapshots,
                 max(n)::int as per_agreement
          from (select day, count(*) over (partition by item_id, location_id) as n
                from consumption where tenant_id in (${acmeId}, ${globexId})) c`,
    );
    expect(shape).toEqual({
      agreements: 348,
      rows: 348 * 730,
      snapshots: 348 * 730,
      first_day: FIRST_DAY,
      last_day: LAST_DAY,
      per_agreement: 730,
    });
    const [orphans] = await query<{ consumption: number; stock: number }>(
      handle,
      sql`select
            (select count(*)::int from consumption c where c.tenant_id in (${acmeId}, ${globexId}) and not exists (
               select 1 from agreements a where a.tenant_id = c.tenant_id and a.item_id = c.item_id
                 and a.location_id = c.location_id and a.supplier_id = c.supplier_id)) as consumption,
            (select count(*)::int from stock_snapshots s where s.tenant_id in (${acmeId}, ${globexId}) and not exists (
               select 1 from agreements a where a.tenant_id = s.tenant_id and a.item_id = s.item_id
                 and a.location_id = s.location_id and a.supplier_id = s.supplier_id)) as stock`,
    );
    expect(orphans).toEqual({ consumption: 0, stock: 0 });
  });

  it("keeps stock consistent with consumption and receipts", async () => {
    const { handle, acmeId, globexId, dataset } = first;
    // received[t] = on_hand[t] − on_hand[t−1] + consumed[t] must never be negative.
    const rows = await query<{ item_id: string; location_id: string; negative_stock: number; negative_receipts: number; receipt_days: number; received: string }>(
      handle,
      sql`select item_id, location_id,
                 count(*) filter (where on_hand < 0)::int as negative_stock,
                 count(*) filter (where received < 0)::int as negative_receipts,
                 count(*) filter (where received > 0)::int as receipt_days,
                 coalesce(sum(received), 0)::text as received
          from (select s.item_id, s.location_id, s.on_hand,
                       s.on_hand - lag(s.on_hand) over w + c.qty as received
                from stock_snapshots s join consumption c using (tenant_id, item_id, location_id, day)
                where s.tenant_id in (${acmeId}, ${globexId})
                window w as (partition by s.tenant_id, s.item_id, s.location_id order by s.day)) f
          group by item_id, location_id`,
    );
    expect(rows).toHaveLength(348);
    expect(rows.filter((row) => row.negative_stock > 0 || row.negative_receipts > 0)).toEqual([]);
    // The receipts implied by the stored facts are exactly the simulated ones (day 1 onwards).
    const byKey = new Map(dataset.agreements.map((a) => [`${a.itemId}/${a.locationId}`, a]));
    for (const row of rows) {
      const agreement = byKey.get(`${row.item_id}/${row.location_id}`)!;
      const simulated = agreement.received.slice(1);
      expect(Number(row.received), `${agreement.sku} ${agreement.siteCode}`).toBe(simulated.reduce((sum, q) => sum + q, 0));
      expect(row.receipt_days).toBe(simulated.filter((q) => q > 0).length);
    }
    expect(rows.filter((row) => row.receipt_days > 0).length).toBeGreaterThan(300);
  });

  it("has every demand pattern, and the data shows each one", async () => {
    const { handle, acmeId, dataset, summary, suffix } = first;
    for (const pattern of demandPatterns) {
      expect(summary.tenants[`acme${suffix}`].patterns[pattern], pattern).toBeGreaterThan(0);
      expect(summary.tenants[`globex${suffix}`].patterns[pattern], pattern).toBeGreaterThan(0);
    }
    const stats = await query<{
      sku: string; site: string; days: number; demand_days: number; mean: number | null; sd: number | null;
      last_demand: string | null; first_half: number; second_half: number; monthly_max: number; monthly_min: number;
    }>(
      handle,
      sql`with c as (
            select i.sku, l.code as site, c.day, c.qty::float8 as qty
            from consumption c join items i on i.tenant_id = c.tenant_id and i.id = c.item_id
            join locations l on l.tenant_id = c.tenant_id and l.id = c.location_id where c.tenant_id = ${acmeId}
          ), monthly as (
            select sku, site, avg(qty) as mean from c group by sku, site, date_trunc('month', day)
          )
          select c.sku, c.site, count(*)::int as days, count(*) filter (where qty > 0)::int as demand_days,
                 avg(qty) filter (where qty > 0) as mean, stddev_pop(qty) filter (where qty > 0) as sd,
                 max(day) filter (where qty > 0)::text as last_demand,
                 coalesce(avg(qty) filter (where day < ${FIRST_DAY}::date + 183), 0) as first_half,
                 coalesce(avg(qty) filter (where day >= ${LAST_DAY}::date - 182), 0) as second_half,
                 (select max(mean) from monthly m where m.sku = c.sku and m.site = c.site) as monthly_max,
                 (select min(mean) from monthly m where m.sku = c.sku and m.site = c.site) as monthly_min
          from c group by c.sku, c.site`,
    );
    expect(stats).toHaveLength(300);
    const classify = (row: (typeof stats)[number]) => {
      if (row.demand_days === 0) return "none";
      const adi = row.days / row.demand_days;
      const cv2 = row.mean ? ((row.sd ?? 0) / row.mean) ** 2 : 0;
      if (adi < 1.32) return cv2 < 0.49 ? "smooth" : "erratic";
      return cv2 < 0.49 ? "intermittent" : "lumpy";
    };
    const share = (pattern: string, test: (row: (typeof stats)[number]) => boolean) => {
      const labelled = dataset.agreements.filter((a) => a.tenantId === acmeId && a.pattern === pattern);
      const matching = labelled.filter((a) => test(stats.find((row) => row.sku === a.sku && row.site === a.siteCode)!));
      return matching.length / labelled.length;
    };
    // Stockouts cut consumption short now and then, so most, not all, of each label must show.
    expect(share("smooth", (row) => classify(row) === "smooth")).toBeGreaterThanOrEqual(0.8);
    expect(share("erratic", (row) => classify(row) === "erratic")).toBeGreaterThanOrEqual(0.8);
    expect(share("intermittent", (row) => classify(row) === "intermittent")).toBeGreaterThanOrEqual(0.8);
    expect(share("lumpy", (row) => classify(row) === "lumpy")).toBeGreaterThanOrEqual(0.8);
    expect(share("seasonal", (row) => row.monthly_max > 1.8 * row.monthly_min)).toBeGreaterThanOrEqual(0.8);
    expect(
      share("trending", (row) => row.second_half > 1.4 * row.first_half || row.second_half < 0.7 * row.first_half),
    ).toBeGreaterThanOrEqual(0.8);
    // Dead: consumption once, none in the last 200 days.
    const lastAllowed = new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - 200 * 86_400_000).toISOString().slice(0, 10);
    expect(share("dead", (row) => row.last_demand !== null && row.last_demand <= lastAllowed)).toBe(1);
  });

  it("leaves today's stock in every status: stockout, below min, in band and above max", async () => {
    const { handle, acmeId, globexId, summary, suffix } = first;
    const rows = await query<{ tenant: string; status: string; n: number }>(
      handle,
      sql`select case when a.tenant_id = ${acmeId} then 'acme' else 'globex' end as tenant,
                 case when s.on_hand <= 0 then 'stockout' when s.on_hand < a.min_qty then 'belowMin'
                      when s.on_hand > a.max_qty then 'aboveMax' else 'inBand' end as status, count(*)::int as n
          from agreements a join stock_snapshots s on s.tenant_id = a.tenant_id and s.item_id = a.item_id
            and s.location_id = a.location_id and s.day = ${LAST_DAY}
          where a.tenant_id in (${acmeId}, ${globexId}) group by 1, 2`,
    );
    const mix = (tenant: string) =>
      Object.fromEntries(rows.filter((row) => row.tenant === tenant).map((row) => [row.status, row.n]));
    const acme = mix("acme");
    expect(acme).toEqual(summary.tenants[`acme${suffix}`].statusToday);
    expect(mix("globex")).toEqual(
      Object.fromEntries(Object.entries(summary.tenants[`globex${suffix}`].statusToday).filter(([, n]) => n > 0)),
    );
    for (const status of ["stockout", "belowMin", "inBand", "aboveMax"]) expect(acme[status], status).toBeGreaterThan(0);
    expect(acme.inBand).toBeGreaterThan(300 / 2);
  });

  it("lets a supplier see only its own agreements and facts (row-level security)", async () => {
    const { handle, acmeId } = first;
    const [northwind] = await query<{ id: string }>(
      handle,
      sql`select id from suppliers where tenant_id = ${acmeId} and code = 'northwind'`,
    );
    const seen = await withTenant(handle.db, { tenantId: acmeId, supplierId: northwind.id, userId: null }, async (tx) => {
      const skus = await tx.selectDistinct({ sku: schema.items.sku }).from(schema.items);
      const [facts] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(schema.stockSnapshots)
        .where(sql`${schema.stockSnapshots.supplierId} <> ${northwind.id}`);
      return { skus: skus.map((row) => row.sku), foreignFacts: facts.n };
    });
    expect(seen.skus.length).toBeGreaterThan(50);
    expect(seen.skus.every((sku) => sku.startsWith("NW-"))).toBe(true);
    expect(seen.foreignFacts).toBe(0);
  });

  it("seeds only an empty database, and can start over", async () => {
    expect(await isDatabaseEmpty(first.handle)).toBe(false);
    expect(await seedDemoIfEmpty(first.handle, { today: TODAY })).toBeNull();
    if (shared) {
      // Resetting would empty the server database that every other test file is using.
      console.info("seed test: resetDatabase is exercised on PGlite only (the server database is shared)");
      return;
    }
    const { handle } = second;
    // --reset: wipe and reseed in one transaction, over a seeded database; same rows again.
    const reseeded = await seedDemo(handle, { today: TODAY, reset: true });
    expect(reseeded.counts).toEqual(first.summary.counts);
    expect(await fingerprints(second, true)).toEqual(await fingerprintsOnce(first));

    await resetDatabase(handle);
    expect(await isDatabaseEmpty(handle)).toBe(true);
    const [counts] = await query<{ tenants: number; users: number; facts: number; migrations: number }>(
      handle,
      sql`select (select count(*)::int from tenants) as tenants, (select count(*)::int from users) as users,
                 (select count(*)::int from consumption) + (select count(*)::int from stock_snapshots) as facts,
                 (select count(*)::int from drizzle.__drizzle_migrations) as migrations`,
    );
    expect(counts).toMatchObject({ tenants: 0, users: 0, facts: 0 });
    expect(counts.migrations).toBeGreaterThan(0);
  }, 120_000);
});
