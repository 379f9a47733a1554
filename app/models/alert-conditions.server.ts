import { type SQL, sql } from "drizzle-orm";

/**
 * Alert conditions compiled to set-based SQL: one `select` per rule over every agreement in scope,
 * never a loop over rows in JavaScript. Each select yields the alert_hits columns:
 * dedupe_key, supplier_id, agreement_id, subject_type, subject_id, value, limit_value.
 *
 * Agreement conditions read the temporary table `alert_agreement_state` (see
 * AGREEMENT_STATE_TABLE), which holds each agreement exactly as the inventory list computes it
 * (agreementStateSql in inventory.server.ts): a rule therefore says "projected to run out within
 * lead time" of precisely the agreements the list shows so. Plan and shipment conditions read
 * their own tables, limited to the agreements evaluated.
 */

/** Days ahead: a number, or each agreement's own lead time. */
export type AlertHorizon = "lead_time" | number;

/** A rule's condition as the rule schema (app/services/alerts/rule-schema.ts) has checked it. */
export type AlertCondition =
  | { kind: "projected_stockout" | "projected_below_min" | "projected_above_max"; horizon: AlertHorizon }
  | { kind: "below_safety_stock" | "band_drift"; percent: number }
  | { kind: "days_of_cover_below" | "no_consumption" | "shipment_overdue"; days: number }
  | { kind: "plan_waiting"; hours: number }
  | { kind: "receipt_difference" | "stock_discrepancy"; percent: number; days: number };

/** Which agreements a rule watches; an empty list does not narrow. */
export interface AlertScope {
  cells: readonly string[];
  supplierIds: readonly string[];
  siteIds: readonly string[];
}

/** The temporary table of agreement states an evaluation builds once and every rule reads. */
export const AGREEMENT_STATE_TABLE = "alert_agreement_state";

export interface ConditionContext {
  tenantId: string;
  /** The tenant's today (YYYY-MM-DD). */
  today: string;
  /** The evaluation's clock (plan waiting times). */
  now: Date;
  /** Only these agreements (after an import); null for all of them. */
  agreementIds: readonly string[] | null;
}

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;
const texts = (values: readonly string[]) => sql`${`{${values.join(",")}}`}::text[]`;

/** The rule's scope over an agreement's columns: `supplier`, `site` and the class letters. */
function scopeSql(scope: AlertScope, columns: { supplier: SQL; site: SQL; abc: SQL; xyz: SQL }): SQL {
  const parts: SQL[] = [sql`true`];
  if (scope.supplierIds.length) parts.push(sql`${columns.supplier} = any(${uuids(scope.supplierIds)})`);
  if (scope.siteIds.length) parts.push(sql`${columns.site} = any(${uuids(scope.siteIds)})`);
  if (scope.cells.length) parts.push(sql`(${columns.abc} || ${columns.xyz}) = any(${texts(scope.cells)})`);
  return sql.join(parts, sql` and `);
}

const stateScope = (scope: AlertScope) =>
  scopeSql(scope, { supplier: sql`s.supplier_id`, site: sql`s.location_id`, abc: sql`s.abc`, xyz: sql`s.xyz` });

/** The days a projection condition looks ahead, per agreement. */
const horizonSql = (horizon: AlertHorizon) => (horizon === "lead_time" ? sql`s.lead_time_days` : sql`${horizon}::int`);

/** An agreement condition: one row per agreement of the state that matches `where`. */
function agreementHits(scope: AlertScope, value: SQL, limit: SQL, where: SQL, key = sql`'agreement:' || s.agreement_id`): SQL {
  return sql`
    select ${key} as dedupe_key, s.supplier_id, s.agreement_id, 'agreement' as subject_type, s.agreement_id as subject_id,
           (${value})::float8 as value, (${limit})::float8 as limit_value
    from ${sql.identifier(AGREEMENT_STATE_TABLE)} s
    where ${stateScope(scope)} and (${where})`;
}

/** A shipment's agreement in the rule's scope (and among the agreements evaluated). */
function shipmentScope(scope: AlertScope, ctx: ConditionContext): SQL {
  const inScope = scopeSql(scope, { supplier: sql`ag.supplier_id`, site: sql`ag.location_id`, abc: sql`m.abc`, xyz: sql`m.xyz` });
  const evaluated = ctx.agreementIds ? sql`and ag.id in (select unnest(${uuids(ctx.agreementIds)}))` : sql``;
  return sql`exists (
    select 1 from agreements ag
    left join agreement_metrics m on m.tenant_id = ag.tenant_id and m.agreement_id = ag.id
    where ag.tenant_id = sh.tenant_id and ag.id = sh.agreement_id and ag.status <> 'ended' and ${inScope} ${evaluated})`;
}

function shipmentHits(value: SQL, limit: SQL, where: SQL, scope: AlertScope, ctx: ConditionContext): SQL {
  return sql`
    select 'shipment:' || sh.id as dedupe_key, sh.supplier_id, sh.agreement_id, 'shipment' as subject_type, sh.id as subject_id,
           (${value})::float8 as value, (${limit})::float8 as limit_value
    from shipments sh
    where sh.tenant_id = ${ctx.tenantId} and (${where}) and ${shipmentScope(scope, ctx)}`;
}

/**
 * The select of the rule's hits. Conditions of plans are not about agreements: they are evaluated
 * only when every agreement is (`agreementIds` null); the caller skips them otherwise.
 */
export function conditionHitsSql(condition: AlertCondition, scope: AlertScope, ctx: ConditionContext): SQL {
  const today = sql`${ctx.today}::date`;
  switch (condition.kind) {
    case "projected_stockout":
      // As the inventory list's "out within lead time": not out yet, projected out within the horizon.
      return agreementHits(
        scope,
        sql`s.stockout_day`,
        horizonSql(condition.horizon),
        sql`s.status <> 'stockout' and s.stockout_day is not null and s.stockout_day < ${horizonSql(condition.horizon)}`,
      );
    case "projected_below_min":
      return agreementHits(
        scope,
        sql`s.first_low`,
        horizonSql(condition.horizon),
        sql`s.first_low is not null and s.first_low < ${horizonSql(condition.horizon)}`,
      );
    case "projected_above_max":
      return agreementHits(
        scope,
        sql`s.first_high`,
        horizonSql(condition.horizon),
        sql`s.first_high is not null and s.first_high < ${horizonSql(condition.horizon)}`,
      );
    case "below_safety_stock": {
      const limit = sql`s.safety_stock * ${condition.percent / 100}`;
      return agreementHits(
        scope,
        sql`s.on_hand`,
        limit,
        sql`s.on_hand is not null and s.safety_stock > 0 and s.on_hand < ${limit}`,
      );
    }
    case "days_of_cover_below":
      return agreementHits(
        scope,
        sql`s.days_of_cover`,
        sql`${condition.days}`,
        sql`s.days_of_cover is not null and s.days_of_cover < ${condition.days}`,
      );
    case "no_consumption":
      return noConsumptionHits(condition.days, scope, today);
    case "band_drift": {
      const deviation = sql`100 * greatest(abs(s.min_qty - s.recommended_min) / greatest(s.recommended_min, 1),
                                           abs(s.max_qty - s.recommended_max) / s.recommended_max)`;
      return agreementHits(
        scope,
        deviation,
        sql`${condition.percent}`,
        sql`s.recommended_max > 0 and ${deviation} > ${condition.percent}`,
      );
    }
    case "plan_waiting":
      return planWaitingHits(condition.hours, scope, ctx);
    case "shipment_overdue":
      return shipmentHits(
        sql`${today} - sh.expected_arrival`,
        sql`${condition.days}`,
        sql`sh.status = 'in_transit' and ${today} - sh.expected_arrival >= ${condition.days}`,
        scope,
        ctx,
      );
    case "receipt_difference": {
      const difference = sql`100 * abs(sh.received_qty - sh.qty) / sh.qty`;
      return shipmentHits(
        difference,
        sql`${condition.percent}`,
        sql`sh.status = 'received' and sh.qty > 0 and sh.received_on > ${today} - ${condition.days}::int
            and sh.received_on <= ${today} and ${difference} > ${condition.percent}`,
        scope,
        ctx,
      );
    }
    case "stock_discrepancy":
      return stockDiscrepancyHits(condition.percent, condition.days, scope, today);
  }
}

/**
 * Stock held and nothing consumed for `days` days: days since the last day with consumption, or,
 * without any, since the item-site's first stock count or the agreement's start, whichever is
 * earlier (the portal cannot know of consumption before its data begins). The state has both days
 * from the stored position; an agreement whose position was computed from the facts looks them up.
 */
function noConsumptionHits(days: number, scope: AlertScope, today: SQL): SQL {
  // The first count is looked up only for an item-site never consumed (coalesce stops early).
  const firstCount = sql`(select ss.day from stock_snapshots ss
    where ss.tenant_id = s.tenant_id and ss.item_id = s.item_id and ss.location_id = s.location_id
    order by ss.day limit 1)`;
  const idle = sql`(${today} - coalesce(s.last_consumed_on, lc.day, least(coalesce(s.first_count_day, ${firstCount}), s.created_at::date)))`;
  return sql`
    select 'agreement:' || s.agreement_id as dedupe_key, s.supplier_id, s.agreement_id, 'agreement' as subject_type,
           s.agreement_id as subject_id, ${idle}::float8 as value, ${days}::float8 as limit_value
    from ${sql.identifier(AGREEMENT_STATE_TABLE)} s
    left join lateral (
      select c.day from consumption c
      where not s.stored and c.tenant_id = s.tenant_id and c.item_id = s.item_id and c.location_id = s.location_id
        and c.qty > 0 and c.day <= ${today}
      order by c.day desc limit 1
    ) lc on true
    where ${stateScope(scope)} and s.on_hand > 0 and ${idle} >= ${days}`;
}

/**
 * A plan waiting for a decision (submitted, or in review) longer than `hours` since it reached its
 * present step; one alert per plan and step. A rule scoped to cells or sites watches plans with a
 * line in its scope.
 */
function planWaitingHits(hours: number, scope: AlertScope, ctx: ConditionContext): SQL {
  const since = sql`coalesce((select max(e.occurred_at) from plan_events e
                     where e.tenant_id = p.tenant_id and e.plan_id = p.id and e.to_status = p.status), p.submitted_at)`;
  const waited = sql`extract(epoch from (${ctx.now.toISOString()}::timestamptz - ${since})) / 3600`;
  const lineScope =
    scope.cells.length || scope.siteIds.length
      ? sql`and exists (
          select 1 from plan_lines pl
          join agreements ag on ag.tenant_id = pl.tenant_id and ag.id = pl.agreement_id
          left join agreement_metrics m on m.tenant_id = ag.tenant_id and m.agreement_id = ag.id
          where pl.tenant_id = p.tenant_id and pl.plan_id = p.id and pl.version = p.version
            and ${scopeSql({ ...scope, supplierIds: [] }, { supplier: sql`ag.supplier_id`, site: sql`ag.location_id`, abc: sql`m.abc`, xyz: sql`m.xyz` })})`
      : sql``;
  const supplierScope = scope.supplierIds.length ? sql`and p.supplier_id = any(${uuids(scope.supplierIds)})` : sql``;
  return sql`
    select 'plan:' || p.id || ':' || p.status as dedupe_key, p.supplier_id, null::uuid as agreement_id, 'plan' as subject_type,
           p.id as subject_id, (${waited})::float8 as value, ${hours}::float8 as limit_value
    from replenishment_plans p
    where p.tenant_id = ${ctx.tenantId} and p.status in ('submitted', 'in_review')
      and ${waited} > ${hours} ${supplierScope} ${lineScope}`;
}

/**
 * The latest stock count of the last `days` days against the position expected from the count
 * before it: that count, plus goods received (without a notice, and notices' shipments received)
 * and less consumption on the days after it up to the new count's day. One to-do per count: a
 * new count that agrees clears it. The state has the expected position from the stored position;
 * an agreement whose position was computed from the facts works it out here.
 */
function stockDiscrepancyHits(percent: number, days: number, scope: AlertScope, today: SQL): SQL {
  const expected = sql`coalesce(s.count_expected, live.expected)`;
  const difference = sql`100 * abs(s.count_on_hand - ${expected}) / greatest(${expected}, 1)`;
  // The latest count is the stock position's own (count_day, count_on_hand in the state).
  return sql`
    select 'agreement:' || s.agreement_id || ':count:' || s.count_day as dedupe_key, s.supplier_id, s.agreement_id,
           'agreement' as subject_type, s.agreement_id as subject_id, (${difference})::float8 as value, ${percent}::float8 as limit_value
    from ${sql.identifier(AGREEMENT_STATE_TABLE)} s
    left join lateral (
      select greatest(0, prev.on_hand + coalesce(rf.qty, 0) + coalesce(rs.qty, 0) - coalesce(cs.qty, 0)) as expected
      from (
        select ss.day, ss.on_hand from stock_snapshots ss
        where not s.stored and ss.tenant_id = s.tenant_id and ss.item_id = s.item_id and ss.location_id = s.location_id
          and ss.day < s.count_day
        order by ss.day desc limit 1
      ) prev
      cross join lateral (
        select sum(c.qty) as qty from consumption c
        where c.tenant_id = s.tenant_id and c.item_id = s.item_id and c.location_id = s.location_id
          and c.day > prev.day and c.day <= s.count_day
      ) cs
      cross join lateral (
        select sum(r.qty) as qty from public.receipts r
        where r.tenant_id = s.tenant_id and r.item_id = s.item_id and r.location_id = s.location_id
          and r.day > prev.day and r.day <= s.count_day
      ) rf
      cross join lateral (
        select sum(sh.received_qty) as qty from shipments sh
        where sh.tenant_id = s.tenant_id and sh.agreement_id = s.agreement_id and sh.status = 'received'
          and sh.received_on > prev.day and sh.received_on <= s.count_day
      ) rs
    ) live on true
    where ${stateScope(scope)} and s.count_day > ${today} - ${days}::int and ${difference} > ${percent}`;
}
