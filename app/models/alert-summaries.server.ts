import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { AlertConditionKind, AlertSeverity } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { iso, num, numeric, type NumericText, scopeFilter, str } from "./sql.server";

/**
 * The open alerts the start pages and the agreement page lead with: open (not closed) and not
 * snoozed to a later day in the tenant's today, as the navigation counts them; for a supplier's
 * scope its own supplier's only (named here as well as by row-level security). Most urgent first.
 */

export interface OpenAlertSummary {
  id: string;
  ruleName: string;
  condition: AlertConditionKind;
  severity: AlertSeverity;
  /** Open alerts only: not yet acknowledged, or acknowledged. */
  acknowledged: boolean;
  isTodo: boolean;
  /** Assigned to the user the list was read for. */
  assignedToMe: boolean;
  dueDate: string | null;
  value: number | null;
  limitValue: number | null;
  /** ISO 8601 UTC. */
  openedAt: string;
  supplierId: string;
  supplierName: string;
  agreementId: string | null;
  sku: string | null;
  itemName: string | null;
  siteCode: string | null;
  planNumber: string | null;
  asnNumber: string | null;
}

export interface OpenAlertList {
  /** The first `limit`, most urgent first. */
  rows: OpenAlertSummary[];
  /** All open alerts of the list (to-dos included). */
  total: number;
  critical: number;
  /** Open alerts and to-dos assigned to the user the list was read for. */
  assignedToMe: number;
}

export interface OpenAlertQuery {
  /** The tenant's today (YYYY-MM-DD): an alert snoozed until a later day is not open yet. */
  today: string;
  /** Only this agreement's. */
  agreementId?: string;
  /** Whose alerts count as "mine"; with `mineFirst`, those come first. */
  userId?: string | null;
  mineFirst?: boolean;
  limit: number;
}

interface RawRow {
  id: string;
  rule_name: string;
  condition: AlertConditionKind;
  severity: AlertSeverity;
  status: string;
  is_todo: boolean;
  mine: boolean;
  due_date: string | null;
  value: NumericText | null;
  limit_value: NumericText | null;
  opened_at: string;
  supplier_id: string;
  supplier_name: string;
  agreement_id: string | null;
  sku: string | null;
  item_name: string | null;
  site_code: string | null;
  plan_number: string | null;
  asn_number: string | null;
}

/**
 * Open alerts, most urgent first: (with `mineFirst`) those assigned to the user, then critical,
 * warning, info; within a severity to-dos by due date before plain alerts, then the longest open.
 */
export async function listOpenAlerts(tx: Tx, scope: TenantScope, query: OpenAlertQuery): Promise<OpenAlertList> {
  const me = query.userId ?? null;
  const where = sql`${scopeFilter(scope, "a")} and a.closed_at is null
    and (a.snoozed_until is null or a.snoozed_until <= ${query.today}::date)
    ${query.agreementId ? sql`and a.agreement_id = ${query.agreementId}::uuid` : sql``}`;
  const mine = me ? sql`coalesce(a.assignee_user_id = ${me}::uuid, false)` : sql`false`;
  const rows = rowsOf<RawRow>(
    await tx.execute(sql`
      select a.id, a.rule_name, a.condition, a.severity, a.status, a.is_todo, ${mine} as mine,
             a.due_date::text as due_date, a.value, a.limit_value, ${iso("a.opened_at")} as opened_at,
             a.supplier_id, s.name as supplier_name, a.agreement_id, i.sku, i.name as item_name, l.code as site_code,
             p.number as plan_number, sh.asn_number
      from alerts a
      join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
      left join agreements ag on ag.tenant_id = a.tenant_id and ag.id = a.agreement_id
      left join items i on i.tenant_id = ag.tenant_id and i.id = ag.item_id
      left join locations l on l.tenant_id = ag.tenant_id and l.id = ag.location_id
      left join replenishment_plans p on a.subject_type = 'plan' and p.tenant_id = a.tenant_id and p.id = a.subject_id
      left join shipments sh on a.subject_type = 'shipment' and sh.tenant_id = a.tenant_id and sh.id = a.subject_id
      where ${where}
      order by ${query.mineFirst ? sql`${mine} desc,` : sql``}
               case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end,
               a.due_date nulls last, a.opened_at, a.id
      limit ${Math.max(0, Math.floor(query.limit))}::int`),
  );
  const [counts] = rowsOf<{ total: NumericText; critical: NumericText; mine: NumericText }>(
    await tx.execute(sql`
      select count(*) as total, count(*) filter (where a.severity = 'critical') as critical,
             count(*) filter (where ${mine}) as mine
      from alerts a where ${where}`),
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      ruleName: r.rule_name,
      condition: r.condition,
      severity: r.severity,
      acknowledged: r.status === "acknowledged",
      isTodo: r.is_todo,
      assignedToMe: r.mine,
      dueDate: str(r.due_date),
      value: num(r.value),
      limitValue: num(r.limit_value),
      openedAt: r.opened_at,
      supplierId: r.supplier_id,
      supplierName: r.supplier_name,
      agreementId: r.agreement_id,
      sku: r.sku,
      itemName: r.item_name,
      siteCode: r.site_code,
      planNumber: r.plan_number,
      asnNumber: r.asn_number,
    })),
    total: numeric(counts.total),
    critical: numeric(counts.critical),
    assignedToMe: numeric(counts.mine),
  };
}
