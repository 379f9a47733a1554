import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { PlanLineStatus, PlanStatus } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isCalendarDate } from "~/core";
import { isUuid } from "~/utils/ids";
import { iso, num, scopeFilter, str } from "../sql.server";

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

const headerColumns = sql`
  p.id, p.number, p.supplier_id, s.name as supplier_name, p.status, p.version, p.lock_version,
  p.request_id, p.note, p.created_by, p.route, p.decision_code,
  ${iso("p.submitted_at")} as submitted_at, ${iso("p.decided_at")} as decided_at,
  ${iso("p.created_at")} as created_at, ${iso("p.updated_at")} as updated_at`;

function toHeader(r: Record<string, unknown>): PlanHeader {
  return {
    id: String(r.id),
    number: str(r.number),
    supplierId: String(r.supplier_id),
    supplierName: String(r.supplier_name),
    status: r.status as PlanStatus,
    version: Number(r.version),
    lockVersion: Number(r.lock_version),
    requestId: String(r.request_id),
    note: str(r.note),
    createdBy: str(r.created_by),
    submittedAt: str(r.submitted_at),
    decidedAt: str(r.decided_at),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    route: parseJson<PlanRoute>(r.route),
    decisionCode: str(r.decision_code),
  };
}

/** jsonb comes back parsed from both drivers, but as text from some raw paths: accept both. */
export function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return JSON.parse(value) as T;
  return value as T;
}

/** One plan's header, or null when it does not exist or is not visible to the scope. */
export async function getPlanHeader(tx: Tx, scope: TenantScope, planId: string): Promise<PlanHeader | null> {
  if (!isUuid(planId)) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${headerColumns}
      from replenishment_plans p
      join suppliers s on s.tenant_id = p.tenant_id and s.id = p.supplier_id
      where ${scopeFilter(scope, "p")} and p.id = ${planId}::uuid`),
  );
  return rows[0] ? toHeader(rows[0]) : null;
}

/**
 * A plan with the lines of every version and its timeline, or null when it does not exist or
 * belongs to another supplier (the two are indistinguishable on purpose).
 */
export async function getPlan(tx: Tx, scope: TenantScope, planId: string): Promise<PlanDetail | null> {
  const plan = await getPlanHeader(tx, scope, planId);
  if (!plan) return null;
  const lineRows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select pl.id, pl.version, pl.line_no, pl.agreement_id, i.sku, i.name as item_name, i.uom,
             l.code as site_code, l.name as site_name, pl.qty, pl.ship_date::text as ship_date,
             pl.arrival_date::text as arrival_date, pl.proposed_qty, pl.reason, pl.status,
             pl.approved_qty, pl.approved_arrival_date::text as approved_arrival_date,
             pl.decision_code, pl.decision_reason, i.unit_cost, pl.shipped_qty, pl.received_qty,
             pl.received_on::text as received_on, pl.on_time, pl.fill_rate
      from plan_lines pl
      join agreements a on a.tenant_id = pl.tenant_id and a.id = pl.agreement_id
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      where ${scopeFilter(scope, "pl")} and pl.plan_id = ${plan.id}::uuid
      order by pl.version, pl.line_no`),
  );
  const allLines = lineRows.map((r): PlanLineRecord => ({
    id: String(r.id),
    version: Number(r.version),
    lineNo: Number(r.line_no),
    agreementId: String(r.agreement_id),
    sku: String(r.sku),
    itemName: String(r.item_name),
    uom: String(r.uom),
    siteCode: String(r.site_code),
    siteName: String(r.site_name),
    qty: Number(r.qty),
    shipDate: String(r.ship_date),
    arrivalDate: String(r.arrival_date),
    proposedQty: num(r.proposed_qty),
    reason: str(r.reason),
    status: r.status as PlanLineStatus,
    approvedQty: num(r.approved_qty),
    approvedArrivalDate: str(r.approved_arrival_date),
    decisionCode: str(r.decision_code),
    decisionReason: str(r.decision_reason),
    unitCost: Number(r.unit_cost ?? 0),
    shippedQty: Number(r.shipped_qty ?? 0),
    receivedQty: Number(r.received_qty ?? 0),
    receivedOn: str(r.received_on),
    onTime: r.on_time === null || r.on_time === undefined ? null : Boolean(r.on_time),
    fillRate: num(r.fill_rate),
  }));
  const eventRows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select e.id, e.version, e.action, e.from_status, e.to_status, e.actor_user_id, e.actor_role,
             e.comment, e.details, ${iso("e.occurred_at")} as occurred_at
      from plan_events e
      where ${scopeFilter(scope, "e")} and e.plan_id = ${plan.id}::uuid
      order by e.occurred_at, e.version, e.id`),
  );
  const events = eventRows.map((r): PlanEventRecord => ({
    id: String(r.id),
    version: Number(r.version),
    action: String(r.action),
    fromStatus: str(r.from_status),
    toStatus: String(r.to_status),
    actorUserId: str(r.actor_user_id),
    actorRole: str(r.actor_role),
    comment: str(r.comment),
    details: parseJson<unknown>(r.details),
    occurredAt: String(r.occurred_at),
  }));
  return { plan, lines: allLines.filter((l) => l.version === plan.version), allLines, events };
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
    conditions.push(sql`p.supplier_id = ${filters.supplierId}::uuid`);
  }
  const statuses =
    filters.status === undefined ? [] : typeof filters.status === "string" ? [filters.status] : [...filters.status];
  if (statuses.length)
    conditions.push(
      sql`p.status in (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  const day = sql`(coalesce(p.submitted_at, p.created_at) at time zone t.timezone)::date`;
  if (filters.from && isCalendarDate(filters.from)) conditions.push(sql`${day} >= ${filters.from}::date`);
  if (filters.to && isCalendarDate(filters.to)) conditions.push(sql`${day} <= ${filters.to}::date`);
  const page = Math.max(1, Math.floor(filters.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(filters.pageSize)));

  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${headerColumns}, count(*) over () as total,
             coalesce(agg.line_count, 0) as line_count, coalesce(agg.total_qty, 0) as total_qty,
             agg.first_ship_date, agg.last_arrival_date
      from replenishment_plans p
      join tenants t on t.id = p.tenant_id
      join suppliers s on s.tenant_id = p.tenant_id and s.id = p.supplier_id
      left join lateral (
        select count(*) as line_count, sum(pl.qty) as total_qty,
               min(pl.ship_date)::text as first_ship_date, max(pl.arrival_date)::text as last_arrival_date
        from plan_lines pl
        where pl.tenant_id = p.tenant_id and pl.plan_id = p.id and pl.version = p.version
      ) agg on true
      where ${sql.join(conditions, sql` and `)}
      order by coalesce(p.submitted_at, p.created_at) desc, p.id
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && page > 1) {
    const counted = rowsOf<{ total: unknown }>(
      await tx.execute(sql`
        select count(*) as total from replenishment_plans p join tenants t on t.id = p.tenant_id
        where ${sql.join(conditions, sql` and `)}`),
    );
    total = Number(counted[0]?.total ?? 0);
  }
  return {
    total,
    rows: rows.map((r) => {
      const h = toHeader(r);
      return {
        id: h.id,
        number: h.number,
        supplierId: h.supplierId,
        supplierName: h.supplierName,
        status: h.status,
        version: h.version,
        lockVersion: h.lockVersion,
        note: h.note,
        lineCount: Number(r.line_count),
        totalQty: Number(r.total_qty),
        firstShipDate: str(r.first_ship_date),
        lastArrivalDate: str(r.last_arrival_date),
        submittedAt: h.submittedAt,
        decidedAt: h.decidedAt,
        createdAt: h.createdAt,
        updatedAt: h.updatedAt,
      };
    }),
  };
}
