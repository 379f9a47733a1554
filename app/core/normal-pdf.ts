import { checkFinite } from "./internal/checks";
import { gaussianDensity } from "./internal/normal-tails";

/**
 * φ(x) = exp(−x²/2) / √(2π), the standard normal density.
 *
 * @throws RangeError when `x` is not finite
 * @example
 * normalPdf(0); // 0.3989422804014327
 */
export function normalPdf(x: number): number {
  checkFinite("x", x);
  return gaussianDensity(x);
}
