import { z } from "zod";
import { pageField } from "~/utils/input/decimal-field";
import { readText } from "~/utils/input/text";
import { stockStatuses } from "~/core/stock-status";
import { urgencies } from "~/core/urgency";
import type { InventorySort } from "~/models/inventory.server";

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
  "urgency",
] as const satisfies readonly InventorySort[];
export type { InventorySort };

/** Longest text search, in characters. */
export const INVENTORY_SEARCH_MAX = 100;

/**
 * The inventory list's URL query. Filters and sort live in the URL so that a view can be shared
 * (and exported as it is shown); a bad filter or sort is ignored rather than an error. The text
 * search `q` is read by the free-text rule (see parseInventoryQuery).
 */
const InventoryFilters = z.object({
  page: pageField,
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
  /** One urgency: act_now, plan_needed, covered or ok. */
  urgency: z.enum(urgencies).optional().catch(undefined),
  /** "1": only agreements whose band drifts from the recommendation. */
  drift: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(inventorySorts).catch("sku"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});
export type InventoryQuery = z.infer<typeof InventoryFilters> & { q?: string };

/** What is wrong with the search text: an i18n key and its values. */
export interface InventoryQueryErrors {
  q?: { key: string; values?: Record<string, number> };
}

/**
 * The query of an inventory URL. A search text with control characters (a NUL) or longer than
 * INVENTORY_SEARCH_MAX is not searched for: `errors.q` says why, for the page to show beside the
 * search field (400), and the rest of the view stands.
 */
export function parseInventoryQuery(searchParams: URLSearchParams): { query: InventoryQuery; errors: InventoryQueryErrors } {
  const raw = Object.fromEntries(searchParams);
  const filters: InventoryQuery = InventoryFilters.parse(raw);
  const search = readText(raw.q, { max: INVENTORY_SEARCH_MAX });
  if (!search.ok) {
    const q =
      search.problem === "too_long"
        ? { key: "inventory.errors.searchTooLong", values: { max: INVENTORY_SEARCH_MAX } }
        : { key: "inventory.errors.searchControlCharacter" };
    return { query: filters, errors: { q } };
  }
  return { query: search.value ? { ...filters, q: search.value } : filters, errors: {} };
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
  if (query.urgency) params.set("urgency", query.urgency);
  if (query.drift) params.set("drift", query.drift);
  if (query.sort && query.sort !== "sku") params.set("sort", query.sort);
  if (query.dir && query.dir !== "asc") params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
