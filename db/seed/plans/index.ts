import { buildBandProposals } from "../band-proposals";
import type { DemoDataset } from "../generate";
import { localInstant } from "./dates";
import { draftPlan } from "./draft-plan";
import { emitPlan, numberPlans } from "./records";
import { classifyAgreements } from "./routing";
import type { DemoPlanHistory } from "./rows";
import { PLAN_SCENARIOS } from "./scenarios";
import { numberShipments } from "./shipments";
import type { PlanBuildContext, PlanDraft } from "./shared";

/**
 * The demo's plan history (docs/domain.md, "Demo tenant": "a history of plans in every state with
 * shipments and receipts"): for every supplier with a demo sign-in, the same set of scenarios —
 * each a sequence of the transitions the plan services make — placed in time relative to
 * `today`, with the lines, timeline, audit rows and plan numbers those transitions leave behind.
 * Each submitted plan carries the route the core's approvalRoute gives its lines (their
 * agreements' classes as the recompute finds them today, at the default policy), and the lines
 * are chosen so that the route fits the scenario. Approved lines whose ship date has passed were
 * shipped; those received before today are receipts, the others are in transit; the lines carry
 * what the shipment and receipt services store (shipped and received quantities, on time, fill
 * rate). The daily facts are not touched: receipts here live in the shipments table only.
 *
 * The stages, one module each: scenarios.ts (what each plan goes through), routing.ts (its
 * agreements and route), draft-plan.ts (its steps and versions), changes.ts and decisions.ts (the
 * buyer's requests and the line decisions), records.ts (numbers, plan, timeline and audit rows),
 * shipments.ts (shipments and receipts); shared.ts and dates.ts hold what they share, rows.ts the
 * shapes of the rows.
 */

export type {
  DemoAuditEvent,
  DemoPlan,
  DemoPlanCounter,
  DemoPlanEvent,
  DemoPlanHistory,
  DemoPlanLine,
  DemoShipment,
  PlanRoute,
  StepDetails,
  StepLineDetail,
} from "./rows";
export {
  PLAN_ACTION_STATUS,
  PLAN_AUDIT_ACTIONS,
  PLAN_SCENARIOS,
  type PlanAction,
  type Scenario,
  scenarioActions,
} from "./scenarios";
export type { PlanBuildContext } from "./shared";

/** Builds the plan history of every supplier that has a demo sign-in, deterministically. */
export function buildPlanHistory(dataset: DemoDataset, context: PlanBuildContext): DemoPlanHistory {
  const history: DemoPlanHistory = {
    plans: [],
    planLines: [],
    planEvents: [],
    auditEvents: [],
    planCounters: [],
    shipments: [],
    asnCounters: [],
  };
  const sites = new Map(dataset.locations.map((l) => [l.id, l]));
  const uoms = new Map(dataset.items.map((i) => [i.id, i.uom]));
  for (const tenant of dataset.tenants) {
    const slug = tenant.slug.slice(0, tenant.slug.length - context.suffix.length);
    const members = dataset.memberships.filter((m) => m.tenantId === tenant.id);
    const buyer = members.find((m) => m.role === "buyer")?.userId ?? null;
    const manager = members.find((m) => m.role === "manager")?.userId ?? null;
    const classes = classifyAgreements(dataset, tenant.id);
    const drafts: PlanDraft[] = [];
    for (const supplier of dataset.suppliers.filter((s) => s.tenantId === tenant.id)) {
      const supplierUser = members.find((m) => m.role === "supplier" && m.supplierId === supplier.id);
      if (!supplierUser) continue;
      // Nobody replenishes an item that is no longer used.
      const agreements = dataset.agreements.filter((a) => a.supplierId === supplier.id && a.pattern !== "dead");
      for (const scenario of PLAN_SCENARIOS) {
        drafts.push(
          draftPlan(tenant, slug, supplier, agreements, scenario, {
            ...context,
            sites,
            uoms,
            classes,
            hasManager: manager !== null,
          }),
        );
      }
    }
    const counters = numberPlans(drafts, tenant.timezone);
    for (const [year, lastNumber] of counters) history.planCounters.push({ tenantId: tenant.id, year, lastNumber });
    const actors = { buyer, manager: manager ?? buyer };
    for (const draft of drafts) {
      const supplierUser = members.find((m) => m.role === "supplier" && m.supplierId === draft.supplier.id)!.userId;
      emitPlan(history, draft, { ...actors, supplier: supplierUser }, context);
    }
    const asnCounters = numberShipments(history.shipments.filter((s) => s.tenantId === tenant.id));
    for (const [year, lastNumber] of asnCounters) history.asnCounters.push({ tenantId: tenant.id, year, lastNumber });
  }
  history.bandProposals = buildBandProposals(dataset, { ...context, localInstant });
  return history;
}
