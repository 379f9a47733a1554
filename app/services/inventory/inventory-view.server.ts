import type { Tx } from "@db/client";
import { withTenant } from "@db/scope";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { listInventory, listLocations, listSuppliers } from "~/models/inventory.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import type { InventoryQuery } from "./inventory-query";

export const INVENTORY_PAGE_SIZE = 50;

/**
 * The inventory list as a member sees it: a supplier only its own agreements (whatever the URL
 * says), buyer roles every supplier's. `all` returns every filtered row (the CSV export).
 */
export function loadInventoryView(membership: Membership, query: InventoryQuery, opts: { all?: boolean } = {}) {
  const isSupplier = membership.scope.supplierId !== null;
  const today = todayIn(membership.tenant.timezone);
  const key = `inventory|${today}|${opts.all ? "all" : "page"}|${JSON.stringify(query)}`;
  return cachedForTenant(membership.scope, membership.dataVersion, key, () =>
    withTenant(getDb(), membership.scope, (tx) => computeInventoryView(tx, membership, query, today, isSupplier, opts)),
  );
}

async function computeInventoryView(
  tx: Tx,
  membership: Membership,
  query: InventoryQuery,
  today: string,
  isSupplier: boolean,
  opts: { all?: boolean },
) {
  const settings = await getTenantSettings(tx, membership.scope);
  const [inventory, suppliers, sites] = await Promise.all([
    listInventory(tx, membership.scope, {
      supplierId: isSupplier ? undefined : query.supplier,
      locationId: query.site,
      status: query.status,
      classFilter: query.class,
      atRisk: query.risk === "lead-time",
      urgency: query.urgency,
      drift: query.drift === "1",
      driftThreshold: settings.bandDriftThreshold,
      search: query.q || undefined,
      sort: query.sort,
      direction: query.dir,
      today,
      horizonDays: settings.horizonDays,
      page: opts.all ? 1 : query.page,
      pageSize: opts.all ? null : INVENTORY_PAGE_SIZE,
    }),
    isSupplier || opts.all ? Promise.resolve([]) : listSuppliers(tx, membership.scope),
    opts.all ? Promise.resolve([]) : listLocations(tx, membership.scope),
  ]);
  return {
    inventory,
    suppliers,
    sites,
    today,
    horizonDays: settings.horizonDays,
    driftThreshold: settings.bandDriftThreshold,
    isSupplier,
  };
}

/**
 * One page of the inventory list as the page shows it: only the columns it renders go to the
 * browser (the CSV export has the rest).
 */
export async function loadInventoryPage(membership: Membership, query: InventoryQuery) {
  const view = await loadInventoryView(membership, query);
  const rows = view.inventory.rows.map((r) => ({
    agreementId: r.agreementId,
    sku: r.sku,
    itemName: r.itemName,
    uom: r.uom,
    siteCode: r.siteCode,
    siteName: r.siteName,
    supplierName: r.supplierName,
    abc: r.abc,
    xyz: r.xyz,
    minQty: r.minQty,
    maxQty: r.maxQty,
    onHand: r.onHand,
    asOf: r.asOf,
    stockDay: r.stockDay,
    receivedSince: r.receivedSince,
    consumedSince: r.consumedSince,
    inTransit: r.inTransit,
    daysOfCover: r.daysOfCover,
    stockoutDate: r.stockoutDate,
    status: r.status,
    urgency: r.urgency,
    recommendedMin: r.recommendedMin,
    recommendedMax: r.recommendedMax,
    drift: r.drift,
  }));
  return {
    tenantName: membership.tenant.name,
    pageSize: INVENTORY_PAGE_SIZE,
    ...view,
    inventory: { rows, total: view.inventory.total },
  };
}
