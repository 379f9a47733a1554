/**
 * Benchmark of a plan's review at real size: builds a 200-line plan in a fresh embedded database
 * through the services (100 of its lines A-class items, so a buyer and then a manager decide it),
 * then times what the plan page's loader does for the buyer (the review of every line, one page of
 * them sent), a selection of 50 lines approved, and "approve all" at the buyer's step, and prints
 * the figures against the targets: the page's server time under 1 s, the loader's data of one
 * page well under the page's 500 KB, approve all under 1 s. It prints figures; it asserts nothing.
 *
 *   npm run bench:review
 *   BENCH_LINES=300 BENCH_RUNS=5 npm run bench:review
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openDatabase } from "@db/client";
import { migrate } from "@db/migrate";
import type { TenantScope } from "@db/scope";
import { decideSelection } from "~/services/plans/decide-selection.server";
import { decideStep, submitPlan } from "~/services/plans/index.server";
import { loadPlanForReview } from "~/services/plans/review.server";
import { planPageOf } from "~/services/plans/plan-page.server";
import { addDays, todayIn } from "~/utils/dates";
import { createLocation, createMemberships, createSupplier, createTenant, createUsers } from "../support/factories";
import { createPlannedAgreement } from "../integration/support/worlds";

const LINES = Number(process.env.BENCH_LINES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const handle = await openDatabase({});
  await migrate(handle);
  const db = handle.db;
  try {
    const today = todayIn("UTC");
    const tenantId = randomUUID();
    const supplierId = randomUUID();
    const site = randomUUID();
    const users = { supplier: randomUUID(), buyer: randomUUID(), manager: randomUUID() };
    await createUsers(db, users, { domain: "review-bench.example", passwordHash: "x" });
    await createTenant(db, { id: tenantId, slugPrefix: "review-bench", name: "Review bench", timezone: "UTC" });
    await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
    await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
    await createMemberships(db, [
      { tenantId, userId: users.supplier, role: "supplier", supplierId },
      { tenantId, userId: users.buyer, role: "buyer" },
      { tenantId, userId: users.manager, role: "manager" },
    ]);
    const agreements: string[] = [];
    for (let i = 0; i < LINES / 2; i++) {
      // Half the items A-class, half C-class; some run short within the horizon, some overflow.
      const abc = i % 2 === 0 ? "A" : "C";
      agreements.push(
        await createPlannedAgreement(db, {
          tenantId,
          supplierId,
          locationId: site,
          sku: `RB-${String(i).padStart(4, "0")}`,
          abc,
          xyz: "X",
          min: 50,
          max: 400,
          onHand: 100 + (i % 7) * 60,
          daily: 10,
          unitCost: 5,
          today,
        }),
      );
    }
    const sup: TenantScope = { tenantId, supplierId, userId: users.supplier };
    const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };
    // Two lines an item: one soon, one later.
    const lines = agreements.flatMap((agreementId, i) => [
      { agreementId, qty: 100, shipDate: addDays(today, 1), arrivalDate: addDays(today, 3), reason: "Bench" },
      { agreementId, qty: 100 + (i % 3) * 100, shipDate: addDays(today, 14), arrivalDate: addDays(today, 16), reason: "Bench" },
    ]);
    const built = performance.now();
    const plans: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      plans.push((await submitPlan(db, sup, { requestId: randomUUID(), lines, today })).plan.id);
    }
    const submitMs = (performance.now() - built) / RUNS;

    const loads: number[] = [];
    let dataBytes = 0;
    let reasons = 0;
    for (const planId of plans) {
      const start = performance.now();
      const found = await loadPlanForReview(db, buyer, planId);
      const data = planPageOf(found!, "buyer", { page: 1, problem: null });
      dataBytes = JSON.stringify(data).length;
      if (process.env.BENCH_BREAKDOWN) {
        for (const [k, v] of Object.entries(data)) console.log(k, JSON.stringify(v).length);
      }
      loads.push(performance.now() - start);
      reasons = data.plan.route?.reasons.length ?? 0;
    }

    const selections: number[] = [];
    const approvals: number[] = [];
    for (const planId of plans) {
      let found = await loadPlanForReview(db, buyer, planId);
      let start = performance.now();
      await decideSelection(db, buyer, {
        planId,
        lockVersion: found!.detail.plan.lockVersion,
        role: "buyer",
        lines: found!.detail.lines.slice(0, 50).map((l) => String(l.lineNo)),
        code: "IA",
      });
      selections.push(performance.now() - start);
      found = await loadPlanForReview(db, buyer, planId);
      start = performance.now();
      await decideStep(db, buyer, { planId, lockVersion: found!.detail.plan.lockVersion, role: "buyer", all: "IA" });
      approvals.push(performance.now() - start);
    }

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const row = (what: string, ms: number, target: string, ok: boolean) =>
      console.log(`${what.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   ${target.padEnd(12)} ${ok ? "ok" : "MISSED"}`);
    console.log(`A plan of ${lines.length} lines (${reasons} route reasons), ${RUNS} runs, embedded database; medians:`);
    row("submit (routing, checks)", submitMs, "—", true);
    row("review loader (every line reviewed, 1 page)", median(loads), "< 1000 ms", median(loads) < 1000);
    row("approve 50 selected", median(selections), "< 1000 ms", median(selections) < 1000);
    row("approve all", median(approvals), "< 1000 ms", median(approvals) < 1000);
    console.log(`${"loader data of one page".padEnd(44)} ${(dataBytes / 1024).toFixed(0).padStart(7)} KB   < 500 KB page`);
  } finally {
    await handle.close();
  }
}

await main();
