import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import type { Abc } from "~/core";
import { historyStartOf, type SeasonSource } from "./metrics.server";
import { numeric, type NumericText } from "./sql.server";

/**
 * The queries of the incremental metrics recompute (app/services/metrics/recompute-agreements),
 * beside those it shares with the whole-tenant one in metrics.server.ts. The new ABC classes of
 * the tenant's items travel as one jsonb object keyed by item id, read once (a materialized CTE)
 * and looked up per agreement: no join whose size a planner without statistics could misjudge
 * (joining the classes as a record set made the planner pair every stored row with every item of
 * its class), and only the few agreements that differ come back.
 */

/** An item's ABC class, rank and annual value as the tenant-wide classification just gave them. */
export interface ItemClass {
  itemId: string;
  abc: Abc;
  rank: number;
  annualValue: number;
}

/**
 * `{ item id: [abc, rank, annual value] }`. The annual value goes through JSON as it does in the
 * upsert of storeTenantMetrics (the shortest text of the double, read as numeric), so that a value
 * written here equals, digit for digit, the one a whole recompute would write.
 */
function classesJson(classes: readonly ItemClass[]): string {
  const byItem: Record<string, [Abc, number, number]> = {};
  for (const c of classes) byItem[c.itemId] = [c.abc, c.rank, c.annualValue];
  return JSON.stringify(byItem);
}

/** How many agreements of the tenant are active, and how many of `agreementIds` are. */
export async function countActiveAgreements(
  tx: Tx,
  scope: TenantScope,
  agreementIds: readonly string[],
): Promise<{ active: number; given: number }> {
  const [row] = rowsOf<{ active: NumericText; given: NumericText }>(
    await tx.execute(sql`
      select count(*) as active,
             count(*) filter (where id = any(${`{${agreementIds.join(",")}}`}::uuid[])) as given
      from agreements where tenant_id = ${scope.tenantId} and status = 'active'`),
  );
  return { active: numeric(row?.active ?? 0), given: numeric(row?.given ?? 0) };
}

/**
 * The active agreements whose whole row must be computed again, in id order: those of
 * `agreementIds` (their facts or terms changed), and any other whose stored row is missing, is as
 * of another day, or has another ABC class than its item has now (its policy, hence its band,
 * changes). Every other active agreement's stored row differs from a fresh one at most in its ABC
 * rank and annual value (see updateAbcRanks).
 */
export async function agreementsToRecompute(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  agreementIds: readonly string[],
  classes: readonly ItemClass[],
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with c as materialized (select ${classesJson(classes)}::jsonb as classes)
      select a.id
      from agreements a
      cross join c
      left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.id
      where a.tenant_id = ${scope.tenantId} and a.status = 'active'
        and (a.id = any(${`{${agreementIds.join(",")}}`}::uuid[])
          or m.agreement_id is null or m.as_of <> ${asOf}
          or m.abc is distinct from c.classes -> a.item_id::text ->> 0)
      order by a.id`),
  );
  return rows.map((row) => row.id);
}

/**
 * Sets the ABC rank and annual value of the active agreements whose stored row, as of `asOf`,
 * has its item's class but another rank or value, in one statement; they are stamped
 * `computedAt`. Returns how many changed. Rows just written by the upsert already match and are
 * left alone.
 */
export async function updateAbcRanks(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  classes: readonly ItemClass[],
  computedAt: Date,
): Promise<number> {
  const rows = rowsOf<{ agreement_id: string }>(
    await tx.execute(sql`
      with c as materialized (select ${classesJson(classes)}::jsonb as classes)
      update agreement_metrics m
      set abc_rank = x.abc_rank, annual_value = x.annual_value, computed_at = ${computedAt.toISOString()}::timestamptz
      from agreements a
      cross join c
      cross join lateral (
        select (c.classes -> a.item_id::text ->> 0) as abc, (c.classes -> a.item_id::text ->> 1)::integer as abc_rank,
               (c.classes -> a.item_id::text ->> 2)::numeric as annual_value
      ) x
      where m.tenant_id = ${scope.tenantId} and a.tenant_id = m.tenant_id and a.id = m.agreement_id
        and a.status = 'active' and m.as_of = ${asOf} and m.abc = x.abc
        and (m.abc_rank <> x.abc_rank or m.annual_value <> x.annual_value::numeric(18, 4))
      returning m.agreement_id`),
  );
  return rows.length;
}

/** An active agreement as a member of season groups: its item, its category, its first fact. */
export interface SeasonGroupMember {
  agreementId: string;
  itemId: string;
  category: string | null;
  historyStart: string | null;
  /** Whether its item is the item of one of the given agreements (else only its category is). */
  sameItem: boolean;
  /** Where its stored forecast's season came from; null without a stored season (or row). */
  storedSeasonSource: SeasonSource | null;
}

/**
 * The active agreements of the groups that `agreementIds` (active or not) belong to: those of the
 * same items, and those whose item is in the same categories, in id order, with their item-site's
 * first fact on or before `asOf` (see listMetricsAgreements) and their stored season's source.
 */
export async function seasonGroupMembers(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  agreementIds: readonly string[],
): Promise<SeasonGroupMember[]> {
  if (agreementIds.length === 0) return [];
  return rowsOf<SeasonGroupMember>(
    await tx.execute(sql`
      with given as materialized (
        select distinct i.id as item_id, i.category
        from agreements g join items i on i.tenant_id = g.tenant_id and i.id = g.item_id
        where g.tenant_id = ${scope.tenantId} and g.id = any(${`{${agreementIds.join(",")}}`}::uuid[])
      )
      select a.id as "agreementId", a.item_id as "itemId", i.category, ${historyStartOf(asOf)} as "historyStart",
             a.item_id in (select item_id from given) as "sameItem", m.season_source as "storedSeasonSource"
      from agreements a
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.id
      where a.tenant_id = ${scope.tenantId} and a.status = 'active'
        and (a.item_id in (select item_id from given)
          or i.category in (select category from given where category is not null))
      order by a.id`),
  );
}
