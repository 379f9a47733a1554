import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import {
  getMetricsFreshness,
  getMetricsTenant,
  itemAnnualValues,
  listAgreementIds,
  listMetricsAgreements,
  lockTenantMetrics,
  rebuildAgreementWeekRollups,
  rebuildSegmentWeekRollups,
  recordClassHistory,
  storeTenantMetrics,
  weeklyDemand,
} from "~/models/metrics.server";
import {
  type ItemClass,
  agreementsToRecompute,
  countActiveAgreements,
  seasonGroupMembers,
  updateAbcRanks,
} from "~/models/metrics-incremental.server";
import type { Tx } from "@db/client";
import { addDays, todayIn } from "~/utils/dates";
import { SEASON_WEEKS, classifyItems, computeTenantMetrics, historyWeeks } from "./compute-metrics";
import {
  RECOMPUTE_AUDIT_ACTION,
  type RecomputeOptions,
  type RecomputeResult,
  type RecomputeSkip,
  recomputeTenant,
} from "./recompute.server";

/**
 * The metrics of some agreements recomputed after their facts or terms changed (an import), with
 * exactly the stored result of recomputeTenant for the same `now` (docs/decisions/032), but the
 * core run only where a value can have changed:
 * - ABC is still classified across the whole tenant (one SQL aggregate per item);
 * - the given agreements, and any other active one whose stored row is missing, of another as-of
 *   day or of another ABC class than its item now has, get their whole row computed and upserted;
 * - so do the agreements with less than two seasons of history whose borrowed season can have
 *   moved (app/services/metrics/season-groups.ts): those of the same item as a given agreement
 *   that lends (has a season of history) or may have lent (is no longer active), and those of its
 *   category that did not borrow from their own item; the series of every lender of their groups
 *   are read to pool the profiles, as the whole recompute pools them;
 * - every other active agreement keeps its row but for its ABC rank and annual value, set by one
 *   statement where they moved;
 * - metrics of agreements no longer active are deleted, the class history is recorded for the
 *   recomputed rows, level 1 of the compliance rollups is rebuilt for the given agreements and
 *   level 2 for the tenant, under the tenant's metrics lock, in one transaction, with one audit
 *   row (`metrics.recomputed`, scope "agreements").
 *
 * The caller names every agreement whose own inputs changed since its row was computed: the
 * consumption or stock of its item at its site, its terms, its status, its item's unit cost or
 * category.
 * A change of the tenant's settings calls for recomputeTenant.
 */

export interface RecomputeAgreementsResult extends RecomputeResult {
  /** "agreements" when only what could change was computed; "tenant" when recomputeTenant ran. */
  scope: "agreements" | "tenant";
  /** Agreements whose ABC rank or annual value alone was updated (0 when the tenant was recomputed). */
  reranked: number;
}

/**
 * Past this share of the tenant's active agreements the whole tenant is recomputed instead: the
 * incremental run saves at most the per-agreement work of the rows it skips, while it pays the
 * same tenant-wide part (ABC, level 2 of the rollups) plus a comparison with the stored rows; and
 * the whole recompute rebuilds level 1 on two connections at once on a server. Then it is no
 * slower and is the reference path.
 */
export const INCREMENTAL_MAX_SHARE = 0.5;

/** Under the lock it turned out that too much has to be computed: recompute the tenant. */
const WHOLE_TENANT = Symbol("whole tenant");

/**
 * Recomputes the metrics of `agreementIds` of the tenant, and of whatever else their change moves
 * (see the module's conventions). Ids of other tenants' agreements are ignored, inactive ones only
 * lose their metrics. Returns null, having done nothing, for an empty list.
 */
export async function recomputeAgreements(
  db: Database,
  tenantId: string,
  agreementIds: readonly string[],
  options: RecomputeOptions = {},
): Promise<RecomputeAgreementsResult | null> {
  const ids = [...new Set(agreementIds)];
  if (ids.length === 0) return null;
  const started = performance.now();
  // One clock for both paths: the fallback must compute as of the same day.
  const now = options.now ?? new Date();
  const whole = async (): Promise<RecomputeAgreementsResult> => ({
    ...(await recomputeTenant(db, tenantId, { ...options, now })),
    scope: "tenant",
    reranked: 0,
  });
  // The backfill of earlier days' classes is a whole-tenant computation by nature.
  if (options.backfillClassHistory) return whole();

  const scope: TenantScope = { tenantId, supplierId: null, userId: options.actorUserId ?? null };
  const elapsed = () => Math.round(performance.now() - started);
  const outcome = await withTenant(db, scope, async (tx): Promise<RecomputeAgreementsResult | typeof WHOLE_TENANT> => {
    const tenant = await getMetricsTenant(tx, scope);
    const skip = (skipped: RecomputeSkip): RecomputeAgreementsResult => ({
      tenantId,
      slug: tenant.slug,
      asOf: null,
      agreements: 0,
      deleted: 0,
      durationMs: elapsed(),
      skipped,
      scope: "agreements",
      reranked: 0,
    });
    if (!(await lockTenantMetrics(tx, scope, options.wait ?? true))) return skip("already-running");
    if (options.onlyIf && !options.onlyIf(await getMetricsFreshness(tx, scope))) return skip("up-to-date");

    // A large import: no need to classify first to know that the tenant is the better path.
    const counts = await countActiveAgreements(tx, scope, ids);
    if (counts.given > counts.active * INCREMENTAL_MAX_SHARE) return WHOLE_TENANT;

    const { settings } = tenant;
    const asOf = addDays(todayIn(tenant.timezone, now), -1);
    const items = await itemAnnualValues(tx, scope, asOf);
    const abc = classifyItems(items, settings);
    const classes: ItemClass[] = items.map((item) => {
      const c = abc.get(item.itemId)!;
      return { itemId: item.itemId, abc: c.abc, rank: c.rank, annualValue: item.annualValue };
    });
    // Every row as of an earlier day (the first run after midnight) lands here too, and with it
    // the whole tenant.
    const changed = await agreementsToRecompute(tx, scope, asOf, ids, classes);
    if (changed.length > counts.active * INCREMENTAL_MAX_SHARE) return WHOLE_TENANT;
    const inputs = await withSeasonGroups(tx, scope, asOf, settings.historyWeeks, ids, changed);
    if (inputs.agreements.length > counts.active * INCREMENTAL_MAX_SHARE) return WHOLE_TENANT;

    const rows = computeTenantMetrics({ asOf, settings, items, ...inputs });
    // Metrics first: the data-version row is taken before the rollups' lock, as every writer does.
    const { written, deleted } = await storeTenantMetrics(tx, scope, rows, now);
    const reranked = await updateAbcRanks(tx, scope, asOf, classes, now);
    // Only these agreements' classes can have changed (XYZ follows the agreement's own series,
    // ABC was compared above), and recordClassHistory touches only the agreements it is given.
    await recordClassHistory(tx, scope, asOf, rows);
    // Level 1 follows the facts and bands alone, so only the given agreements' can have moved;
    // level 2 sums it by the classes just stored.
    await rebuildAgreementWeekRollups(tx, await listAgreementIds(tx, scope, ids));
    await rebuildSegmentWeekRollups(tx);

    const durationMs = elapsed();
    await recordAudit(tx, {
      tenantId,
      actorUserId: scope.userId,
      action: RECOMPUTE_AUDIT_ACTION,
      entityType: "tenant",
      entityId: tenantId,
      after: {
        asOf,
        agreements: written,
        reranked,
        deleted,
        durationMs,
        trigger: options.trigger ?? "on-demand",
        scope: "agreements",
      },
    });
    return { tenantId, slug: tenant.slug, asOf, agreements: written, deleted, durationMs, scope: "agreements", reranked };
  });
  // Another run may slip in between: harmless, the same facts and clock give the same rows.
  return outcome === WHOLE_TENANT ? whole() : outcome;
}

/**
 * The agreements to compute, `changed` and the borrowers of the season groups that `given` lend
 * to, with their weekly series and those of their groups' lenders (see the module's conventions).
 */
async function withSeasonGroups(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  weeks: number,
  given: readonly string[],
  changed: readonly string[],
) {
  const history = (a: { historyStart: string | null }) => historyWeeks(a.historyStart, asOf, weeks);
  // borrowedSeasons' rules: a season of history lends, less than two borrows.
  const lends = (a: { historyStart: string | null }) => history(a) >= SEASON_WEEKS;
  const borrows = (a: { historyStart: string | null }) => history(a) < 2 * SEASON_WEEKS;
  let agreements = await listMetricsAgreements(tx, scope, asOf, changed);
  if (weeks < SEASON_WEEKS) return { agreements, weekly: await weeklyDemand(tx, scope, asOf, weeks, changed) };

  // Given agreements that lend now, or that are no longer active (and may have lent before):
  // every borrower of their items, and of their categories those whose own item did not lend
  // them a season (an item nobody touched lends as before).
  const active = new Map(agreements.map((a) => [a.agreementId, a]));
  const lenders = given.filter((id) => !active.has(id) || lends(active.get(id)!));
  const borrowers = (await seasonGroupMembers(tx, scope, asOf, lenders)).filter(
    (a) => borrows(a) && !active.has(a.agreementId) && (a.sameItem || a.storedSeasonSource !== "item"),
  );
  if (borrowers.length > 0) {
    const more = await listMetricsAgreements(
      tx,
      scope,
      asOf,
      borrowers.map((a) => a.agreementId),
    );
    agreements = [...agreements, ...more].sort((a, b) => (a.agreementId < b.agreementId ? -1 : 1));
  }
  // The lenders of the borrowers' groups, read to pool the groups' profiles.
  const ids = new Set(agreements.map((a) => a.agreementId));
  const short = agreements.filter(borrows).map((a) => a.agreementId);
  const seasonPeers = (await seasonGroupMembers(tx, scope, asOf, short)).filter((a) => lends(a) && !ids.has(a.agreementId));
  const weekly = await weeklyDemand(tx, scope, asOf, weeks, [...ids, ...seasonPeers.map((a) => a.agreementId)]);
  return { agreements, weekly, seasonPeers };
}
