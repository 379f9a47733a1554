import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { planEvents, planLines, replenishmentPlans, type PlanLineStatus, type PlanStatus } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isCalendarDate } from "~/utils/plan-lines";
import { isUuid } from "~/utils/ids";
import { iso, num, scopeFilter, str } from "./sql.server";

export type { PlanLineStatus, PlanStatus };

/** The audit trail's entity type for plans (also how a repeated request is recognised). */
export const PLAN_ENTITY = "replenishment_plan";

// ---------------------------------------------------------------------------------------------
// Reads

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
function parseJson<T>(value: unknown): T | null {
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

// ---------------------------------------------------------------------------------------------
// Writes (used by app/services/plans; each runs inside the service's withTenant transaction)

export interface PlanState {
  id: string;
  supplierId: string;
  number: string | null;
  status: PlanStatus;
  version: number;
  lockVersion: number;
  requestId: string;
  route: PlanRoute | null;
}

function toState(r: Record<string, unknown>): PlanState {
  return {
    id: String(r.id),
    supplierId: String(r.supplier_id),
    number: str(r.number),
    status: r.status as PlanStatus,
    version: Number(r.version),
    lockVersion: Number(r.lock_version),
    requestId: String(r.request_id),
    route: parseJson<PlanRoute>(r.route),
  };
}

/** The plan's state, its row locked until the transaction ends; null when not visible. */
export async function lockPlan(tx: Tx, scope: TenantScope, planId: string): Promise<PlanState | null> {
  if (!isUuid(planId)) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select p.id, p.supplier_id, p.number, p.status, p.version, p.lock_version, p.request_id, p.route
      from replenishment_plans p
      where ${scopeFilter(scope, "p")} and p.id = ${planId}::uuid
      for update`),
  );
  return rows[0] ? toState(rows[0]) : null;
}

/** The plan a form's idempotency key created, if any (visible to the scope). */
export async function findPlanByRequestId(tx: Tx, scope: TenantScope, requestId: string): Promise<PlanState | null> {
  if (!isUuid(requestId)) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select p.id, p.supplier_id, p.number, p.status, p.version, p.lock_version, p.request_id, p.route
      from replenishment_plans p
      where ${scopeFilter(scope, "p")} and p.request_id = ${requestId}::uuid`),
  );
  return rows[0] ? toState(rows[0]) : null;
}

/**
 * Whether the audit trail already holds `action` on this plan for this request id: a repeated
 * request (double click, retry) that already took effect.
 */
export async function wasRequestApplied(
  tx: Tx,
  scope: TenantScope,
  planId: string,
  action: string,
  requestId: string,
): Promise<boolean> {
  const rows = rowsOf<{ found: unknown }>(
    await tx.execute(sql`
      select 1 as found from audit_events ae
      where ${scopeFilter(scope, "ae")} and ae.entity_type = ${PLAN_ENTITY} and ae.entity_id = ${planId}
        and ae.action = ${action} and ae.after ->> 'requestId' = ${requestId}
      limit 1`),
  );
  return rows.length > 0;
}

/** The next RP-YYYY-NNNNN of the transaction's tenant (migration 0006's next_plan_number). */
export async function nextPlanNumber(tx: Tx, year: number): Promise<string> {
  const rows = rowsOf<{ number: string }>(await tx.execute(sql`select next_plan_number(${year}::int) as number`));
  return String(rows[0].number);
}

export interface NewPlan {
  supplierId: string;
  requestId: string;
  status: PlanStatus;
  note: string | null;
  number?: string | null;
  submitted?: boolean;
  createdBy: string | null;
  route?: PlanRoute | null;
}

/** Inserts a plan at version 1, lock version 1; returns its id. */
export async function insertPlan(tx: Tx, scope: TenantScope, plan: NewPlan): Promise<string> {
  const [row] = await tx
    .insert(replenishmentPlans)
    .values({
      tenantId: scope.tenantId,
      supplierId: plan.supplierId,
      requestId: plan.requestId,
      status: plan.status,
      note: plan.note,
      number: plan.number ?? null,
      createdBy: plan.createdBy,
      submittedAt: plan.submitted ? sql`now()` : null,
      route: plan.route ?? null,
    })
    .returning({ id: replenishmentPlans.id });
  return row.id;
}

export interface PlanPatch {
  status?: PlanStatus;
  version?: number;
  note?: string | null;
  number?: string;
  /** true: now(). */
  submitted?: boolean;
  /** true: now(); false: cleared. */
  decided?: boolean;
  /** The route given at submission; null clears it (a revision is routed anew). */
  route?: PlanRoute | null;
  /** EDI 855 header code; null clears it. */
  decisionCode?: "AC" | "AD" | "RD" | null;
}

/**
 * Applies a change if the plan is still at `lockVersion`, raising it by one; returns the new lock
 * version, or null when the plan moved on (or is not visible).
 */
export async function updatePlan(
  tx: Tx,
  scope: TenantScope,
  planId: string,
  lockVersion: number,
  patch: PlanPatch,
): Promise<number | null> {
  const conditions = [
    eq(replenishmentPlans.tenantId, scope.tenantId),
    eq(replenishmentPlans.id, planId),
    eq(replenishmentPlans.lockVersion, lockVersion),
  ];
  if (scope.supplierId) conditions.push(eq(replenishmentPlans.supplierId, scope.supplierId));
  const rows = await tx
    .update(replenishmentPlans)
    .set({
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.version !== undefined ? { version: patch.version } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.number !== undefined ? { number: patch.number } : {}),
      ...(patch.submitted ? { submittedAt: sql`now()` } : {}),
      ...(patch.decided === true ? { decidedAt: sql`now()` } : patch.decided === false ? { decidedAt: null } : {}),
      ...(patch.route !== undefined ? { route: patch.route } : {}),
      ...(patch.decisionCode !== undefined ? { decisionCode: patch.decisionCode } : {}),
      lockVersion: sql`${replenishmentPlans.lockVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(...conditions))
    .returning({ lockVersion: replenishmentPlans.lockVersion });
  return rows[0]?.lockVersion ?? null;
}

export interface LineValues {
  agreementId: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  proposedQty: number | null;
  reason: string | null;
}

/** Replaces the lines of one version of a plan (numbered 1…n in the given order). */
export async function replaceLines(
  tx: Tx,
  scope: TenantScope,
  plan: { id: string; supplierId: string; version: number },
  lines: readonly LineValues[],
): Promise<void> {
  await tx
    .delete(planLines)
    .where(
      and(
        eq(planLines.tenantId, scope.tenantId),
        eq(planLines.planId, plan.id),
        eq(planLines.supplierId, plan.supplierId),
        eq(planLines.version, plan.version),
      ),
    );
  if (lines.length === 0) return;
  await tx.insert(planLines).values(
    lines.map((l, index) => ({
      tenantId: scope.tenantId,
      planId: plan.id,
      supplierId: plan.supplierId,
      version: plan.version,
      lineNo: index + 1,
      agreementId: l.agreementId,
      qty: l.qty,
      shipDate: l.shipDate,
      arrivalDate: l.arrivalDate,
      proposedQty: l.proposedQty,
      reason: l.reason,
    })),
  );
}

/** Copies a version's lines into the next version as pending lines (decisions not carried). */
export async function copyLines(
  tx: Tx,
  scope: TenantScope,
  plan: { id: string; supplierId: string },
  fromVersion: number,
  toVersion: number,
): Promise<void> {
  await tx.execute(sql`
    insert into plan_lines (tenant_id, plan_id, supplier_id, version, line_no, agreement_id, qty,
                            ship_date, arrival_date, proposed_qty, reason)
    select tenant_id, plan_id, supplier_id, ${toVersion}::int, line_no, agreement_id, qty,
           ship_date, arrival_date, proposed_qty, reason
    from plan_lines pl
    where ${scopeFilter(scope, "pl")} and pl.plan_id = ${plan.id}::uuid
      and pl.supplier_id = ${plan.supplierId}::uuid and pl.version = ${fromVersion}::int
    order by line_no`);
}

export interface PlanEventValues {
  planId: string;
  supplierId: string;
  version: number;
  action: string;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus;
  actorUserId: string | null;
  actorRole: string | null;
  comment?: string | null;
  details?: unknown;
}

/** Appends to the plan's timeline (the app role may only insert and read it); returns its id. */
export async function insertPlanEvent(tx: Tx, scope: TenantScope, event: PlanEventValues): Promise<string> {
  const [row] = await tx
    .insert(planEvents)
    .values({
      tenantId: scope.tenantId,
      planId: event.planId,
      supplierId: event.supplierId,
      version: event.version,
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actorUserId: event.actorUserId,
      actorRole: event.actorRole,
      comment: event.comment ?? null,
      details: event.details ?? null,
      // now() is the transaction's start: two events of one transaction (submitted, then approved
      // by the system) would tie. The clock keeps them in the order they happened.
      occurredAt: sql`clock_timestamp()`,
    })
    .returning({ id: planEvents.id });
  return row.id;
}

export interface LineDecisionValues {
  lineNo: number;
  code: "IA" | "IQ" | "DR" | "IR";
  /** Accepted quantity (0 for IR). */
  qty: number;
  /** Accepted arrival date. */
  arrivalDate: string;
  reason: string | null;
}

/**
 * Stores a step's decisions on the lines of the plan's current version, in one statement. A step
 * that is not the last keeps the lines pending (the next step sees and may change them); the last
 * step makes them accepted or rejected.
 */
export async function writeLineDecisions(
  tx: Tx,
  scope: TenantScope,
  plan: { id: string; version: number },
  decisions: readonly LineDecisionValues[],
  final: boolean,
): Promise<number> {
  if (decisions.length === 0) return 0;
  const values = sql.join(
    decisions.map((d) => sql`(${d.lineNo}::int, ${d.code}::text, ${d.qty}::numeric, ${d.arrivalDate}::date, ${d.reason}::text)`),
    sql`, `,
  );
  const status = final ? sql`case when d.code = 'IR' then 'rejected' else 'accepted' end` : sql`'pending'`;
  const rows = rowsOf<{ id: unknown }>(
    await tx.execute(sql`
      update plan_lines pl
      set decision_code = d.code, approved_qty = d.qty, approved_arrival_date = d.arrival_date,
          decision_reason = d.reason, status = ${status}
      from (values ${values}) as d (line_no, code, qty, arrival_date, reason)
      where ${scopeFilter(scope, "pl")} and pl.plan_id = ${plan.id}::uuid
        and pl.version = ${plan.version}::int and pl.line_no = d.line_no
      returning pl.id`),
  );
  return rows.length;
}

export interface ApprovalQueueRow {
  id: string;
  number: string | null;
  supplierId: string;
  supplierName: string;
  status: PlanStatus;
  lockVersion: number;
  /** Since when the plan waits for this step: submission for the buyer, the buyer's step for the manager. */
  waitingSince: string;
  submittedAt: string | null;
  lineCount: number;
  /** Value of the lines as they stand (decided quantities where a step changed them; rejected count 0). */
  value: number;
  steps: ("buyer" | "manager")[];
}

/** The plans waiting for a step (buyer: submitted; manager: in review), oldest first. */
export async function listApprovalQueue(
  tx: Tx,
  scope: TenantScope,
  status: "submitted" | "in_review",
): Promise<ApprovalQueueRow[]> {
  const waiting = status === "submitted" ? sql.raw("coalesce(p.submitted_at, p.updated_at)") : sql.raw("p.updated_at");
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select p.id, p.number, p.supplier_id, s.name as supplier_name, p.status, p.lock_version, p.route,
             ${iso("p.submitted_at")} as submitted_at,
             to_char(${waiting} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as waiting_since,
             coalesce(agg.line_count, 0) as line_count, coalesce(agg.value, 0) as value
      from replenishment_plans p
      join suppliers s on s.tenant_id = p.tenant_id and s.id = p.supplier_id
      left join lateral (
        select count(*) as line_count,
               sum(case when pl.decision_code = 'IR' then 0 else coalesce(pl.approved_qty, pl.qty) end * i.unit_cost) as value
        from plan_lines pl
        join agreements a on a.tenant_id = pl.tenant_id and a.id = pl.agreement_id
        join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
        where pl.tenant_id = p.tenant_id and pl.plan_id = p.id and pl.version = p.version
      ) agg on true
      where ${scopeFilter(scope, "p")} and p.status = ${status}
      order by ${waiting}, p.id
      limit 500`),
  );
  return rows.map((r) => {
    const route = parseJson<PlanRoute>(r.route);
    return {
      id: String(r.id),
      number: str(r.number),
      supplierId: String(r.supplier_id),
      supplierName: String(r.supplier_name),
      status: r.status as PlanStatus,
      lockVersion: Number(r.lock_version),
      waitingSince: String(r.waiting_since),
      submittedAt: str(r.submitted_at),
      lineCount: Number(r.line_count),
      value: Number(r.value),
      steps: route?.steps ?? ["buyer"],
    };
  });
}

export interface CurrentLine {
  id: string;
  lineNo: number;
  agreementId: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  packSize: number;
  /** What an earlier step decided (the line still pending), or the final decision. */
  decision: { code: string; qty: number | null; arrivalDate: string | null; reason: string | null } | null;
}

/** The lines of a plan version as a decision checks them, by line number. */
export async function listCurrentLines(tx: Tx, scope: TenantScope, planId: string, version: number): Promise<CurrentLine[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select pl.id, pl.line_no, pl.agreement_id, pl.qty, pl.ship_date::text as ship_date, pl.arrival_date::text as arrival_date,
             a.pack_size, pl.decision_code, pl.approved_qty, pl.approved_arrival_date::text as approved_arrival_date,
             pl.decision_reason
      from plan_lines pl
      join agreements a on a.tenant_id = pl.tenant_id and a.id = pl.agreement_id
      where ${scopeFilter(scope, "pl")} and pl.plan_id = ${planId}::uuid and pl.version = ${version}::int
      order by pl.line_no`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    lineNo: Number(r.line_no),
    agreementId: String(r.agreement_id),
    qty: Number(r.qty),
    shipDate: String(r.ship_date),
    arrivalDate: String(r.arrival_date),
    packSize: Number(r.pack_size),
    decision: r.decision_code
      ? {
          code: String(r.decision_code),
          qty: num(r.approved_qty),
          arrivalDate: str(r.approved_arrival_date),
          reason: str(r.decision_reason),
        }
      : null,
  }));
}

/** The current version's lines of several plans (for projections over a queue of plans). */
export async function listLinesOfPlans(
  tx: Tx,
  scope: TenantScope,
  planIds: readonly string[],
): Promise<
  {
    planId: string;
    lineNo: number;
    agreementId: string;
    qty: number;
    arrivalDate: string;
    decisionCode: string | null;
    approvedQty: number | null;
    approvedArrivalDate: string | null;
  }[]
> {
  const ids = planIds.filter(isUuid);
  if (ids.length === 0) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select pl.plan_id, pl.line_no, pl.agreement_id, pl.qty, pl.arrival_date::text as arrival_date,
             pl.decision_code, pl.approved_qty, pl.approved_arrival_date::text as approved_arrival_date
      from plan_lines pl
      join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id and p.version = pl.version
      where ${scopeFilter(scope, "pl")} and pl.plan_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      order by pl.plan_id, pl.line_no`),
  );
  return rows.map((r) => ({
    planId: String(r.plan_id),
    lineNo: Number(r.line_no),
    agreementId: String(r.agreement_id),
    qty: Number(r.qty),
    arrivalDate: String(r.arrival_date),
    decisionCode: str(r.decision_code),
    approvedQty: num(r.approved_qty),
    approvedArrivalDate: str(r.approved_arrival_date),
  }));
}
