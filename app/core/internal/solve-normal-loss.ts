import { gaussianDensity, normalTail } from "./normal-tails";

const G0 = 0.3989422804014327;
const K_MAX = 40;

/**
 * The k > 0 with G(k) = target, for 0 < target < G(0); 0 when target ≥ G(0) (the root would be
 * negative and safety stock is never negative). Newton's method on ln G, which is concave, so
 * after the first step the iterates fall monotonically onto the root; bisection guards the steps
 * that leave the bracket or where G underflows.
 */
export function solveNormalLoss(target: number): number {
  if (target >= G0) return 0;
  let lo = 0;
  let hi = K_MAX;
  let k = 0;
  for (let i = 0; i < 200; i++) {
    const g = gaussianDensity(k) - k * normalTail(k, true);
    if (g > target) lo = k;
    else hi = k;
    const q = normalTail(k, true);
    let next = g > 0 && q > 0 ? k + (Math.log(g / target) * g) / q : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - k) <= 1e-15 * Math.max(1, k)) return next;
    k = next;
  }
  return k;
}
