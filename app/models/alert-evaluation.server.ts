import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { AlertConditionKind, AlertSeverity } from "@db/schema";
import { AGREEMENT_STATE_TABLE } from "./alert-conditions.server";
import { agreementStateSql } from "./inventory.server";
import { metricsLockKey } from "./metrics.server";
import { numeric, type NumericText } from "./sql.server";

/**
 * What an evaluation writes: the shared agreement state, each rule's hits, and the open / keep /
 * reopen / close steps that make an evaluation idempotent (see applyHits).
 */

/** First key of the alert evaluation's advisory locks; the second is the tenant's, as the recompute's. */
const ALERTS_LOCK_CLASS = 7_461_102;

/**
 * The tenant's alert lock for this transaction: evaluations of one tenant never run side by side
 * (two would open the same alert twice at the unique index, or close what the other opens).
 * Without `wait`, returns false when another holds it (the scheduler then skips the tenant).
 */
export async function lockTenantAlerts(tx: Tx, tenantId: string, wait: boolean): Promise<boolean> {
  const key = metricsLockKey(tenantId);
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(${ALERTS_LOCK_CLASS}::int4, ${key}::int4)`);
    return true;
  }
  const [row] = rowsOf<{ locked: boolean }>(
    await tx.execute(sql`select pg_try_advisory_xact_lock(${ALERTS_LOCK_CLASS}::int4, ${key}::int4) as locked`),
  );
  return row?.locked === true;
}

export interface StoredRule {
  id: string;
  name: string;
  condition: AlertConditionKind;
  severity: AlertSeverity;
  definition: Record<string, unknown>;
  cooldownMinutes: number;
}

/** The tenant's enabled rules (or those of `ruleIds`), in a stable order. */
export async function enabledRules(tx: Tx, tenantId: string, ruleIds: readonly string[] | null): Promise<StoredRule[]> {
  const only = ruleIds ? sql`and id = any(${`{${ruleIds.join(",")}}`}::uuid[])` : sql``;
  const result = await tx.execute(sql`
    select id, name, condition, severity, definition, cooldown_minutes from alert_rules
    where tenant_id = ${tenantId} and enabled ${only}
    order by created_at, id`);
  return rowsOf<{
    id: string;
    name: string;
    condition: AlertConditionKind;
    severity: AlertSeverity;
    definition: Record<string, unknown>;
    cooldown_minutes: NumericText;
  }>(result).map((r) => ({
    id: r.id,
    name: r.name,
    condition: r.condition,
    severity: r.severity,
    definition: r.definition,
    cooldownMinutes: numeric(r.cooldown_minutes),
  }));
}

/** Columns of the agreement state that conditions read (see alert-conditions.server.ts). */
const STATE_COLUMNS = sql.raw(`tenant_id uuid, agreement_id uuid primary key, supplier_id uuid, location_id uuid, item_id uuid,
  created_at timestamptz, abc text, xyz text, on_hand numeric, safety_stock numeric, min_qty numeric, max_qty numeric,
  recommended_min numeric, recommended_max numeric, lead_time_days int, status text, stockout_day int, first_low int,
  first_high int, days_of_cover float8, count_day date, count_on_hand numeric, stored boolean, count_expected numeric,
  first_count_day date, last_consumed_on date`);
const STATE_NAMES = sql.raw(`tenant_id, agreement_id, supplier_id, location_id, item_id, created_at, abc, xyz, on_hand,
  safety_stock, min_qty, max_qty, recommended_min, recommended_max, lead_time_days, status, stockout_day, first_low,
  first_high, days_of_cover, count_day, count_on_hand, stored, count_expected, first_count_day, last_consumed_on`);

/**
 * Builds the evaluation's agreement state once, as the inventory list computes it, in a temporary
 * table dropped at commit, and the (empty) tables of the rules' hits beside it; returns how many
 * agreements the state holds.
 */
export async function buildAgreementState(
  tx: Tx,
  tenantId: string,
  filters: { today: string; horizonDays: number; driftThreshold: number },
  agreementIds: readonly string[] | null,
): Promise<number> {
  const table = sql.identifier(AGREEMENT_STATE_TABLE);
  // One large statement planned once: compiling it to machine code (JIT) costs seconds and saves
  // nothing here. Under row-level security the planner estimates one row for each of the list's
  // CTEs and joins them in nested loops, which is quadratic in the agreements (minutes for
  // 20,000); without nested loops it hashes them. The stock position's lateral lookups stay
  // index probes (a lateral join has no other plan).
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(sql`drop table if exists ${table}`);
  await tx.execute(sql`create temporary table ${table} (${STATE_COLUMNS}) on commit drop`);
  const count = await countOf(
    tx,
    sql`with inserted as (
      insert into ${table} (${STATE_NAMES})
      select ${STATE_NAMES} from (${agreementStateSql(tenantId, filters, agreementIds)}) listed
      returning 1
    ) select count(*) as n from inserted`,
  );
  await tx.execute(sql`set local enable_nestloop = on`);
  await tx.execute(sql`analyze ${table}`);
  // Every rule's hits, and the rules being evaluated, for applyHits.
  await tx.execute(sql`drop table if exists alert_hits`);
  await tx.execute(sql`create temporary table alert_hits (
    rule_id uuid not null, dedupe_key text not null, supplier_id uuid not null, agreement_id uuid,
    subject_type text not null, subject_id uuid not null, value float8, limit_value float8,
    primary key (rule_id, dedupe_key)) on commit drop`);
  await tx.execute(sql`drop table if exists alert_eval_rules`);
  await tx.execute(sql`create temporary table alert_eval_rules (
    rule_id uuid primary key, name text not null, condition text not null, severity text not null,
    cooldown_start timestamptz not null, is_todo boolean not null, due_date date) on commit drop`);
  return count;
}

export interface RuleRun {
  rule: StoredRule;
  /** Days a to-do of the rule is due after it opens; null when the rule makes none. */
  todoDueInDays: number | null;
}

export interface HitCounts {
  opened: number;
  reopened: number;
  kept: number;
  closed: number;
}

/**
 * Stores one rule's hits (`hits`: the rule's condition select) for applyHits; returns how many
 * there are.
 */
export async function collectHits(tx: Tx, ruleId: string, hits: SQL): Promise<number> {
  return countOf(
    tx,
    sql`with inserted as (
      insert into alert_hits (rule_id, dedupe_key, supplier_id, agreement_id, subject_type, subject_id, value, limit_value)
      select ${ruleId}::uuid, h.* from (${hits}) h
      on conflict (rule_id, dedupe_key) do nothing returning 1
    ) select count(*) as n from inserted`,
  );
}

export interface ApplyOptions {
  tenantId: string;
  runs: readonly RuleRun[];
  now: Date;
  /** Today in the tenant's time zone (a to-do's due date counts from it). */
  today: string;
  /** Only alerts of these agreements are kept or closed (an evaluation after an import). */
  agreementIds: readonly string[] | null;
}

/**
 * Writes the collected hits of every rule run as alerts, idempotently, by rule and dedupe key, in
 * a few set-based statements for all the rules together:
 * - an open alert whose condition no longer holds is closed (cleared);
 * - an open alert whose condition holds is kept, with its value, name and severity brought up to date;
 * - a condition that holds again within the rule's cool-down after its alert cleared reopens that
 *   alert quietly (no second message: the cool-down stops flapping), and one that a person
 *   resolved within the cool-down stays resolved;
 * - any other condition that holds opens a new alert (a to-do when the rule makes them).
 * Every change writes its alert_events row. Returns the counts by rule and the ids opened.
 */
export async function applyHits(tx: Tx, options: ApplyOptions): Promise<{ counts: Map<string, HitCounts>; openedIds: string[] }> {
  const { tenantId, now } = options;
  const at = sql`${now.toISOString()}::timestamptz`;
  const rules = options.runs.map(
    ({ rule, todoDueInDays }) =>
      sql`(${rule.id}::uuid, ${rule.name}, ${rule.condition}, ${rule.severity},
           ${new Date(now.getTime() - rule.cooldownMinutes * 60_000).toISOString()}::timestamptz,
           ${todoDueInDays !== null}, ${todoDueInDays === null ? null : addDaysSql(options.today, todoDueInDays)}::date)`,
  );
  await tx.execute(sql`insert into alert_eval_rules (rule_id, name, condition, severity, cooldown_start, is_todo, due_date)
    values ${sql.join(rules, sql`, `)}`);
  // Statistics of what was just collected: without them the planner takes each table for empty
  // and walks every open alert of the company to find the few it is given.
  await tx.execute(sql`analyze alert_hits`);
  await tx.execute(sql`analyze alert_eval_rules`);
  // Alerts of plans are only ever evaluated over every plan: never left open for want of an agreement.
  const inEvaluated = options.agreementIds
    ? sql`and (a.subject_type = 'plan' or a.agreement_id in (select unnest(${`{${options.agreementIds.join(",")}}`}::uuid[])))`
    : sql``;
  const byRule = async (query: SQL) =>
    new Map(rowsOf<{ rule_id: string; n: NumericText }>(await tx.execute(query)).map((r) => [r.rule_id, numeric(r.n)]));

  const closed = await byRule(sql`with closed as (
      update alerts a set status = 'closed', closed_at = ${at}, close_reason = 'cleared', updated_at = ${at}
      where a.tenant_id = ${tenantId} and a.rule_id in (select rule_id from alert_eval_rules) and a.closed_at is null ${inEvaluated}
        and (not exists (select 1 from alert_hits h where h.rule_id = a.rule_id and h.dedupe_key = a.dedupe_key)
             -- A rule edited to another condition: its alerts were about something else.
             or a.condition <> (select r.condition from alert_eval_rules r where r.rule_id = a.rule_id))
      returning a.id, a.rule_id, a.supplier_id, a.value
    ), events as (
      insert into alert_events (tenant_id, alert_id, supplier_id, kind, detail, at)
      select ${tenantId}, id, supplier_id, 'cleared', jsonb_build_object('value', value), ${at} from closed
    )
    select rule_id, count(*) as n from closed group by rule_id`);

  const kept = await byRule(sql`with kept as (
      update alerts a set value = h.value, limit_value = h.limit_value, last_seen_at = ${at}, rule_name = r.name, severity = r.severity
      from alert_hits h join alert_eval_rules r on r.rule_id = h.rule_id
      where a.tenant_id = ${tenantId} and a.rule_id = h.rule_id and a.closed_at is null and a.dedupe_key = h.dedupe_key
        and a.condition = r.condition
      returning a.rule_id
    ) select rule_id, count(*) as n from kept group by rule_id`);

  const reopened = await byRule(sql`with latest as (
      select distinct on (a.rule_id, a.dedupe_key) a.id, a.close_reason, a.closed_at, r.cooldown_start
      from alerts a
      join alert_hits h on h.rule_id = a.rule_id and h.dedupe_key = a.dedupe_key
      join alert_eval_rules r on r.rule_id = a.rule_id
      where a.tenant_id = ${tenantId} and a.closed_at is not null and a.condition = r.condition
        and not exists (select 1 from alerts o where o.tenant_id = a.tenant_id and o.rule_id = a.rule_id
                        and o.dedupe_key = a.dedupe_key and o.closed_at is null)
      order by a.rule_id, a.dedupe_key, a.closed_at desc
    ), reopened as (
      update alerts a set status = 'open', closed_at = null, close_reason = null, value = h.value,
             limit_value = h.limit_value, last_seen_at = ${at}, updated_at = ${at}, rule_name = r.name, severity = r.severity
      from latest l, alert_hits h, alert_eval_rules r
      where a.tenant_id = ${tenantId} and a.id = l.id and h.rule_id = a.rule_id and h.dedupe_key = a.dedupe_key
        and r.rule_id = a.rule_id and l.close_reason = 'cleared' and l.closed_at > l.cooldown_start
      returning a.id, a.rule_id, a.supplier_id, a.value
    ), events as (
      insert into alert_events (tenant_id, alert_id, supplier_id, kind, detail, at)
      select ${tenantId}, id, supplier_id, 'reopened', jsonb_build_object('value', value), ${at} from reopened
    )
    select rule_id, count(*) as n from reopened group by rule_id`);

  const opened = rowsOf<{ id: string; rule_id: string }>(
    await tx.execute(sql`with opened as (
      insert into alerts (tenant_id, rule_id, rule_name, condition, severity, dedupe_key, supplier_id, agreement_id,
                          subject_type, subject_id, value, limit_value, is_todo, due_date, opened_at, last_seen_at, updated_at)
      select ${tenantId}, r.rule_id, r.name, r.condition, r.severity, h.dedupe_key, h.supplier_id, h.agreement_id,
             h.subject_type, h.subject_id, h.value, h.limit_value, r.is_todo, r.due_date, ${at}, ${at}, ${at}
      from alert_hits h join alert_eval_rules r on r.rule_id = h.rule_id
      where not exists (
        select 1 from alerts a where a.tenant_id = ${tenantId} and a.rule_id = h.rule_id and a.dedupe_key = h.dedupe_key
          and a.condition = r.condition and (a.closed_at is null or a.closed_at > r.cooldown_start))
      order by h.rule_id, h.dedupe_key
      on conflict do nothing
      returning id, rule_id, supplier_id, value
    ), events as (
      insert into alert_events (tenant_id, alert_id, supplier_id, kind, detail, at)
      select ${tenantId}, id, supplier_id, 'opened', jsonb_build_object('value', value), ${at} from opened
    )
    select id, rule_id from opened`),
  );

  const counts = new Map<string, HitCounts>();
  for (const { rule } of options.runs) {
    counts.set(rule.id, {
      opened: opened.filter((o) => o.rule_id === rule.id).length,
      reopened: reopened.get(rule.id) ?? 0,
      kept: kept.get(rule.id) ?? 0,
      closed: closed.get(rule.id) ?? 0,
    });
  }
  return { counts, openedIds: opened.map((o) => o.id) };
}

/** A day `days` after `day` (YYYY-MM-DD), as text for a date parameter. */
function addDaysSql(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function countOf(tx: Tx, query: SQL): Promise<number> {
  const [row] = rowsOf<{ n: NumericText }>(await tx.execute(query));
  return row ? numeric(row.n) : 0;
}

/** Tells the recipients of the alerts just opened (notify_opened_alerts, in this transaction). */
export async function notifyOpened(tx: Tx, alertIds: readonly string[]): Promise<number> {
  if (alertIds.length === 0) return 0;
  const [row] = rowsOf<{ count: NumericText }>(
    await tx.execute(sql`select notify_opened_alerts(${`{${alertIds.join(",")}}`}::uuid[]) as count`),
  );
  return row ? numeric(row.count) : 0;
}

export interface EvaluationRecord {
  tenantId: string;
  ruleId: string;
  trigger: string;
  agreements: number | null;
  startedAt: Date;
  durationMs: number;
  counts: HitCounts & { matched: number };
}

/** Records each rule's run of an evaluation (one statement for all of them). */
export async function recordEvaluations(tx: Tx, records: readonly EvaluationRecord[]): Promise<void> {
  if (records.length === 0) return;
  const values = records.map(
    (
      r,
    ) => sql`(${r.tenantId}::uuid, ${r.ruleId}::uuid, ${r.trigger}, ${r.agreements}::int, ${r.startedAt.toISOString()}::timestamptz,
            ${r.durationMs}::float8, ${r.counts.matched}::int, ${r.counts.opened}::int, ${r.counts.reopened}::int,
            ${r.counts.kept}::int, ${r.counts.closed}::int)`,
  );
  await tx.execute(sql`insert into alert_evaluations
    (tenant_id, rule_id, trigger, agreements, started_at, duration_ms, matched, opened, reopened, kept, closed)
    values ${sql.join(values, sql`, `)}`);
}
