import type { Membership } from "~/services/auth/guards.server";
import { complianceAsOf, loadKpiReport, loadSupplierRanking, loadSupplierScorecard } from "./kpis.server";
import { parsePeriodQuery, parseRankingSort } from "./period-query";
import { loadHealth, loadMatrix } from "./portfolio.server";

// The shapes the compliance pages' components receive, declared once where they are built.
export type { WorstAgreement } from "~/models/compliance.server";
export type { KpiPair, KpiReport, SupplierScorecard, WeekKpis } from "./kpis.server";
export type { ParsedPeriod, PeriodFieldError, PeriodQuery } from "./period-query";

/**
 * What each compliance page shows, from its membership and its URL: the period the URL asks for
 * (checked against the tenant's yesterday, with what is wrong with it) and the report of that
 * period. One call per loader.
 */

function periodOf(membership: Membership, params: URLSearchParams) {
  const asOf = complianceAsOf(membership);
  return { asOf, ...parsePeriodQuery(params, asOf) };
}

/** The tenant-wide dashboard: KPIs beside the previous period's, weekly trends. */
export async function loadDashboardPage(membership: Membership, params: URLSearchParams) {
  const { asOf, query, request, errors } = periodOf(membership, params);
  const report = await loadKpiReport(membership, asOf, request);
  return { report, query, errors, currency: membership.tenant.currency };
}

/** Every supplier's KPIs, in the order the URL asks for. */
export async function loadRankingPage(membership: Membership, params: URLSearchParams) {
  const { asOf, query, request, errors } = periodOf(membership, params);
  const { sort, dir } = parseRankingSort(params);
  const ranking = await loadSupplierRanking(membership, asOf, request);
  return { ranking, query, errors, sort, dir, currency: membership.tenant.currency };
}

/**
 * One supplier's scorecard (the buyer's side names it; a supplier gets its own), or null when the
 * scope has no such supplier: the route's 404.
 */
export async function loadScorecardPage(membership: Membership, supplierId: string, params: URLSearchParams) {
  const { asOf, query, request, errors } = periodOf(membership, params);
  const scorecard = await loadSupplierScorecard(membership, asOf, supplierId, request);
  if (!scorecard) return null;
  return { scorecard, query, errors, currency: membership.tenant.currency, tenantName: membership.tenant.name };
}

/** The ABC-XYZ matrix of the period and the agreements that changed cell. */
export async function loadMatrixPage(membership: Membership, params: URLSearchParams) {
  const { asOf, query, request, errors } = periodOf(membership, params);
  const matrix = await loadMatrix(membership, asOf, request);
  return { matrix, query, errors, currency: membership.tenant.currency };
}

/** The inventory's health now; the period only travels on to the other sections. */
export async function loadHealthPage(membership: Membership, params: URLSearchParams) {
  const { query } = periodOf(membership, params);
  const health = await loadHealth(membership);
  return { health, query, currency: membership.tenant.currency };
}
