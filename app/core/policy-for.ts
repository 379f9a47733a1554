import { checkProbability, fail } from "./internal/checks";
import type { Abc, AbcXyzCell, ReviewMode, Xyz } from "./types";

/** Replenishment strategy of an ABC-XYZ cell (docs/domain.md table). */
export type Strategy =
  | "continuous-tight" // AX: continuous review, tight monitoring, VMI/JIT
  | "continuous" // AY: continuous review
  | "make-to-order" // AZ: make/buy to order, minimal stock, shorten lead time
  | "automated" // BX, BY: periodic or continuous review, automated proposals
  | "periodic" // BZ: periodic review
  | "two-bin" // CX, CY: two-bin / larger lots, few reviews
  | "order-on-demand"; // CZ: order on demand, review for delisting

/** Who approves a replenishment plan for the cell. */
export type ApprovalRoute = "buyer-then-manager" | "buyer" | "auto-if-in-band";

export interface CellPolicy {
  /** Cycle service level for safety stock; null means no safety stock (CZ). */
  serviceLevel: number | null;
  strategy: Strategy;
  /** Review mode that `recommendBand` should use for the cell. */
  review: ReviewMode;
  approval: ApprovalRoute;
}

/** Tenant settings: any field of any cell may be overridden. */
export interface PolicySettings {
  cells?: Partial<Record<AbcXyzCell, Partial<CellPolicy>>>;
}

/** The defaults of docs/domain.md, one row per cell. */
export const DEFAULT_CELL_POLICIES = Object.freeze({
  AX: { serviceLevel: 0.98, strategy: "continuous-tight", review: "continuous", approval: "buyer-then-manager" },
  AY: { serviceLevel: 0.97, strategy: "continuous", review: "continuous", approval: "buyer-then-manager" },
  AZ: { serviceLevel: 0.95, strategy: "make-to-order", review: "continuous", approval: "buyer-then-manager" },
  BX: { serviceLevel: 0.95, strategy: "automated", review: "continuous", approval: "buyer" },
  BY: { serviceLevel: 0.95, strategy: "automated", review: "continuous", approval: "buyer" },
  BZ: { serviceLevel: 0.93, strategy: "periodic", review: "periodic", approval: "buyer" },
  CX: { serviceLevel: 0.95, strategy: "two-bin", review: "continuous", approval: "auto-if-in-band" },
  CY: { serviceLevel: 0.95, strategy: "two-bin", review: "continuous", approval: "auto-if-in-band" },
  CZ: { serviceLevel: null, strategy: "order-on-demand", review: "continuous", approval: "buyer" },
} satisfies Record<AbcXyzCell, CellPolicy>);

const ABC: readonly string[] = ["A", "B", "C"];
const XYZ: readonly string[] = ["X", "Y", "Z"];

/**
 * The policy of an ABC-XYZ cell: cycle service level, strategy, review mode and approval route.
 * Defaults are docs/domain.md's table; `settings.cells` overrides any field per cell.
 *
 * @throws RangeError for an unknown class or an overriding service level outside (0, 1)
 * @example
 * policyFor("A", "X");
 * // { cell: "AX", serviceLevel: 0.98, strategy: "continuous-tight", review: "continuous",
 * //   approval: "buyer-then-manager" }
 * policyFor("C", "Z").serviceLevel; // null: no safety stock
 * policyFor("B", "Z", { cells: { BZ: { serviceLevel: 0.9 } } }).serviceLevel; // 0.9
 */
export function policyFor(abc: Abc, xyz: Xyz, settings: PolicySettings = {}): CellPolicy & { cell: AbcXyzCell } {
  if (!ABC.includes(abc)) fail("abc", 'must be "A", "B" or "C"', abc);
  if (!XYZ.includes(xyz)) fail("xyz", 'must be "X", "Y" or "Z"', xyz);
  const cell = `${abc}${xyz}` as AbcXyzCell;
  const policy = { cell, ...DEFAULT_CELL_POLICIES[cell], ...settings.cells?.[cell] };
  if (policy.serviceLevel !== null) checkProbability(`settings.cells.${cell}.serviceLevel`, policy.serviceLevel);
  return policy;
}
