import { type ApprovalStep, isoDate } from "../../../app/core";
import type { Random } from "../random";
import type { StepDetails } from "./rows";
import type { PlanAction, Scenario } from "./scenarios";
import type { LineDraft } from "./shared";

/**
 * The buyer's and manager's decisions: line by line (EDI 855 codes, with the quantities, dates and
 * reasons the decision service records), the comment on the plan, and the step's timeline details.
 */

const REJECT_REASONS = [
  "Stock at this site is already close to max",
  "Covered by an earlier plan",
  "The site cannot receive that week (stock-take)",
  "Usage is winding down at this site",
];
const QTY_REASONS = ["Reduced: the forecast for the coming weeks is lower", "Reduced to stay under max"];
const DATE_REASONS = ["Moved: the receiving dock is closed that day", "Moved to the site's next delivery window"];

/** The decider's comment on a rejected or partially approved plan; an approval goes without one. */
export function decisionComment(action: PlanAction, random: Random): string | null {
  if (action === "rejected") {
    return random.pick([
      "Not needed this cycle: stock covers demand for these items. Please resubmit next cycle.",
      "Rejected: the quantities would keep stock above max for weeks.",
    ]);
  }
  if (action === "partially_approved") return "Approved except the rejected lines; see the reason on each line.";
  return null;
}

/** A line accepted as submitted (IA), arriving after its lead time. */
export function acceptance(
  line: LineDraft,
): Pick<LineDraft, "status" | "code" | "approvedQty" | "approvedArrival" | "decisionReason"> {
  return {
    status: "accepted",
    code: "IA",
    approvedQty: line.qty,
    approvedArrival: line.ship + line.agreement.leadTimeDays,
    decisionReason: null,
  };
}

/** As the decision service records IR: nothing accepted (0), on the line's own arrival date. */
export function rejection(
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
export function buyerStep(lines: LineDraft[], style: NonNullable<Scenario["buyer"]>, random: Random) {
  if (style === "mixed") {
    decide(lines, "partially_approved", random);
    return;
  }
  lines.forEach((line) => Object.assign(line, acceptance(line)));
  if (style === "change") change(random.pick(lines), random);
}

/** Line decisions (EDI 855 codes) of a decided version. */
export function decide(lines: LineDraft[], action: PlanAction, random: Random) {
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
export function stepDetails(step: ApprovalStep, lines: readonly LineDraft[]): StepDetails {
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
