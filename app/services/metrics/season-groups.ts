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
  /** How many agreements' series the profile was pooled from. */
  peers: number;
}

/**
 * For each agreement with less than two seasons of its own history, the profile of its group when
 * the group shows seasonality (see the core's `seasonalProfile`): the agreements of the same item
 * at other sites, else of the same category, that have two seasons of history each. Their last
 * two seasons are pooled, aligned by calendar week; an agreement's profile is that one turned to
 * start where its own history starts.
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
  const window = 2 * m;
  if (weeks < window) return borrowed;
  const short = members.filter((a) => a.historyWeeks < window);
  if (short.length === 0) return borrowed;

  // The last two seasons of every agreement that has them and has demand, by item and by
  // category, in id order: the pooled sums, hence the profile to its last digit, do not depend on
  // the order the caller lists the members in (the incremental recompute lists fewer, otherwise).
  const byItem = new Map<string, ArrayLike<number>[]>();
  const byCategory = new Map<string, ArrayLike<number>[]>();
  const lenders = members
    .filter((a) => a.historyWeeks >= window)
    .sort((a, b) => (a.agreementId < b.agreementId ? -1 : a.agreementId > b.agreementId ? 1 : 0));
  for (const a of lenders) {
    const series = weekly.get(a.agreementId);
    if (!series) continue;
    const last = Array.prototype.slice.call(series, series.length - window) as number[];
    if (!last.some((x) => x > 0)) continue;
    push(byItem, a.itemId, last);
    if (a.category) push(byCategory, a.category, last);
  }

  const profiles = new Map<string, { profile: number[] | null; peers: number }>();
  const profileOf = (key: string, group: ArrayLike<number>[] | undefined) => {
    if (!group) return null;
    let found = profiles.get(key);
    if (!found) {
      found = { profile: seasonalProfile(group, m), peers: group.length };
      profiles.set(key, found);
    }
    return found.profile ? { profile: found.profile, peers: found.peers } : null;
  };

  for (const a of short) {
    const item = profileOf(`item:${a.itemId}`, byItem.get(a.itemId));
    const category = item ? null : a.category ? profileOf(`category:${a.category}`, byCategory.get(a.category)) : null;
    const group = item ?? category;
    if (!group) continue;
    // Week t of the agreement's history is week (window − historyWeeks + t) of the pooled window.
    const shift = (((window - a.historyWeeks) % m) + m) % m;
    const profile = Array.from({ length: m }, (_, p) => group.profile[(p + shift) % m]);
    borrowed.set(a.agreementId, { profile, source: item ? "item" : "category", peers: group.peers });
  }
  return borrowed;
}

function push<K>(map: Map<K, ArrayLike<number>[]>, key: K, value: ArrayLike<number>) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
