import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  type AuditPerson,
  type AuditTrailFilter,
  type AuditTrailRow,
  listAuditPeople,
  listAuditTrail,
} from "~/models/audit-trail.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError } from "~/utils/app-error";
import type { CsvCell } from "~/utils/csv";
import { addDays, startOfDayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { AUDIT_EXPORT_MAX, AUDIT_PAGE_SIZE, type AuditQuery, cursorText } from "./audit-rules";

/**
 * The audit trail of the company for its administrators: every audited event of the company and
 * its members' account events, filtered, newest first, a page at a time or as a CSV file.
 */

export type { AuditPerson, AuditTrailRow };

export interface AuditPage {
  rows: AuditTrailRow[];
  people: AuditPerson[];
  /** The cursor of the page after this one, when there are older rows. */
  older: string | null;
}

function requireAdmin(scope: TenantScope) {
  if (scope.role !== "admin" || scope.supplierId !== null) throw AppError.forbidden("audit.read");
}

/** The query's days as instants of the company's time zone: [start of `from`, start of the day after `to`). */
function filterOf(query: AuditQuery, timeZone: string): AuditTrailFilter {
  return {
    from: query.from ? startOfDayIn(query.from, timeZone) : undefined,
    to: query.to ? startOfDayIn(addDays(query.to, 1), timeZone) : undefined,
    userId: query.person,
    action: query.action,
    entityType: query.entity,
    after: query.after,
  };
}

/** One page of the trail. @throws AppError forbidden for anyone but an administrator */
export async function loadAuditPage(db: Database, scope: TenantScope, query: AuditQuery, timeZone: string): Promise<AuditPage> {
  requireAdmin(scope);
  return withTenant(db, scope, async (tx) => {
    const rows = await listAuditTrail(tx, scope, filterOf(query, timeZone), AUDIT_PAGE_SIZE + 1);
    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    const last = page.at(-1);
    const older = rows.length > AUDIT_PAGE_SIZE && last ? cursorText(last.occurredAt, last.id) : null;
    return { rows: page, people: await listAuditPeople(tx, scope), older };
  });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The words of an action, in the reader's language; an action the portal does not word yet reads as it is stored. */
export function describeAction(t: Translate, action: string): string {
  return t(`adminAudit.actions.${action}`, { defaultValue: action });
}

/**
 * The trail as a CSV table (the whole filtered trail, newest first, at most AUDIT_EXPORT_MAX
 * rows): times in UTC and in the company's time zone, the person, the action as stored and in
 * words, the record, and before and after as JSON.
 */
export async function exportAuditTrail(
  db: Database,
  scope: TenantScope,
  query: AuditQuery,
  timeZone: string,
  t: Translate,
): Promise<{ header: string[]; rows: CsvCell[][] }> {
  requireAdmin(scope);
  const rows = await withTenant(db, scope, (tx) =>
    listAuditTrail(tx, scope, { ...filterOf(query, timeZone), after: undefined }, AUDIT_EXPORT_MAX),
  );
  const local = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const header = [
    "occurred_at_utc",
    `occurred_at_local (${timeZone})`,
    "person",
    "email",
    "action",
    "description",
    "entity_type",
    "entity_id",
    "supplier_id",
    "ip",
    "before",
    "after",
  ];
  return {
    header,
    rows: rows.map((r) => [
      r.occurredAt,
      local.format(new Date(r.occurredAt)),
      r.userName ?? (r.userId ? t("adminAudit.formerMember") : t("adminAudit.system")),
      r.userEmail,
      r.action,
      describeAction(t, r.action),
      r.entityType,
      r.entityId,
      r.supplierId,
      r.ip,
      r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
      r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
    ]),
  };
}

/** The page of the membership's company (the route's one call). */
export function loadAuditPageFor(membership: Membership, query: AuditQuery): Promise<AuditPage> {
  return loadAuditPage(getDb(), membership.scope, query, membership.tenant.timezone);
}

/** The export of the membership's company (the route's one call). */
export function exportAuditTrailFor(membership: Membership, query: AuditQuery, t: Translate) {
  return exportAuditTrail(getDb(), membership.scope, query, membership.tenant.timezone, t);
}
