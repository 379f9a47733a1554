import { checkNonNegative, checkPositive } from "./internal/checks";
import { stepsAtLeast } from "./internal/tolerance";

/**
 * The smallest multiple of `step` that is ≥ `value` (the pack-size rounding rule of docs/domain.md:
 * "rounded up to the pack size"). The multiple is computed as a whole number of steps times the
 * step, so `value = 0` gives 0. Floating-point noise is ignored within a relative 1e-12 of the
 * value (0.9 with step 0.3 is 3 steps, not 4), but the result is never below the value by more
 * than that: 1000.0000001 with step 1000 gives 2000.
 *
 * @throws RangeError for a negative value or a step that is not > 0
 * @example
 * roundUpToMultiple(101, 12); // 108
 * roundUpToMultiple(96, 12);  // 96
 */
export function roundUpToMultiple(value: number, step: number): number {
  checkNonNegative("value", value);
  checkPositive("step", step);
  return stepsAtLeast(value, step) * step;
}
