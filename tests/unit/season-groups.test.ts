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

  it("pools one year of every site when no one has two: a company that imported one year of data", () => {
    const levels = [80, 30, 55, 20, 45];
    const weekly = new Map(levels.map((level, k) => [`site-${k}`, short(52, level)]));
    // Another item, at one site only: its single season cannot judge itself, so the category lends.
    weekly.set("alone", short(52, 12));
    const members = [...levels.map((_, k) => member(`site-${k}`, "item", "fans", 52)), member("alone", "other", "fans", 52)];
    const borrowed = borrowedSeasons(members, weekly, WEEKS, M);
    expect([...borrowed.keys()].sort()).toEqual(["alone", "site-0", "site-1", "site-2", "site-3", "site-4"]);
    const season = borrowed.get("site-2")!;
    expect([season.source, season.peers]).toEqual(["item", 4]);
    // Its own year is calendar weeks 52–103, pooled with the other sites' same weeks.
    for (let t = 0; t < M; t++) expect(season.profile[t]).toBeCloseTo(seasonOf(52 + t), 1);
    expect(borrowed.get("alone")).toMatchObject({ source: "category", peers: 5 });
  });

  it("pools the last season only when a lender of the group has just one", () => {
    const weekly = new Map([
      ["two-years", seasonal(60)],
      ["one-year", short(52, 60)],
      ["new", short(10, 60)],
    ]);
    const members = [member("two-years", "i", null, WEEKS), member("one-year", "i", null, 52), member("new", "i", null, 10)];
    const borrowed = borrowedSeasons(members, weekly, WEEKS, M);
    expect(borrowed.get("new")).toMatchObject({ source: "item", peers: 2 });
    for (let t = 0; t < 10; t++) expect(borrowed.get("new")!.profile[t]).toBeCloseTo(seasonOf(94 + t), 1);
  });

  it("borrows nothing from series shorter than a season, or from one season of a single site", () => {
    const weekly = new Map([
      ["a1", seasonal(100).slice(0, 40)],
      ["new", short(20, 10).slice(0, 40)],
    ]);
    expect(borrowedSeasons([member("a1", "i", null, 40), member("new", "i", null, 20)], weekly, 40, M).size).toBe(0);
    const oneSite = new Map([["only", short(52, 10)]]);
    expect(borrowedSeasons([member("only", "i", "c", 52)], oneSite, WEEKS, M).size).toBe(0);
  });
});
