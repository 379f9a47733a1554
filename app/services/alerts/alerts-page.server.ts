import { withTenant } from "@db/scope";
import { type AlertRow, alertPeopleNames, listAlerts } from "~/models/alerts.server";
import { listLocations, listSuppliers } from "~/models/inventory.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import type { AlertsQuery } from "./alerts-query";

export const ALERTS_PAGE_SIZE = 50;

/** What an alert's sentence ("Projected to run out in 3 days (lead time 5 days)") is made of. */
export type AlertFacts = Pick<
  AlertRow,
  "condition" | "value" | "limitValue" | "leadTimeDays" | "safetyStock" | "planNumber" | "asnNumber"
>;

/** A row of the list, as the page shows it. */
export interface AlertListItem extends AlertFacts {
  id: string;
  severity: AlertRow["severity"];
  ruleName: string;
  sku: string | null;
  itemName: string | null;
  supplierName: string;
  siteCode: string | null;
  siteName: string | null;
  openedAt: string;
  status: AlertRow["status"];
  isTodo: boolean;
  snoozedUntil: string | null;
  assigneeUserId: string | null;
  /** Null when unknown: the person's account is gone. */
  assigneeName: string | null;
  dueDate: string | null;
  closedAt: string | null;
  closeReason: AlertRow["closeReason"];
}

/**
 * The instant a page is made, to the minute: "3 hours ago" needs no more, and two answers of the
 * same minute are then the same (the isolation suite compares them).
 */
export function pageInstant(now = Date.now()): string {
  return new Date(Math.floor(now / 60_000) * 60_000).toISOString();
}

export function factsOf(row: AlertRow): AlertFacts {
  return {
    condition: row.condition,
    value: row.value,
    limitValue: row.limitValue,
    leadTimeDays: row.leadTimeDays,
    safetyStock: row.safetyStock,
    planNumber: row.planNumber,
    asnNumber: row.asnNumber,
  };
}

/**
 * The alerts list as a member sees it: a supplier only its own supplier's alerts (whatever the URL
 * says), the buyer's side every supplier's; with the counts per severity, the filters' choices,
 * the company's today (snoozes end on it) and the instant the page was made (for "3 hours ago",
 * the same on the server and in the browser).
 */
export async function loadAlertsPage(membership: Membership, query: AlertsQuery) {
  const scope = membership.scope;
  const isSupplier = scope.supplierId !== null;
  const today = todayIn(membership.tenant.timezone);
  return withTenant(getDb(), scope, async (tx) => {
    const list = await listAlerts(tx, scope, {
      status: query.status,
      severity: query.severity,
      condition: query.condition,
      supplierId: isSupplier ? undefined : query.supplier,
      siteId: query.site,
      cell: query.cell,
      search: query.q,
      today,
      userId: scope.userId,
      page: query.page,
      pageSize: ALERTS_PAGE_SIZE,
    });
    const names = await alertPeopleNames(
      tx,
      list.rows.filter((r) => r.assigneeUserId).map((r) => r.id),
    );
    const [suppliers, sites] = await Promise.all([
      isSupplier ? Promise.resolve([]) : listSuppliers(tx, scope),
      listLocations(tx, scope),
    ]);
    const rows: AlertListItem[] = list.rows.map((r) => ({
      ...factsOf(r),
      id: r.id,
      severity: r.severity,
      ruleName: r.ruleName,
      sku: r.sku,
      itemName: r.itemName,
      supplierName: r.supplierName,
      siteCode: r.siteCode,
      siteName: r.siteName,
      openedAt: r.openedAt,
      status: r.status,
      isTodo: r.isTodo,
      snoozedUntil: r.snoozedUntil,
      assigneeUserId: r.assigneeUserId,
      assigneeName: r.assigneeUserId ? (names.get(r.assigneeUserId) ?? null) : null,
      dueDate: r.dueDate,
      closedAt: r.closedAt,
      closeReason: r.closeReason,
    }));
    return {
      rows,
      total: list.total,
      counts: list.counts,
      pageSize: ALERTS_PAGE_SIZE,
      suppliers,
      sites,
      isSupplier,
      today,
      now: pageInstant(),
      timezone: membership.tenant.timezone,
    };
  });
}

export type AlertsPageData = Awaited<ReturnType<typeof loadAlertsPage>>;
