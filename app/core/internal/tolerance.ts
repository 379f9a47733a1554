/**
 * Floating-point tolerance of the inventory core. Inputs are physical quantities, money and
 * shares: a relative difference of 1e-12 is never a real one, but it is far larger than the
 * rounding error of the sums and ratios computed here (about 1e-16 per operation). So values
 * within 1e-12 (relative) of a cut-off or of a whole number of packs count as equal to it.
 */
export const RELATIVE_TOLERANCE = 1e-12;

function slack(x: number): number {
  return RELATIVE_TOLERANCE * Math.abs(x);
}

/** `x < cutoff`, counting values within the tolerance of the cut-off as equal to it. */
export function isBelow(x: number, cutoff: number): boolean {
  return x < cutoff - slack(cutoff);
}

/** `x ≤ cutoff`, counting values within the tolerance of the cut-off as equal to it. */
export function isAtMost(x: number, cutoff: number): boolean {
  return x <= cutoff + slack(cutoff);
}

/** ⌈x⌉ ignoring rounding noise: 2.0000000000000004 → 2, 2.000001 → 3. */
export function ceilTolerant(x: number): number {
  return Math.ceil(x - RELATIVE_TOLERANCE * Math.max(1, Math.abs(x)));
}

/**
 * The fewest whole steps k ≥ 0 with k·step ≥ value (value ≥ 0, step > 0). Never less than value
 * beyond the relative tolerance: 1000.0000001 with step 1000 is 2 steps, while 0.9 with step 0.3
 * (0.9 / 0.3 = 3.0000000000000004) is 3.
 */
export function stepsAtLeast(value: number, step: number): number {
  if (!(value > 0)) return 0;
  const floor = value - slack(value);
  let k = Math.ceil(value / step);
  // The quotient is off by at most one step either way; two corrections each suffice (and stay
  // finite when k is beyond 2^53, where k − 1 === k).
  for (let i = 0; i < 2 && k > 0 && (k - 1) * step >= floor; i++) k--;
  for (let i = 0; i < 2 && k * step < floor; i++) k++;
  return k;
}

/**
 * The most whole steps k ≥ 0 with k·step ≤ room (step > 0); 0 when room < step, −1 when room < 0
 * (not even nothing fits). Never more than room beyond the relative tolerance.
 */
export function stepsAtMost(room: number, step: number): number {
  const ceiling = room + slack(room);
  if (ceiling < 0) return -1;
  let k = Math.floor(room / step);
  for (let i = 0; i < 2 && (k + 1) * step <= ceiling; i++) k++;
  for (let i = 0; i < 2 && k > 0 && k * step > ceiling; i++) k--;
  return k;
}
