import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import {
  type AlertCloseReason,
  type AlertConditionKind,
  type AlertEventKind,
  alertEvents,
  alerts,
  type AlertSeverity,
  type AlertStatus,
} from "@db/schema";
import type { TenantScope } from "@db/scope";
import { iso, isoOf, num, numeric, type NumericText, scopeFilter } from "./sql.server";

/**
 * Alerts and their history as people see and handle them: the list with its filters, one alert
 * with its events, the names of the people they concern, and the writes of acknowledging,
 * snoozing, assigning, resolving and commenting. Every query names the tenant, and for a
 * supplier's scope the supplier, itself: row-level security is the second lock, not the only one.
 */

/** Which alerts a list shows; "open" leaves out those snoozed to a later day, as the navigation's count does. */
export const alertListStatuses = ["open", "snoozed", "acknowledged", "todo", "mine", "closed", "all"] as const;
export type AlertListStatus = (typeof alertListStatuses)[number];

export interface AlertListFilters {
  status: AlertListStatus;
  severity?: AlertSeverity;
  condition?: AlertConditionKind;
  /** The buyer's side only: a supplier's scope is its own supplier whatever is given. */
  supplierId?: string;
  siteId?: string;
  /** An ABC-XYZ cell ("AX") or one class letter ("A", "Z") of the alert's agreement. */
  cell?: string;
  /** Matches the SKU or item name of the alert's agreement, or its plan or ASN number. */
  search?: string;
  /** The tenant's today (YYYY-MM-DD): an alert snoozed until a later day is not open yet. */
  today: string;
  /** Whose alerts "mine" lists. */
  userId: string | null;
  page: number;
  pageSize: number;
}

export interface AlertRow {
  id: string;
  ruleId: string | null;
  ruleName: string;
  condition: AlertConditionKind;
  severity: AlertSeverity;
  supplierId: string;
  supplierName: string;
  agreementId: string | null;
  subjectType: "agreement" | "plan" | "shipment";
  subjectId: string;
  value: number | null;
  limitValue: number | null;
  status: AlertStatus;
  isTodo: boolean;
  assigneeUserId: string | null;
  dueDate: string | null;
  snoozedUntil: string | null;
  /** Instants as ISO 8601 UTC strings. */
  openedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  closeReason: AlertCloseReason | null;
  resolution: string | null;
  /** The agreement's item and site; null for an alert on no agreement (a plan's). */
  sku: string | null;
  itemName: string | null;
  siteCode: string | null;
  siteName: string | null;
  /** The agreement's lead time and its stored safety stock, which the alert's limit is read against. */
  leadTimeDays: number | null;
  safetyStock: number | null;
  abc: "A" | "B" | "C" | null;
  xyz: "X" | "Y" | "Z" | null;
  /** The plan's number for a plan's alert, the notice's ASN number for a shipment's. */
  planNumber: string | null;
  asnNumber: string | null;
}

interface RawAlertRow {
  id: string;
  rule_id: string | null;
  rule_name: string;
  condition: AlertConditionKind;
  severity: AlertSeverity;
  supplier_id: string;
  supplier_name: string;
  agreement_id: string | null;
  subject_type: AlertRow["subjectType"];
  subject_id: string;
  value: NumericText | null;
  limit_value: NumericText | null;
  status: AlertStatus;
  is_todo: boolean;
  assignee_user_id: string | null;
  due_date: string | null;
  snoozed_until: string | null;
  opened_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  closed_at: string | null;
  close_reason: AlertCloseReason | null;
  resolution: string | null;
  sku: string | null;
  item_name: string | null;
  site_code: string | null;
  site_name: string | null;
  lead_time_days: NumericText | null;
  safety_stock: NumericText | null;
  abc: AlertRow["abc"];
  xyz: AlertRow["xyz"];
  plan_number: string | null;
  asn_number: string | null;
}

function rowOf(r: RawAlertRow): AlertRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    condition: r.condition,
    severity: r.severity,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    agreementId: r.agreement_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    value: num(r.value),
    limitValue: num(r.limit_value),
    status: r.status,
    isTodo: Boolean(r.is_todo),
    assigneeUserId: r.assignee_user_id,
    dueDate: r.due_date,
    snoozedUntil: r.snoozed_until,
    openedAt: r.opened_at,
    lastSeenAt: r.last_seen_at,
    acknowledgedAt: r.acknowledged_at,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    resolution: r.resolution,
    sku: r.sku,
    itemName: r.item_name,
    siteCode: r.site_code,
    siteName: r.site_name,
    leadTimeDays: num(r.lead_time_days),
    safetyStock: num(r.safety_stock),
    abc: r.abc,
    xyz: r.xyz,
    planNumber: r.plan_number,
    asnNumber: r.asn_number,
  };
}

/** The alert with what it is about, joined within its tenant; `where` filters `a` (the alert) and the joins. */
function selectAlerts(where: SQL) {
  return sql`
    select a.id, a.rule_id, a.rule_name, a.condition, a.severity, a.supplier_id, s.name as supplier_name,
           a.agreement_id, a.subject_type, a.subject_id, a.value, a.limit_value, a.status, a.is_todo,
           a.assignee_user_id, a.due_date::text as due_date, a.snoozed_until::text as snoozed_until,
           ${iso("a.opened_at")} as opened_at, ${iso("a.last_seen_at")} as last_seen_at,
           ${iso("a.acknowledged_at")} as acknowledged_at, ${iso("a.closed_at")} as closed_at,
           a.close_reason, a.resolution,
           i.sku, i.name as item_name, l.code as site_code, l.name as site_name,
           ag.lead_time_days, m.safety_stock, m.abc, m.xyz,
           p.number as plan_number, sh.asn_number
    from alerts a
    join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
    left join agreements ag on ag.tenant_id = a.tenant_id and ag.id = a.agreement_id
    left join items i on i.tenant_id = ag.tenant_id and i.id = ag.item_id
    left join locations l on l.tenant_id = ag.tenant_id and l.id = ag.location_id
    left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.agreement_id
    left join replenishment_plans p on a.subject_type = 'plan' and p.tenant_id = a.tenant_id and p.id = a.subject_id
    left join shipments sh on a.subject_type = 'shipment' and sh.tenant_id = a.tenant_id and sh.id = a.subject_id
    where ${where}`;
}

function statusFilter(filters: AlertListFilters): SQL | null {
  const today = sql`${filters.today}::date`;
  switch (filters.status) {
    case "open":
      return sql`a.closed_at is null and (a.snoozed_until is null or a.snoozed_until <= ${today})`;
    case "snoozed":
      return sql`a.closed_at is null and a.snoozed_until > ${today}`;
    case "acknowledged":
      return sql`a.closed_at is null and a.status = 'acknowledged'`;
    case "todo":
      return sql`a.closed_at is null and a.is_todo`;
    case "mine":
      // No user, no alert of one's own.
      return filters.userId ? sql`a.closed_at is null and a.assignee_user_id = ${filters.userId}` : sql`false`;
    case "closed":
      return sql`a.closed_at is not null`;
    case "all":
      return null;
  }
}

/** Every filter but severity, which the counts per severity are taken over. */
function listWhere(scope: TenantScope, filters: AlertListFilters): SQL {
  const conditions: SQL[] = [scopeFilter(scope, "a")];
  const status = statusFilter(filters);
  if (status) conditions.push(status);
  if (filters.condition) conditions.push(sql`a.condition = ${filters.condition}`);
  if (!scope.supplierId && filters.supplierId) conditions.push(sql`a.supplier_id = ${filters.supplierId}`);
  if (filters.siteId) conditions.push(sql`ag.location_id = ${filters.siteId}`);
  const cell = filters.cell;
  if (cell && /^[ABC][XYZ]$/.test(cell)) conditions.push(sql`m.abc = ${cell[0]} and m.xyz = ${cell[1]}`);
  else if (cell && /^[ABC]$/.test(cell)) conditions.push(sql`m.abc = ${cell}`);
  else if (cell && /^[XYZ]$/.test(cell)) conditions.push(sql`m.xyz = ${cell}`);
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(i.sku ilike ${pattern} or i.name ilike ${pattern} or p.number ilike ${pattern} or sh.asn_number ilike ${pattern})`,
    );
  }
  return sql.join(conditions, sql` and `);
}

/**
 * Most urgent first: critical before warning before info, to-dos by their due date, then the
 * longest open. Closed alerts come after open ones; the closed list shows the latest closed first.
 */
function listOrder(filters: AlertListFilters): SQL {
  if (filters.status === "closed") return sql`closed_at desc, id`;
  return sql`(closed_at is not null), case severity when 'critical' then 0 when 'warning' then 1 else 2 end,
    (not is_todo), due_date asc nulls last, opened_at asc, id`;
}

export type SeverityCounts = Record<AlertSeverity, number>;

/**
 * One page of alerts, how many match in all, and how many of each severity match the other
 * filters (the counts at the top of the list).
 */
export async function listAlerts(
  tx: Tx,
  scope: TenantScope,
  filters: AlertListFilters,
): Promise<{ rows: AlertRow[]; total: number; counts: SeverityCounts }> {
  const where = listWhere(scope, filters);
  const severity = filters.severity ? sql`severity = ${filters.severity}` : sql`true`;
  const offset = (filters.page - 1) * filters.pageSize;
  const [page, grouped] = await Promise.all([
    tx.execute(sql`
      select * from (${selectAlerts(where)}) listed where ${severity}
      order by ${listOrder(filters)}
      limit ${filters.pageSize} offset ${offset}`),
    tx.execute(sql`select severity, count(*) as n from (${selectAlerts(where)}) listed group by severity`),
  ]);
  const counts: SeverityCounts = { critical: 0, warning: 0, info: 0 };
  for (const r of rowsOf<{ severity: AlertSeverity; n: NumericText }>(grouped)) counts[r.severity] = numeric(r.n);
  const total = filters.severity ? counts[filters.severity] : counts.critical + counts.warning + counts.info;
  return { rows: rowsOf<RawAlertRow>(page).map(rowOf), total, counts };
}

/** One alert in the scope, or null (unknown, another supplier's, another tenant's). */
export async function getAlert(tx: Tx, scope: TenantScope, alertId: string): Promise<AlertRow | null> {
  const [row] = rowsOf<RawAlertRow>(await tx.execute(selectAlerts(sql`${scopeFilter(scope, "a")} and a.id = ${alertId}`)));
  return row ? rowOf(row) : null;
}

export interface AlertEventRow {
  id: string;
  kind: AlertEventKind;
  actorUserId: string | null;
  detail: Record<string, unknown>;
  at: string;
}

/** An alert's history, oldest first. */
export function listAlertEvents(tx: Tx, scope: TenantScope, alertId: string): Promise<AlertEventRow[]> {
  const conditions = [eq(alertEvents.tenantId, scope.tenantId), eq(alertEvents.alertId, alertId)];
  if (scope.supplierId) conditions.push(eq(alertEvents.supplierId, scope.supplierId));
  return tx
    .select({
      id: alertEvents.id,
      kind: alertEvents.kind,
      actorUserId: alertEvents.actorUserId,
      detail: alertEvents.detail,
      at: isoOf(alertEvents.at),
    })
    .from(alertEvents)
    .where(and(...conditions))
    .orderBy(asc(alertEvents.at), asc(alertEvents.id));
}

/**
 * The names of the people the given alerts concern (assignees, and who acted on them), by user
 * id: through a function of the database, as only administrators read other users' rows.
 */
export async function alertPeopleNames(tx: Tx, alertIds: readonly string[]): Promise<Map<string, string>> {
  if (alertIds.length === 0) return new Map();
  const ids = `{${alertIds.join(",")}}`;
  const rows = rowsOf<{ user_id: string; name: string }>(
    await tx.execute(sql`select user_id, name from alert_people_names(${ids}::uuid[])`),
  );
  return new Map(rows.map((r) => [r.user_id, r.name]));
}

export interface AssignableMember {
  userId: string;
  name: string;
  role: "admin" | "manager" | "buyer" | "supplier";
}

/** Whom the scope may assign the alert to (see the database function for who that is), by name. */
export async function listAssignableMembers(tx: Tx, alertId: string): Promise<AssignableMember[]> {
  const rows = rowsOf<{ user_id: string; name: string; role: AssignableMember["role"] }>(
    await tx.execute(sql`select user_id, name, role from alert_assignable_members(${alertId}::uuid)`),
  );
  return rows.map((r) => ({ userId: r.user_id, name: r.name, role: r.role }));
}

export interface LockedAlert {
  id: string;
  supplierId: string;
  status: AlertStatus;
  closedAt: Date | null;
}

/** The alert's row, locked for the change about to be made; null when not in the scope. */
export async function lockAlert(tx: Tx, scope: TenantScope, alertId: string): Promise<LockedAlert | null> {
  const conditions = [eq(alerts.tenantId, scope.tenantId), eq(alerts.id, alertId)];
  if (scope.supplierId) conditions.push(eq(alerts.supplierId, scope.supplierId));
  const [row] = await tx
    .select({ id: alerts.id, supplierId: alerts.supplierId, status: alerts.status, closedAt: alerts.closedAt })
    .from(alerts)
    .where(and(...conditions))
    .for("update");
  return row ?? null;
}

export type AlertChange = Partial<
  Pick<
    typeof alerts.$inferInsert,
    | "status"
    | "acknowledgedAt"
    | "snoozedUntil"
    | "isTodo"
    | "assigneeUserId"
    | "dueDate"
    | "closedAt"
    | "closeReason"
    | "resolution"
  >
>;

export async function updateAlert(tx: Tx, scope: TenantScope, alertId: string, change: AlertChange): Promise<void> {
  const conditions = [eq(alerts.tenantId, scope.tenantId), eq(alerts.id, alertId)];
  if (scope.supplierId) conditions.push(eq(alerts.supplierId, scope.supplierId));
  await tx
    .update(alerts)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(...conditions));
}

/** One event of an alert's history, by the scope's user; its id. */
export async function insertAlertEvent(
  tx: Tx,
  scope: TenantScope,
  event: { alertId: string; supplierId: string; kind: AlertEventKind; detail: Record<string, unknown> },
): Promise<string> {
  const [row] = await tx
    .insert(alertEvents)
    .values({ tenantId: scope.tenantId, actorUserId: scope.userId, ...event })
    .returning({ id: alertEvents.id });
  return row.id;
}

/**
 * Tells the assignee (in the inbox and by e-mail) through the database function, which checks
 * that the person is an active member who may see the alert and is not the one assigning.
 */
export async function notifyAlertAssignee(
  tx: Tx,
  alertId: string,
  eventId: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const [row] = rowsOf<{ told: NumericText }>(
    await tx.execute(
      sql`select notify_alert_assignee(${alertId}::uuid, ${eventId}::uuid, ${JSON.stringify(payload)}::jsonb) as told`,
    ),
  );
  return row ? numeric(row.told) : 0;
}
