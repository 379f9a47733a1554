import { z } from "zod";
import { stockStatuses } from "~/utils/stock-status";

/** Columns of the inventory list that can be sorted on. */
export const inventorySorts = [
  "sku",
  "item",
  "site",
  "supplier",
  "class",
  "onHand",
  "inTransit",
  "min",
  "max",
  "cover",
  "stockout",
  "status",
] as const;
export type InventorySort = (typeof inventorySorts)[number];

/**
 * The inventory list's URL query. Filters and sort live in the URL so that a view can be shared
 * (and exported as it is shown); a bad value is ignored rather than an error.
 */
export const InventoryQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  supplier: z.uuid().optional().catch(undefined),
  site: z.uuid().optional().catch(undefined),
  status: z.enum(stockStatuses).optional().catch(undefined),
  class: z
    .string()
    .regex(/^([ABC][XYZ]|[ABC]|[XYZ])$/)
    .optional()
    .catch(undefined),
  /** "lead-time": only agreements projected to stock out within their lead time (not yet out). */
  risk: z.enum(["lead-time"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(inventorySorts).catch("sku"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});
export type InventoryQuery = z.infer<typeof InventoryQuery>;

export function parseInventoryQuery(searchParams: URLSearchParams): InventoryQuery {
  return InventoryQuery.parse(Object.fromEntries(searchParams));
}

/** The query string of a view: defaults left out so that URLs stay short. */
export function inventorySearch(query: Partial<InventoryQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.supplier) params.set("supplier", query.supplier);
  if (query.site) params.set("site", query.site);
  if (query.status) params.set("status", query.status);
  if (query.class) params.set("class", query.class);
  if (query.risk) params.set("risk", query.risk);
  if (query.sort && query.sort !== "sku") params.set("sort", query.sort);
  if (query.dir && query.dir !== "asc") params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
