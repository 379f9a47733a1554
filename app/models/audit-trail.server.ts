import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { auditEvents, memberships, users } from "@db/schema";
import type { TenantScope } from "@db/scope";

/**
 * The company's audit trail: its own events (audit_events of the tenant, through row-level
 * security and an explicit filter) and its members' account events (sign-ins, password changes
 * and resets, which belong to no company; through member_account_events, migration 0026). Newest
 * first, paged by keyset on (occurred_at, id), so that any page is one backward walk of
 * audit_events_tenant_idx, however deep.
 */

/** The account events of members, which carry no tenant (see migration 0026). */
export const ACCOUNT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.password_changed",
  "auth.password_change_failed",
  "password.reset",
  "auth.account_created",
] as const;
const ACCOUNT_ENTITY = "user";

export interface AuditTrailFilter {
  /** Instants: [from, to). */
  from?: Date;
  to?: Date;
  userId?: string;
  action?: string;
  entityType?: string;
  /** The key of the last row of the page before: rows strictly older than it. */
  after?: AuditCursor;
}

/** A row's place in the trail: its instant exactly (microseconds, UTC) and its id. */
export interface AuditCursor {
  at: string;
  id: string;
}

export interface AuditTrailRow {
  id: string;
  /** ISO 8601, UTC, to the microsecond: also the row's cursor. */
  occurredAt: string;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  supplierId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** The instant as text that sorts as it compares, and that PostgreSQL reads back exactly. */
const exactInstant = (column: SQL | typeof auditEvents.occurredAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** At most `limit` rows of the trail, newest first. */
export async function listAuditTrail(
  tx: Tx,
  scope: TenantScope,
  filter: AuditTrailFilter,
  limit: number,
): Promise<AuditTrailRow[]> {
  // One after the other: a transaction's statements run on one connection anyway.
  const own = await companyEvents(tx, scope, filter, limit);
  const account = includesAccountEvents(filter) ? await accountEvents(tx, filter, limit) : [];
  return [...own, ...account].sort(newestFirst).slice(0, limit);
}

function includesAccountEvents(filter: AuditTrailFilter) {
  if (filter.entityType && filter.entityType !== ACCOUNT_ENTITY) return false;
  return !filter.action || (ACCOUNT_ACTIONS as readonly string[]).includes(filter.action);
}

function newestFirst(a: AuditTrailRow, b: AuditTrailRow) {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

async function companyEvents(tx: Tx, scope: TenantScope, filter: AuditTrailFilter, limit: number): Promise<AuditTrailRow[]> {
  const e = auditEvents;
  const conditions: SQL[] = [eq(e.tenantId, scope.tenantId)];
  if (filter.from) conditions.push(sql`${e.occurredAt} >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sql`${e.occurredAt} < ${filter.to.toISOString()}::timestamptz`);
  if (filter.userId) conditions.push(eq(e.actorUserId, filter.userId));
  if (filter.action) conditions.push(eq(e.action, filter.action));
  if (filter.entityType) conditions.push(eq(e.entityType, filter.entityType));
  if (filter.after)
    conditions.push(sql`(${e.occurredAt}, ${e.id}) < (${filter.after.at}::timestamptz, ${filter.after.id}::uuid)`);
  return tx
    .select({
      id: e.id,
      occurredAt: exactInstant(e.occurredAt),
      userId: e.actorUserId,
      userName: users.name,
      userEmail: users.email,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      supplierId: e.supplierId,
      before: e.before,
      after: e.after,
      ip: e.ip,
    })
    .from(e)
    .leftJoin(users, eq(users.id, e.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(e.occurredAt), desc(e.id))
    .limit(limit);
}

async function accountEvents(tx: Tx, filter: AuditTrailFilter, limit: number): Promise<AuditTrailRow[]> {
  const result = await tx.execute(sql`
    select a.id, ${exactInstant(sql`a.occurred_at`)} as "occurredAt", a.user_id as "userId", u.name as "userName",
           u.email as "userEmail", a.action, a.entity_type as "entityType", a.entity_id as "entityId",
           null::uuid as "supplierId", a.before, a.after, a.ip
    from member_account_events(
      ${filter.from?.toISOString() ?? null}::timestamptz, ${filter.to?.toISOString() ?? null}::timestamptz,
      ${filter.userId ?? null}::uuid, ${filter.action ?? null}::text,
      ${filter.after?.at ?? null}::timestamptz, ${filter.after?.id ?? null}::uuid, ${limit}::integer) a
    left join users u on u.id = a.user_id
    order by a.occurred_at desc, a.id desc`);
  return rowsOf<AuditTrailRow>(result);
}

export interface AuditPerson {
  id: string;
  name: string;
  email: string;
}

/** The company's members, current and deactivated, for the trail's person filter. */
export async function listAuditPeople(tx: Tx, scope: TenantScope): Promise<AuditPerson[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, scope.tenantId))
    .orderBy(asc(users.name), asc(users.email));
}
