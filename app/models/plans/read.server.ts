import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@db/client";
import {
  agreements,
  items,
  locations,
  planEvents,
  planLines,
  replenishmentPlans,
  suppliers,
  tenants,
  type PlanLineStatus,
  type PlanStatus,
} from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isCalendarDate } from "~/core";
import { isUuid } from "~/utils/ids";
import { isoOf, scopeFilter } from "../sql.server";

/**
 * Reading plans: one plan with its lines of every version and its timeline, and the pages of the
 * plan list. Writes are in ./write.server.ts, the approval queue in ./queue.server.ts.
 */

export type { PlanLineStatus, PlanStatus };

/** The audit trail's entity type for plans (also how a repeated request is recognised). */
export const PLAN_ENTITY = "replenishment_plan";

export interface PlanHeader {
  id: string;
  /** RP-YYYY-NNNNN from the first submission; null for a draft never submitted. */
  number: string | null;
  supplierId: string;
  supplierName: string;
  status: PlanStatus;
  /** Revision: 1, then +1 each time the plan is revised after changes were requested. */
  version: number;
  /** Optimistic concurrency token: send it back with every change. */
  lockVersion: number;
  requestId: string;
  note: string | null;
  createdBy: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The approval route given at submission; null before submission. */
  route: PlanRoute | null;
  /** EDI 855 header code of the final decision (AC, AD, RD); null until decided. */
  decisionCode: string | null;
}

/** The approval route stored at submission (see app/core/plan-approval-route.ts). */
export interface PlanRoute {
  steps: ("buyer" | "manager")[];
  autoApproved: boolean;
  value: number;
  reasons: unknown[];
}

export interface PlanLineRecord {
  id: string;
  version: number;
  lineNo: number;
  agreementId: string;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  siteName: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  proposedQty: number | null;
  reason: string | null;
  status: PlanLineStatus;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  decisionCode: string | null;
  decisionReason: string | null;
  unitCost: number;
  shippedQty: number;
  receivedQty: number;
  receivedOn: string | null;
  onTime: boolean | null;
  fillRate: number | null;
}

export interface PlanEventRecord {
  id: string;
  version: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorUserId: string | null;
  actorRole: string | null;
  comment: string | null;
  /** A step decision's line decisions: { step, lines: [{ lineNo, code, qty, arrivalDate, reason }] }. */
  details: unknown;
  occurredAt: string;
}

export interface PlanDetail {
  plan: PlanHeader;
  /** Lines of the current version, by line number. */
  lines: PlanLineRecord[];
  /** Lines of every version (history), by version then line number. */
  allLines: PlanLineRecord[];
  /** The timeline, oldest first. */
  events: PlanEventRecord[];
}

const p = alias(replenishmentPlans, "p");
const s = alias(suppliers, "s");
const pl = alias(planLines, "pl");
const a = alias(agreements, "a");
const i = alias(items, "i");
const l = alias(locations, "l");
const e = alias(planEvents, "e");
const t = alias(tenants, "t");

/** The header's columns, for every select of plans joined with their supplier (`s`). */
const headerFields = {
  id: p.id,
  number: p.number,
  supplierId: p.supplierId,
  supplierName: s.name,
  status: p.status,
  version: p.version,
  lockVersion: p.lockVersion,
  requestId: p.requestId,
  note: p.note,
  createdBy: p.createdBy,
  submittedAt: isoOf(p.submittedAt),
  decidedAt: isoOf(p.decidedAt),
  createdAt: isoOf(p.createdAt),
  updatedAt: isoOf(p.updatedAt),
  route: p.route,
  decisionCode: p.decisionCode,
};

/** One plan's header, or null when it does not exist or is not visible to the scope. */
export async function getPlanHeader(tx: Tx, scope: TenantScope, planId: string): Promise<PlanHeader | null> {
  if (!isUuid(planId)) return null;
  const rows = await tx
    .select(headerFields)
    .from(p)
    .innerJoin(s, and(eq(s.tenantId, p.tenantId), eq(s.id, p.supplierId)))
    .where(and(scopeFilter(scope, "p"), eq(p.id, planId)));
  return rows[0] ?? null;
}

/**
 * A plan with the lines of every version and its timeline, or null when it does not exist or
 * belongs to another supplier (the two are indistinguishable on purpose).
 */
export async function getPlan(tx: Tx, scope: TenantScope, planId: string): Promise<PlanDetail | null> {
  const plan = await getPlanHeader(tx, scope, planId);
  if (!plan) return null;
  const allLines: PlanLineRecord[] = await tx
    .select({
      id: pl.id,
      version: pl.version,
      lineNo: pl.lineNo,
      agreementId: pl.agreementId,
      sku: i.sku,
      itemName: i.name,
      uom: i.uom,
      siteCode: l.code,
      siteName: l.name,
      qty: pl.qty,
      shipDate: pl.shipDate,
      arrivalDate: pl.arrivalDate,
      proposedQty: pl.proposedQty,
      reason: pl.reason,
      status: pl.status,
      approvedQty: pl.approvedQty,
      approvedArrivalDate: pl.approvedArrivalDate,
      decisionCode: pl.decisionCode,
      decisionReason: pl.decisionReason,
      unitCost: i.unitCost,
      shippedQty: pl.shippedQty,
      receivedQty: pl.receivedQty,
      receivedOn: pl.receivedOn,
      onTime: pl.onTime,
      fillRate: pl.fillRate,
    })
    .from(pl)
    .innerJoin(a, and(eq(a.tenantId, pl.tenantId), eq(a.id, pl.agreementId)))
    .innerJoin(i, and(eq(i.tenantId, a.tenantId), eq(i.id, a.itemId)))
    .innerJoin(l, and(eq(l.tenantId, a.tenantId), eq(l.id, a.locationId)))
    .where(and(scopeFilter(scope, "pl"), eq(pl.planId, plan.id)))
    .orderBy(pl.version, pl.lineNo);
  const events: PlanEventRecord[] = await tx
    .select({
      id: e.id,
      version: e.version,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorUserId: e.actorUserId,
      actorRole: e.actorRole,
      comment: e.comment,
      details: e.details,
      occurredAt: isoOf(e.occurredAt),
    })
    .from(e)
    .where(and(scopeFilter(scope, "e"), eq(e.planId, plan.id)))
    .orderBy(e.occurredAt, e.version, e.id);
  return { plan, lines: allLines.filter((line) => line.version === plan.version), allLines, events };
}

export interface PlanListFilters {
  status?: PlanStatus | readonly PlanStatus[];
  /** Buyer roles only; a supplier scope always lists its own plans. */
  supplierId?: string;
  /** Inclusive range of days (tenant-local) of submission, or of creation for unsubmitted drafts. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface PlanListRow {
  id: string;
  number: string | null;
  supplierId: string;
  supplierName: string;
  status: PlanStatus;
  version: number;
  lockVersion: number;
  note: string | null;
  /** Of the current version. */
  lineCount: number;
  totalQty: number;
  firstShipDate: string | null;
  lastArrivalDate: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One page of plans, newest first (a supplier: its own; buyer roles: all, or one supplier's). */
export async function listPlans(
  tx: Tx,
  scope: TenantScope,
  filters: PlanListFilters,
): Promise<{ rows: PlanListRow[]; total: number }> {
  const conditions: SQL[] = [scopeFilter(scope, "p")];
  if (!scope.supplierId && filters.supplierId) {
    if (!isUuid(filters.supplierId)) return { rows: [], total: 0 };
    conditions.push(eq(p.supplierId, filters.supplierId));
  }
  const statuses =
    filters.status === undefined ? [] : typeof filters.status === "string" ? [filters.status] : [...filters.status];
  if (statuses.length) conditions.push(inArray(p.status, statuses));
  const day = sql`(coalesce(p.submitted_at, p.created_at) at time zone t.timezone)::date`;
  if (filters.from && isCalendarDate(filters.from)) conditions.push(sql`${day} >= ${filters.from}::date`);
  if (filters.to && isCalendarDate(filters.to)) conditions.push(sql`${day} <= ${filters.to}::date`);
  const page = Math.max(1, Math.floor(filters.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(filters.pageSize)));

  // The current version's lines of each plan, summed beside it.
  const agg = tx
    .select({
      lineCount: sql<string>`count(*)`.as("line_count"),
      totalQty: sql<string | null>`sum(${pl.qty})`.as("total_qty"),
      firstShipDate: sql<string | null>`min(${pl.shipDate})::text`.as("first_ship_date"),
      lastArrivalDate: sql<string | null>`max(${pl.arrivalDate})::text`.as("last_arrival_date"),
    })
    .from(pl)
    .where(and(eq(pl.tenantId, p.tenantId), eq(pl.planId, p.id), eq(pl.version, p.version)))
    .as("agg");
  const rows = await tx
    .select({
      id: p.id,
      number: p.number,
      supplierId: p.supplierId,
      supplierName: s.name,
      status: p.status,
      version: p.version,
      lockVersion: p.lockVersion,
      note: p.note,
      lineCount: sql`coalesce(${agg.lineCount}, 0)`.mapWith(Number),
      totalQty: sql`coalesce(${agg.totalQty}, 0)`.mapWith(Number),
      firstShipDate: agg.firstShipDate,
      lastArrivalDate: agg.lastArrivalDate,
      submittedAt: headerFields.submittedAt,
      decidedAt: headerFields.decidedAt,
      createdAt: headerFields.createdAt,
      updatedAt: headerFields.updatedAt,
      total: sql`count(*) over ()`.mapWith(Number),
    })
    .from(p)
    .innerJoin(t, eq(t.id, p.tenantId))
    .innerJoin(s, and(eq(s.tenantId, p.tenantId), eq(s.id, p.supplierId)))
    .leftJoinLateral(agg, sql`true`)
    .where(and(...conditions))
    .orderBy(sql`coalesce(${p.submittedAt}, ${p.createdAt}) desc`, p.id)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let total = rows[0]?.total ?? 0;
  if (!rows.length && page > 1) {
    const counted = await tx
      .select({ total: count() })
      .from(p)
      .innerJoin(t, eq(t.id, p.tenantId))
      .where(and(...conditions));
    total = counted[0]?.total ?? 0;
  }
  return { total, rows: rows.map(({ total: _total, ...row }): PlanListRow => row) };
}

/** The agreements of a plan's lines (every version: a revision may have dropped some), in scope. */
export async function planAgreementIds(tx: Tx, scope: TenantScope, planId: string): Promise<string[]> {
  if (!isUuid(planId)) return [];
  const rows = await tx
    .selectDistinct({ agreementId: planLines.agreementId })
    .from(planLines)
    .innerJoin(
      replenishmentPlans,
      and(eq(replenishmentPlans.tenantId, planLines.tenantId), eq(replenishmentPlans.id, planLines.planId)),
    )
    .where(
      and(
        eq(planLines.tenantId, scope.tenantId),
        eq(planLines.planId, planId),
        scope.supplierId ? eq(replenishmentPlans.supplierId, scope.supplierId) : undefined,
      ),
    );
  return rows.map((r) => r.agreementId);
}
