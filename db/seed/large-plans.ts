import { isoDate } from "../../app/core";
import { HISTORY_DAYS } from "./generate";
import type { AgreementRow } from "./large";
import { Random } from "./random";
import type { StockHistory } from "./simulate";

/**
 * The scale tenant's plan history, as COPY text for seed:large: the approved and received plans
 * behind its simulated replenishments, so that delivery and decision KPIs are measured at scale.
 */

export const PLAN_COLUMNS =
  "tenant_id, id, supplier_id, number, status, version, lock_version, request_id, route, decision_code, submitted_at, decided_at, created_at, updated_at";
export const PLAN_LINE_COLUMNS =
  "tenant_id, id, plan_id, supplier_id, version, line_no, agreement_id, qty, ship_date, arrival_date, status, approved_qty, decision_code, shipped_qty, received_qty, received_on, on_time, fill_rate, created_at";

/**
 * The plans behind the simulated replenishments, as COPY lines: each supplier's orders of one
 * review day make one plan, submitted that morning (09:00 Shanghai) and approved by a buyer within
 * one to thirty hours; each order is a line agreed to arrive after the lead time, shipped the next
 * day and received when it arrived (late suppliers late, short ones short). Orders still on their
 * way at the end of the history are left out. Numbers run RP-YYYY-NNNNN per year of submission.
 */
export function buildPlanHistory(
  id: (name: string) => string,
  tenantId: string,
  firstEpoch: number,
  agreements: readonly AgreementRow[],
  histories: readonly { orders: StockHistory["orders"] }[],
  unitCosts: ReadonlyMap<string, number>,
) {
  const byPlan = new Map<
    string,
    { supplierId: string; day: number; lines: { agreement: AgreementRow; order: StockHistory["orders"][number] }[] }
  >();
  agreements.forEach((agreement, i) => {
    for (const order of histories[i].orders) {
      if (order.arrival >= HISTORY_DAYS) continue;
      const key = `${agreement.supplierId}|${order.day}`;
      const plan = byPlan.get(key) ?? { supplierId: agreement.supplierId, day: order.day, lines: [] };
      plan.lines.push({ agreement, order });
      byPlan.set(key, plan);
    }
  });
  const ordered = [...byPlan.values()].sort((a, b) => a.day - b.day || a.supplierId.localeCompare(b.supplierId));
  const counters = new Map<number, number>();
  const plans: string[] = [];
  const lines: string[] = [];
  for (const plan of ordered) {
    const submittedAt = Date.UTC(1970, 0, 1 + firstEpoch + plan.day, 1, 0, 0); // 09:00 in Shanghai
    const planId = id(`plan:${plan.supplierId}:${plan.day}`);
    const random = new Random("scale-plan", planId);
    const decidedAt = submittedAt + Math.round(random.uniform(1, 30) * 3_600_000);
    const year = new Date(submittedAt).getUTCFullYear();
    const number = (counters.get(year) ?? 0) + 1;
    counters.set(year, number);
    let value = 0;
    plan.lines.forEach(({ agreement, order }, index) => {
      value += order.planned * (unitCosts.get(agreement.itemId) ?? 0);
      const agreed = plan.day + Math.round(agreement.leadTime);
      lines.push(
        [
          tenantId,
          id(`plan-line:${planId}:${index}`),
          planId,
          plan.supplierId,
          1,
          index + 1,
          agreement.id,
          order.planned,
          isoDate(firstEpoch + plan.day + 1),
          isoDate(firstEpoch + Math.max(agreed, plan.day + 1)),
          "received",
          order.planned,
          "IA",
          order.shipped,
          order.shipped,
          isoDate(firstEpoch + order.arrival),
          order.arrival <= agreed ? "t" : "f",
          Math.round((order.shipped / order.planned) * 10_000) / 10_000,
          new Date(submittedAt).toISOString(),
        ].join("\t"),
      );
    });
    const route = JSON.stringify({ steps: ["buyer"], autoApproved: false, value: Math.round(value * 100) / 100, reasons: [] });
    plans.push(
      [
        tenantId,
        planId,
        plan.supplierId,
        `RP-${year}-${String(number).padStart(5, "0")}`,
        "approved",
        1,
        1,
        id(`plan-request:${planId}`),
        route,
        "AD",
        new Date(submittedAt).toISOString(),
        new Date(decidedAt).toISOString(),
        new Date(submittedAt).toISOString(),
        new Date(decidedAt).toISOString(),
      ].join("\t"),
    );
  }
  return { plans, lines, counters: [...counters.entries()] };
}

/** COPY text in chunks of about 1 MB, one row a line. */
export function* chunked(rows: readonly string[]): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += row + "\n";
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}
