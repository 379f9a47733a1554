import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { iso, num, scopeFilter, str } from "../sql.server";
import { parseJson, type PlanRoute, type PlanStatus } from "./read.server";

/** The approval queue: the plans waiting for a step, and their current lines for projections. */

export interface ApprovalQueueRow {
  id: string;
  number: string | null;
  supplierId: string;
  supplierName: string;
  status: PlanStatus;
  lockVersion: number;
  /** Since when the plan waits for this step: submission for the buyer, the buyer's step for the manager. */
  waitingSince: string;
  submittedAt: string | null;
  lineCount: number;
  /** Value of the lines as they stand (decided quantities where a step changed them; rejected count 0). */
  value: number;
  steps: ("buyer" | "manager")[];
}

/** The plans waiting for a step (buyer: submitted; manager: in review), oldest first. */
export async function listApprovalQueue(
  tx: Tx,
  scope: TenantScope,
  status: "submitted" | "in_review",
): Promise<ApprovalQueueRow[]> {
  const waiting = status === "submitted" ? sql.raw("coalesce(p.submitted_at, p.updated_at)") : sql.raw("p.updated_at");
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select p.id, p.number, p.supplier_id, s.name as supplier_name, p.status, p.lock_version, p.route,
             ${iso("p.submitted_at")} as submitted_at,
             to_char(${waiting} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as waiting_since,
             coalesce(agg.line_count, 0) as line_count, coalesce(agg.value, 0) as value
      from replenishment_plans p
      join suppliers s on s.tenant_id = p.tenant_id and s.id = p.supplier_id
      left join lateral (
        select count(*) as line_count,
               sum(case when pl.decision_code = 'IR' then 0 else coalesce(pl.approved_qty, pl.qty) end * i.unit_cost) as value
        from plan_lines pl
        join agreements a on a.tenant_id = pl.tenant_id and a.id = pl.agreement_id
        join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
        where pl.tenant_id = p.tenant_id and pl.plan_id = p.id and pl.version = p.version
      ) agg on true
      where ${scopeFilter(scope, "p")} and p.status = ${status}
      order by ${waiting}, p.id
      limit 500`),
  );
  return rows.map((r) => {
    const route = parseJson<PlanRoute>(r.route);
    return {
      id: String(r.id),
      number: str(r.number),
      supplierId: String(r.supplier_id),
      supplierName: String(r.supplier_name),
      status: r.status as PlanStatus,
      lockVersion: Number(r.lock_version),
      waitingSince: String(r.waiting_since),
      submittedAt: str(r.submitted_at),
      lineCount: Number(r.line_count),
      value: Number(r.value),
      steps: route?.steps ?? ["buyer"],
    };
  });
}

/** The current version's lines of several plans (for projections over a queue of plans). */
export async function listLinesOfPlans(
  tx: Tx,
  scope: TenantScope,
  planIds: readonly string[],
): Promise<
  {
    planId: string;
    lineNo: number;
    agreementId: string;
    qty: number;
    arrivalDate: string;
    decisionCode: string | null;
    approvedQty: number | null;
    approvedArrivalDate: string | null;
  }[]
> {
  const ids = planIds.filter(isUuid);
  if (ids.length === 0) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select pl.plan_id, pl.line_no, pl.agreement_id, pl.qty, pl.arrival_date::text as arrival_date,
             pl.decision_code, pl.approved_qty, pl.approved_arrival_date::text as approved_arrival_date
      from plan_lines pl
      join replenishment_plans p on p.tenant_id = pl.tenant_id and p.id = pl.plan_id and p.version = pl.version
      where ${scopeFilter(scope, "pl")} and pl.plan_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      order by pl.plan_id, pl.line_no`),
  );
  return rows.map((r) => ({
    planId: String(r.plan_id),
    lineNo: Number(r.line_no),
    agreementId: String(r.agreement_id),
    qty: Number(r.qty),
    arrivalDate: String(r.arrival_date),
    decisionCode: str(r.decision_code),
    approvedQty: num(r.approved_qty),
    approvedArrivalDate: str(r.approved_arrival_date),
  }));
}
