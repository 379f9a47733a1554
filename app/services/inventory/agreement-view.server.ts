import { withTenant } from "@db/scope";
import { projectInventory, startingOnHand, type Receipt } from "~/core";
import { dailyStock, getAgreementDetail, inboundForAgreement, weeklyConsumption } from "~/models/agreements.server";
import { listBandProposals } from "~/models/band-proposals.server";
import { loadPlanningContext } from "~/models/planning.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { getDb } from "~/utils/db.server";
import { addDays, daysBetween, todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";

// The shapes the agreement page's components receive, declared once where they are read.
export type { AgreementDetail, AgreementMetricsView, InboundForAgreement } from "~/models/agreements.server";
export type { BandProposalRecord } from "~/models/band-proposals.server";

const STOCK_DAYS = 90;
/** Decided and withdrawn band proposals shown under the pending one. */
const RECENT_PROPOSALS = 5;

export interface BandWarning {
  code: "minBelowSafetyStock" | "maxBelowRecommendedMin";
  agreed: number;
  recommended: number;
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
  return cachedForTenant(membership.scope, membership.dataVersion, `agreement|${agreementId.toLowerCase()}|${today}`, () =>
    computeAgreementView(membership, agreementId, today, yesterday),
  );
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
      proposals: { pending: pendingProposals[0] ?? null, recent: recentProposals },
    };
  });
}
