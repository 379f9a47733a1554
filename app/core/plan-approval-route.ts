import { checkNonNegative, fail } from "./internal/checks";
import { type PolicySettings, policyFor } from "./policy-for";
import type { Abc, Xyz } from "./types";

/** One line of a submitted plan, as the routing sees it. */
export interface RoutedLine {
  /** The agreement's class; null before its first recompute (routed like a buyer's cell). */
  abc: Abc | null;
  xyz: Xyz | null;
  /** Quantity × unit cost, in the tenant's currency. */
  value: number;
  /** Whether projected stock stays inside the band with this line (no day above max, no stockout). */
  keepsInBand: boolean;
}

export interface ApprovalRoutingPolicy {
  /** A plan worth more than this goes to a buyer, then a manager (default 200,000). */
  managerThreshold: number;
  /** An all-CX/CY plan that keeps stock in band is approved at submission up to this value. */
  autoApproveThreshold: number;
  /** Per-cell overrides of docs/domain.md's policy table (the `approval` field is what counts here). */
  cells?: PolicySettings["cells"];
}

export type ApprovalStep = "buyer" | "manager";

/** Why the plan took its route, for the plan page ("routed to a manager: line 2 is class A"). */
export type RouteReason =
  | { code: "a-class-line"; line: number }
  | { code: "manager-cell"; line: number; cell: string }
  | { code: "value-above-threshold"; value: number; threshold: number }
  | { code: "auto-approvable" }
  | { code: "not-auto-approvable"; line: number | null; why: "cell" | "leaves-band" | "unclassified" | "value" };

export interface ApprovalRouteResult {
  /** The steps in order; empty when the plan is approved at submission. */
  steps: ApprovalStep[];
  /** True when the system approves the plan at submission (a recorded system decision). */
  autoApproved: boolean;
  /** The plan's total value. */
  value: number;
  reasons: RouteReason[];
}

/**
 * Who approves a submitted plan (docs/domain.md's policy table):
 * - any line whose cell's approval is "buyer-then-manager" (A-class by default), or a total value
 *   above `managerThreshold` → a buyer, then a manager;
 * - else, when every line's cell is "auto-if-in-band" (CX, CY by default), every line keeps
 *   projected stock inside the band, and the total value is at most `autoApproveThreshold` →
 *   approved at submission;
 * - else → a buyer.
 * A line with no class yet counts as needing a buyer. An empty plan goes to a buyer.
 *
 * @throws RangeError for negative or non-finite values or thresholds
 * @example
 * approvalRoute([{ abc: "C", xyz: "X", value: 800, keepsInBand: true }],
 *   { managerThreshold: 200_000, autoApproveThreshold: 50_000 });
 * // { steps: [], autoApproved: true, value: 800, reasons: [{ code: "auto-approvable" }] }
 */
export function approvalRoute(lines: readonly RoutedLine[], policy: ApprovalRoutingPolicy): ApprovalRouteResult {
  checkNonNegative("policy.managerThreshold", policy.managerThreshold);
  checkNonNegative("policy.autoApproveThreshold", policy.autoApproveThreshold);
  if (!Array.isArray(lines)) fail("lines", "must be an array", lines);
  let value = 0;
  lines.forEach((line, i) => {
    checkNonNegative(`lines[${i}].value`, line.value);
    value += line.value;
  });

  const managerReasons: RouteReason[] = [];
  lines.forEach((line, i) => {
    if (line.abc === null || line.xyz === null) return;
    const policyOfCell = policyFor(line.abc, line.xyz, { cells: policy.cells });
    if (policyOfCell.approval === "buyer-then-manager") {
      managerReasons.push(
        line.abc === "A" && !policy.cells?.[policyOfCell.cell]?.approval
          ? { code: "a-class-line", line: i + 1 }
          : { code: "manager-cell", line: i + 1, cell: policyOfCell.cell },
      );
    }
  });
  if (value > policy.managerThreshold) {
    managerReasons.push({ code: "value-above-threshold", value, threshold: policy.managerThreshold });
  }
  if (managerReasons.length > 0) return { steps: ["buyer", "manager"], autoApproved: false, value, reasons: managerReasons };

  const blocker = autoApprovalBlocker(lines, policy, value);
  if (blocker === null && lines.length > 0) {
    return { steps: [], autoApproved: true, value, reasons: [{ code: "auto-approvable" }] };
  }
  return {
    steps: ["buyer"],
    autoApproved: false,
    value,
    reasons: [blocker ?? { code: "not-auto-approvable", line: null, why: "cell" }],
  };
}

function autoApprovalBlocker(lines: readonly RoutedLine[], policy: ApprovalRoutingPolicy, value: number): RouteReason | null {
  for (const [i, line] of lines.entries()) {
    if (line.abc === null || line.xyz === null) return { code: "not-auto-approvable", line: i + 1, why: "unclassified" };
    if (policyFor(line.abc, line.xyz, { cells: policy.cells }).approval !== "auto-if-in-band") {
      return { code: "not-auto-approvable", line: i + 1, why: "cell" };
    }
    if (!line.keepsInBand) return { code: "not-auto-approvable", line: i + 1, why: "leaves-band" };
  }
  if (value > policy.autoApproveThreshold) return { code: "not-auto-approvable", line: null, why: "value" };
  return null;
}
