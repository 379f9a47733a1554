import {
  type Abc,
  type ApprovalRouteResult,
  type ApprovalStep,
  type LineDecisionCode,
  type PlanDecisionCode,
  type Xyz,
  approvalRoute,
  classifyAbc,
  classifyXyz,
  policyFor,
  stepOutcome,
} from "../../app/core";
import { PLAN_ENTITY } from "../../app/models/plans.server";
import { PLAN_AUDIT } from "../../app/services/plans/common.server";
import { parseTenantSettings } from "../../app/utils/tenant-settings";
import type { PlanLineStatus, PlanStatus } from "../schema";
import { type DemoBandProposal, buildBandProposals } from "./band-proposals";
import type { DemoAgreement, DemoDataset, DemoParty, DemoTenant } from "./generate";
import { Random } from "./random";

/**
 * The demo's plan history (DOMAIN.md, "Demo tenant": "a history of plans in every state with
 * shipments and receipts"): for every supplier with a demo sign-in, the same set of scenarios —
 * each a sequence of the transitions the plan services make — placed in time relative to
 * `today`, with the lines, timeline, audit rows and plan numbers those transitions leave behind.
 * Each submitted plan carries the route the core's approvalRoute gives its lines (their
 * agreements' classes as the recompute finds them today, at the default policy), and the lines
 * are chosen so that the route fits the scenario. Approved lines whose ship date has passed were
 * shipped; those received before today are receipts, the others are in transit; the lines carry
 * what the shipment and receipt services store (shipped and received quantities, on time, fill
 * rate). The daily facts are not touched: receipts here live in the shipments table only.
 */

export interface DemoPlan {
  tenantId: string;
  id: string;
  supplierId: string;
  number: string | null;
  status: PlanStatus;
  version: number;
  lockVersion: number;
  requestId: string;
  note: string | null;
  createdBy: string | null;
  /** The route given at the last submission; null for drafts. */
  route: PlanRoute | null;
  /** EDI 855 header code, once finally decided. */
  decisionCode: PlanDecisionCode | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PlanRoute = ApprovalRouteResult;

/** One line of a step decision, as the timeline's `details` carry it (LineDecision's shape). */
export interface StepLineDetail {
  lineNo: number;
  code: LineDecisionCode;
  /** Accepted quantity; 0 for a rejected line. */
  qty: number;
  arrivalDate: string;
  reason: string | null;
}

export interface StepDetails {
  step: ApprovalStep;
  lines: StepLineDetail[];
}

export interface DemoPlanLine {
  tenantId: string;
  id: string;
  planId: string;
  supplierId: string;
  version: number;
  lineNo: number;
  agreementId: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  proposedQty: number | null;
  reason: string | null;
  status: PlanLineStatus;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  decisionCode: string | null;
  decisionReason: string | null;
  shippedQty: number;
  receivedQty: number;
  receivedOn: string | null;
  onTime: boolean | null;
  fillRate: number | null;
  createdAt: Date;
}

export interface DemoPlanEvent {
  tenantId: string;
  id: string;
  planId: string;
  supplierId: string;
  version: number;
  action: string;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus;
  actorUserId: string | null;
  actorRole: string;
  comment: string | null;
  details: StepDetails | null;
  occurredAt: Date;
}

export interface DemoAuditEvent {
  id: string;
  tenantId: string;
  supplierId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  occurredAt: Date;
}

export interface DemoPlanCounter {
  tenantId: string;
  year: number;
  lastNumber: number;
}

export interface DemoShipment {
  tenantId: string;
  id: string;
  supplierId: string;
  agreementId: string;
  planLineId: string;
  qty: number;
  shipDate: string;
  expectedArrival: string;
  carrier: string;
  tracking: string;
  status: "in_transit" | "received";
  receivedQty: number | null;
  receivedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoPlanHistory {
  plans: DemoPlan[];
  planLines: DemoPlanLine[];
  planEvents: DemoPlanEvent[];
  auditEvents: DemoAuditEvent[];
  planCounters: DemoPlanCounter[];
  shipments: DemoShipment[];
  /** Suppliers' band change proposals (band-proposals.ts). */
  bandProposals?: DemoBandProposal[];
}

/**
 * Timeline actions: the supplier's, the buyer's step of a two-step route (`step_decided`: in
 * review, waiting for the manager), requests for changes and final decisions.
 */
export type PlanAction =
  | "created"
  | "submitted"
  | "resubmitted"
  | "step_decided"
  | "changes_requested"
  | "revised"
  | "withdrawn"
  | "approved"
  | "partially_approved"
  | "rejected";

/** Audit action of each transition: the plan services' (PLAN_AUDIT), then the buyer's side. */
export const PLAN_AUDIT_ACTIONS: Readonly<Record<PlanAction, string>> = {
  created: PLAN_AUDIT.create,
  submitted: PLAN_AUDIT.submit,
  resubmitted: PLAN_AUDIT.submit,
  withdrawn: PLAN_AUDIT.withdraw,
  changes_requested: PLAN_AUDIT.requestChanges,
  revised: PLAN_AUDIT.revise,
  step_decided: "plan.decide_step",
  approved: "plan.approve",
  partially_approved: "plan.partially_approve",
  rejected: "plan.reject",
};

/** The status each transition leads to. */
export const PLAN_ACTION_STATUS: Readonly<Record<PlanAction, PlanStatus>> = {
  created: "draft",
  submitted: "submitted",
  resubmitted: "submitted",
  step_decided: "in_review",
  changes_requested: "changes_requested",
  revised: "draft",
  withdrawn: "withdrawn",
  approved: "approved",
  partially_approved: "partially_approved",
  rejected: "rejected",
};

const DECISIONS: readonly PlanAction[] = ["approved", "partially_approved", "rejected"];
const SUPPLIER_ACTIONS: readonly PlanAction[] = ["created", "submitted", "resubmitted", "revised", "withdrawn"];

interface Scenario {
  /** Stable name: part of every id and random stream of the plan. */
  key: string;
  /** Days before today of the last transition. */
  daysAgo: number;
  steps: readonly PlanAction[];
  /**
   * Routed to a buyer, then a manager (it has an A-class line): the buyer decides its step
   * (`step_decided`), the manager decides the plan. Otherwise routed to a buyer alone (no A-class
   * line, some line outside CX/CY, value under the manager threshold).
   */
  manager?: boolean;
  /**
   * How the buyer decides its step of a two-step route: every line as submitted (the default),
   * one line changed, or mixed (changes and rejections).
   */
  buyer?: "accept" | "change" | "mixed";
  /** Its first line ships yesterday, so it is in transit today whatever the lead time. */
  inTransit?: boolean;
  /** How many lines (distinct agreements) version 1 has; 2 to 6 when absent. */
  lines?: readonly [number, number];
}

/**
 * Every supplier's plan history, oldest decisions first. Per supplier: 3 drafts (2 never
 * submitted), 2 submitted, 2 in review, 7 approved, 3 partially approved, 2 rejected, 2 changes
 * requested, 2 withdrawn; five of them reach version 2. Six go to a manager: two wait for the
 * manager's step; the manager approves two (one with the buyer's change: AC), approves part of
 * one and rejects one after the buyer accepted it.
 */
export const PLAN_SCENARIOS: readonly Scenario[] = [
  { key: "approved-1", daysAgo: 150, steps: ["submitted", "approved"] },
  { key: "partial-1", daysAgo: 138, steps: ["submitted", "partially_approved"], lines: [3, 6] },
  { key: "rejected-1", daysAgo: 128, steps: ["submitted", "rejected"] },
  { key: "approved-2", daysAgo: 118, steps: ["submitted", "step_decided", "approved"], manager: true },
  { key: "withdrawn-1", daysAgo: 97, steps: ["submitted", "withdrawn"] },
  { key: "approved-3", daysAgo: 82, steps: ["created", "submitted", "changes_requested", "revised", "resubmitted", "approved"] },
  {
    key: "partial-2",
    daysAgo: 68,
    steps: ["created", "submitted", "step_decided", "partially_approved"],
    manager: true,
    lines: [3, 6],
  },
  { key: "approved-4", daysAgo: 52, steps: ["created", "submitted", "approved"] },
  { key: "rejected-2", daysAgo: 40, steps: ["submitted", "step_decided", "rejected"], manager: true, buyer: "change" },
  { key: "withdrawn-2", daysAgo: 31, steps: ["created", "submitted", "withdrawn"] },
  { key: "approved-5", daysAgo: 25, steps: ["submitted", "step_decided", "approved"], manager: true, buyer: "change" },
  { key: "changes-1", daysAgo: 18, steps: ["submitted", "changes_requested", "revised", "resubmitted", "changes_requested"] },
  { key: "partial-3", daysAgo: 15, steps: ["submitted", "partially_approved"], lines: [3, 6] },
  { key: "approved-6", daysAgo: 11, steps: ["submitted", "approved"] },
  { key: "changes-2", daysAgo: 7, steps: ["submitted", "changes_requested"] },
  { key: "approved-7", daysAgo: 4, steps: ["submitted", "approved"], inTransit: true },
  { key: "review-1", daysAgo: 3, steps: ["submitted", "step_decided"], manager: true, buyer: "mixed", lines: [3, 6] },
  { key: "draft-revised", daysAgo: 3, steps: ["submitted", "changes_requested", "revised"] },
  { key: "review-2", daysAgo: 2, steps: ["created", "submitted", "step_decided"], manager: true },
  { key: "submitted-1", daysAgo: 2, steps: ["submitted"] },
  { key: "draft-1", daysAgo: 2, steps: ["created"] },
  { key: "submitted-2", daysAgo: 1, steps: ["submitted", "changes_requested", "revised", "resubmitted"] },
  { key: "draft-2", daysAgo: 1, steps: ["created"], lines: [1, 3] },
];

/**
 * The transitions a scenario makes in a tenant. Without a manager to decide the second step, a
 * manager scenario that ends in a decision is played as a buyer's plan (no step, no A-class line);
 * those that wait in review keep their two-step route (they wait for a manager to be appointed).
 */
export function scenarioActions(scenario: Scenario, hasManager: boolean): readonly PlanAction[] {
  return twoStep(scenario, hasManager) ? scenario.steps : scenario.steps.filter((action) => action !== "step_decided");
}

function twoStep(scenario: Scenario, hasManager: boolean): boolean {
  return scenario.manager === true && (hasManager || scenario.steps[scenario.steps.length - 1] === "step_decided");
}

/** Carriers by tenant slug (weights), with their tracking number formats. */
const CARRIERS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  acme: { "SF Express": 4, "JD Logistics": 3, "ZTO Express": 2, "DHL Express": 1 },
  globex: { "SF Express": 5, "DHL Express": 3, "ZTO Express": 1 },
};

function trackingNumber(carrier: string, random: Random): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join("");
  switch (carrier) {
    case "SF Express":
      return `SF${random.int(1, 9)}${digits(12)}`;
    case "JD Logistics":
      return `JDV${random.int(1, 9)}${digits(11)}`;
    case "ZTO Express":
      return `7${random.int(3, 8)}${digits(10)}`;
    default:
      return `${random.int(1, 9)}${digits(9)}`;
  }
}

const LINE_REASONS = [
  "Consolidated into full pallets to save freight",
  "Covers the production peak planned for the coming weeks",
  "Price break at this quantity",
  "Ships with the next truck to this site",
];
const REJECT_REASONS = [
  "Stock at this site is already close to max",
  "Covered by an earlier plan",
  "The site cannot receive that week (stock-take)",
  "Usage is winding down at this site",
];
const QTY_REASONS = ["Reduced: the forecast for the coming weeks is lower", "Reduced to stay under max"];
const DATE_REASONS = ["Moved: the receiving dock is closed that day", "Moved to the site's next delivery window"];
const NOTES = ["Regular replenishment", "Top-up before the month-end peak", "Consolidated shipment", null, null];

interface LineDraft {
  agreement: DemoAgreement;
  qty: number;
  /** Epoch day. */
  ship: number;
  proposedQty: number | null;
  reason: string | null;
  status: PlanLineStatus;
  approvedQty: number | null;
  approvedArrival: number | null;
  code: LineDecisionCode | null;
  decisionReason: string | null;
}

interface StepDraft {
  action: PlanAction;
  at: Date;
  day: number;
  role: "supplier" | "buyer" | "manager";
  comment: string | null;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus;
  /** The plan's version after the step. */
  version: number;
  details: StepDetails | null;
}

interface PlanDraft {
  tenant: DemoTenant;
  /** The tenant's slug without the copy's suffix. */
  slug: string;
  supplier: DemoParty;
  key: string;
  /** tenant|supplier|scenario, for ids and random streams. */
  name: string;
  id: string;
  steps: StepDraft[];
  /** Lines of each version (index 0 = version 1), and when each was written. */
  versions: LineDraft[][];
  writtenAt: Date[];
  note: string | null;
  firstSubmittedAt: Date | null;
  number: string | null;
  route: PlanRoute | null;
  decisionCode: PlanDecisionCode | null;
}

export interface PlanBuildContext {
  todayEpoch: number;
  /** The copy's slug suffix (BuildOptions.slugSuffix). */
  suffix: string;
  id: (name: string) => string;
}

/** Builds the plan history of every supplier that has a demo sign-in, deterministically. */
export function buildPlanHistory(dataset: DemoDataset, context: PlanBuildContext): DemoPlanHistory {
  const history: DemoPlanHistory = { plans: [], planLines: [], planEvents: [], auditEvents: [], planCounters: [], shipments: [] };
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
  }
  history.bandProposals = buildBandProposals(dataset, { ...context, localInstant });
  return history;
}

/** The demo tenants keep the default settings: routing thresholds, cut-offs, on-time tolerance. */
const SETTINGS = parseTenantSettings(null);

interface AgreementClass {
  abc: Abc;
  xyz: Xyz;
  unitCost: number;
  approval: "buyer-then-manager" | "buyer" | "auto-if-in-band";
}

/**
 * Each agreement's class as the recompute finds it on the last day of the facts: ABC of the
 * tenant's items by the value of the 365 days' consumption at every site, XYZ of the agreement's
 * last 52 weeks (weeks ending on the last day), and the approval its cell's policy asks for.
 */
function classifyAgreements(dataset: DemoDataset, tenantId: string): Map<string, AgreementClass> {
  const items = dataset.items.filter((i) => i.tenantId === tenantId);
  const agreements = dataset.agreements.filter((a) => a.tenantId === tenantId);
  const consumed = new Map<string, number>();
  for (const agreement of agreements) {
    let sum = 0;
    for (let d = dataset.days - 365; d < dataset.days; d++) sum += agreement.consumed[d];
    consumed.set(agreement.itemId, (consumed.get(agreement.itemId) ?? 0) + sum);
  }
  const abcBySku = new Map(
    classifyAbc(
      items.map((item) => ({ id: item.sku, annualValue: Math.max(0, (consumed.get(item.id) ?? 0) * item.unitCost) })),
      SETTINGS.abcCutoffs,
    ).map((c) => [c.id, c.abc]),
  );
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const classes = new Map<string, AgreementClass>();
  for (const agreement of agreements) {
    const item = itemsById.get(agreement.itemId)!;
    const weeks = Array.from({ length: 52 }, (_, w) => {
      let sum = 0;
      for (let d = dataset.days - (52 - w) * 7; d < dataset.days - (51 - w) * 7; d++) sum += agreement.consumed[d];
      return Math.max(0, sum);
    });
    const abc = abcBySku.get(item.sku)!;
    const { xyz } = classifyXyz(weeks, SETTINGS.xyzCutoffs);
    classes.set(agreement.id, {
      abc,
      xyz,
      unitCost: item.unitCost,
      approval: policyFor(abc, xyz, { cells: SETTINGS.cells }).approval,
    });
  }
  return classes;
}

interface DraftContext extends PlanBuildContext {
  sites: Map<string, DemoParty>;
  uoms: Map<string, string>;
  classes: Map<string, AgreementClass>;
  hasManager: boolean;
}

/**
 * The agreements of a plan's lines, so that its route fits the scenario: a two-step plan has a
 * line whose cell asks for a manager; a buyer's plan has none, and at least two lines (all when
 * fewer) whose cell needs a buyer, so that no revision (which drops at most one line) makes it
 * approvable at submission.
 */
function chooseAgreements(
  agreements: readonly DemoAgreement[],
  count: number,
  manager: boolean,
  context: DraftContext,
  random: Random,
): DemoAgreement[] {
  const approval = (a: DemoAgreement) => context.classes.get(a.id)!.approval;
  const shuffled = random.shuffle(agreements);
  if (manager) {
    const chosen = shuffled.slice(0, count);
    const managed = shuffled.find((a) => approval(a) === "buyer-then-manager");
    if (managed && !chosen.some((a) => approval(a) === "buyer-then-manager")) chosen[chosen.length - 1] = managed;
    return chosen;
  }
  const eligible = shuffled.filter((a) => approval(a) !== "buyer-then-manager");
  const chosen = eligible.slice(0, count);
  const needed = Math.min(2, chosen.length);
  const spare = eligible.slice(count).filter((a) => approval(a) === "buyer");
  for (
    let i = chosen.length - 1;
    i >= 0 && chosen.filter((a) => approval(a) === "buyer").length < needed && spare.length > 0;
    i--
  ) {
    if (approval(chosen[i]) !== "buyer") chosen[i] = spare.shift()!;
  }
  return chosen;
}

/**
 * The route approvalRoute gives a version's lines, by their agreements' classes, with the value in
 * cents rather than a float sum. Projected stock is not simulated here: every line counts as
 * keeping it in band, which only decides which line a buyer's plan's reason names (each such plan
 * has a line whose cell needs a buyer, so none is approved at submission).
 */
function routeOf(lines: readonly LineDraft[], context: DraftContext): PlanRoute {
  const cents = (x: number) => Math.round(x * 100) / 100;
  const route = approvalRoute(
    lines.map((line) => {
      const { abc, xyz, unitCost } = context.classes.get(line.agreement.id)!;
      return { abc, xyz, value: cents(line.qty * unitCost), keepsInBand: true };
    }),
    SETTINGS.approval,
  );
  return {
    ...route,
    value: cents(route.value),
    reasons: route.reasons.map((reason) =>
      reason.code === "value-above-threshold" ? { ...reason, value: cents(reason.value) } : reason,
    ),
  };
}

function draftPlan(
  tenant: DemoTenant,
  slug: string,
  supplier: DemoParty,
  agreements: readonly DemoAgreement[],
  scenario: Scenario,
  context: DraftContext,
): PlanDraft {
  const name = `${slug}:${supplier.code}:${scenario.key}`;
  const random = new Random(slug, "plan", supplier.code, scenario.key);
  const { todayEpoch } = context;
  const manager = twoStep(scenario, context.hasManager);
  const actions = scenarioActions(scenario, context.hasManager);

  // When each step happened: backwards from the last, in office hours (tenant-local).
  const endDay = todayEpoch - scenario.daysAgo - (scenario.daysAgo > 10 ? random.int(0, 3) : 0);
  const times: { day: number; minute: number }[] = new Array(actions.length);
  for (let i = actions.length - 1; i >= 0; i--) {
    if (i === actions.length - 1) {
      times[i] = { day: endDay, minute: random.int(9 * 60, 17 * 60 + 30) };
      continue;
    }
    const next = times[i + 1];
    let day = next.day - gapDays(actions[i + 1], random);
    const latest = day === next.day ? next.minute - 25 : 18 * 60;
    if (latest < 8 * 60 + 30) day--;
    const minute = day === next.day ? random.int(8 * 60 + 30, latest) : random.int(8 * 60 + 30, 18 * 60);
    times[i] = { day, minute };
  }

  const [fewest, most] = scenario.lines ?? [2, 6];
  const lineCount = random.int(fewest, most);
  const chosen = chooseAgreements(agreements, lineCount, manager, context, random);
  const firstLines: LineDraft[] = chosen.map((agreement) => {
    const cycle = agreement.maxQty - agreement.minQty;
    const qty = Math.max(agreement.moq, roundUp(cycle * random.uniform(0.45, 1), agreement.packSize));
    const proposal = random.float();
    const proposedQty =
      proposal < 0.7
        ? qty
        : proposal < 0.85
          ? Math.max(agreement.moq, qty + agreement.packSize * random.pick([-2, -1, 1, 2]))
          : null;
    return {
      agreement,
      qty,
      ship: random.int(0, 6),
      proposedQty,
      reason: random.chance(0.12) ? random.pick(LINE_REASONS) : null,
      status: "pending",
      approvedQty: null,
      approvedArrival: null,
      code: null,
      decisionReason: null,
    };
  });

  const draft: PlanDraft = {
    tenant,
    slug,
    supplier,
    key: scenario.key,
    name,
    id: context.id(`plan:${name}`),
    steps: [],
    versions: [],
    writtenAt: [],
    note: null,
    firstSubmittedAt: null,
    number: null,
    route: null,
    decisionCode: null,
  };
  let status: PlanStatus | null = null;
  let version = 1;
  let change: LineChange | null = null;
  actions.forEach((action, index) => {
    const { day, minute } = times[index];
    const at = localInstant(day, minute, tenant.timezone);
    const from = status;
    let comment: string | null = null;
    if (index === 0) {
      draft.versions.push(place(firstLines, day + random.int(2, 5)));
      draft.writtenAt.push(at);
    }
    if (action === "submitted" && !draft.firstSubmittedAt) draft.firstSubmittedAt = at;
    if (action === "changes_requested") {
      change = chooseChange(draft.versions[version - 1], random);
      comment = describeChange(change, context);
    }
    if (action === "revised") {
      version++;
      const copy = draft.versions[version - 2].map((line) => ({ ...line }));
      const revised = change ? applyChange(copy, change) : copy;
      draft.versions.push(place(revised, day + 1, false));
      draft.writtenAt.push(at);
      change = null;
    }
    if (DECISIONS.includes(action)) comment = decisionComment(action, random);
    status = PLAN_ACTION_STATUS[action];
    const role = SUPPLIER_ACTIONS.includes(action) ? "supplier" : DECISIONS.includes(action) && manager ? "manager" : "buyer";
    draft.steps.push({ action, at, day, role, comment, fromStatus: from, toStatus: status, version, details: null });
  });

  // The current version's ship dates: after the decision for decided plans (yesterday's first
  // shipment for the one in transit), from tomorrow on for plans still waiting.
  const last = draft.steps[draft.steps.length - 1];
  const current = draft.versions[version - 1];
  if (scenario.inTransit) draft.versions[version - 1] = place(current, todayEpoch - 1, true);
  else if (DECISIONS.includes(last.action)) draft.versions[version - 1] = place(current, last.day + random.int(1, 3), false);
  else if (last.toStatus === "draft" || last.toStatus === "submitted" || last.toStatus === "in_review") {
    draft.versions[version - 1] = place(current, Math.max(last.day + 1, todayEpoch + random.int(1, 2)), false);
  }

  // The route of the last submission (a draft waits for its next one), and the decisions of
  // each step: the buyer's, then the manager's for a two-step route.
  const lines = draft.versions[version - 1];
  if (last.toStatus !== "draft") {
    draft.route = routeOf(lines, context);
    const expected: ApprovalStep[] = manager ? ["buyer", "manager"] : ["buyer"];
    if (draft.route.steps.join() !== expected.join()) {
      throw new Error(`demo plan ${name}: routed to ${draft.route.steps.join(", ") || "nobody"}, not ${expected.join(", ")}`);
    }
  }
  const decided = DECISIONS.includes(last.action);
  const stepIndex = draft.steps.findIndex((s) => s.action === "step_decided");
  if (stepIndex >= 0) {
    // The buyer's step, then the manager's decision: the lines the manager rejects in a partial
    // approval, the buyer had accepted as submitted; a rejected plan, the buyer had accepted.
    if (last.action === "partially_approved") decide(lines, last.action, random);
    else buyerStep(lines, scenario.buyer ?? "accept", random);
    const buyerView = decided ? lines.map((line) => (line.code === "IR" ? { ...line, ...acceptance(line) } : line)) : lines;
    draft.steps[stepIndex].details = stepDetails("buyer", buyerView);
    if (last.action === "rejected") lines.forEach((line) => Object.assign(line, rejection(line, random)));
    // In review the lines carry the buyer's decisions, undecided until the manager's step.
    if (!decided) lines.forEach((line) => (line.status = "pending"));
  } else if (decided) {
    decide(lines, last.action, random);
  }
  if (decided) {
    const step: ApprovalStep = manager ? "manager" : "buyer";
    const outcome = stepOutcome(
      draft.route!.steps,
      step,
      lines.map((line) => line.code!),
    );
    if (!("decisionCode" in outcome) || outcome.status !== last.toStatus) {
      throw new Error(`demo plan ${name}: lines decide ${outcome.status}, not ${last.toStatus}`);
    }
    draft.decisionCode = outcome.decisionCode;
    last.details = stepDetails(step, lines);
  }

  const firstShip = Math.min(...draft.versions[0].map((l) => l.ship));
  const note = random.pick(NOTES);
  draft.note = note === "Regular replenishment" ? `${note}, week ${isoWeek(firstShip)}` : note;
  return draft;
}

/** Days between a step and the one before it. */
function gapDays(action: PlanAction, random: Random): number {
  switch (action) {
    case "submitted":
      return random.int(0, 2);
    case "step_decided":
    case "resubmitted":
      return random.int(0, 1);
    case "changes_requested":
      return random.int(1, 2);
    case "revised":
    case "withdrawn":
    case "approved":
    case "partially_approved":
    case "rejected":
      return random.int(1, 3);
    default:
      return 1;
  }
}

/**
 * Ship dates: the lines keep their spacing, and the earliest ships on `earliest` (exactly, or at
 * the earliest when `exact` is false and they already ship later), in ship date order then SKU.
 * A line's offset (its `ship` before the first placement) counts from 0.
 */
function place(lines: readonly LineDraft[], earliest: number, exact = true): LineDraft[] {
  const first = Math.min(...lines.map((l) => l.ship));
  const shift = exact || first < earliest ? earliest - first : 0;
  return lines
    .map((line) => ({ ...line, ship: line.ship + shift }))
    .sort(
      (a, b) =>
        a.ship - b.ship ||
        a.agreement.sku.localeCompare(b.agreement.sku) ||
        a.agreement.siteCode.localeCompare(b.agreement.siteCode),
    );
}

type LineChange =
  | { kind: "reduce"; agreement: DemoAgreement; qty: number }
  | { kind: "later"; agreement: DemoAgreement; days: number }
  | { kind: "drop"; agreement: DemoAgreement };

/** What a buyer asks to change: drop a line, ship less (still ≥ MOQ, in packs), or ship later. */
function chooseChange(lines: readonly LineDraft[], random: Random): LineChange {
  const reducible = lines.filter((l) => l.qty - l.agreement.packSize >= l.agreement.moq);
  const roll = random.float();
  if (lines.length >= 3 && roll < 0.3) return { kind: "drop", agreement: random.pick(lines).agreement };
  if (reducible.length > 0 && roll < 0.7) {
    const line = random.pick(reducible);
    const packs = Math.floor((line.qty - line.agreement.moq) / line.agreement.packSize);
    return {
      kind: "reduce",
      agreement: line.agreement,
      qty: line.qty - line.agreement.packSize * random.int(1, Math.max(1, Math.ceil(packs / 2))),
    };
  }
  return { kind: "later", agreement: random.pick(lines).agreement, days: random.int(3, 7) };
}

/** The buyer's comment: names the supplier's own line (SKU at site) and what to change. */
function describeChange(change: LineChange, context: DraftContext): string {
  const { agreement } = change;
  const what = `${agreement.sku} at ${agreement.siteCode}`;
  switch (change.kind) {
    case "reduce": {
      const uom = context.uoms.get(agreement.itemId);
      return `Please reduce ${what} to ${change.qty}${uom ? ` ${uom}` : ""}: consumption there has slowed and the full quantity would take stock above max.`;
    }
    case "later":
      return `Please ship ${what} ${change.days} days later: the ${context.sites.get(agreement.locationId)?.name ?? agreement.siteCode} cannot receive it that week.`;
    case "drop":
      return `Please drop ${what}: there is enough on hand for the next cycle.`;
  }
}

function applyChange(lines: LineDraft[], change: LineChange): LineDraft[] {
  const id = change.agreement.id;
  switch (change.kind) {
    case "drop":
      return lines.filter((l) => l.agreement.id !== id);
    case "reduce":
      return lines.map((l) => (l.agreement.id === id ? { ...l, qty: change.qty } : l));
    case "later":
      return lines.map((l) => (l.agreement.id === id ? { ...l, ship: l.ship + change.days } : l));
  }
}

function decisionComment(action: PlanAction, random: Random): string | null {
  if (action === "rejected") {
    return random.pick([
      "Not needed this cycle: stock covers demand for these items. Please resubmit next cycle.",
      "Rejected: the quantities would keep stock above max for weeks.",
    ]);
  }
  if (action === "partially_approved") return "Approved except the rejected lines; see the reason on each line.";
  return null;
}

function acceptance(line: LineDraft): Pick<LineDraft, "status" | "code" | "approvedQty" | "approvedArrival" | "decisionReason"> {
  return {
    status: "accepted",
    code: "IA",
    approvedQty: line.qty,
    approvedArrival: line.ship + line.agreement.leadTimeDays,
    decisionReason: null,
  };
}

/** As the decision service records IR: nothing accepted (0), on the line's own arrival date. */
function rejection(
  line: LineDraft,
  random: Random,
): Pick<LineDraft, "status" | "code" | "approvedQty" | "approvedArrival" | "decisionReason"> {
  return {
    status: "rejected",
    code: "IR",
    approvedQty: 0,
    approvedArrival: line.ship + line.agreement.leadTimeDays,
    decisionReason: random.pick(REJECT_REASONS),
  };
}

/** An accepted line changed: less (still ≥ MOQ, in packs) when it can be, else later. */
function change(line: LineDraft, random: Random, preferQty = true) {
  const { packSize, moq } = line.agreement;
  if (preferQty && line.qty - packSize >= moq) {
    line.code = "IQ";
    const packs = Math.floor((line.qty - moq) / packSize);
    line.approvedQty = line.qty - packSize * random.int(1, Math.max(1, Math.ceil(packs / 2)));
    line.decisionReason = random.pick(QTY_REASONS);
  } else {
    line.code = "DR";
    line.approvedArrival = (line.approvedArrival as number) + random.int(2, 7);
    line.decisionReason = random.pick(DATE_REASONS);
  }
}

/** The buyer's step of a two-step route: every line as submitted, one line changed, or mixed. */
function buyerStep(lines: LineDraft[], style: NonNullable<Scenario["buyer"]>, random: Random) {
  if (style === "mixed") {
    decide(lines, "partially_approved", random);
    return;
  }
  lines.forEach((line) => Object.assign(line, acceptance(line)));
  if (style === "change") change(random.pick(lines), random);
}

/** Line decisions (EDI 855 codes) of a decided version. */
function decide(lines: LineDraft[], action: PlanAction, random: Random) {
  if (action === "approved") {
    lines.forEach((line) => Object.assign(line, acceptance(line)));
    return;
  }
  if (action === "rejected") {
    lines.forEach((line) => Object.assign(line, rejection(line, random)));
    return;
  }
  // Partially approved: at least one line rejected and one accepted, as is, with less, or later.
  const order = random.shuffle(lines.map((_, index) => index));
  order.forEach((index, rank) => {
    const line = lines[index];
    if (rank === 0 || (rank > 1 && random.chance(0.25))) {
      Object.assign(line, rejection(line, random));
      return;
    }
    Object.assign(line, acceptance(line));
    const roll = random.float();
    if (roll < 0.35 && line.qty - line.agreement.packSize >= line.agreement.moq) change(line, random);
    else if (roll < 0.65) change(line, random, false);
  });
}

/** A step's decisions for the timeline, as the services record them (LineDecision). */
function stepDetails(step: ApprovalStep, lines: readonly LineDraft[]): StepDetails {
  return {
    step,
    lines: lines.map((line, index) => ({
      lineNo: index + 1,
      code: line.code!,
      qty: line.code === "IR" ? 0 : line.approvedQty!,
      arrivalDate: isoDate(line.code === "IR" ? line.ship + line.agreement.leadTimeDays : line.approvedArrival!),
      reason: line.decisionReason,
    })),
  };
}

/** Numbers at first submission, in submission order, per tenant-local year; the counters. */
function numberPlans(drafts: PlanDraft[], timeZone: string): Map<number, number> {
  const counters = new Map<number, number>();
  const submitted = drafts
    .filter((d) => d.firstSubmittedAt)
    .sort((a, b) => a.firstSubmittedAt!.getTime() - b.firstSubmittedAt!.getTime() || a.id.localeCompare(b.id));
  for (const draft of submitted) {
    const year = Number(isoDate(localDayOf(draft.firstSubmittedAt!, timeZone)).slice(0, 4));
    const next = (counters.get(year) ?? 0) + 1;
    counters.set(year, next);
    draft.number = `RP-${year}-${String(next).padStart(5, "0")}`;
  }
  return counters;
}

function emitPlan(
  history: DemoPlanHistory,
  draft: PlanDraft,
  actors: { supplier: string; buyer: string | null; manager: string | null },
  context: PlanBuildContext,
) {
  const { tenant, supplier, name, id: planId } = draft;
  const { id } = context;
  const requestId = id(`plan-request:${name}:0`);
  let lockVersion = 0;
  let submittedAt: Date | null = null;
  let decidedAt: Date | null = null;
  draft.steps.forEach((step, index) => {
    const before = index === 0 ? null : { status: step.fromStatus, version: draft.steps[index - 1].version, lockVersion };
    lockVersion++;
    const lines = draft.versions[step.version - 1];
    const summary = {
      requestId: index === 0 ? requestId : id(`plan-request:${name}:${index}`),
      lineCount: lines.length,
      totalQty: lines.reduce((sum, l) => sum + l.qty, 0),
    };
    let after: Record<string, unknown>;
    if (step.action === "created" || step.action === "submitted" || step.action === "resubmitted") {
      const number = step.action === "created" ? null : draft.number;
      after = { ...summary, status: step.toStatus, number, version: step.version, ...(index > 0 ? { lockVersion } : {}) };
      if (step.action !== "created") submittedAt = step.at;
    } else {
      after = { status: step.toStatus, version: step.version, lockVersion, ...(step.comment ? { comment: step.comment } : {}) };
      if (step.details) {
        after.step = step.details.step;
        after.accepted = step.details.lines.filter((l) => l.code !== "IR").length;
        after.rejected = step.details.lines.filter((l) => l.code === "IR").length;
        if (DECISIONS.includes(step.action)) after.decisionCode = draft.decisionCode;
      }
    }
    if (step.action === "changes_requested" || DECISIONS.includes(step.action)) decidedAt = step.at;
    if (step.action === "revised") decidedAt = null;
    const actorUserId = step.role === "supplier" ? actors.supplier : step.role === "manager" ? actors.manager : actors.buyer;
    history.planEvents.push({
      tenantId: tenant.id,
      id: id(`plan-event:${name}:${index}`),
      planId,
      supplierId: supplier.id,
      version: step.version,
      action: step.action,
      fromStatus: step.fromStatus,
      toStatus: step.toStatus,
      actorUserId,
      actorRole: step.role,
      comment: step.comment,
      details: step.details,
      occurredAt: step.at,
    });
    history.auditEvents.push({
      id: id(`audit:plan:${name}:${index}`),
      tenantId: tenant.id,
      supplierId: supplier.id,
      actorUserId,
      action: PLAN_AUDIT_ACTIONS[step.action],
      entityType: PLAN_ENTITY,
      entityId: planId,
      before,
      after,
      occurredAt: step.at,
    });
  });

  const last = draft.steps[draft.steps.length - 1];
  history.plans.push({
    tenantId: tenant.id,
    id: planId,
    supplierId: supplier.id,
    number: draft.number,
    status: last.toStatus,
    version: last.version,
    lockVersion,
    requestId,
    note: draft.note,
    createdBy: actors.supplier,
    route: draft.route,
    decisionCode: draft.decisionCode,
    submittedAt,
    decidedAt,
    createdAt: draft.steps[0].at,
    updatedAt: last.at,
  });

  const random = new Random(name, "shipments");
  const shipping = last.toStatus === "approved" || last.toStatus === "partially_approved";
  draft.versions.forEach((lines, v) => {
    const version = v + 1;
    lines.forEach((line, index) => {
      const lineId = id(`plan-line:${name}:v${version}:${index + 1}`);
      const lt = line.agreement.leadTimeDays;
      const shipment =
        shipping && version === last.version && line.status === "accepted"
          ? shipLine(line, lineId, draft, context.todayEpoch, random)
          : null;
      history.planLines.push({
        tenantId: tenant.id,
        id: lineId,
        planId,
        supplierId: supplier.id,
        version,
        lineNo: index + 1,
        agreementId: line.agreement.id,
        qty: line.qty,
        shipDate: isoDate(line.ship),
        arrivalDate: isoDate(line.ship + lt),
        proposedQty: line.proposedQty,
        reason: line.reason,
        approvedQty: line.approvedQty,
        approvedArrivalDate: line.approvedArrival === null ? null : isoDate(line.approvedArrival),
        decisionCode: line.code,
        decisionReason: line.decisionReason,
        ...fulfilment(line, shipment ? [shipment] : []),
        createdAt: draft.writtenAt[v],
      });
      if (shipment) history.shipments.push({ ...shipment, id: id(`shipment:${name}:${index + 1}`) });
    });
  });
}

/**
 * What the shipment and receipt services keep on a line: shipped once it has a shipment, received
 * once all of them are; the shipped and received sums; on receipt, the day of the last one,
 * whether it came by the agreed arrival (plus the tenant's tolerance) and the fill rate.
 */
function fulfilment(
  line: LineDraft,
  shipments: readonly Omit<DemoShipment, "id">[],
): Pick<DemoPlanLine, "status" | "shippedQty" | "receivedQty" | "receivedOn" | "onTime" | "fillRate"> {
  const none = { status: line.status, shippedQty: 0, receivedQty: 0, receivedOn: null, onTime: null, fillRate: null };
  if (shipments.length === 0) return none;
  const shippedQty = shipments.reduce((sum, s) => sum + s.qty, 0);
  const receivedQty = shipments.reduce((sum, s) => sum + (s.status === "received" ? s.receivedQty! : 0), 0);
  if (shipments.some((s) => s.status !== "received")) return { ...none, status: "shipped", shippedQty, receivedQty };
  const receivedOn = shipments.map((s) => s.receivedOn!).sort()[shipments.length - 1];
  const due = line.approvedArrival! + SETTINGS.shipping.onTimeToleranceDays;
  return {
    status: "received",
    shippedQty,
    receivedQty,
    receivedOn,
    onTime: receivedOn <= isoDate(due),
    fillRate: Math.round((receivedQty / line.approvedQty!) * 10_000) / 10_000,
  };
}

/**
 * The shipment of an accepted line, if its ship date has passed: it leaves on the day that makes
 * it arrive on the agreed (approved) arrival. Late suppliers arrive late more often, and
 * under-shippers fall short; a receipt before today is received, the rest is in transit.
 */
function shipLine(
  line: LineDraft,
  lineId: string,
  draft: PlanDraft,
  todayEpoch: number,
  random: Random,
): Omit<DemoShipment, "id"> | null {
  const { agreement } = line;
  const arrival = line.approvedArrival!;
  const ship = arrival - agreement.leadTimeDays;
  if (ship >= todayEpoch) return null;
  const qty = line.approvedQty!;
  const carrier = random.weighted(CARRIERS[draft.slug] ?? CARRIERS.acme);
  const tracking = trackingNumber(carrier, random);
  const late = agreement.behaviour === "late" ? random.chance(0.5) : random.chance(0.1);
  const received = arrival + (late ? random.int(1, agreement.behaviour === "late" ? 6 : 3) : 0);
  const createdAt = localInstant(ship, random.int(14 * 60, 18 * 60), draft.tenant.timezone);
  const base = {
    tenantId: draft.tenant.id,
    supplierId: draft.supplier.id,
    agreementId: agreement.id,
    planLineId: lineId,
    qty,
    shipDate: isoDate(ship),
    expectedArrival: isoDate(arrival),
    carrier,
    tracking,
    createdAt,
  };
  if (received >= todayEpoch) return { ...base, status: "in_transit", receivedQty: null, receivedOn: null, updatedAt: createdAt };
  const short = agreement.behaviour === "under-shipping" ? random.chance(0.45) : random.chance(0.06);
  let receivedQty = qty;
  if (short) {
    const packs = Math.floor(qty / agreement.packSize);
    receivedQty =
      packs >= 2
        ? qty - agreement.packSize * random.int(1, Math.max(1, Math.floor(packs / 4)))
        : qty - Math.max(1, Math.round(qty * random.uniform(0.05, 0.2)));
  }
  return {
    ...base,
    status: "received",
    receivedQty,
    receivedOn: isoDate(received),
    updatedAt: localInstant(received, random.int(9 * 60, 12 * 60), draft.tenant.timezone),
  };
}

function roundUp(quantity: number, pack: number): number {
  return Math.max(pack, Math.ceil(quantity / pack - 1e-9) * pack);
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** ISO 8601 week number of a day. */
function isoWeek(epochDay: number): number {
  const date = new Date(epochDay * 86_400_000);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = epochDay - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / 86_400_000;
  return Math.floor((thursday - jan1) / 7) + 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at an instant. */
function zoneOffset(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant of a local day and minute of the day in a time zone. */
function localInstant(epochDay: number, minute: number, timeZone: string): Date {
  const wall = epochDay * 86_400_000 + minute * 60_000;
  const offset = zoneOffset(wall, timeZone);
  return new Date(wall - offset * 60_000);
}

/** The local day (epoch day) of an instant in a time zone. */
function localDayOf(instant: Date, timeZone: string): number {
  return Math.floor((instant.getTime() + zoneOffset(instant.getTime(), timeZone) * 60_000) / 86_400_000);
}
