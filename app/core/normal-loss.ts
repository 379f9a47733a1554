import { checkFinite } from "./internal/checks";
import { gaussianDensity, normalTail } from "./internal/normal-tails";

/**
 * The standard normal loss function G(k) = φ(k) − k·(1 − Φ(k)): the expected shortage per
 * replenishment cycle, in units of σL, when the reorder point sits k standard deviations above
 * mean lead-time demand (Silver, Pyke & Peterson, "Inventory Management and Production Planning
 * and Scheduling", 3rd ed., eq. B.7). Strictly decreasing and convex; G(k) → 0 as k → ∞ and
 * G(−k) = G(k) + k.
 *
 * 1 − Φ(k) is computed directly as an upper tail, not by subtraction, so G keeps its accuracy for
 * large k.
 *
 * @throws RangeError when `k` is not finite
 * @example
 * normalLoss(0); // 0.3989422804014327   (= φ(0))
 * normalLoss(1); // 0.08331547058768363  (SPP table: 0.08332)
 */
export function normalLoss(k: number): number {
  checkFinite("k", k);
  return gaussianDensity(k) - k * normalTail(k, true);
}
