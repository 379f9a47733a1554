import type { Membership } from "~/services/auth/guards.server";
import { csvFileName, type CsvCell } from "~/utils/csv";
import type { InventoryQuery } from "./inventory-query";
import { loadInventoryView } from "./inventory-view.server";

type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface InventoryExport {
  fileName: string;
  header: string[];
  rows: CsvCell[][];
}

function round(value: number, decimals: number) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * Every row of the inventory view the query describes (same filters, same sort, same scope), with
 * headers and statuses in the user's language. Numbers stay plain numbers so that a spreadsheet
 * can compute with them.
 */
export async function buildInventoryExport(
  membership: Membership,
  query: InventoryQuery,
  t: Translate,
): Promise<InventoryExport> {
  const { inventory, today, isSupplier } = await loadInventoryView(membership, query, { all: true });
  const c = (key: string) => t(`inventory.csv.${key}`);
  const header = [
    c("sku"),
    c("item"),
    c("uom"),
    c("site"),
    ...(isSupplier ? [] : [c("supplier")]),
    c("class"),
    c("onHand"),
    c("asOf"),
    c("inTransit"),
    c("min"),
    c("max"),
    c("forecastDaily"),
    c("cover"),
    c("stockout"),
    c("status"),
    c("urgency"),
    c("recommendedMin"),
    c("recommendedMax"),
    c("drift"),
  ];
  const rows = inventory.rows.map((r) => [
    r.sku,
    r.itemName,
    r.uom,
    r.siteCode,
    ...(isSupplier ? [] : [r.supplierName]),
    r.abc && r.xyz ? `${r.abc}${r.xyz}` : null,
    r.onHand,
    r.asOf,
    r.inTransit,
    r.minQty,
    r.maxQty,
    round(r.forecastDaily, 3),
    r.daysOfCover === null ? null : round(r.daysOfCover, 1),
    r.stockoutDate,
    t(`status.${r.status}`),
    r.urgency ? t(`inventory.urgencies.${r.urgency}`) : null,
    r.recommendedMin,
    r.recommendedMax,
    r.drift ? t("inventory.driftBadge") : null,
  ]);
  return { fileName: csvFileName(`inventory-${membership.tenant.slug}`, today), header, rows };
}
