import { describe, expect, it } from "vitest";
import { type SeasonMember, borrowedSeasons } from "~/services/metrics/season-groups";

/**
 * Profiles borrowed from an agreement's group: the same item at other sites first, else the
 * category; turned to start where the agreement's own history starts. The peers here follow
 * 1 + ½·sin(2π·w/52) by calendar week w (w = 0 the series' first week), so the index of any week
 * of anyone's history is known.
 */

const WEEKS = 104;
const M = 52;
const seasonOf = (w: number) => 1 + 0.5 * Math.sin((2 * Math.PI * w) / M);
const seasonal = (level: number) => Float64Array.from({ length: WEEKS }, (_, w) => level * seasonOf(w));
const flat = (level: number) => new Float64Array(WEEKS).fill(level);
/** A short history: zeros before its first week, the season after. */
const short = (history: number, level: number) =>
  Float64Array.from({ length: WEEKS }, (_, w) => (w < WEEKS - history ? 0 : level * seasonOf(w)));

const member = (agreementId: string, itemId: string, category: string | null, historyWeeks: number): SeasonMember => ({
  agreementId,
  itemId,
  category,
  historyWeeks,
});

describe("borrowed seasons", () => {
  it("gives a short history the season of the same item at other sites, turned to its own first week", () => {
    const weekly = new Map([
      ["a1", seasonal(100)],
      ["a2", seasonal(40)],
      ["new", short(30, 70)],
    ]);
    const members = [member("a1", "item", "cat", WEEKS), member("a2", "item", "cat", WEEKS), member("new", "item", "cat", 30)];
    const borrowed = borrowedSeasons(members, weekly, WEEKS, M);
    expect([...borrowed.keys()]).toEqual(["new"]);
    const season = borrowed.get("new")!;
    expect([season.source, season.peers]).toEqual(["item", 2]);
    // Week t of its 30 weeks is calendar week 74 + t; the profile is shrunk a little towards 1.
    for (let t = 0; t < 30; t++) expect(season.profile[t % M]).toBeCloseTo(seasonOf(74 + t), 1);
    expect(season.profile.reduce((s, v) => s + v, 0) / M).toBeCloseTo(1, 9);
  });

  it("falls back to the category when the item has no two seasons elsewhere, and to nothing without seasonality", () => {
    const weekly = new Map([
      ["other-item", seasonal(50)],
      ["steady-item", flat(50)],
      ["new", short(20, 10)],
      ["new-steady", short(20, 10)],
      ["lonely", short(20, 10)],
    ]);
    const members = [
      member("other-item", "x", "fasteners", WEEKS),
      member("steady-item", "y", "bolts", WEEKS),
      member("new", "z", "fasteners", 20),
      member("new-steady", "w", "bolts", 20),
      member("lonely", "v", null, 20),
    ];
    const borrowed = borrowedSeasons(members, weekly, WEEKS, M);
    expect([...borrowed.keys()]).toEqual(["new"]);
    expect(borrowed.get("new")).toMatchObject({ source: "category", peers: 1 });
  });

  it("borrows nothing when the series are shorter than two seasons", () => {
    const weekly = new Map([
      ["a1", seasonal(100).slice(0, 60)],
      ["new", short(20, 10).slice(0, 60)],
    ]);
    expect(borrowedSeasons([member("a1", "i", null, 60), member("new", "i", null, 20)], weekly, 60, M).size).toBe(0);
  });
});
