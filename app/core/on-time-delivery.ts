import { dayNumber } from "./day-number";
import { MUST_NOT_BE_EMPTY } from "./errors";
import { checkNonNegativeInteger, fail } from "./internal/checks";

export interface ReceivedLine {
  /** Day the goods were received, `YYYY-MM-DD` in the tenant's time zone. */
  receivedOn: string;
  /** Agreed arrival date of the plan line, `YYYY-MM-DD`. */
  agreedArrival: string;
}

/**
 * On-time delivery = share of received plan lines whose receipt day ≤ agreed arrival date +
 * tolerance (docs/domain.md, "KPIs"; the tolerance in days is a tenant setting, default 0). Early
 * receipts count as on time.
 *
 * @throws RangeError for no lines, a malformed date, or a tolerance that is not an integer ≥ 0
 * @example
 * onTimeDelivery([
 *   { receivedOn: "2026-03-02", agreedArrival: "2026-03-02" },
 *   { receivedOn: "2026-03-04", agreedArrival: "2026-03-02" },
 * ]); // 0.5
 * onTimeDelivery([{ receivedOn: "2026-03-04", agreedArrival: "2026-03-02" }], { toleranceDays: 2 }); // 1
 */
export function onTimeDelivery(lines: readonly ReceivedLine[], opts: { toleranceDays?: number } = {}): number {
  const tolerance = opts.toleranceDays ?? 0;
  if (!Array.isArray(lines) || lines.length === 0) fail("lines", MUST_NOT_BE_EMPTY, lines);
  checkNonNegativeInteger("toleranceDays", tolerance);
  let onTime = 0;
  for (const line of lines) {
    if (dayNumber(line.receivedOn) <= dayNumber(line.agreedArrival) + tolerance) onTime++;
  }
  return onTime / lines.length;
}
