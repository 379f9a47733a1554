import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { agreements, planEvents, planLines, replenishmentPlans } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { scopeFilter } from "../sql.server";
import { PLAN_ENTITY, type PlanRoute, type PlanStatus } from "./read.server";

/**
 * Changing plans, each inside the service's withTenant transaction: the plan's row locked with its
 * state, inserts and optimistic updates, lines, timeline events and line decisions, and the lines
 * of a version as a decision checks them (read under the lock).
 */

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

const p = alias(replenishmentPlans, "p");
const pl = alias(planLines, "pl");
const a = alias(agreements, "a");

/** The columns of a plan's state. */
const stateFields = {
  id: p.id,
  supplierId: p.supplierId,
  number: p.number,
  status: p.status,
  version: p.version,
  lockVersion: p.lockVersion,
  requestId: p.requestId,
  route: p.route,
};

/** The plan's state, its row locked until the transaction ends; null when not visible. */
export async function lockPlan(tx: Tx, scope: TenantScope, planId: string): Promise<PlanState | null> {
  if (!isUuid(planId)) return null;
  const rows = await tx
    .select(stateFields)
    .from(p)
    .where(and(scopeFilter(scope, "p"), eq(p.id, planId)))
    .for("update");
  return rows[0] ?? null;
}

/** The plan a form's idempotency key created, if any (visible to the scope). */
export async function findPlanByRequestId(tx: Tx, scope: TenantScope, requestId: string): Promise<PlanState | null> {
  if (!isUuid(requestId)) return null;
  const rows = await tx
    .select(stateFields)
    .from(p)
    .where(and(scopeFilter(scope, "p"), eq(p.requestId, requestId)));
  return rows[0] ?? null;
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
  return rows[0].number;
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
  const rows = await tx
    .select({
      id: pl.id,
      lineNo: pl.lineNo,
      agreementId: pl.agreementId,
      qty: pl.qty,
      shipDate: pl.shipDate,
      arrivalDate: pl.arrivalDate,
      packSize: a.packSize,
      decisionCode: pl.decisionCode,
      approvedQty: pl.approvedQty,
      approvedArrivalDate: pl.approvedArrivalDate,
      decisionReason: pl.decisionReason,
    })
    .from(pl)
    .innerJoin(a, and(eq(a.tenantId, pl.tenantId), eq(a.id, pl.agreementId)))
    .where(and(scopeFilter(scope, "pl"), eq(pl.planId, planId), eq(pl.version, version)))
    .orderBy(pl.lineNo);
  return rows.map(({ decisionCode, approvedQty, approvedArrivalDate, decisionReason, ...line }) => ({
    ...line,
    decision: decisionCode
      ? { code: decisionCode, qty: approvedQty, arrivalDate: approvedArrivalDate, reason: decisionReason }
      : null,
  }));
}
