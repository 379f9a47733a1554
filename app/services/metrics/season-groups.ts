import { seasonalProfile } from "~/core";
import type { SeasonSource } from "~/models/metrics.server";

/**
 * Seasonal profiles borrowed from an agreement's group when its own history is shorter than two
 * seasons (a company that imported one year of its ERP's data): the same item at other sites
 * first, else the item's category across the company. Pure: the caller hands over the weekly
 * series and each agreement's weeks of history.
 */

export interface SeasonMember {
  agreementId: string;
  itemId: string;
  /** The item's category; null when it has none (no category group). */
  category: string | null;
  /** Weeks since the agreement's item-site has data (its first fact), at most the series' length. */
  historyWeeks: number;
}

export type BorrowedSource = Exclude<SeasonSource, "own">;

export interface BorrowedSeason {
  /**
   * Indices of mean 1 aligned to the start of the agreement's own history (the last
   * `historyWeeks` weeks of its series): week t of that history has index profile[t mod m].
   */
  profile: number[];
  source: BorrowedSource;
  /** How many other agreements' series the profile was pooled from (the agreement's own may be one). */
  peers: number;
}

/**
 * For each agreement with less than two seasons of its own history, the profile of its group when
 * the group shows seasonality (see the core's `seasonalProfile`): the agreements of the same item
 * at every site, else of the same category, that have at least one whole season of history (the
 * agreement itself among them when it has). A company that imported one year of its ERP's data
 * has only such series: one season each cannot tell a season from noise, several aligned by
 * calendar can. Each lender gives its last two seasons when every lender of the group has them,
 * else its last season; an agreement's profile is the group's turned to start where its own
 * history starts.
 *
 * @param weekly full-length weekly series (every one `weeks` long, the last element the same
 *   week for all), by agreement id
 * @param m weeks per season
 */
export function borrowedSeasons(
  members: readonly SeasonMember[],
  weekly: ReadonlyMap<string, ArrayLike<number>>,
  weeks: number,
  m: number,
): Map<string, BorrowedSeason> {
  const borrowed = new Map<string, BorrowedSeason>();
  if (weeks < m) return borrowed;
  const short = members.filter((a) => a.historyWeeks < 2 * m);
  if (short.length === 0) return borrowed;

  // Every agreement with a whole season of history and some demand, by item and by category, in
  // id order: the pooled sums, hence the profile to its last digit, do not depend on the order
  // the caller lists the members in (the incremental recompute lists fewer).
  const byItem = new Map<string, Lender[]>();
  const byCategory = new Map<string, Lender[]>();
  const lenders = members
    .filter((a) => a.historyWeeks >= m && weekly.has(a.agreementId))
    .sort((a, b) => (a.agreementId < b.agreementId ? -1 : a.agreementId > b.agreementId ? 1 : 0));
  for (const a of lenders) {
    const series = weekly.get(a.agreementId)!;
    if (!hasDemand(series, Math.min(a.historyWeeks, weeks))) continue;
    const lender = { agreementId: a.agreementId, historyWeeks: a.historyWeeks, series };
    push(byItem, a.itemId, lender);
    if (a.category) push(byCategory, a.category, lender);
  }

  const profiles = new Map<string, GroupProfile | null>();
  const profileOf = (key: string, group: Lender[] | undefined) => {
    if (!group) return null;
    if (!profiles.has(key)) profiles.set(key, groupProfile(group, weeks, m));
    return profiles.get(key)!;
  };

  for (const a of short) {
    const item = profileOf(`item:${a.itemId}`, byItem.get(a.itemId));
    const category = item ? null : a.category ? profileOf(`category:${a.category}`, byCategory.get(a.category)) : null;
    const group = item ?? category;
    if (!group) continue;
    // Week t of the agreement's history is week (window − historyWeeks + t) of the pooled window.
    const shift = (((group.window - a.historyWeeks) % m) + m) % m;
    const profile = Array.from({ length: m }, (_, p) => group.profile[(p + shift) % m]);
    const peers = group.lenders.length - (group.lenders.includes(a.agreementId) ? 1 : 0);
    borrowed.set(a.agreementId, { profile, source: item ? "item" : "category", peers });
  }
  return borrowed;
}

interface Lender {
  agreementId: string;
  historyWeeks: number;
  series: ArrayLike<number>;
}

interface GroupProfile {
  profile: number[];
  /** Weeks each lender gave, ending with the last week: the profile's index 0 is its first. */
  window: number;
  lenders: string[];
}

/** The group's profile over the last two seasons when every lender has them, else the last one. */
function groupProfile(group: readonly Lender[], weeks: number, m: number): GroupProfile | null {
  const window = weeks >= 2 * m && group.every((g) => g.historyWeeks >= 2 * m) ? 2 * m : m;
  const windows = group.map((g) => Array.prototype.slice.call(g.series, g.series.length - window) as number[]);
  const profile = seasonalProfile(windows, m);
  return profile ? { profile, window, lenders: group.map((g) => g.agreementId) } : null;
}

function hasDemand(series: ArrayLike<number>, last: number): boolean {
  for (let i = series.length - last; i < series.length; i++) if (series[i] > 0) return true;
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
