import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  activeMemberUserIds,
  alertRuleNameTaken,
  type AlertRuleEvaluation,
  type AlertRuleRecord,
  type AlertRuleValues,
  closeAlertsOfRule,
  deleteAlertRule,
  getAlertRule,
  insertAlertRule,
  knownSiteIds,
  knownSupplierIds,
  listAlertRules,
  lockAlertRule,
  updateAlertRule,
} from "~/models/alert-rules.server";
import { recordAudit } from "~/models/audit.server";
import { evaluateAlerts } from "~/services/alerts/evaluate.server";
import { isUniqueViolation } from "~/services/plans/common.server";
import { AppError, type Message } from "~/utils/app-error";
import { getLogger } from "~/utils/logger.server";
import { ruleMessage } from "./rule-form";
import { type AlertRule, type AlertRuleDefinition, alertRuleSchema, issueField } from "./rule-schema";

/**
 * The company's alert rules as its administrators keep them. The buyer's side reads them (a list,
 * one rule); administrators create, edit, enable, disable and delete them. A rule is checked by the
 * one rule schema, then against the company: the suppliers and sites of its scope must be the
 * company's, its named recipients active members (of any role: the notify function tells a
 * supplier's member only of its own supplier's alerts), its name the company's only such. Every
 * write is audited (entity "alert_rule"). After a create, an edit or an enable, the rule is
 * evaluated at once, after the commit, so that its alerts open (or close) without waiting for the
 * schedule; disabling closes the rule's alerts as cleared, and deleting closes them as
 * rule_removed, in the write's own transaction.
 */

export const ALERT_RULE_ENTITY = "alert_rule";
export const ALERT_RULE_AUDIT = {
  create: "alert_rule.create",
  update: "alert_rule.update",
  enable: "alert_rule.enable",
  disable: "alert_rule.disable",
  delete: "alert_rule.delete",
} as const;

/** The roles that read rules; administrators alone write them. */
export const ALERT_RULE_READERS = ["admin", "manager", "buyer"] as const;

/** A stored rule as the pages show it. `rule` is null for a stored definition the schema refuses. */
export interface AlertRuleView {
  id: string;
  name: string;
  condition: AlertRuleRecord["condition"];
  severity: AlertRuleRecord["severity"];
  cooldownMinutes: number;
  enabled: boolean;
  defaultKey: string | null;
  rule: AlertRule | null;
  updatedAt: string;
}

export interface AlertRuleListView extends AlertRuleView {
  openAlerts: number;
  lastEvaluation: (Omit<AlertRuleEvaluation, "startedAt"> & { startedAt: string }) | null;
}

export interface SaveRuleResult {
  id: string;
  /** Whether anything changed (an edit saved as it was changes nothing and writes nothing). */
  changed: boolean;
  /** Whether the rule was evaluated after the save (false: the schedule will). */
  evaluated: boolean;
}

export interface RuleWriteOptions {
  /** The evaluation's clock (tests). */
  now?: Date;
}

function requireReader(scope: TenantScope) {
  const role = scope.role ?? "";
  if (scope.supplierId !== null || !(ALERT_RULE_READERS as readonly string[]).includes(role))
    throw AppError.forbidden("alert_rule.read");
}

function requireAdmin(scope: TenantScope, action: string) {
  if (scope.role !== "admin" || scope.supplierId !== null) throw AppError.forbidden(action);
}

/** Whether the member may change rules (the pages show their forms to administrators only). */
export function mayEditAlertRules(scope: TenantScope): boolean {
  return scope.role === "admin" && scope.supplierId === null;
}

/** The stored rule read back by the schema; null when it no longer passes it. */
export function ruleOfRecord(r: Pick<AlertRuleRecord, "name" | "severity" | "definition" | "cooldownMinutes" | "enabled">) {
  const parsed = alertRuleSchema.safeParse({
    ...r.definition,
    name: r.name,
    severity: r.severity,
    cooldownMinutes: r.cooldownMinutes,
    enabled: r.enabled,
  });
  return parsed.success ? parsed.data : null;
}

function viewOf(r: AlertRuleRecord): AlertRuleView {
  return {
    id: r.id,
    name: r.name,
    condition: r.condition,
    severity: r.severity,
    cooldownMinutes: r.cooldownMinutes,
    enabled: r.enabled,
    defaultKey: r.defaultKey,
    rule: ruleOfRecord(r),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** The company's rules by name. @throws AppError forbidden for a supplier */
export async function listRules(db: Database, scope: TenantScope): Promise<AlertRuleListView[]> {
  requireReader(scope);
  const rows = await withTenant(db, scope, (tx) => listAlertRules(tx, scope.tenantId));
  return rows.map((r) => ({
    ...viewOf(r),
    openAlerts: r.openAlerts,
    lastEvaluation: r.lastEvaluation
      ? { ...r.lastEvaluation, startedAt: new Date(r.lastEvaluation.startedAt).toISOString() }
      : null,
  }));
}

/** One rule. @throws AppError forbidden for a supplier; not_found */
export async function getRule(db: Database, scope: TenantScope, id: string): Promise<AlertRuleView> {
  requireReader(scope);
  const row = await withTenant(db, scope, (tx) => getAlertRule(tx, scope.tenantId, id));
  if (!row) throw AppError.notFound();
  return viewOf(row);
}

/** The rule checked by the schema, or every message by the rule's field names (`condition.percent`). */
export function checkRule(input: unknown): AlertRule {
  const parsed = alertRuleSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, Message[]> = {};
  const rule = typeof input === "object" && input !== null ? (input as { condition?: unknown }) : {};
  for (const issue of parsed.error.issues) {
    (fieldErrors[issueField(issue)] ??= []).push(ruleMessage(issue.message, rule));
  }
  return invalidThrow(fieldErrors);
}

function invalidThrow(fieldErrors: Record<string, Message[]>): never {
  throw AppError.invalid({ fieldErrors });
}

/** The rule's suppliers, sites and named people against the company, and its name against its other rules. */
async function checkAgainstCompany(tx: Tx, scope: TenantScope, rule: AlertRule, exceptId?: string) {
  const fieldErrors: Record<string, Message[]> = {};
  const unknown = (field: string, wanted: readonly string[], found: Set<string>) => {
    if (wanted.some((id) => !found.has(id))) fieldErrors[field] = [{ key: "alertRules.errors.unknownId" }];
  };
  unknown("scope.supplierIds", rule.scope.supplierIds, await knownSupplierIds(tx, scope.tenantId, rule.scope.supplierIds));
  unknown("scope.siteIds", rule.scope.siteIds, await knownSiteIds(tx, scope.tenantId, rule.scope.siteIds));
  unknown("recipients.userIds", rule.recipients.userIds, await activeMemberUserIds(tx, scope.tenantId, rule.recipients.userIds));
  if (await alertRuleNameTaken(tx, scope.tenantId, rule.name, exceptId))
    fieldErrors.name = [{ key: "alertRules.errors.nameTaken" }];
  if (Object.keys(fieldErrors).length > 0) invalidThrow(fieldErrors);
}

/** The columns and definition a rule is stored as. */
function valuesOf(rule: AlertRule): AlertRuleValues {
  const definition: AlertRuleDefinition = {
    condition: rule.condition,
    scope: rule.scope,
    recipients: rule.recipients,
    channels: rule.channels,
    todo: rule.todo,
  };
  return {
    name: rule.name,
    condition: rule.condition.kind,
    severity: rule.severity,
    definition,
    cooldownMinutes: rule.cooldownMinutes,
    enabled: rule.enabled,
  };
}

/** A duplicate name that a concurrent save stored first: the same message as one found before. */
async function nameUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, "alert_rules_name_key")) invalidThrow({ name: [{ key: "alertRules.errors.nameTaken" }] });
    throw error;
  }
}

/**
 * Evaluates the rule after its write committed. A failure leaves the rule saved (the schedule
 * evaluates it next) and is logged: the save itself succeeded.
 */
async function evaluateRule(db: Database, scope: TenantScope, id: string, options: RuleWriteOptions): Promise<boolean> {
  try {
    await evaluateAlerts(db, scope.tenantId, { ruleIds: [id], trigger: "rule-change", now: options.now });
    return true;
  } catch (error) {
    getLogger().error(
      { tenantId: scope.tenantId, ruleId: id, err: String(error) },
      "evaluating an alert rule after its change failed",
    );
    return false;
  }
}

/**
 * Creates a rule. @throws AppError forbidden for anyone but an administrator; invalid, by the
 * rule's field names, for a rule the schema or the company refuses (nothing is written)
 */
export async function createRule(
  db: Database,
  scope: TenantScope,
  input: unknown,
  options: RuleWriteOptions = {},
): Promise<SaveRuleResult> {
  requireAdmin(scope, ALERT_RULE_AUDIT.create);
  const rule = checkRule(input);
  const values = valuesOf(rule);
  const id = await nameUnique(() =>
    withTenant(db, scope, async (tx) => {
      await checkAgainstCompany(tx, scope, rule);
      const ruleId = await insertAlertRule(tx, scope.tenantId, values);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: ALERT_RULE_AUDIT.create,
        entityType: ALERT_RULE_ENTITY,
        entityId: ruleId,
        after: rule,
      });
      return ruleId;
    }),
  );
  const evaluated = rule.enabled ? await evaluateRule(db, scope, id, options) : false;
  return { id, changed: true, evaluated };
}

/**
 * Replaces a rule by `input` (the whole rule). Disabling it this way closes its alerts as a
 * disable does. @throws AppError forbidden, not_found, invalid (as createRule)
 */
export async function updateRule(
  db: Database,
  scope: TenantScope,
  id: string,
  input: unknown,
  options: RuleWriteOptions = {},
): Promise<SaveRuleResult> {
  requireAdmin(scope, ALERT_RULE_AUDIT.update);
  const rule = checkRule(input);
  const values = valuesOf(rule);
  const changed = await nameUnique(() =>
    withTenant(db, scope, async (tx) => {
      const stored = await lockAlertRule(tx, scope.tenantId, id);
      if (!stored) throw AppError.notFound();
      await checkAgainstCompany(tx, scope, rule, id);
      const before = ruleOfRecord(stored) ?? { ...stored.definition, name: stored.name };
      if (JSON.stringify(before) === JSON.stringify(rule)) return false;
      if (!(await updateAlertRule(tx, scope.tenantId, id, values))) throw AppError.forbidden(ALERT_RULE_AUDIT.update);
      if (stored.enabled && !rule.enabled) await closeOnDisable(tx, scope, id);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: ALERT_RULE_AUDIT.update,
        entityType: ALERT_RULE_ENTITY,
        entityId: id,
        ...changedParts(before as Record<string, unknown>, rule),
      });
      return true;
    }),
  );
  const evaluated = changed && rule.enabled ? await evaluateRule(db, scope, id, options) : false;
  return { id, changed, evaluated };
}

/** The rule's top-level parts that differ, before and after. */
function changedParts(before: Record<string, unknown>, after: AlertRule) {
  const keys = (Object.keys(after) as (keyof AlertRule)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

/**
 * A disabled rule watches nothing: its alerts are closed as cleared (each with a "cleared" event),
 * so that no one is left with an alert nothing will ever close; enabled again, the evaluation
 * opens those whose condition still holds.
 */
function closeOnDisable(tx: Tx, scope: TenantScope, id: string) {
  return closeAlertsOfRule(tx, scope.tenantId, id, {
    reason: "cleared",
    event: "cleared",
    actorUserId: scope.userId,
    detach: false,
  });
}

/**
 * Enables or disables a rule. Enabling evaluates it; disabling closes its alerts as cleared.
 * Setting the state it already has changes nothing. @throws AppError forbidden, not_found
 */
export async function setRuleEnabled(
  db: Database,
  scope: TenantScope,
  id: string,
  enabled: boolean,
  options: RuleWriteOptions = {},
): Promise<SaveRuleResult> {
  const action = enabled ? ALERT_RULE_AUDIT.enable : ALERT_RULE_AUDIT.disable;
  requireAdmin(scope, action);
  const changed = await withTenant(db, scope, async (tx) => {
    const stored = await lockAlertRule(tx, scope.tenantId, id);
    if (!stored) throw AppError.notFound();
    if (stored.enabled === enabled) return false;
    if (!(await updateAlertRule(tx, scope.tenantId, id, { enabled }))) throw AppError.forbidden(action);
    const closed = enabled ? [] : await closeOnDisable(tx, scope, id);
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action,
      entityType: ALERT_RULE_ENTITY,
      entityId: id,
      before: { enabled: stored.enabled },
      after: { enabled, ...(closed.length > 0 ? { closedAlerts: closed.length } : {}) },
    });
    return true;
  });
  const evaluated = changed && enabled ? await evaluateRule(db, scope, id, options) : false;
  return { id, changed, evaluated };
}

/**
 * Deletes a rule in one transaction: its alerts not yet closed are closed as rule_removed (each
 * with a "rule_removed" event) and let go of the rule, keeping its name, condition and severity
 * and their history; then the rule goes. @returns how many alerts were closed
 * @throws AppError forbidden, not_found
 */
export async function deleteRule(db: Database, scope: TenantScope, id: string): Promise<{ closedAlerts: number; name: string }> {
  requireAdmin(scope, ALERT_RULE_AUDIT.delete);
  return withTenant(db, scope, async (tx) => {
    const stored = await lockAlertRule(tx, scope.tenantId, id);
    if (!stored) throw AppError.notFound();
    const closed = await closeAlertsOfRule(tx, scope.tenantId, id, {
      reason: "rule_removed",
      event: "rule_removed",
      actorUserId: scope.userId,
      detach: true,
    });
    if (!(await deleteAlertRule(tx, scope.tenantId, id))) throw AppError.forbidden(ALERT_RULE_AUDIT.delete);
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: ALERT_RULE_AUDIT.delete,
      entityType: ALERT_RULE_ENTITY,
      entityId: id,
      before: ruleOfRecord(stored) ?? { ...stored.definition, name: stored.name },
      after: { closedAlerts: closed.length },
    });
    return { closedAlerts: closed.length, name: stored.name };
  });
}
