import type { Urgency } from "~/core/urgency";
import { type Tx } from "@db/client";
import { withTenant } from "@db/scope";
import { type ApiAgreementTerms, listApiAgreementTerms } from "~/models/api-agreements.server";
import { type InventoryRow, listInventory } from "~/models/inventory.server";
import { getPlanningClock } from "~/models/planning.server";
import { todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { wholeNumber } from "~/utils/input/decimal";
import { type ApiAnswer, type ApiContext, ApiProblem } from "./http.server";

/**
 * Agreements for the API's `read` scope: a page at a time by an opaque cursor (keyset on the
 * agreement's id), filtered by SKU, site and supplier code, each with its terms, its stored
 * planning figures, and the stock, in-transit quantity, cover and projected stockout exactly as
 * the inventory list shows them (the inventory model computes them).
 */

export const AGREEMENTS_DEFAULT_LIMIT = 100;
export const AGREEMENTS_MAX_LIMIT = 1000;

export interface ApiAgreement {
  id: string;
  supplier: string;
  sku: string;
  site: string;
  min: number;
  max: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
  onHand: number | null;
  /** The day of the stock figure (YYYY-MM-DD). */
  onHandAsOf: string | null;
  inTransit: number;
  abc: string | null;
  xyz: string | null;
  safetyStock: number | null;
  recommendedMin: number | null;
  recommendedMax: number | null;
  daysOfCover: number | null;
  /** The first day the projection runs out within the company's horizon (YYYY-MM-DD), or null. */
  projectedStockout: string | null;
  /** act_now, plan_needed, covered or ok (app/core/urgency.ts); null without stock data. */
  urgency: Urgency | null;
}

/** A cursor hides the id it continues after: callers pass it back as it is. */
export function encodeCursor(agreementId: string): string {
  return Buffer.from(agreementId, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!isUuid(id)) throw new ApiProblem(400, "The cursor is not one this API gave.");
  return id;
}

function limitOf(text: string | null): number {
  if (text === null) return AGREEMENTS_DEFAULT_LIMIT;
  const limit = wholeNumber(text);
  if (limit === null || limit < 1 || limit > AGREEMENTS_MAX_LIMIT) {
    throw new ApiProblem(400, `limit must be a whole number from 1 to ${AGREEMENTS_MAX_LIMIT}.`);
  }
  return limit;
}

function filterOf(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}

/** `GET /api/v1/agreements`: `{ data, nextCursor }` (null on the last page). */
export async function listAgreementsForApi(context: ApiContext): Promise<ApiAnswer> {
  const params = context.url.searchParams;
  const limit = limitOf(params.get("limit"));
  const cursor = params.get("cursor");
  const afterId = cursor ? decodeCursor(cursor) : undefined;
  const data = await withTenant(context.db, context.caller.scope, async (tx) => {
    // One row more than asked says whether another page follows.
    const terms = await listApiAgreementTerms(tx, context.caller.tenantId, {
      sku: filterOf(params, "sku"),
      supplier: filterOf(params, "supplier"),
      site: filterOf(params, "site"),
      afterId,
      limit: limit + 1,
    });
    return withInventory(tx, context, terms);
  });
  const page = data.slice(0, limit);
  const nextCursor = data.length > limit ? encodeCursor(page[page.length - 1]!.id) : null;
  return { status: 200, body: { data: page, nextCursor } };
}

/** `GET /api/v1/agreements/{id}`: one agreement, or 404 for an unknown one or another company's. */
export async function getAgreementForApi(context: ApiContext, agreementId: string | undefined): Promise<ApiAnswer> {
  const notFound = new ApiProblem(404, "No such agreement.");
  if (!agreementId || !isUuid(agreementId)) throw notFound;
  const [agreement] = await withTenant(context.db, context.caller.scope, async (tx) => {
    const terms = await listApiAgreementTerms(tx, context.caller.tenantId, { id: agreementId, limit: 1 });
    return withInventory(tx, context, terms);
  });
  if (!agreement) throw notFound;
  return { status: 200, body: agreement };
}

/**
 * The terms joined with the inventory list's figures for the same agreements. The inventory
 * query is narrowed to the page's supplier, site and SKU where the page has only one of each.
 */
async function withInventory(tx: Tx, context: ApiContext, terms: ApiAgreementTerms[]): Promise<ApiAgreement[]> {
  if (terms.length === 0) return [];
  const clock = await getPlanningClock(tx, context.caller.scope);
  const only = <T>(values: T[]) => (new Set(values).size === 1 ? values[0] : undefined);
  const { rows } = await listInventory(tx, context.caller.scope, {
    supplierId: only(terms.map((a) => a.supplierId)),
    locationId: only(terms.map((a) => a.locationId)),
    search: only(terms.map((a) => a.sku)),
    today: todayIn(clock.timeZone),
    horizonDays: clock.horizonDays,
    page: 1,
    pageSize: null,
  });
  const inventoryOf = new Map<string, InventoryRow>(rows.map((row) => [row.agreementId, row]));
  return terms.map((a) => {
    const listed = inventoryOf.get(a.id);
    return {
      id: a.id,
      supplier: a.supplier,
      sku: a.sku,
      site: a.site,
      min: a.min,
      max: a.max,
      leadTimeDays: a.leadTimeDays,
      leadTimeSdDays: a.leadTimeSdDays,
      moq: a.moq,
      packSize: a.packSize,
      reviewPeriodDays: a.reviewPeriodDays,
      onHand: listed?.onHand ?? null,
      onHandAsOf: listed?.asOf ?? null,
      inTransit: listed?.inTransit ?? 0,
      abc: listed?.abc ?? null,
      xyz: listed?.xyz ?? null,
      safetyStock: a.safetyStock,
      recommendedMin: a.recommendedMin,
      recommendedMax: a.recommendedMax,
      daysOfCover: listed?.daysOfCover ?? null,
      projectedStockout: listed?.stockoutDate ?? null,
      urgency: listed?.urgency ?? null,
    };
  });
}
