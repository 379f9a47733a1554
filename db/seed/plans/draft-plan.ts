import { type ApprovalStep, roundUpToMultiple, stepOutcome } from "../../../app/core";
import type { PlanStatus } from "../../schema";
import type { DemoAgreement, DemoParty, DemoTenant } from "../generate";
import { Random } from "../random";
import { type LineChange, applyChange, chooseChange, describeChange } from "./changes";
import { isoWeek, localInstant } from "./dates";
import { acceptance, buyerStep, decide, decisionComment, rejection, stepDetails } from "./decisions";
import { chooseAgreements, routeOf } from "./routing";
import {
  DECISIONS,
  PLAN_ACTION_STATUS,
  type PlanAction,
  SUPPLIER_ACTIONS,
  type Scenario,
  scenarioActions,
  twoStep,
} from "./scenarios";
import type { DraftContext, LineDraft, PlanDraft } from "./shared";

/**
 * One supplier's plan of one scenario, drafted: when each transition happened, the lines of every
 * version (what the supplier proposed, what the buyer asked to change), the route of the last
 * submission and the decisions of each step.
 */

const LINE_REASONS = [
  "Consolidated into full pallets to save freight",
  "Covers the production peak planned for the coming weeks",
  "Price break at this quantity",
  "Ships with the next truck to this site",
];
const NOTES = ["Regular replenishment", "Top-up before the month-end peak", "Consolidated shipment", null, null];

export function draftPlan(
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
    const qty = Math.max(agreement.moq, roundUpToMultiple(cycle * random.uniform(0.45, 1), agreement.packSize));
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
