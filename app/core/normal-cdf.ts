import { checkFinite } from "./internal/checks";
import { normalTail } from "./internal/normal-tails";

/**
 * Φ(x) = P(Z ≤ x) for a standard normal Z, to full double precision (Cody's algorithm as in R's
 * `pnorm`). Use it to read the cycle service level a given safety factor delivers.
 *
 * @param x any finite number
 * @throws RangeError when `x` is not finite
 * @example
 * // Chopra & Meindl, Lego example: ROP 6000, lead-time demand 5000, σL = 707.1 → CSL ≈ 0.92
 * normalCdf((6000 - 5000) / (Math.SQRT2 * 500)); // 0.9213503964748574
 */
export function normalCdf(x: number): number {
  checkFinite("x", x);
  return normalTail(x, false);
}
