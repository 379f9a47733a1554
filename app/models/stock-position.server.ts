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
  return sql`left join lateral (
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
    ) rs
  ) pos on true`;
}
