import { checkNonNegative, checkPositive } from "./internal/checks";

/**
 * Tolerance for floating-point noise: 10.000000000001 packs count as 10, not 11. Quantities in
 * this core are physical units, so a millionth of a pack is never a real difference.
 */
const NOISE = 1e-9;

/**
 * The smallest multiple of `step` that is ≥ `value` (the pack-size rounding rule of DOMAIN.md:
 * "rounded up to the pack size"). The multiple is computed as a whole number of steps times the
 * step, so `value = 0` gives 0.
 *
 * @throws RangeError for a negative value or a step that is not > 0
 * @example
 * roundUpToMultiple(101, 12); // 108
 * roundUpToMultiple(96, 12);  // 96
 */
export function roundUpToMultiple(value: number, step: number): number {
  checkNonNegative("value", value);
  checkPositive("step", step);
  return Math.max(0, Math.ceil(value / step - NOISE)) * step;
}
