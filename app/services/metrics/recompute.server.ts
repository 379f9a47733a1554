import { connectionsOf, type Database, type DatabaseHandle, type Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import {
  getMetricsFreshness,
  getMetricsTenant,
  itemAnnualValues,
  listMetricsAgreements,
  listTenantsAsOwner,
  type TenantRef,
  lockTenantMetrics,
  type MetricsFreshness,
  listAgreementIds,
  rebuildAgreementWeekRollups,
  rebuildSegmentWeekRollups,
  recordClassHistory,
  storeTenantMetrics,
  weeklyDemand,
} from "~/models/metrics.server";
import { PERIOD_PRESETS, resolveCompliancePeriods } from "~/core";
import { addDays, todayIn } from "~/utils/dates";
import type { TenantSettings } from "~/models/tenant-settings.server";
import { computeTenantMetrics } from "./compute-metrics";

/**
 * The metrics recompute (docs/architecture.md, "Computation flow"; docs/decisions/007): for one tenant,
 * weekly demand per agreement from consumption → ABC across the tenant, XYZ and pattern per
 * agreement → forecast → safety stock and recommended band from the cell's policy → one upsert of
 * `agreement_metrics`, all in one transaction as the buyer's side of the tenant.
 *
 * Conventions:
 * - as_of = the tenant's yesterday at `now` (todayIn(tenant.timezone, now) − 1); `historyWeeks`
 *   complete 7-day weeks end at as_of, days without consumption count 0.
 * - ABC per item across the tenant: consumption of the 365 days ending at as_of at every site ×
 *   unit cost, ties by SKU; each agreement takes its item's class and rank.
 * - computed_at = `now`. The same facts, settings and as_of give the same stored values.
 * - The transaction first takes the tenant's advisory lock (pg_advisory_xact_lock): several app
 *   instances never compute a tenant at the same time. With `wait: false` (the scheduler) a
 *   tenant whose lock is held is skipped as "already-running".
 * - The compliance rollups are rebuilt too (docs/decisions/015): level 1 from the daily facts, on
 *   a server in two other transactions while this one computes the metrics; then level 2 in this
 *   transaction with the classes just stored.
 * - One audit row per run that computed (action `metrics.recomputed`, entity the tenant).
 */

export interface RecomputeOptions {
  /** The clock: as_of is the tenant's yesterday at this instant, and computed_at is it. */
  now?: Date;
  /** Wait for a recompute of the same tenant that is running elsewhere (default), or skip it. */
  wait?: boolean;
  /**
   * Checked once the tenant's lock is held: when it returns false the tenant is skipped as
   * "up-to-date" (the scheduler's "is it due", so that an instance that waited behind another's
   * nightly run does not repeat it).
   */
  onlyIf?: (freshness: MetricsFreshness) => boolean;
  /** What started the run, recorded in the audit row. */
  trigger?: "seed" | "cli" | "schedule" | "on-demand";
  /** The user who asked for it, if any. */
  actorUserId?: string | null;
  /**
   * Also compute the classes as of the ends of the previous periods of the compliance presets
   * (4, 13 and 52 weeks), from the facts up to each of those days, and record them in the class
   * history only: after a seed, so that the matrix has movers to show from the first day.
   */
  backfillClassHistory?: boolean;
}

export type RecomputeSkip = "already-running" | "up-to-date";

export interface RecomputeResult {
  tenantId: string;
  slug: string;
  /** The last day of consumption used; null when skipped before reading the tenant. */
  asOf: string | null;
  /** Agreements whose metrics were written. */
  agreements: number;
  /** Metrics rows removed because their agreement is gone or no longer active. */
  deleted: number;
  durationMs: number;
  skipped?: RecomputeSkip;
}

export const RECOMPUTE_AUDIT_ACTION = "metrics.recomputed";

/** Recomputes one tenant's metrics in one transaction (see the module's conventions). */
export async function recomputeTenant(db: Database, tenantId: string, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const scope: TenantScope = { tenantId, supplierId: null, userId: options.actorUserId ?? null };
  const elapsed = () => Math.round(performance.now() - started);

  return withTenant(db, scope, async (tx) => {
    const tenant = await getMetricsTenant(tx, scope);
    const skip = (skipped: RecomputeSkip): RecomputeResult => ({
      tenantId,
      slug: tenant.slug,
      asOf: null,
      agreements: 0,
      deleted: 0,
      durationMs: elapsed(),
      skipped,
    });
    if (!(await lockTenantMetrics(tx, scope, options.wait ?? true))) return skip("already-running");
    if (options.onlyIf && !options.onlyIf(await getMetricsFreshness(tx, scope))) return skip("up-to-date");

    const { settings } = tenant;
    const asOf = addDays(todayIn(tenant.timezone, now), -1);
    // Level 1 of the rollups needs only the facts: on a server it is rebuilt in other
    // connections while this one computes the metrics (the embedded database has one connection,
    // and a pool too small to lend two more would wait for itself).
    const agreementIds = await listAgreementIds(tx, scope);
    const sideBuild = connectionsOf(db) > LEVEL1_CONNECTIONS ? rebuildLevel1Aside(db, scope, agreementIds) : null;
    let written = 0;
    let deleted = 0;
    try {
      // Earlier days first, so that each class in the history is compared with the one before it.
      const earlier = options.backfillClassHistory
        ? PERIOD_PRESETS.map((preset) => resolveCompliancePeriods({ preset }, asOf).previous.lastDay)
        : [];
      for (const day of earlier.sort()) {
        await recordClassHistory(tx, scope, day, await computeRowsAsOf(tx, scope, settings, day));
      }
      const rows = await computeRowsAsOf(tx, scope, settings, asOf);
      ({ written, deleted } = await storeTenantMetrics(tx, scope, rows, now));
      await recordClassHistory(tx, scope, asOf, rows);
    } finally {
      // Settled before this transaction goes on or ends, whatever happened here.
      await sideBuild?.catch(() => {});
    }
    if (sideBuild) await sideBuild;
    else await rebuildAgreementWeekRollups(tx, agreementIds);
    await rebuildSegmentWeekRollups(tx);

    const durationMs = elapsed();
    await recordAudit(tx, {
      tenantId,
      actorUserId: scope.userId,
      action: RECOMPUTE_AUDIT_ACTION,
      entityType: "tenant",
      entityId: tenantId,
      after: { asOf, agreements: written, deleted, durationMs, trigger: options.trigger ?? "on-demand" },
    });
    return { tenantId, slug: tenant.slug, asOf, agreements: written, deleted, durationMs };
  });
}

/** What the core computes for every agreement of the tenant from the facts up to `asOf`. */
async function computeRowsAsOf(tx: Tx, scope: TenantScope, settings: TenantSettings, asOf: string) {
  const agreements = await listMetricsAgreements(tx, scope, asOf);
  const items = await itemAnnualValues(tx, scope, asOf);
  const weekly = await weeklyDemand(tx, scope, asOf, settings.historyWeeks);
  return computeTenantMetrics({ asOf, settings, items, agreements, weekly });
}

/** Transactions that rebuild level 1 of the rollups side by side on a server (it has 2 cores). */
const LEVEL1_CONNECTIONS = 2;

/** Level 1 of the tenant's rollups in LEVEL1_CONNECTIONS transactions of disjoint agreements. */
async function rebuildLevel1Aside(db: Database, scope: TenantScope, agreementIds: readonly string[]): Promise<void> {
  const size = Math.ceil(agreementIds.length / LEVEL1_CONNECTIONS);
  const chunks: string[][] = [];
  for (let i = 0; i < agreementIds.length; i += size) chunks.push(agreementIds.slice(i, i + size));
  const results = await Promise.allSettled(
    chunks.map((chunk) => withTenant(db, scope, (tx) => rebuildAgreementWeekRollups(tx, chunk))),
  );
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

/** How fresh the tenant's metrics are (read without the lock: a hint, re-checked under it). */
export function getRecomputeFreshness(db: Database, tenantId: string): Promise<MetricsFreshness> {
  const scope: TenantScope = { tenantId, supplierId: null, userId: null };
  return withTenant(db, scope, (tx) => getMetricsFreshness(tx, scope));
}

export type { MetricsFreshness };

export interface RecomputeAllOptions extends Omit<RecomputeOptions, "actorUserId"> {
  /** Only this tenant (by slug); an unknown slug is an error. */
  tenantSlug?: string;
  /** Called after each tenant, e.g. to print progress. */
  onResult?: (result: RecomputeResult) => void;
}

/**
 * Recomputes every tenant (or one, by slug), one after the other, each in its own transaction and
 * scope. The tenants are listed as the connecting user: system work outside any request. A tenant
 * that fails does not stop the others; the first failure is rethrown once all have run.
 */
export async function recomputeAll(
  target: Database | DatabaseHandle,
  options: RecomputeAllOptions = {},
): Promise<RecomputeResult[]> {
  const db = "db" in target && "close" in target ? target.db : target;
  const tenants = await listTenantsAsOwner(db, options.tenantSlug);
  if (options.tenantSlug !== undefined && tenants.length === 0) {
    throw new UnknownTenantError(`No tenant has the slug "${options.tenantSlug}".`);
  }
  const results: RecomputeResult[] = [];
  const failures: { slug: string; error: unknown }[] = [];
  for (const tenant of tenants) {
    try {
      const result = await recomputeTenant(db, tenant.id, options);
      results.push(result);
      options.onResult?.(result);
    } catch (error) {
      failures.push({ slug: tenant.slug, error });
    }
  }
  if (failures.length > 0) {
    const [first] = failures;
    const reason = first.error instanceof Error ? first.error.message : String(first.error);
    throw new Error(`Recomputing ${failures.map((f) => f.slug).join(", ")} failed: ${first.slug}: ${reason}`, {
      cause: first.error,
    });
  }
  return results;
}

export class UnknownTenantError extends Error {}

/** Every tenant (id, slug, time zone), listed as the connecting user: system work. */
export function listTenants(db: Database): Promise<TenantRef[]> {
  return listTenantsAsOwner(db);
}

/** One line per tenant for logs and the CLI, e.g. `acme: 300 agreements as of 2026-03-14 in 1.2 s`. */
export function describeRecompute(result: RecomputeResult): string {
  if (result.skipped === "already-running") return `${result.slug}: skipped (already running)`;
  if (result.skipped === "up-to-date") return `${result.slug}: skipped (up to date)`;
  const removed = result.deleted > 0 ? `, ${result.deleted} stale removed` : "";
  return `${result.slug}: ${result.agreements} agreements as of ${result.asOf}${removed} in ${(result.durationMs / 1000).toFixed(2)} s`;
}
