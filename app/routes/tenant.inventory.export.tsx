import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/services/auth/guards.server";
import { loadInventoryView } from "~/services/inventory/inventory-view.server";
import { getFixedT } from "~/i18next.server";
import { csvFileName, toCsv } from "~/utils/csv";
import { parseInventoryQuery } from "~/utils/inventory-query";

/**
 * Every row of the inventory view the URL describes (same filters, same sort, same scope), as CSV
 * in the user's language. Numbers stay plain numbers so that a spreadsheet can compute with them.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const { query, errors } = parseInventoryQuery(new URL(args.request.url).searchParams);
  const t = await getFixedT(args.request, membership.user.locale);
  if (errors.q) {
    return new Response(t(errors.q.key, errors.q.values), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
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
  ]);
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(`inventory-${membership.tenant.slug}`, today)}"`,
      "Cache-Control": "no-store",
    },
  });
}

function round(value: number, decimals: number) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
