import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import {
  type AlertConditionKind,
  alertEvaluations,
  alertEvents,
  alertRules,
  alerts,
  type AlertSeverity,
  locations,
  memberships,
  suppliers,
  users,
} from "@db/schema";

/**
 * The company's alert rules as its administrators keep them, with what the rules page shows beside
 * each one (its alerts not yet closed, its last evaluation). Every query names the tenant itself;
 * row-level security says the same (the buyer's side reads rules, administrators write them).
 */

export interface AlertRuleRecord {
  id: string;
  name: string;
  condition: AlertConditionKind;
  severity: AlertSeverity;
  /** The rule less its columns (condition, scope, recipients, channels, to-do), as stored. */
  definition: Record<string, unknown>;
  cooldownMinutes: number;
  enabled: boolean;
  defaultKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AlertRuleEvaluation {
  startedAt: Date;
  durationMs: number;
  opened: number;
  closed: number;
}

export interface AlertRuleListRecord extends AlertRuleRecord {
  /** Alerts of the rule not closed (open or acknowledged, snoozed or not). */
  openAlerts: number;
  lastEvaluation: AlertRuleEvaluation | null;
}

/** What a write stores: the columns a rule's form sets. */
export type AlertRuleValues = Pick<
  AlertRuleRecord,
  "name" | "condition" | "severity" | "definition" | "cooldownMinutes" | "enabled"
>;

const columns = {
  id: alertRules.id,
  name: alertRules.name,
  condition: alertRules.condition,
  severity: alertRules.severity,
  definition: alertRules.definition,
  cooldownMinutes: alertRules.cooldownMinutes,
  enabled: alertRules.enabled,
  defaultKey: alertRules.defaultKey,
  createdAt: alertRules.createdAt,
  updatedAt: alertRules.updatedAt,
};

const ruleOf = (tenantId: string, id: string) => and(eq(alertRules.tenantId, tenantId), eq(alertRules.id, id));

/** Every rule of the company by name, each with its alerts not closed and its last evaluation. */
export async function listAlertRules(tx: Tx, tenantId: string): Promise<AlertRuleListRecord[]> {
  const rules = await tx.select(columns).from(alertRules).where(eq(alertRules.tenantId, tenantId)).orderBy(asc(alertRules.name));
  if (rules.length === 0) return [];
  const ids = rules.map((r) => r.id);
  const open = await tx
    .select({ ruleId: alerts.ruleId, n: count() })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), inArray(alerts.ruleId, ids), isNull(alerts.closedAt)))
    .groupBy(alerts.ruleId);
  const evaluations = await tx
    .selectDistinctOn([alertEvaluations.ruleId], {
      ruleId: alertEvaluations.ruleId,
      startedAt: alertEvaluations.startedAt,
      durationMs: alertEvaluations.durationMs,
      opened: alertEvaluations.opened,
      closed: alertEvaluations.closed,
    })
    .from(alertEvaluations)
    .where(and(eq(alertEvaluations.tenantId, tenantId), inArray(alertEvaluations.ruleId, ids)))
    .orderBy(alertEvaluations.ruleId, desc(alertEvaluations.startedAt));
  const openBy = new Map(open.map((o) => [o.ruleId, o.n]));
  const lastBy = new Map(evaluations.map(({ ruleId, ...e }) => [ruleId, e]));
  return rules.map((r) => ({ ...r, openAlerts: openBy.get(r.id) ?? 0, lastEvaluation: lastBy.get(r.id) ?? null }));
}

export async function getAlertRule(tx: Tx, tenantId: string, id: string): Promise<AlertRuleRecord | null> {
  const [row] = await tx.select(columns).from(alertRules).where(ruleOf(tenantId, id));
  return row ?? null;
}

/** The rule, locked until the transaction ends: a change reads it as it stands. */
export async function lockAlertRule(tx: Tx, tenantId: string, id: string): Promise<AlertRuleRecord | null> {
  const [row] = await tx.select(columns).from(alertRules).where(ruleOf(tenantId, id)).for("update");
  return row ?? null;
}

/** Whether another rule of the company has this name. */
export async function alertRuleNameTaken(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: alertRules.id })
    .from(alertRules)
    .where(and(eq(alertRules.tenantId, tenantId), eq(alertRules.name, name), exceptId ? ne(alertRules.id, exceptId) : undefined))
    .limit(1);
  return row !== undefined;
}

export async function insertAlertRule(tx: Tx, tenantId: string, values: AlertRuleValues): Promise<string> {
  const [row] = await tx
    .insert(alertRules)
    .values({ tenantId, ...values })
    .returning({ id: alertRules.id });
  return row.id;
}

/** @returns whether a row was changed (row-level security leaves a non-administrator none). */
export async function updateAlertRule(tx: Tx, tenantId: string, id: string, values: Partial<AlertRuleValues>): Promise<boolean> {
  const rows = await tx
    .update(alertRules)
    .set({ ...values, updatedAt: sql`now()` })
    .where(ruleOf(tenantId, id))
    .returning({ id: alertRules.id });
  return rows.length > 0;
}

/** @returns whether the rule was deleted. */
export async function deleteAlertRule(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx.delete(alertRules).where(ruleOf(tenantId, id)).returning({ id: alertRules.id });
  return rows.length > 0;
}

export interface ClosedAlert {
  id: string;
  supplierId: string;
}

/**
 * Closes the rule's alerts that are not closed, for `reason`, each with an event of `event` kind
 * by the actor; `detach` also clears their rule (the rule is about to be deleted: they keep its
 * name, condition and severity, copied when they opened).
 */
export async function closeAlertsOfRule(
  tx: Tx,
  tenantId: string,
  ruleId: string,
  options: { reason: "cleared" | "rule_removed"; event: "cleared" | "rule_removed"; actorUserId: string | null; detach: boolean },
): Promise<ClosedAlert[]> {
  const closed = await tx
    .update(alerts)
    .set({
      status: "closed",
      closeReason: options.reason,
      closedAt: sql`now()`,
      ...(options.detach ? { ruleId: null } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.ruleId, ruleId), isNull(alerts.closedAt)))
    .returning({ id: alerts.id, supplierId: alerts.supplierId });
  if (closed.length > 0) {
    await tx.insert(alertEvents).values(
      closed.map((a) => ({
        tenantId,
        alertId: a.id,
        supplierId: a.supplierId,
        kind: options.event,
        actorUserId: options.actorUserId,
        detail: { ruleId },
      })),
    );
  }
  return closed;
}

/** Of `ids`, those that are suppliers of the company. */
export async function knownSupplierIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: suppliers.id })
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), inArray(suppliers.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** Of `ids`, those that are sites of the company. */
export async function knownSiteIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.tenantId, tenantId), inArray(locations.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** Of the user ids, those of active members of the company (any role). */
export async function activeMemberUserIds(tx: Tx, tenantId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.status, "active"), inArray(memberships.userId, [...userIds])));
  return new Set(rows.map((r) => r.userId));
}

export interface ScopeOption {
  id: string;
  code: string;
  name: string;
}

export function listSupplierChoices(tx: Tx, tenantId: string): Promise<ScopeOption[]> {
  return tx
    .select({ id: suppliers.id, code: suppliers.code, name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.tenantId, tenantId))
    .orderBy(asc(suppliers.code));
}

export function listSiteChoices(tx: Tx, tenantId: string): Promise<ScopeOption[]> {
  return tx
    .select({ id: locations.id, code: locations.code, name: locations.name })
    .from(locations)
    .where(eq(locations.tenantId, tenantId))
    .orderBy(asc(locations.code));
}

export interface MemberChoice {
  userId: string;
  name: string;
  email: string;
  role: string;
  /** The supplier's code, for a supplier's member. */
  supplierCode: string | null;
  active: boolean;
}

/**
 * The company's members with their names: what an administrator picks named recipients from
 * (row-level security shows the names to administrators only; anyone else gets none).
 */
export function listMemberChoices(tx: Tx, tenantId: string): Promise<MemberChoice[]> {
  return tx
    .select({
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      supplierCode: suppliers.code,
      active: sql<boolean>`${memberships.status} = 'active'`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(suppliers, and(eq(suppliers.tenantId, memberships.tenantId), eq(suppliers.id, memberships.supplierId)))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.name), asc(users.email));
}
