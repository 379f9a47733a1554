/**
 * Whether `n` has at most `decimals` decimal places, as a decimal number typed by a person
 * (binary floating point cannot hold 0.1 exactly, so a tiny scaled residue is allowed).
 *
 * @example
 * hasAtMostDecimals(10.1234, 4); // true
 * hasAtMostDecimals(150.00005, 4); // false
 */
export function hasAtMostDecimals(n: number, decimals: number): boolean {
  const scaled = n * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-6, Math.abs(scaled) * 1e-12);
}
