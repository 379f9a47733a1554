import { isCalendarDate } from "~/core";
import { isUuid } from "~/utils/ids";

/**
 * The audit trail's filters as the URL carries them (`person`, `action`, `entity`, `from`, `to`,
 * `after`), shared by the page and its CSV export. Not a .server module: the filter form offers
 * the same lists. Messages are i18n keys under `adminAudit.errors`.
 */

/** Every action the portal audits, in the order the filter lists them; the page words each one. */
export const AUDIT_ACTIONS = [
  "agreement.create",
  "agreement.update",
  "agreement.end",
  "band_proposal.propose",
  "band_proposal.withdraw",
  "band_proposal.accept",
  "band_proposal.reject",
  "plan.create",
  "plan.update",
  "plan.submit",
  "plan.withdraw",
  "plan.request_changes",
  "plan.revise",
  "plan.auto_approve",
  "plan.decide_step",
  "plan.approve",
  "plan.partially_approve",
  "plan.reject",
  "shipment.record",
  "shipment.receive",
  "shipment.correct",
  "shipment.cancel",
  "shipment.overdue",
  "metrics.recomputed",
  "tenant.setup",
  "tenant.create",
  "tenant.settings.update",
  "supplier.create",
  "supplier.update",
  "supplier.status",
  "site.create",
  "site.update",
  "item.create",
  "item.update",
  "import.commit",
  "import.batch",
  "api_key.create",
  "api_key.revoke",
  "alert_rule.create",
  "alert_rule.update",
  "alert_rule.enable",
  "alert_rule.disable",
  "alert_rule.delete",
  "invitation.create",
  "invitation.resend",
  "invitation.revoke",
  "invitation.accept",
  "membership.role_change",
  "membership.deactivate",
  "membership.reactivate",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.password_changed",
  "auth.password_change_failed",
  "password.reset",
  "auth.account_created",
] as const;

/** The kinds of record the trail names. */
export const AUDIT_ENTITIES = [
  "agreement",
  "band_proposal",
  "replenishment_plan",
  "shipment",
  "tenant",
  "supplier",
  "location",
  "item",
  "import",
  "api_key",
  "alert_rule",
  "invitation",
  "membership",
  "user",
] as const;

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one export holds: a larger trail is exported a date range at a time. */
export const AUDIT_EXPORT_MAX = 50_000;

export interface AuditQuery {
  person?: string;
  action?: string;
  entity?: string;
  /** Calendar days in the company's time zone, both included. */
  from?: string;
  to?: string;
  /** The key of the last row of the page before (`<instant>_<id>`). */
  after?: { at: string; id: string };
}

export type AuditQueryField = "person" | "action" | "entity" | "from" | "to";

const EXACT_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A row's cursor as the "older" link carries it. */
export function cursorText(at: string, id: string): string {
  return `${at}_${id}`;
}

/**
 * Reads the filters. A value that is not one of the lists, not a day, or a range that ends before
 * it starts is left out and named in `errors` (the page shows why beside the field); a cursor that
 * is not one starts from the newest row.
 */
export function parseAuditQuery(params: URLSearchParams): {
  query: AuditQuery;
  errors: Partial<Record<AuditQueryField, string>>;
} {
  const query: AuditQuery = {};
  const errors: Partial<Record<AuditQueryField, string>> = {};
  const value = (name: string) => {
    const v = params.get(name);
    return v === null || v.trim() === "" ? undefined : v.trim();
  };
  const person = value("person");
  if (person !== undefined) {
    if (isUuid(person)) query.person = person.toLowerCase();
    else errors.person = "adminAudit.errors.person";
  }
  const action = value("action");
  if (action !== undefined) {
    if ((AUDIT_ACTIONS as readonly string[]).includes(action)) query.action = action;
    else errors.action = "adminAudit.errors.action";
  }
  const entity = value("entity");
  if (entity !== undefined) {
    if ((AUDIT_ENTITIES as readonly string[]).includes(entity)) query.entity = entity;
    else errors.entity = "adminAudit.errors.entity";
  }
  for (const name of ["from", "to"] as const) {
    const day = value(name);
    if (day === undefined) continue;
    if (isCalendarDate(day)) query[name] = day;
    else errors[name] = "adminAudit.errors.date";
  }
  if (query.from && query.to && query.to < query.from) {
    errors.to = "adminAudit.errors.range";
    delete query.to;
  }
  const after = value("after");
  const match = after ? /^(.+)_([^_]+)$/.exec(after) : null;
  if (match && EXACT_INSTANT.test(match[1]) && isUuid(match[2])) query.after = { at: match[1], id: match[2].toLowerCase() };
  return { query, errors };
}

/** The query string of the filters (without the cursor), for the export link and the pages. */
export function auditFilterParams(query: AuditQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ["person", "action", "entity", "from", "to"] as const) {
    const v = query[name];
    if (v) params.set(name, v);
  }
  return params;
}

export const AUDIT_FILTER_RULES = { actions: AUDIT_ACTIONS, entities: AUDIT_ENTITIES };
export type AuditFilterRules = typeof AUDIT_FILTER_RULES;
