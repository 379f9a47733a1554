import { dayNumber, isCalendarDate } from "~/core";
import { addDays } from "~/utils/dates";

/** A revised line whose ship date had passed: where it was and where it went. */
export interface MovedShipDate {
  /** 1-based line number. */
  line: number;
  from: { shipDate: string; arrivalDate: string | null };
  to: { shipDate: string; arrivalDate: string | null };
}

/**
 * A revision's lines with every ship date already past moved to today, and the arrival moved by
 * as many days so the transit time stays what the supplier planned: a revision copies the earlier
 * version's dates, which pass while the buyer decides, and refusing them would only make the
 * supplier retype what nobody asked to change. Lines whose ship date is not a date are left as
 * they are (the checks report them). Pure: `lines` may be raw form values.
 *
 * @example
 * movePastShipDates([{ shipDate: "2026-03-08", arrivalDate: "2026-03-11" }], "2026-03-10");
 * // { lines: [{ shipDate: "2026-03-10", arrivalDate: "2026-03-13" }],
 * //   moved: [{ line: 1, from: { shipDate: "2026-03-08", arrivalDate: "2026-03-11" }, to: { shipDate: "2026-03-10", arrivalDate: "2026-03-13" } }] }
 */
export function movePastShipDates<T>(lines: readonly T[], today: string): { lines: T[]; moved: MovedShipDate[] } {
  const moved: MovedShipDate[] = [];
  const out = lines.map((value, index) => {
    if (!value || typeof value !== "object") return value;
    const line = value as { shipDate?: unknown; arrivalDate?: unknown };
    const ship = typeof line.shipDate === "string" ? line.shipDate.trim() : "";
    if (!isCalendarDate(ship) || ship >= today) return value;
    const days = dayNumber(today) - dayNumber(ship);
    const arrival = typeof line.arrivalDate === "string" ? line.arrivalDate.trim() : "";
    const newArrival = isCalendarDate(arrival) ? addDays(arrival, days) : null;
    moved.push({
      line: index + 1,
      from: { shipDate: ship, arrivalDate: isCalendarDate(arrival) ? arrival : null },
      to: { shipDate: today, arrivalDate: newArrival },
    });
    return { ...value, shipDate: today, ...(newArrival ? { arrivalDate: newArrival } : {}) } as T;
  });
  return { lines: out, moved };
}
