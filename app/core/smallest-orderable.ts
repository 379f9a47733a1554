import { PLAN_TOLERANCE } from "./internal/plan-projection";

/**
 * The smallest orderable quantity: the MOQ rounded up to whole packs, at least one pack.
 *
 * @example
 * smallestOrderable(50, 25); // 50
 * smallestOrderable(60, 25); // 75
 * smallestOrderable(0, 10);  // 10
 */
export function smallestOrderable(moq: number, packSize: number): number {
  const packs = Math.max(1, Math.ceil(moq / packSize - PLAN_TOLERANCE * Math.max(1, moq / packSize)));
  return packs * packSize;
}
