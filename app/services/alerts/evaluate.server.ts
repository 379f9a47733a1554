import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import type { AlertConditionKind } from "@db/schema";
import { conditionHitsSql } from "~/models/alert-conditions.server";
import {
  applyHits,
  buildAgreementState,
  collectHits,
  enabledRules,
  lockTenantAlerts,
  notifyOpened,
  recordEvaluations,
  type StoredRule,
} from "~/models/alert-evaluation.server";
import { getMetricsTenant, listTenantsAsOwner } from "~/models/metrics.server";
import { todayIn } from "~/utils/dates";
import { describeError, getLogger } from "~/utils/logger.server";
import {
  type AlertRuleDefinition,
  channelsSchema,
  conditionSchema,
  recipientsSchema,
  scopeSchema,
  todoSchema,
} from "./rule-schema";

/**
 * Evaluates a company's alert rules: each enabled rule's condition, compiled to one set-based
 * statement, over the agreements in scope, in one transaction under the company's alert lock.
 * The agreements' state (stock position, projection, stockout, cover, drift) is built once, as the
 * inventory list computes it, and every rule reads it. Idempotent: evaluating twice with nothing
 * changed opens and closes nothing (see applyHits). Each rule's run is recorded in
 * alert_evaluations. Runs on no one's behalf (the buyer's side, no user), like the recompute.
 */

export interface EvaluateOptions {
  /** Why it runs: "schedule", "import", "recompute", "rule-change", "bench"… (recorded). */
  trigger: string;
  now?: Date;
  /**
   * Only these agreements (after an import or a recompute of them): alerts of other agreements
   * are left as they are, and conditions of plans wait for the next whole evaluation. Null or
   * absent: all of them.
   */
  agreementIds?: readonly string[] | null;
  /**
   * With `agreementIds`, also evaluate the conditions of plans, over every plan (after a plan was
   * submitted or decided: its waiting time restarts or ends, and its approved lines change what
   * its agreements expect to receive).
   */
  plans?: boolean;
  /** Only these rules (after one was created or edited). */
  ruleIds?: readonly string[] | null;
  /** Wait for another evaluation of the company to finish (default) or skip it. */
  wait?: boolean;
}

export interface RuleEvaluation {
  ruleId: string;
  name: string;
  condition: AlertConditionKind;
  /** Finding the rule's hits. */
  durationMs: number;
  matched: number;
  opened: number;
  reopened: number;
  kept: number;
  closed: number;
}

export interface AlertEvaluation {
  tenantId: string;
  skipped: "already-running" | null;
  /** Agreements in the state the rules read, and the time to build it. */
  agreements: number;
  stateMs: number;
  /** Writing every rule's alerts (after each rule's hits were found: RuleEvaluation.durationMs). */
  applyMs: number;
  rules: RuleEvaluation[];
  durationMs: number;
}

/** A rule as stored, with its definition read by the rule schema's parts; null when it no longer reads. */
function readDefinition(rule: StoredRule): AlertRuleDefinition | null {
  if (typeof rule.definition !== "object" || rule.definition === null) return null;
  const d = rule.definition;
  const recipients = recipientsSchema.safeParse(d.recipients);
  if (!recipients.success) return null;
  const condition = conditionSchema.safeParse(d.condition);
  const scope = scopeSchema.safeParse(d.scope);
  const channels = channelsSchema.safeParse(d.channels);
  const todo = todoSchema.nullable().safeParse(d.todo ?? null);
  if (!condition.success || !scope.success || !channels.success || !todo.success) return null;
  if (condition.data.kind !== rule.condition) return null;
  return {
    condition: condition.data,
    scope: scope.data,
    channels: channels.data,
    todo: todo.data,
    recipients: recipients.data,
  };
}

export async function evaluateAlerts(db: Database, tenantId: string, options: EvaluateOptions): Promise<AlertEvaluation> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const agreementIds = options.agreementIds ? [...new Set(options.agreementIds)] : null;
  const scope: TenantScope = { tenantId, supplierId: null, userId: null };
  const result: AlertEvaluation = {
    tenantId,
    skipped: null,
    agreements: 0,
    stateMs: 0,
    applyMs: 0,
    rules: [],
    durationMs: 0,
  };
  if (agreementIds?.length === 0) return result;

  await withTenant(db, scope, async (tx) => {
    if (!(await lockTenantAlerts(tx, tenantId, options.wait ?? true))) {
      result.skipped = "already-running";
      return;
    }
    const tenant = await getMetricsTenant(tx, scope);
    const today = todayIn(tenant.timezone, now);
    const rules = (await enabledRules(tx, tenantId, options.ruleIds ?? null))
      .map((rule) => ({ rule, definition: readDefinition(rule) }))
      // A rule whose definition no longer reads (edited by hand in the database) is left alone.
      .filter((r): r is { rule: StoredRule; definition: AlertRuleDefinition } => r.definition !== null)
      // Plans are not about one agreement: they wait for an evaluation of every agreement, or of a plan's.
      .filter((r) => agreementIds === null || options.plans || r.definition.condition.kind !== "plan_waiting");
    if (rules.length === 0) return;

    const stateStarted = performance.now();
    const ruleDays = rules.map(({ definition: { condition } }) =>
      "horizon" in condition && typeof condition.horizon === "number" ? condition.horizon : 0,
    );
    result.agreements = await buildAgreementState(
      tx,
      tenantId,
      {
        today,
        horizonDays: Math.max(tenant.settings.horizonDays, ...ruleDays),
        driftThreshold: tenant.settings.bandDriftThreshold,
      },
      agreementIds,
    );
    result.stateMs = performance.now() - stateStarted;

    // Each rule's hits, timed one by one; then every rule's alerts written together.
    const matched = new Map<string, { matched: number; durationMs: number }>();
    for (const { rule, definition } of rules) {
      const ruleStarted = performance.now();
      const hits = conditionHitsSql(definition.condition, definition.scope, { tenantId, today, now, agreementIds });
      const count = await collectHits(tx, rule.id, hits);
      matched.set(rule.id, { matched: count, durationMs: performance.now() - ruleStarted });
    }
    const applyStarted = performance.now();
    const runs = rules.map(({ rule, definition }) => ({ rule, todoDueInDays: definition.todo?.dueInDays ?? null }));
    const applied = await applyHits(tx, { tenantId, runs, now, today, agreementIds });
    await notifyOpened(tx, applied.openedIds);
    result.applyMs = performance.now() - applyStarted;
    for (const { rule } of rules) {
      const counts = applied.counts.get(rule.id) ?? { opened: 0, reopened: 0, kept: 0, closed: 0 };
      result.rules.push({ ruleId: rule.id, name: rule.name, condition: rule.condition, ...matched.get(rule.id)!, ...counts });
    }
    await recordEvaluations(
      tx,
      result.rules.map((r) => ({
        tenantId,
        ruleId: r.ruleId,
        trigger: options.trigger,
        agreements: agreementIds ? agreementIds.length : null,
        startedAt: now,
        durationMs: r.durationMs,
        counts: { matched: r.matched, opened: r.opened, reopened: r.reopened, kept: r.kept, closed: r.closed },
      })),
    );
  });
  result.durationMs = performance.now() - started;
  return result;
}

/** One line for logs: what an evaluation did. */
export function describeEvaluation(slug: string, e: AlertEvaluation): string {
  if (e.skipped) return `${slug}: alert evaluation skipped (${e.skipped})`;
  const sum = (k: "opened" | "reopened" | "closed") => e.rules.reduce((n, r) => n + r[k], 0);
  return `${slug}: evaluated ${e.rules.length} alert rule(s) over ${e.agreements} agreement(s) in ${Math.round(e.durationMs)} ms: ${sum("opened")} opened, ${sum("reopened")} reopened, ${sum("closed")} closed`;
}

/**
 * The alerts follow a write at once (an import, an API batch, a recompute, a notice, a plan):
 * those of the agreements it touched, or all of them (null), and with `plans` those of plans. The write has committed already, so a failure
 * here is logged, not thrown: the next scheduled evaluation catches up.
 */
export async function evaluateAfterWrite(
  db: Database,
  tenantId: string,
  agreementIds: readonly string[] | null,
  trigger: string,
  options: Pick<EvaluateOptions, "plans"> = {},
): Promise<AlertEvaluation | null> {
  try {
    return await evaluateAlerts(db, tenantId, { trigger, agreementIds, ...options });
  } catch (error) {
    getLogger().error({ tenantId, trigger, err: describeError(error) }, "alert evaluation after a write failed");
    return null;
  }
}

/** Evaluates every company's rules (after the demo's seed or a recompute from the command line). */
export async function evaluateAllTenants(
  db: Database,
  trigger: string,
  onResult?: (slug: string, evaluation: AlertEvaluation) => void,
): Promise<AlertEvaluation[]> {
  const results: AlertEvaluation[] = [];
  for (const tenant of await listTenantsAsOwner(db)) {
    const evaluation = await evaluateAlerts(db, tenant.id, { trigger });
    onResult?.(tenant.slug, evaluation);
    results.push(evaluation);
  }
  return results;
}
