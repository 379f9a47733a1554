import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@db/client";
import { agreements, items, planLines, replenishmentPlans, suppliers } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { isoOf, scopeFilter } from "../sql.server";
import type { PlanStatus } from "./read.server";

/** The approval queue: the plans waiting for a step, and their current lines for projections. */

const p = alias(replenishmentPlans, "p");
const s = alias(suppliers, "s");
const pl = alias(planLines, "pl");
const a = alias(agreements, "a");
const i = alias(items, "i");

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
  const waiting = status === "submitted" ? sql`coalesce(${p.submittedAt}, ${p.updatedAt})` : sql`${p.updatedAt}`;
  // The current version's lines of each plan, counted and valued beside it (rejected lines count 0).
  const lineValue = sql`case when ${pl.decisionCode} = 'IR' then 0 else coalesce(${pl.approvedQty}, ${pl.qty}) end * ${i.unitCost}`;
  const agg = tx
    .select({
      lineCount: sql<string>`count(*)`.as("line_count"),
      value: sql<string | null>`sum(${lineValue})`.as("value"),
    })
    .from(pl)
    .innerJoin(a, and(eq(a.tenantId, pl.tenantId), eq(a.id, pl.agreementId)))
    .innerJoin(i, and(eq(i.tenantId, a.tenantId), eq(i.id, a.itemId)))
    .where(and(eq(pl.tenantId, p.tenantId), eq(pl.planId, p.id), eq(pl.version, p.version)))
    .as("agg");
  const rows = await tx
    .select({
      id: p.id,
      number: p.number,
      supplierId: p.supplierId,
      supplierName: s.name,
      status: p.status,
      lockVersion: p.lockVersion,
      waitingSince: sql<string>`to_char(${waiting} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      submittedAt: isoOf(p.submittedAt),
      lineCount: sql`coalesce(${agg.lineCount}, 0)`.mapWith(Number),
      value: sql`coalesce(${agg.value}, 0)`.mapWith(Number),
      route: p.route,
    })
    .from(p)
    .innerJoin(s, and(eq(s.tenantId, p.tenantId), eq(s.id, p.supplierId)))
    .leftJoinLateral(agg, sql`true`)
    .where(and(scopeFilter(scope, "p"), eq(p.status, status)))
    .orderBy(waiting, p.id)
    .limit(500);
  return rows.map(({ route, ...row }): ApprovalQueueRow => ({ ...row, steps: route?.steps ?? ["buyer"] }));
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
  return tx
    .select({
      planId: pl.planId,
      lineNo: pl.lineNo,
      agreementId: pl.agreementId,
      qty: pl.qty,
      arrivalDate: pl.arrivalDate,
      decisionCode: pl.decisionCode,
      approvedQty: pl.approvedQty,
      approvedArrivalDate: pl.approvedArrivalDate,
    })
    .from(pl)
    .innerJoin(p, and(eq(p.tenantId, pl.tenantId), eq(p.id, pl.planId), eq(p.version, pl.version)))
    .where(and(scopeFilter(scope, "pl"), inArray(pl.planId, ids)))
    .orderBy(pl.planId, pl.lineNo);
}
