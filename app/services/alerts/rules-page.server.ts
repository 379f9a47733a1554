import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  listMemberChoices,
  listSiteChoices,
  listSupplierChoices,
  type MemberChoice,
  type ScopeOption,
} from "~/models/alert-rules.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError, isAppError, type Message } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { formFieldOf, ruleFormDefaults, type RuleFormDefaults } from "./rule-form";
import type { AlertRule } from "./rule-schema";
import {
  type AlertRuleListView,
  type AlertRuleView,
  createRule,
  deleteRule,
  getRule,
  listRules,
  mayEditAlertRules,
  setRuleEnabled,
  updateRule,
} from "./rules.server";

/**
 * The alert rules pages: the list, a new rule's form and a rule's page (its form for an
 * administrator, the rule read-only for the rest of the buyer's side), with the names their
 * suppliers, sites and people are shown by; and the pages' actions, whose refusals come back by
 * the form's field names.
 */

/** A person a rule may name, as the form lists them. */
export interface PersonChoice {
  userId: string;
  name: string;
  email: string;
  role: string;
  supplierCode: string | null;
  active: boolean;
}

/** What the pages name a rule's suppliers, sites and people by. */
export interface RuleNames {
  suppliers: ScopeOption[];
  sites: ScopeOption[];
  /** Administrators only (people's names are theirs to see); empty for the others. */
  people: PersonChoice[];
}

async function loadNames(db: Database, scope: TenantScope): Promise<RuleNames> {
  return withTenant(db, scope, async (tx) => ({
    suppliers: await listSupplierChoices(tx, scope.tenantId),
    sites: await listSiteChoices(tx, scope.tenantId),
    people: mayEditAlertRules(scope) ? (await listMemberChoices(tx, scope.tenantId)).map(personOf) : [],
  }));
}

const personOf = (m: MemberChoice): PersonChoice => ({ ...m, active: Boolean(m.active) });

export interface RulesListPage {
  rules: AlertRuleListView[];
  names: RuleNames;
  canEdit: boolean;
  timezone: string;
}

/** @throws AppError forbidden for a supplier */
export async function loadRulesListPage(membership: Membership): Promise<RulesListPage> {
  const db = getDb();
  const rules = await listRules(db, membership.scope);
  return {
    rules,
    names: await loadNames(db, membership.scope),
    canEdit: mayEditAlertRules(membership.scope),
    timezone: membership.tenant.timezone,
  };
}

export interface RuleFormPage {
  /** The rule shown; null on the new rule's page. */
  rule: AlertRuleView | null;
  defaults: RuleFormDefaults;
  names: RuleNames;
  canEdit: boolean;
}

/** The rule, or null for no such rule of the company (the pages' 404). */
export async function findRule(membership: Membership, ruleId: string): Promise<AlertRuleView | null> {
  try {
    return await getRule(getDb(), membership.scope, ruleId);
  } catch (error) {
    if (isAppError(error, "not_found")) return null;
    throw error;
  }
}

/**
 * A new rule's page (`ruleId` null: administrators only) or a rule's page; null for no such rule.
 * @throws AppError forbidden
 */
export async function loadRuleFormPage(membership: Membership, ruleId: string | null): Promise<RuleFormPage | null> {
  const db = getDb();
  const canEdit = mayEditAlertRules(membership.scope);
  if (ruleId === null && !canEdit) throw AppError.forbidden("alert_rule.create");
  const rule = ruleId === null ? null : await findRule(membership, ruleId);
  if (ruleId !== null && !rule) return null;
  const names = await loadNames(db, membership.scope);
  const defaults = ruleFormDefaults(rule?.rule ?? undefined);
  if (rule && !rule.rule) defaults.name = rule.name;
  // A named person who is no longer an active member stays listed (ticked) until the rule is saved.
  const named = new Set(defaults.recipients.userIds);
  names.people = names.people.filter((p) => p.active || named.has(p.userId));
  return { rule, defaults, names, canEdit };
}

/**
 * The rule's refusals by the form's field names (a horizon of days beside its days); a message
 * about a field the form has not stands at the top of the form.
 */
function byFormField(error: unknown, rule: AlertRule): never {
  if (!(error instanceof AppError) || error.code !== "invalid") throw error;
  const fieldErrors: Record<string, Message[]> = {};
  const formErrors: Message[] = [...error.formErrors];
  const horizonMode =
    typeof rule.condition === "object" && "horizon" in rule.condition && typeof rule.condition.horizon === "number"
      ? "days"
      : "lead_time";
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    const name = formFieldOf(field, horizonMode);
    if (name) (fieldErrors[name] ??= []).push(...messages);
    else formErrors.push(...messages);
  }
  throw AppError.invalid({ fieldErrors, formErrors });
}

/**
 * Saves the form's rule (as the form's schema read it): a new one, or the rule `ruleId`.
 * @returns the rule and the toast of the page the action redirects to
 * @throws AppError forbidden, not_found, invalid (by the form's field names)
 */
export async function saveRuleForm(
  membership: Membership,
  ruleId: string | null,
  rule: AlertRule,
): Promise<{ id: string; toast: Message }> {
  const db = getDb();
  try {
    const result =
      ruleId === null ? await createRule(db, membership.scope, rule) : await updateRule(db, membership.scope, ruleId, rule);
    const key = !result.changed
      ? "alertRules.done.unchanged"
      : ruleId === null
        ? "alertRules.done.created"
        : "alertRules.done.saved";
    return { id: result.id, toast: { key, params: { name: rule.name } } };
  } catch (error) {
    return byFormField(error, rule);
  }
}

export type RuleAction = "enable" | "disable" | "delete";

/**
 * Enables, disables or deletes the rule. @returns the toast of the page the action redirects to;
 * null for no such rule (gone meanwhile: the page's 404)
 * @throws AppError forbidden
 */
export async function actOnRule(membership: Membership, ruleId: string, action: RuleAction): Promise<Message | null> {
  const db = getDb();
  try {
    if (action === "delete") {
      const { closedAlerts, name } = await deleteRule(db, membership.scope, ruleId);
      return { key: "alertRules.done.deleted", params: { name, count: closedAlerts } };
    }
    const rule = await getRule(db, membership.scope, ruleId);
    const result = await setRuleEnabled(db, membership.scope, ruleId, action === "enable");
    if (!result.changed) return { key: "alertRules.done.unchanged", params: { name: rule.name } };
    return { key: action === "enable" ? "alertRules.done.enabled" : "alertRules.done.disabled", params: { name: rule.name } };
  } catch (error) {
    if (isAppError(error, "not_found")) return null;
    throw error;
  }
}
