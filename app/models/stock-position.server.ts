import { type SQL, sql } from "drizzle-orm";

/**
 * An agreement's stock position: its latest stock snapshot up to today, plus what was received
 * after it (goods received without a notice, and notices' shipments received), less what was
 * consumed after it. A receipt dated on the snapshot's own day counts on top of it only when it
 * was recorded after the snapshot was loaded (a snapshot of today is exported during the day); a
 * newer snapshot supersedes everything before it. Never below 0.
 *
 * `day` is the day the position is known to: the snapshot's, or the last day of consumption
 * recorded since, whichever is later. The projections start from it (the core's
 * startingOnHand spends the forecast on the days after it up to yesterday).
 *
 * The fragment is a lateral subquery over an agreement aliased `a` (tenant_id, id, item_id,
 * location_id), named `pos`, with the columns on_hand, day (date), snapshot_day (date),
 * snapshot_on_hand, received and consumed (numeric); all null when the agreement has no snapshot.
 */
export function stockPositionLateral(today: string): SQL {
  return sql`left join lateral (${positionFromFacts(today)}) pos on true`;
}

/** The stock position's select over the facts, for an agreement aliased `a` (see above). */
function positionFromFacts(today: string): SQL {
  return sql`
    select greatest(0, st.on_hand + rf.qty + rs.qty - cs.qty) as on_hand,
           greatest(st.day, coalesce(cs.last_day, st.day)) as day,
           st.day as snapshot_day, st.on_hand as snapshot_on_hand,
           rf.qty + rs.qty as received, cs.qty as consumed
    from (
      select ss.on_hand, ss.day, ss.loaded_at from stock_snapshots ss
      where ss.tenant_id = a.tenant_id and ss.item_id = a.item_id and ss.location_id = a.location_id
        and ss.day <= ${today}::date
      order by ss.day desc limit 1
    ) st
    cross join lateral (
      select coalesce(sum(c.qty), 0) as qty, max(c.day) as last_day from consumption c
      where c.tenant_id = a.tenant_id and c.item_id = a.item_id and c.location_id = a.location_id
        and c.day > st.day and c.day <= ${today}::date
    ) cs
    cross join lateral (
      select coalesce(sum(r.qty), 0) as qty from public.receipts r
      where r.tenant_id = a.tenant_id and r.item_id = a.item_id and r.location_id = a.location_id
        and r.day > st.day and r.day <= ${today}::date
    ) rf
    cross join lateral (
      select coalesce(sum(sh.received_qty), 0) as qty from shipments sh
      where sh.tenant_id = a.tenant_id and sh.agreement_id = a.id and sh.status = 'received'
        and sh.received_on <= ${today}::date
        and (sh.received_on > st.day or (sh.received_on = st.day and sh.updated_at > st.loaded_at))
    ) rs`;
}

/**
 * The same position (the same `pos` columns, and the same figures) read from the agreement's
 * stored row in agreement_positions, one row per agreement instead of four index probes. The
 * stored row holds every fact whatever its day, so it stands for `today` only when no fact is
 * dated after today, and only for the item and site the agreement has now; otherwise, or without
 * a row (a new agreement before its first fact), the position is computed from the facts as
 * stockPositionLateral does. Besides the position, `pos` has:
 * - stored: whether it came from the stored row;
 * - count_expected: the position the latest count was expected at, from the count before it plus
 *   what was received and less what was consumed in between (null without a count before it);
 * - first_count_day, last_consumed_on: the first snapshot's day and the last day with consumption.
 * These three are null when the position was computed from the facts (stored is false). `only`,
 * an array of the agreements read, lets the stored rows be read by key.
 */
export function storedStockPositionLateral(today: string, only: SQL | null = null): SQL {
  return sql`left join agreement_positions ap on ap.tenant_id = a.tenant_id and ap.agreement_id = a.id
      and ap.item_id = a.item_id and ap.location_id = a.location_id
      and (ap.latest_day is null or ap.latest_day <= ${today}::date) ${only ? sql`and ap.agreement_id = any(${only})` : sql``}
    left join lateral (
      select greatest(0, ap.snapshot_on_hand + ap.received_since + ap.shipments_received_since - ap.consumed_since) as on_hand,
             greatest(ap.snapshot_day, coalesce(ap.consumed_last_day, ap.snapshot_day)) as day,
             ap.snapshot_day, ap.snapshot_on_hand, ap.received_since + ap.shipments_received_since as received,
             ap.consumed_since as consumed, true as stored,
             case when ap.previous_day is not null then greatest(0, ap.previous_on_hand + ap.received_between
               + ap.shipments_received_between - ap.consumed_between) end as count_expected,
             ap.first_snapshot_day as first_count_day, ap.last_consumed_on
      where ap.snapshot_day is not null
      union all
      select f.*, false, null::numeric, null::date, null::date from (${positionFromFacts(today)}) f
      where ap.agreement_id is null
    ) pos on true`;
}
