import { sql } from "drizzle-orm";
import type { Database, Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import type { Abc, DemandPattern, Xyz } from "~/core";
import { parseTenantSettings, type TenantSettings } from "~/models/tenant-settings.server";
import { numeric, type NumericText } from "./sql.server";

/**
 * The queries of the metrics recompute (app/services/metrics): the facts it reads and the
 * `agreement_metrics` rows it writes. Every function takes a transaction opened by withTenant for
 * the buyer's side of one tenant (no supplier scope), and filters by tenant explicitly as well.
 */

/** First key of the recompute's advisory locks; the second is derived from the tenant id. */
export const METRICS_LOCK_CLASS = 7_461_101;

/**
 * The tenant id folded into a 32-bit integer (XOR of its four 32-bit words), the second key of
 * the tenant's advisory lock. Two tenants that collide merely wait for each other.
 */
export function metricsLockKey(tenantId: string): number {
  const hex = tenantId.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`not a uuid: ${tenantId}`);
  let key = 0;
  for (let i = 0; i < 32; i += 8) key ^= Number.parseInt(hex.slice(i, i + 8), 16) | 0;
  return key | 0;
}

/**
 * Takes the tenant's recompute lock for the rest of the transaction: waits for it when `wait`,
 * else returns false at once when another transaction holds it. Advisory-lock functions are
 * executable by PUBLIC, so the app role may call them.
 */
export async function lockTenantMetrics(tx: Tx, scope: TenantScope, wait: boolean): Promise<boolean> {
  const key = metricsLockKey(scope.tenantId);
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(${METRICS_LOCK_CLASS}::int4, ${key}::int4)`);
    return true;
  }
  const [row] = rowsOf<{ locked: boolean }>(
    await tx.execute(sql`select pg_try_advisory_xact_lock(${METRICS_LOCK_CLASS}::int4, ${key}::int4) as locked`),
  );
  return row?.locked === true;
}

export interface MetricsTenant {
  id: string;
  slug: string;
  timezone: string;
  settings: TenantSettings;
}

/** The scoped tenant with its time zone and validated settings. */
export async function getMetricsTenant(tx: Tx, scope: TenantScope): Promise<MetricsTenant> {
  const [row] = rowsOf<{ id: string; slug: string; timezone: string; settings: unknown }>(
    await tx.execute(sql`select id, slug, timezone, settings from tenants where id = ${scope.tenantId}`),
  );
  if (!row) throw new Error(`tenant ${scope.tenantId} is not visible in this scope`);
  const settings = typeof row.settings === "string" ? JSON.parse(row.settings) : row.settings;
  return { id: row.id, slug: row.slug, timezone: row.timezone, settings: parseTenantSettings(settings) };
}

/**
 * Where an agreement's seasonal profile came from: its own history, the same item at other sites,
 * or its item's category.
 */
export type SeasonSource = "own" | "item" | "category";

/** An active agreement with what the computation needs of it, its item and its stock. */
export interface MetricsAgreement {
  agreementId: string;
  supplierId: string;
  itemId: string;
  locationId: string;
  sku: string;
  /** The item's category; null when it has none. */
  category: string | null;
  unitCost: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
  /** The latest stock snapshot on or before as_of; null when there is none. */
  onHand: number | null;
  /**
   * The item-site's first fact on or before as_of (its first consumption or stock snapshot, as
   * text): the portal knows nothing of its demand before that day. Null when it has none.
   */
  historyStart: string | null;
}

/**
 * `and <column> = any(ids)` when only some agreements are wanted (an incremental recompute), else
 * nothing. An empty list selects none.
 */
function onlyAgreements(column: string, agreementIds: readonly string[] | undefined) {
  if (agreementIds === undefined) return sql``;
  return sql`and ${sql.raw(column)} = any(${`{${agreementIds.join(",")}}`}::uuid[])`;
}

/**
 * The first fact (consumption or stock snapshot) of agreement `a`'s item-site on or before
 * `asOf`, as text; null without any. Each is the first entry of a primary-key range.
 */
export function historyStartOf(asOf: string) {
  return sql`least(
    (select c.day from consumption c
     where c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id and c.day <= ${asOf}::date
     order by c.day limit 1),
    (select s.day from stock_snapshots s
     where s.tenant_id = a.tenant_id and s.item_id = a.item_id and s.location_id = a.location_id and s.day <= ${asOf}::date
     order by s.day limit 1))::text`;
}

/**
 * Active agreements of the tenant (all, or those among `agreementIds`), ordered by id, with
 * their latest on hand up to `asOf`.
 */
export async function listMetricsAgreements(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  agreementIds?: readonly string[],
): Promise<MetricsAgreement[]> {
  // float8 and integer columns come back as numbers from both drivers, uuids and text as strings.
  return rowsOf<MetricsAgreement>(
    await tx.execute(sql`
      select a.id as "agreementId", a.supplier_id as "supplierId", a.item_id as "itemId",
             a.location_id as "locationId", i.sku, i.category, i.unit_cost::float8 as "unitCost",
             a.lead_time_days::float8 as "leadTimeDays", a.lead_time_sd_days::float8 as "leadTimeSdDays",
             a.moq::float8 as moq, a.pack_size::float8 as "packSize", a.review_period_days as "reviewPeriodDays",
             st.on_hand as "onHand", ${historyStartOf(asOf)} as "historyStart"
      from agreements a
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      left join lateral (
        select s.on_hand::float8 as on_hand from stock_snapshots s
        where s.tenant_id = a.tenant_id and s.item_id = a.item_id and s.location_id = a.location_id
          and s.day <= ${asOf}::date
        order by s.day desc limit 1
      ) st on true
      where a.tenant_id = ${scope.tenantId} and a.status = 'active' ${onlyAgreements("a.id", agreementIds)}
      order by a.id`),
  );
}

/**
 * Weekly consumption of every active agreement (or of those among `agreementIds`): `weeks`
 * complete 7-day weeks ending at `asOf` (week 0 is the last, asOf − 6 … asOf). Days without a row
 * count 0, so a series is returned for every agreement, oldest week first. Each week is summed
 * exactly (numeric) by the database.
 *
 * Per agreement, the weeks come back as one text `week:qty,…` rather than one row per week:
 * PGlite spends more time handing over 30,000 rows than the database spends summing them. The
 * lateral sum per agreement reads the facts' primary key and needs no planner statistics.
 */
export async function weeklyDemand(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  weeks: number,
  agreementIds?: readonly string[],
): Promise<Map<string, Float64Array>> {
  const rows = rowsOf<{ agreement_id: string; weeks: string | null }>(
    await tx.execute(sql`
      select a.id as agreement_id, w.weeks
      from agreements a
      cross join lateral (
        select string_agg(week_back::text || ':' || qty::text, ',') as weeks
        from (
          select (${asOf}::date - c.day) / 7 as week_back, greatest(0, sum(c.qty))::float8 as qty
          from consumption c
          where c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
            and c.day > ${asOf}::date - ${weeks * 7}::int and c.day <= ${asOf}::date
          group by 1
        ) by_week
      ) w
      where a.tenant_id = ${scope.tenantId} and a.status = 'active' ${onlyAgreements("a.id", agreementIds)}`),
  );
  const series = new Map<string, Float64Array>();
  for (const row of rows) {
    const values = new Float64Array(weeks);
    if (row.weeks) {
      for (const pair of row.weeks.split(",")) {
        const colon = pair.indexOf(":");
        values[weeks - 1 - Number(pair.slice(0, colon))] = Number(pair.slice(colon + 1));
      }
    }
    series.set(row.agreement_id, values);
  }
  return series;
}

/**
 * An item's annual consumption value, for ABC across the tenant. Net consumption below zero (an
 * ERP's reversals and returns outweighing issues) counts as none, here and in the weekly series,
 * so that one odd row cannot stop the recompute of a whole tenant.
 */
export interface ItemAnnualValue {
  itemId: string;
  sku: string;
  /** Consumed quantity of the 365 days ending at as_of, at every site, × unit cost. */
  annualValue: number;
}

/**
 * Annual consumption value of every item of the tenant (with or without an agreement: ABC ranks
 * the buyer's whole range), computed exactly in numeric and returned as a double. A lateral sum
 * per item, so that the plan stays good without planner statistics (PGlite never gathers them).
 */
export async function itemAnnualValues(tx: Tx, scope: TenantScope, asOf: string): Promise<ItemAnnualValue[]> {
  const rows = rowsOf<{ item_id: string; sku: string; annual_value: number }>(
    await tx.execute(sql`
      select i.id as item_id, i.sku, greatest(0, coalesce(c.qty, 0) * i.unit_cost)::float8 as annual_value
      from items i
      left join lateral (
        select sum(c.qty) as qty from consumption c
        where c.tenant_id = i.tenant_id and c.item_id = i.id
          and c.day > ${asOf}::date - 365 and c.day <= ${asOf}::date
      ) c on true
      where i.tenant_id = ${scope.tenantId}
      order by i.sku`),
  );
  return rows.map((r) => ({ itemId: r.item_id, sku: r.sku, annualValue: r.annual_value }));
}

/** One `agreement_metrics` row as the recompute writes it (computed_at is set on write). */
export interface AgreementMetricsValues {
  agreementId: string;
  supplierId: string;
  asOf: string;
  annualValue: number;
  abc: Abc;
  abcRank: number;
  xyz: Xyz;
  cv: number | null;
  pattern: DemandPattern;
  adi: number | null;
  cv2: number | null;
  forecastMethod: string;
  forecastWeekly: number;
  forecastSdWeekly: number;
  forecastDaily: number;
  seasonSource: SeasonSource | null;
  seasonPeers: number | null;
  backtestMae: number | null;
  backtestWape: number | null;
  backtestBias: number | null;
  serviceLevel: number | null;
  safetyStock: number;
  recommendedMin: number;
  recommendedMax: number;
  eoq: number;
  daysOfCover: number | null;
  onHand: number | null;
}

/** Column of agreement_metrics → its type in the jsonb_to_recordset that feeds the upsert. */
const COLUMNS: ReadonlyArray<readonly [keyof AgreementMetricsValues, string, string]> = [
  ["agreementId", "agreement_id", "uuid"],
  ["supplierId", "supplier_id", "uuid"],
  ["asOf", "as_of", "text"],
  ["annualValue", "annual_value", "numeric"],
  ["abc", "abc", "text"],
  ["abcRank", "abc_rank", "integer"],
  ["xyz", "xyz", "text"],
  ["cv", "cv", "double precision"],
  ["pattern", "pattern", "text"],
  ["adi", "adi", "double precision"],
  ["cv2", "cv2", "double precision"],
  ["forecastMethod", "forecast_method", "text"],
  ["forecastWeekly", "forecast_weekly", "double precision"],
  ["forecastSdWeekly", "forecast_sd_weekly", "double precision"],
  ["forecastDaily", "forecast_daily", "double precision"],
  ["seasonSource", "season_source", "text"],
  ["seasonPeers", "season_peers", "integer"],
  ["backtestMae", "backtest_mae", "double precision"],
  ["backtestWape", "backtest_wape", "double precision"],
  ["backtestBias", "backtest_bias", "double precision"],
  ["serviceLevel", "service_level", "double precision"],
  ["safetyStock", "safety_stock", "numeric"],
  ["recommendedMin", "recommended_min", "numeric"],
  ["recommendedMax", "recommended_max", "numeric"],
  ["eoq", "eoq", "numeric"],
  ["daysOfCover", "days_of_cover", "double precision"],
  ["onHand", "on_hand", "numeric"],
];

/** Rows per statement: a few hundred kB of JSON. */
const UPSERT_CHUNK = 1000;

/**
 * Upserts the tenant's metrics (insert … select from jsonb_to_recordset(…) on conflict do update),
 * every row stamped `computedAt`, then deletes the metrics of agreements that are gone or no longer
 * active. Non-finite numbers must already be null (JSON has no Infinity). Returns the counts.
 */
export async function storeTenantMetrics(
  tx: Tx,
  scope: TenantScope,
  rows: readonly AgreementMetricsValues[],
  computedAt: Date,
): Promise<{ written: number; deleted: number }> {
  const names = sql.raw(COLUMNS.map(([, column]) => column).join(", "));
  const recordType = sql.raw(COLUMNS.map(([, column, type]) => `${column} ${type}`).join(", "));
  const updates = sql.raw(
    COLUMNS.filter(([key]) => key !== "agreementId")
      .map(([, column]) => `${column} = excluded.${column}`)
      .concat("computed_at = excluded.computed_at")
      .join(", "),
  );
  const at = computedAt.toISOString();
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const json = JSON.stringify(
      rows.slice(i, i + UPSERT_CHUNK).map((row) => {
        const record: Record<string, unknown> = {};
        for (const [key, column] of COLUMNS) record[column] = row[key];
        return record;
      }),
    );
    await tx.execute(sql`
      insert into agreement_metrics (tenant_id, ${names}, computed_at)
      select ${scope.tenantId}::uuid, ${names}, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as r(${recordType})
      on conflict (tenant_id, agreement_id) do update set ${updates}`);
  }
  const deleted = rowsOf<{ agreement_id: string }>(
    await tx.execute(sql`
      delete from agreement_metrics m
      where m.tenant_id = ${scope.tenantId}
        and not exists (
          select 1 from agreements a
          where a.tenant_id = m.tenant_id and a.id = m.agreement_id and a.status = 'active')
      returning m.agreement_id`),
  );
  return { written: rows.length, deleted: deleted.length };
}

/** What the scheduler needs to decide whether the tenant's metrics are due. */
export interface MetricsFreshness {
  /** The latest computed_at of the tenant's metrics; null when it has none. */
  lastComputedAt: Date | null;
  activeAgreements: number;
  /** Active agreements without metrics (new since the last run). */
  missing: number;
  /** Metrics of agreements that are no longer active. */
  orphaned: number;
}

/** The freshness counts are bigint (text from the drivers); last_ms is a float8 (a number). */
interface FreshnessRow {
  last_ms: number | null;
  active: NumericText;
  missing: NumericText;
  orphaned: NumericText;
}

export async function getMetricsFreshness(tx: Tx, scope: TenantScope): Promise<MetricsFreshness> {
  const [row] = rowsOf<FreshnessRow>(
    await tx.execute(sql`
      select
        (select (extract(epoch from max(computed_at)) * 1000)::float8 from agreement_metrics
          where tenant_id = ${scope.tenantId}) as last_ms,
        (select count(*) from agreements where tenant_id = ${scope.tenantId} and status = 'active') as active,
        (select count(*) from agreements a where a.tenant_id = ${scope.tenantId} and a.status = 'active'
          and not exists (select 1 from agreement_metrics m where m.tenant_id = a.tenant_id and m.agreement_id = a.id)) as missing,
        (select count(*) from agreement_metrics m join agreements a on a.tenant_id = m.tenant_id and a.id = m.agreement_id
          where m.tenant_id = ${scope.tenantId} and a.status <> 'active') as orphaned`),
  );
  const lastMs = row?.last_ms;
  return {
    lastComputedAt: lastMs === null || lastMs === undefined ? null : new Date(Math.round(lastMs)),
    activeAgreements: numeric(row?.active ?? 0),
    missing: numeric(row?.missing ?? 0),
    orphaned: numeric(row?.orphaned ?? 0),
  };
}

/** A tenant as system work sees it (id, slug, time zone). */
export interface TenantRef {
  id: string;
  slug: string;
  timezone: string;
}

/**
 * Every tenant, by slug. System work (the nightly recompute, the CLI), not a request: it runs as
 * the connecting user outside any tenant scope, which the README requires to be the schema's
 * owner with BYPASSRLS (or a superuser), as the migrations and the seed do. Optionally one slug.
 */
export async function listTenantsAsOwner(db: Database, slug?: string): Promise<TenantRef[]> {
  const filter = slug === undefined ? sql`` : sql`where slug = ${slug}`;
  return rowsOf<TenantRef>(await db.execute(sql`select id, slug, timezone from tenants ${filter} order by slug`));
}

/**
 * The tenant's agreement ids (or those of `agreementIds` that are the tenant's), whatever their
 * status, in a stable order (the rollup rebuild splits them in chunks).
 */
export async function listAgreementIds(tx: Tx, scope: TenantScope, agreementIds?: readonly string[]): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(
      sql`select id from agreements where tenant_id = ${scope.tenantId} ${onlyAgreements("id", agreementIds)} order by id`,
    ),
  );
  return rows.map((row) => row.id);
}

/**
 * Rebuilds level 1 of the compliance rollups (docs/decisions/015) for these agreements of the
 * transaction's tenant from the daily facts. SECURITY DEFINER functions write the rollups: the app
 * role only reads them. Several transactions may rebuild disjoint chunks side by side.
 */
export async function rebuildAgreementWeekRollups(tx: Tx, agreementIds: readonly string[]): Promise<void> {
  if (agreementIds.length === 0) return;
  await tx.execute(sql`select rebuild_agreement_week_rollups(${`{${agreementIds.join(",")}}`}::uuid[])`);
}

/** Rebuilds level 2 from level 1 with the classes stored in this transaction. */
export async function rebuildSegmentWeekRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`select rebuild_segment_week_rollups()`);
}

export interface ClassOf {
  agreementId: string;
  supplierId: string;
  abc: string;
  xyz: string;
}

/**
 * Records the classes computed as of `asOf` in the class history, for the agreements whose class
 * differs from the one in force just before that day (or that have none). A computation replaces
 * what an earlier one of the same day recorded, so a class that came back leaves no row behind.
 * Computations for earlier days may come later (the demo's backfill): each row compares with its
 * predecessor.
 */
export async function recordClassHistory(tx: Tx, scope: TenantScope, asOf: string, classes: readonly ClassOf[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < classes.length; i += UPSERT_CHUNK) {
    const json = JSON.stringify(
      classes
        .slice(i, i + UPSERT_CHUNK)
        .map((c) => ({ agreement_id: c.agreementId, supplier_id: c.supplierId, abc: c.abc, xyz: c.xyz })),
    );
    await tx.execute(sql`
      delete from agreement_class_history h
      using jsonb_to_recordset(${json}::jsonb) as r(agreement_id uuid)
      where h.tenant_id = ${scope.tenantId} and h.agreement_id = r.agreement_id and h.valid_from = ${asOf}::date`);
    const rows = rowsOf<{ agreement_id: string }>(
      await tx.execute(sql`
        insert into agreement_class_history (tenant_id, agreement_id, valid_from, supplier_id, abc, xyz)
        select ${scope.tenantId}::uuid, r.agreement_id, ${asOf}::date, r.supplier_id, r.abc, r.xyz
        from jsonb_to_recordset(${json}::jsonb) as r(agreement_id uuid, supplier_id uuid, abc text, xyz text)
        left join lateral (
          select h.abc, h.xyz from agreement_class_history h
          where h.tenant_id = ${scope.tenantId} and h.agreement_id = r.agreement_id and h.valid_from < ${asOf}::date
          order by h.valid_from desc limit 1
        ) before on true
        where before.abc is distinct from r.abc or before.xyz is distinct from r.xyz
        returning agreement_id`),
    );
    written += rows.length;
  }
  return written;
}
