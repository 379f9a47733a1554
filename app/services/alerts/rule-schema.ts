import { z } from "zod";
import { alertSeverities } from "@db/schema/alerts";
import { CELLS } from "~/services/admin/settings-rules";
import { hasControlCharacter } from "~/utils/input/text";

/**
 * One alert rule, as it is stored (alert_rules: name, condition, severity, cooldown and enabled as
 * columns, the rest as `definition`) and as every door gives it (the rules page, the defaults,
 * tests). The one schema that validates rules: strict at every level, so an unknown field is
 * refused by its name, and each threshold within its bounds. Messages are i18n keys under
 * `alertRules.errors`; the issue's path names the field (`condition.percent`, `scope.cells`).
 * Not a .server module: the rules form checks the same schema in the browser.
 */

const key = (name: string) => `alertRules.errors.${name}`;

export const RULE_NAME_MAX = 100;
export const HORIZON_DAYS_MAX = 365;
export const PERCENT_MAX = 1000;
export const NO_CONSUMPTION_DAYS_MAX = 3650;
export const PLAN_WAITING_HOURS_MAX = 8760;
export const COOLDOWN_MINUTES_MAX = 10080;
export const TODO_DUE_DAYS_MAX = 365;
export const SCOPE_LIST_MAX = 500;
export const NAMED_RECIPIENTS_MAX = 50;

const numberError = { error: (issue: { input?: unknown }) => key(issue.input === undefined ? "required" : "number") };
const whole = (min: number, max: number, message: string) =>
  z.number(numberError).int(key("whole")).min(min, key(message)).max(max, key(message));
const positive = (max: number, message: string) => z.number(numberError).gt(0, key(message)).max(max, key(message));

/** An object that refuses any field it does not name, by that field's name (see issueField). */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? key("unknownField") : undefined) });
}

/** Days ahead a projection condition looks: a number of days, or each agreement's own lead time. */
export const horizonSchema = z.union([z.literal("lead_time"), whole(1, HORIZON_DAYS_MAX, "horizonRange")], {
  error: key("horizonRange"),
});
export type AlertHorizon = z.infer<typeof horizonSchema>;

const days = (max: number) => whole(1, max, "daysRange");
const percent = positive(PERCENT_MAX, "percentRange");

export const conditionSchema = z.discriminatedUnion(
  "kind",
  [
    /** Projected closing stock at or below zero within the horizon (not out already). */
    strict({ kind: z.literal("projected_stockout"), horizon: horizonSchema }),
    /** Projected closing stock below min within the horizon (including today). */
    strict({ kind: z.literal("projected_below_min"), horizon: horizonSchema }),
    /** Projected closing stock above max within the horizon (including today). */
    strict({ kind: z.literal("projected_above_max"), horizon: horizonSchema }),
    /** On hand below this share (in %) of the safety stock. */
    strict({ kind: z.literal("below_safety_stock"), percent }),
    /** Days of cover below this many days. */
    strict({ kind: z.literal("days_of_cover_below"), days: positive(HORIZON_DAYS_MAX, "daysRange") }),
    /** Stock held and nothing consumed for this many days (dead stock). */
    strict({ kind: z.literal("no_consumption"), days: days(NO_CONSUMPTION_DAYS_MAX) }),
    /** The agreed min or max further than this share (in %) from the recommended one. */
    strict({ kind: z.literal("band_drift"), percent }),
    /** A plan waiting for a decision longer than this many hours. */
    strict({ kind: z.literal("plan_waiting"), hours: whole(1, PLAN_WAITING_HOURS_MAX, "hoursRange") }),
    /** A shipment past its expected arrival and not received for this many days. */
    strict({ kind: z.literal("shipment_overdue"), days: days(HORIZON_DAYS_MAX) }),
    /** A receipt of the last `days` days differing from its shipment by more than this share (in %). */
    strict({ kind: z.literal("receipt_difference"), percent, days: days(HORIZON_DAYS_MAX) }),
    /**
     * A stock snapshot of the last `days` days differing from the position expected from the one
     * before it (that snapshot + receipts − consumption since) by more than this share (in %).
     */
    strict({ kind: z.literal("stock_discrepancy"), percent, days: days(HORIZON_DAYS_MAX) }),
  ],
  { error: key("condition") },
);
export type AlertCondition = z.infer<typeof conditionSchema>;

const uuidList = (max: number) => z.array(z.uuid({ error: key("unknownId") })).max(max, key("tooMany"));

/** Which agreements a rule watches; an empty list does not narrow. */
export const scopeSchema = strict({
  cells: z.array(z.enum(CELLS, { error: key("cell") })).max(CELLS.length, key("tooMany")),
  supplierIds: uuidList(SCOPE_LIST_MAX),
  siteIds: uuidList(SCOPE_LIST_MAX),
});
export type AlertScope = z.infer<typeof scopeSchema>;

export const RECIPIENT_ROLES = ["buyer", "manager", "admin", "supplier"] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/**
 * Who is told: members of these roles (the supplier role: the alert's own supplier's members
 * only) and these named people (a supplier's member only of alerts on its own supplier).
 */
export const recipientsSchema = strict({
  roles: z.array(z.enum(RECIPIENT_ROLES, { error: key("role") })).max(RECIPIENT_ROLES.length, key("tooMany")),
  userIds: uuidList(NAMED_RECIPIENTS_MAX),
}).refine((r) => r.roles.length + r.userIds.length > 0, { message: key("noRecipients"), path: ["roles"] });

export const EMAIL_CHANNELS = ["none", "each", "digest"] as const;
/** In the app's inbox, and by e-mail: one per alert, a daily digest, or none. */
export const channelsSchema = strict({
  inApp: z.boolean({ error: key("boolean") }),
  email: z.enum(EMAIL_CHANNELS, { error: key("email") }),
}).refine((c) => c.inApp || c.email !== "none", { message: key("noChannel"), path: ["inApp"] });

/** An alert of the rule is a to-do, due this many days after it opens. */
export const todoSchema = strict({ dueInDays: whole(0, TODO_DUE_DAYS_MAX, "dueRange") });

export const alertRuleSchema = strict({
  name: z
    .string({ error: key("required") })
    .trim()
    .min(1, key("required"))
    .max(RULE_NAME_MAX, key("nameTooLong"))
    .refine((s) => !hasControlCharacter(s) && !s.includes("\n"), key("controlCharacter")),
  condition: conditionSchema,
  scope: scopeSchema,
  severity: z.enum(alertSeverities, { error: key("severity") }),
  recipients: recipientsSchema,
  channels: channelsSchema,
  todo: todoSchema.nullable(),
  cooldownMinutes: whole(0, COOLDOWN_MINUTES_MAX, "cooldownRange"),
  enabled: z.boolean({ error: key("boolean") }),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** What alert_rules.definition holds: the rule less its columns. */
export type AlertRuleDefinition = Pick<AlertRule, "condition" | "scope" | "recipients" | "channels" | "todo">;

/**
 * The field a zod issue is about, as forms name it: `condition.percent`, `scope.cells`; for an
 * unknown field, that field's own name (`condition.colour`).
 */
export function issueField(issue: { path: readonly PropertyKey[]; code?: string; keys?: readonly string[] }): string {
  const path = issue.path.filter((p): p is string => typeof p === "string");
  if (issue.code === "unrecognized_keys" && issue.keys?.length) path.push(issue.keys[0]);
  return path.join(".") || "form";
}
