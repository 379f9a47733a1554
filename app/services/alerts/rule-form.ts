import { z } from "zod";
import { alertConditionKinds, type AlertConditionKind, alertSeverities } from "@db/schema/alerts";
import { CELLS } from "~/services/admin/settings-rules";
import { encodeMessage, type Message } from "~/utils/app-error";
import { parseDecimal } from "~/utils/input/decimal";
import {
  type AlertRule,
  alertRuleSchema,
  EMAIL_CHANNELS,
  HORIZON_DAYS_MAX,
  issueField,
  NO_CONSUMPTION_DAYS_MAX,
  RECIPIENT_ROLES,
  RULE_NAME_MAX,
} from "./rule-schema";

/**
 * The alert rule form as the browser sends it and both sides read it: flat fields (a condition's
 * parameters side by side, a horizon as "lead time or days", the to-do as a box and its days)
 * turned into the rule, which the one rule schema (rule-schema.ts) then checks. Each of its
 * messages is put beside the form field it is about. Not a .server module: the form runs the
 * same reading in the browser.
 *
 * Every numeric field the form sends is read strictly (a plain decimal, never 0x10 or 1e3) even
 * when the chosen condition does not use it: without JavaScript the form shows every condition's
 * parameters at once; with it, the unused ones are disabled and not sent.
 */

const key = (name: string) => `alertRules.errors.${name}`;

/** The parameters each condition takes, in the form's order. */
export const CONDITION_PARAMS: Record<AlertConditionKind, readonly ("horizon" | "percent" | "days" | "hours")[]> = {
  projected_stockout: ["horizon"],
  projected_below_min: ["horizon"],
  projected_above_max: ["horizon"],
  below_safety_stock: ["percent"],
  days_of_cover_below: ["days"],
  no_consumption: ["days"],
  band_drift: ["percent"],
  plan_waiting: ["hours"],
  shipment_overdue: ["days"],
  receipt_difference: ["percent", "days"],
  stock_discrepancy: ["percent", "days"],
};

/** The most days a condition's `days` takes (the message names it). */
export const daysMaxOf = (kind: unknown) => (kind === "no_consumption" ? NO_CONSUMPTION_DAYS_MAX : HORIZON_DAYS_MAX);

export const HORIZON_MODES = ["lead_time", "days"] as const;

/** A number as a form sends it: blank is none; the problem is named when it is no plain decimal. */
const NUMBER_COLUMN = { precision: 12, scale: 4, negative: true } as const;

type NumberRead = { value: number | undefined } | { problem: "number" };

function readNumber(input: unknown): NumberRead {
  if (input === undefined || input === null || (typeof input === "string" && input.trim() === "")) return { value: undefined };
  const parsed = parseDecimal(input, NUMBER_COLUMN);
  return parsed.ok ? { value: parsed.value } : { problem: "number" };
}

/** A box: ticked ("on"), unticked (absent), or a value no box of the form sends. */
function readBox(input: unknown): boolean | unknown {
  if (input === undefined || input === null || input === "") return false;
  return input === "on" ? true : input;
}

const list = z.array(z.unknown()).optional();
const value = z.unknown().optional();

/** The fields as named in the form; conform reads `condition.percent` into `condition: { percent }`. */
const FormShape = z.object({
  name: value,
  condition: z.object({ kind: value, horizon: value, horizonDays: value, percent: value, days: value, hours: value }).optional(),
  scope: z.object({ cells: list, supplierIds: list, siteIds: list }).optional(),
  severity: value,
  recipients: z.object({ roles: list, userIds: list }).optional(),
  channels: z.object({ inApp: value, email: value }).optional(),
  todo: z.object({ enabled: value, dueInDays: value }).optional(),
  cooldownMinutes: value,
  enabled: value,
});
export type RuleFormInput = z.output<typeof FormShape>;

/** The numeric fields by form name, each with where the rule takes it from. */
const NUMBER_FIELDS = [
  "condition.horizonDays",
  "condition.percent",
  "condition.days",
  "condition.hours",
  "todo.dueInDays",
  "cooldownMinutes",
] as const;

export interface RuleFormIssue {
  field: string;
  /** The message as conform carries it (app-error's encoding: the key, or the key with values). */
  message: string;
}

/**
 * The rule the form describes, or the issues of the fields that are wrong (by form field). The
 * rule is not yet checked by the rule schema: `checkRuleForm` does both.
 */
function ruleOfForm(form: RuleFormInput): { rule: Record<string, unknown>; issues: RuleFormIssue[] } {
  const issues: RuleFormIssue[] = [];
  const numbers: Record<string, number | undefined> = {};
  const raw: Record<(typeof NUMBER_FIELDS)[number], unknown> = {
    "condition.horizonDays": form.condition?.horizonDays,
    "condition.percent": form.condition?.percent,
    "condition.days": form.condition?.days,
    "condition.hours": form.condition?.hours,
    "todo.dueInDays": form.todo?.dueInDays,
    cooldownMinutes: form.cooldownMinutes,
  };
  for (const field of NUMBER_FIELDS) {
    const read = readNumber(raw[field]);
    if ("problem" in read) issues.push({ field, message: key("number") });
    else numbers[field] = read.value;
  }

  const kind = form.condition?.kind;
  const used = new Set<string>(
    typeof kind === "string" && kind in CONDITION_PARAMS ? CONDITION_PARAMS[kind as AlertConditionKind] : [],
  );
  const horizonMode = form.condition?.horizon;
  // A choice the form does not offer is refused even where the condition has no horizon.
  const modeOffered = horizonMode === undefined || (HORIZON_MODES as readonly unknown[]).includes(horizonMode);
  if (!modeOffered) issues.push({ field: "condition.horizon", message: key("horizonRange") });
  const condition: Record<string, unknown> = { kind };
  if (used.has("horizon")) {
    condition.horizon = horizonMode === "days" ? numbers["condition.horizonDays"] : horizonMode;
  }
  for (const name of ["percent", "days", "hours"] as const) if (used.has(name)) condition[name] = numbers[`condition.${name}`];

  const todoBox = readBox(form.todo?.enabled);
  if (todoBox !== true && todoBox !== false) issues.push({ field: "todo.enabled", message: key("boolean") });
  const dueUsed = todoBox === true;
  // A value in a field the rule does not read is still a number a person typed: never below 0.
  const unused = (field: (typeof NUMBER_FIELDS)[number]) =>
    field === "condition.horizonDays"
      ? !(used.has("horizon") && horizonMode === "days")
      : field === "todo.dueInDays"
        ? !dueUsed
        : field !== "cooldownMinutes" && !used.has(field.slice("condition.".length));
  for (const field of NUMBER_FIELDS) {
    const n = numbers[field];
    if (n !== undefined && n < 0 && unused(field)) issues.push({ field, message: key("negative") });
  }

  const rule = {
    name: form.name,
    condition,
    scope: { cells: form.scope?.cells ?? [], supplierIds: form.scope?.supplierIds ?? [], siteIds: form.scope?.siteIds ?? [] },
    severity: form.severity,
    recipients: { roles: form.recipients?.roles ?? [], userIds: form.recipients?.userIds ?? [] },
    channels: { inApp: readBox(form.channels?.inApp), email: form.channels?.email },
    todo: dueUsed ? { dueInDays: numbers["todo.dueInDays"] } : null,
    cooldownMinutes: numbers.cooldownMinutes,
    enabled: readBox(form.enabled),
  };
  return { rule, issues };
}

/**
 * The form field a rule's field is shown beside: its own name mostly; a horizon of days beside
 * the days, a condition beside its choice, "no recipients" beside the roles, "no channel" beside
 * the in-app box, the to-do beside its box. "" (the form's own messages) for a field the form has
 * not (an unknown field, which only a caller other than the form can send).
 */
export function formFieldOf(ruleField: string, horizonMode?: unknown): string {
  switch (ruleField) {
    case "condition":
    case "condition.kind":
      return "condition.kind";
    case "condition.horizon":
      return horizonMode === "days" ? "condition.horizonDays" : "condition.horizon";
    case "recipients":
      return "recipients.roles";
    case "channels":
      return "channels.inApp";
    case "todo":
      return "todo.enabled";
    default:
      return FORM_FIELDS.has(ruleField) ? ruleField : "";
  }
}

const FORM_FIELDS = new Set<string>([
  "name",
  "condition.percent",
  "condition.days",
  "condition.hours",
  "scope.cells",
  "scope.supplierIds",
  "scope.siteIds",
  "severity",
  "recipients.roles",
  "recipients.userIds",
  "channels.inApp",
  "channels.email",
  "todo.dueInDays",
  "cooldownMinutes",
  "enabled",
]);

/** A rule schema message with the values it names (the most days of the rule's condition). */
export function ruleMessage(message: string, rule: { condition?: unknown }): Message {
  if (message !== key("daysRange")) return { key: message };
  const kind = typeof rule.condition === "object" && rule.condition ? (rule.condition as { kind?: unknown }).kind : undefined;
  return { key: message, params: { max: daysMaxOf(kind) } };
}

/** The form read and the rule checked: the rule, or every issue by form field. */
export function checkRuleForm(form: RuleFormInput): { ok: true; rule: AlertRule } | { ok: false; issues: RuleFormIssue[] } {
  const { rule, issues } = ruleOfForm(form);
  const checked = alertRuleSchema.safeParse(rule);
  const taken = new Set(issues.map((i) => i.field));
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = formFieldOf(issueField(issue), form.condition?.horizon);
      // A field the form already refused (not a number) keeps that one message.
      if (taken.has(field)) continue;
      taken.add(field);
      issues.push({ field, message: encodeMessage(ruleMessage(issue.message, rule)) });
    }
  }
  if (issues.length > 0 || !checked.success) return { ok: false, issues };
  return { ok: true, rule: checked.data };
}

/** The form's schema for conform: flat fields in, the checked rule out, messages by form field. */
export const RuleFormSchema = FormShape.transform((form, ctx): AlertRule => {
  const result = checkRuleForm(form);
  if (result.ok) return result.rule;
  for (const issue of result.issues) {
    ctx.issues.push({
      code: "custom",
      message: issue.message,
      input: undefined,
      path: issue.field ? issue.field.split(".") : [],
    });
  }
  return z.NEVER;
});

/** The form's values as text and lists, as conform fills the fields. */
export interface RuleFormDefaults {
  name: string;
  condition: { kind: string; horizon: string; horizonDays: string; percent: string; days: string; hours: string };
  scope: { cells: string[]; supplierIds: string[]; siteIds: string[] };
  severity: string;
  recipients: { roles: string[]; userIds: string[] };
  channels: { inApp: string; email: string };
  todo: { enabled: string; dueInDays: string };
  cooldownMinutes: string;
  enabled: string;
}

/** What a new rule's form starts with: each parameter a sensible value, shown for every condition. */
const NEW_RULE: RuleFormDefaults = {
  name: "",
  condition: { kind: "projected_stockout", horizon: "lead_time", horizonDays: "14", percent: "100", days: "30", hours: "48" },
  scope: { cells: [], supplierIds: [], siteIds: [] },
  severity: "warning",
  recipients: { roles: ["buyer"], userIds: [] },
  channels: { inApp: "on", email: "none" },
  todo: { enabled: "", dueInDays: "3" },
  cooldownMinutes: "1440",
  enabled: "on",
};

/** The form's values for a rule (a stored one), or a new rule's. */
export function ruleFormDefaults(rule?: AlertRule): RuleFormDefaults {
  if (!rule) return structuredClone(NEW_RULE);
  const c = rule.condition as Partial<Record<"horizon" | "percent" | "days" | "hours", unknown>> & { kind: string };
  const text = (v: unknown, fallback: string) => (typeof v === "number" ? String(v) : fallback);
  return {
    name: rule.name,
    condition: {
      kind: c.kind,
      horizon: typeof c.horizon === "number" ? "days" : "lead_time",
      horizonDays: text(c.horizon, NEW_RULE.condition.horizonDays),
      percent: text(c.percent, NEW_RULE.condition.percent),
      days: text(c.days, NEW_RULE.condition.days),
      hours: text(c.hours, NEW_RULE.condition.hours),
    },
    scope: { cells: [...rule.scope.cells], supplierIds: [...rule.scope.supplierIds], siteIds: [...rule.scope.siteIds] },
    severity: rule.severity,
    recipients: { roles: [...rule.recipients.roles], userIds: [...rule.recipients.userIds] },
    channels: { inApp: rule.channels.inApp ? "on" : "", email: rule.channels.email },
    todo: { enabled: rule.todo ? "on" : "", dueInDays: rule.todo ? String(rule.todo.dueInDays) : NEW_RULE.todo.dueInDays },
    cooldownMinutes: String(rule.cooldownMinutes),
    enabled: rule.enabled ? "on" : "",
  };
}

/** The delete button's form: deleting is confirmed by ticking its box. */
export const RuleDeleteSchema = z.object({
  confirm: z.literal("on", { error: key("confirm") }),
});

/** What the form's component needs from this module (components import only types from services). */
export const RULE_FORM_RULES = {
  schema: RuleFormSchema,
  conditions: alertConditionKinds,
  params: CONDITION_PARAMS,
  severities: alertSeverities,
  cells: CELLS,
  roles: RECIPIENT_ROLES,
  emailChannels: EMAIL_CHANNELS,
  horizonModes: HORIZON_MODES,
  nameMax: RULE_NAME_MAX,
  remove: RuleDeleteSchema,
};
export type RuleFormRules = typeof RULE_FORM_RULES;
