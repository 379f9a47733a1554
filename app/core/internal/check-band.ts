import { MUST_BE_ORDERED } from "../errors";
import { checkNonNegative, fail } from "./checks";

export function checkBand(min: number, max: number, prefix = ""): void {
  checkNonNegative(`${prefix}min`, min);
  checkNonNegative(`${prefix}max`, max);
  if (max < min) fail(`${prefix}max`, `${MUST_BE_ORDERED} max ≥ min`, `min=${min}, max=${max}`);
}
