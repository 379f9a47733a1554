import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import {
  countItems,
  getItem,
  insertItem,
  type ItemRecord,
  lockItem,
  searchItems,
  updateItem,
} from "~/models/catalog-admin.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { readText } from "~/utils/input/text";
import { changesOf, requireAdmin, uniqueOn } from "./catalog-common.server";
import { CATALOG_SEARCH_MAX, CODE_MAX, type ItemInput } from "./catalog-rules";

/**
 * The tenant's items: SKU (unique), name, unit of measure, unit cost, category, GTIN (GS1,
 * optional) and the supplier's part number. The list pages by SKU with a keyset (the SKU after
 * which a page starts), so that the last page of a large catalogue is as quick as the first.
 */

export const ITEM_AUDIT = { create: "item.create", update: "item.update" } as const;
export const ITEMS_PAGE_SIZE = 50;
export type { ItemRecord };

const valuesOf = (input: ItemInput) => ({
  sku: input.sku,
  name: input.name,
  uom: input.uom,
  unitCost: input.unitCost,
  category: input.category || null,
  gtin: input.gtin || null,
  supplierPartNumber: input.supplierPartNumber || null,
});

export interface ItemsQuery {
  q?: string;
  /** The SKU the page starts after. */
  after?: string;
}

export interface ItemsPage {
  items: ItemRecord[];
  total: number;
  /** The SKU the next page starts after; null on the last page. */
  nextAfter: string | null;
}

export async function listItems(
  db: Database,
  scope: TenantScope,
  query: ItemsQuery,
  limit = ITEMS_PAGE_SIZE,
): Promise<ItemsPage> {
  requireAdmin(scope, "item.list");
  return withTenant(db, scope, async (tx) => {
    const rows = await searchItems(tx, scope.tenantId, { q: query.q, after: query.after, limit });
    const total = await countItems(tx, scope.tenantId, query.q);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return { items, total, nextAfter: more ? items[items.length - 1].sku : null };
  });
}

/**
 * The list's query from the URL: `q` (a SKU prefix or part of a name) and `after` (the keyset). A
 * search with control characters or too long is not run: `searchError` says why, for the page.
 */
export function parseItemsQuery(searchParams: URLSearchParams): { query: ItemsQuery; searchError: string | null } {
  const q = readText(searchParams.get("q"), { max: CATALOG_SEARCH_MAX });
  const after = readText(searchParams.get("after"), { max: CODE_MAX });
  const query: ItemsQuery = after.ok && after.value ? { after: after.value } : {};
  if (!q.ok) return { query, searchError: "adminCatalog.errors.search" };
  return { query: q.value ? { ...query, q: q.value } : query, searchError: null };
}

export async function createItem(db: Database, scope: TenantScope, input: ItemInput): Promise<string> {
  requireAdmin(scope, ITEM_AUDIT.create);
  const values = valuesOf(input);
  return uniqueOn("items_sku_key", "sku", () =>
    withTenant(db, scope, async (tx) => {
      const id = await insertItem(tx, scope.tenantId, values);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: ITEM_AUDIT.create,
        entityType: "item",
        entityId: id,
        after: values,
      });
      return id;
    }),
  );
}

/** @returns whether anything changed (a save that changes nothing writes nothing) */
export async function updateItemDetails(db: Database, scope: TenantScope, itemId: string, input: ItemInput) {
  requireAdmin(scope, ITEM_AUDIT.update);
  if (!isUuid(itemId)) throw AppError.notFound();
  const values = valuesOf(input);
  return uniqueOn("items_sku_key", "sku", () =>
    withTenant(db, scope, async (tx) => {
      const current = await lockItem(tx, scope.tenantId, itemId);
      if (!current) throw AppError.notFound();
      const diff = changesOf(current, values);
      if (diff.changed.length === 0) return { changed: false };
      await updateItem(tx, scope.tenantId, itemId, diff.after);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: ITEM_AUDIT.update,
        entityType: "item",
        entityId: itemId,
        before: diff.before,
        after: diff.after,
      });
      return { changed: true };
    }),
  );
}

export type ItemAction = ({ intent: "create" } & ItemInput) | ({ intent: "update"; itemId: string } & ItemInput);

export async function actOnItems(membership: Membership, action: ItemAction): Promise<{ toast: string }> {
  if (action.intent === "create") {
    await createItem(getDb(), membership.scope, action);
    return { toast: "adminCatalog.done.itemCreated" };
  }
  const { changed } = await updateItemDetails(getDb(), membership.scope, action.itemId, action);
  return { toast: changed ? "adminCatalog.done.saved" : "adminCatalog.done.unchanged" };
}

/** A page of the list, and the item whose edit form the page shows (`editId`), if it is the tenant's. */
export async function loadItemsPage(membership: Membership, query: ItemsQuery, editId: string | null) {
  const page = await listItems(getDb(), membership.scope, query);
  const editing = isUuid(editId)
    ? await withTenant(getDb(), membership.scope, (tx) => getItem(tx, membership.scope.tenantId, editId))
    : null;
  return { ...page, editing };
}
