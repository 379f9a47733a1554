import { describe, expect, it } from "vitest";
import { ownHistory } from "~/services/metrics/compute-metrics";

/**
 * The weeks of an agreement's series since its item-site's first fact: weeks are 7-day weeks
 * ending at as_of (the last element is as_of − 6 … as_of), so a first fact on as_of − 13 falls in
 * the second week from the end.
 */
const AS_OF = "2026-03-15";
const series = [1, 2, 3, 4, 5, 6];

describe("own history", () => {
  it("keeps the weeks from the one holding the first fact", () => {
    expect(ownHistory(series, "2026-03-15", AS_OF)).toEqual([6]);
    expect(ownHistory(series, "2026-03-09", AS_OF)).toEqual([6]);
    expect(ownHistory(series, "2026-03-08", AS_OF)).toEqual([5, 6]);
    expect(ownHistory(series, "2026-03-02", AS_OF)).toEqual([5, 6]);
    expect(ownHistory(series, "2026-03-01", AS_OF)).toEqual([4, 5, 6]);
  });

  it("keeps the whole series when the data begins before it, or when no start is known", () => {
    expect(ownHistory(series, "2025-01-01", AS_OF)).toBe(series);
    expect(ownHistory(series, null, AS_OF)).toBe(series);
    expect(ownHistory(series, undefined, AS_OF)).toBe(series);
    // A first fact after as_of is no history as of that day: nothing to cut by.
    expect(ownHistory(series, "2026-04-01", AS_OF)).toBe(series);
  });
});
