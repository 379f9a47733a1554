import { withTenant } from "@db/scope";
import { type Abc, type BandExplanation, policyFor, projectInventory, startingOnHand, type Receipt, type Xyz } from "~/core";
import {
  type AgreementDetail,
  dailyStock,
  getAgreementDetail,
  inboundForAgreement,
  weeklyConsumption,
} from "~/models/agreements.server";
import { listOpenAlerts } from "~/models/alert-summaries.server";
import { listBandProposals } from "~/models/band-proposals.server";
import { loadPlanningContext } from "~/models/planning.server";
import type { TenantSettings } from "~/models/tenant-settings.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { agreementBand } from "~/services/metrics/compute-metrics";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { getDb } from "~/utils/db.server";
import { addDays, daysBetween, todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";

// The shapes the agreement page's components receive, declared once where they are read.
export type { AgreementDetail, AgreementMetricsView, InboundForAgreement } from "~/models/agreements.server";
export type { BandProposalRecord } from "~/models/band-proposals.server";
export type { OpenAlertList, OpenAlertSummary } from "~/models/alert-summaries.server";

const STOCK_DAYS = 90;
/** Decided and withdrawn band proposals shown under the pending one. */
const RECENT_PROPOSALS = 5;
/** Open alerts of the agreement listed at the top of its page; the alerts page has them all. */
const AGREEMENT_ALERTS = 20;

export interface BandWarning {
  code: "minBelowSafetyStock" | "maxBelowRecommendedMin";
  agreed: number;
  recommended: number;
}

/**
 * How the stored recommended band was derived: `current` when the band computed again from the
 * stored forecast and class with today's terms and settings is the stored one; otherwise the
 * terms or settings changed since the recompute and the explanation would not match its numbers.
 */
export type RecommendedBandExplanation = BandExplanation & { abc: Abc; min: number; max: number; current: boolean };

/** numeric(18,4) keeps four decimals of the stored band. */
const sameQuantity = (a: number, b: number) => Math.abs(a - b) < 1e-4 * Math.max(1, Math.abs(a));

/** The recommended band's explanation through the recompute's own function, or null without metrics. */
export function explainRecommendedBand(
  agreement: Pick<
    AgreementDetail,
    "metrics" | "unitCost" | "leadTimeDays" | "leadTimeSdDays" | "moq" | "packSize" | "reviewPeriodDays"
  >,
  settings: TenantSettings,
): RecommendedBandExplanation | null {
  const m = agreement.metrics;
  if (!m) return null;
  const abc = m.abc as Abc;
  // The service level is the stored one; the review mode is not stored and is the cell's.
  const { review } = policyFor(abc, m.xyz as Xyz, { cells: settings.cells });
  const band = agreementBand(
    agreement,
    { weekly: m.forecastWeekly, sdWeekly: m.forecastSdWeekly },
    { abc, serviceLevel: m.serviceLevel, review },
    settings,
  );
  const current = sameQuantity(band.min, m.recommendedMin) && sameQuantity(band.max, m.recommendedMax);
  return { ...band.explanation, abc, min: band.min, max: band.max, current };
}

/**
 * Everything the agreement page shows, or null when the agreement is not the member's to see
 * (unknown id, another supplier's, another tenant's): the caller answers 404 in every case.
 */
export async function loadAgreementView(membership: Membership, agreementId: string) {
  if (!isUuid(agreementId)) return null;
  const today = todayIn(membership.tenant.timezone);
  const yesterday = addDays(today, -1);
  // Cached like the inventory list: per scope, under the tenant's data version (ADR 010).
  const view = await cachedForTenant(
    membership.scope,
    membership.dataVersion,
    `agreement|${agreementId.toLowerCase()}|${today}`,
    () => computeAgreementView(membership, agreementId, today, yesterday),
  );
  if (!view) return null;
  // Alerts do not move the data version: read fresh on every visit, in the same scope.
  const alerts = await withTenant(getDb(), membership.scope, (tx) =>
    listOpenAlerts(tx, membership.scope, {
      today,
      agreementId: view.agreement.id,
      userId: membership.user.id,
      limit: AGREEMENT_ALERTS,
    }),
  );
  return { ...view, alerts };
}

/** What the agreement page receives. */
export type AgreementView = NonNullable<Awaited<ReturnType<typeof loadAgreementView>>>;

function computeAgreementView(membership: Membership, agreementId: string, today: string, yesterday: string) {
  return withTenant(getDb(), membership.scope, async (tx) => {
    const agreement = await getAgreementDetail(tx, membership.scope, agreementId);
    if (!agreement) return null;
    const settings = await getTenantSettings(tx, membership.scope);
    const horizon = settings.horizonDays;
    const [weekly, stock, inbound, planning, pendingProposals, recentProposals] = await Promise.all([
      weeklyConsumption(tx, membership.scope, agreement, yesterday, settings.historyWeeks),
      dailyStock(tx, membership.scope, agreement, addDays(today, -STOCK_DAYS), yesterday),
      inboundForAgreement(tx, membership.scope, agreement),
      loadPlanningContext(tx, membership.scope, { today, horizonDays: horizon, agreementIds: [agreement.id] }),
      // Proposals change the tenant's data version like agreements do, so caching them is safe.
      listBandProposals(tx, membership.scope, { state: "pending", agreementId: agreement.id, limit: 1 }),
      listBandProposals(tx, membership.scope, { state: "closed", agreementId: agreement.id, limit: RECENT_PROPOSALS }),
    ]);
    // The projection starts and receives exactly as in the plan builder and the inventory list:
    // stock at the start of today, the stored (else recent) forecast, shipments in transit and
    // accepted lines not yet shipped.
    const planned = planning.agreements[0];
    const latest =
      planned && planned.onHand !== null && planned.onHandDay !== null
        ? { day: planned.onHandDay, onHand: planned.onHand }
        : null;
    const daily = planned?.forecastDaily ?? 0;
    const dayOf = (date: string) => Math.max(0, daysBetween(today, date));
    const transitReceipts: Receipt[] = (planned?.inbound ?? []).map((r) => ({ day: dayOf(r.date), quantity: r.qty }));
    const draftReceipts: Receipt[] = inbound.draftLines.map((l) => ({ day: dayOf(l.arrivalDate), quantity: l.qty }));
    const project = (receipts: Receipt[]) =>
      !planned || planned.onHand === null
        ? null
        : projectInventory({
            onHand: startingOnHand(planned, today),
            demand: daily,
            days: horizon,
            min: agreement.minQty,
            max: agreement.maxQty,
            receipts,
          });
    const withTransit = project(transitReceipts);
    const withDrafts = draftReceipts.length > 0 ? project([...transitReceipts, ...draftReceipts]) : null;

    const warnings: BandWarning[] = [];
    const m = agreement.metrics;
    if (m && agreement.minQty < m.safetyStock) {
      warnings.push({ code: "minBelowSafetyStock", agreed: agreement.minQty, recommended: m.safetyStock });
    }
    if (m && agreement.maxQty < m.recommendedMin) {
      warnings.push({ code: "maxBelowRecommendedMin", agreed: agreement.maxQty, recommended: m.recommendedMin });
    }

    return {
      agreement,
      today,
      horizon,
      latest,
      weekly,
      stock,
      inbound,
      projection: withTransit && {
        days: withTransit.onHand.map((onHand, d) => ({
          day: addDays(today, d),
          onHand,
          withDrafts: withDrafts ? withDrafts.onHand[d] : null,
          receipt: transitReceipts.filter((r) => r.day === d).reduce((sum, r) => sum + r.quantity, 0),
          draftReceipt: draftReceipts.filter((r) => r.day === d).reduce((sum, r) => sum + r.quantity, 0),
        })),
        firstStockout: withTransit.firstStockoutDay === null ? null : addDays(today, withTransit.firstStockoutDay),
        firstStockoutWithDrafts:
          withDrafts && withDrafts.firstStockoutDay !== null ? addDays(today, withDrafts.firstStockoutDay) : null,
        daysBelowMin: withTransit.daysBelowMin,
        daysAboveMax: withTransit.daysAboveMax,
      },
      warnings,
      bandExplanation: explainRecommendedBand(agreement, settings),
      proposals: { pending: pendingProposals[0] ?? null, recent: recentProposals },
    };
  });
}
