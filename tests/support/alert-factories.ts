import type { Database } from "@db/client";
import * as schema from "@db/schema";
import { type AlertRule, alertRuleSchema } from "~/services/alerts/rule-schema";

/**
 * Alert rules and alerts for tests, written by the owner outside any tenant scope like the other
 * factories. A rule is checked by the one rule schema first, so a test cannot store a rule the
 * pages would refuse. Defaults: a critical rule watching projected stockouts within lead time,
 * told to buyers in the app only, with no cool-down.
 */

export const BASE_RULE: AlertRule = {
  name: "Rule",
  condition: { kind: "projected_stockout", horizon: "lead_time" },
  scope: { cells: [], supplierIds: [], siteIds: [] },
  severity: "critical",
  recipients: { roles: ["buyer"], userIds: [] },
  channels: { inApp: true, email: "none" },
  todo: null,
  cooldownMinutes: 0,
  enabled: true,
};

export async function createAlertRule(
  db: Database,
  spec: { tenantId: string; defaultKey?: string } & Partial<AlertRule>,
): Promise<string> {
  const { tenantId, defaultKey, ...given } = spec;
  const rule = alertRuleSchema.parse({ ...BASE_RULE, name: `Rule ${crypto.randomUUID().slice(0, 8)}`, ...given });
  const [row] = await db
    .insert(schema.alertRules)
    .values({
      tenantId,
      name: rule.name,
      condition: rule.condition.kind,
      severity: rule.severity,
      definition: {
        condition: rule.condition,
        scope: rule.scope,
        recipients: rule.recipients,
        channels: rule.channels,
        todo: rule.todo,
      },
      cooldownMinutes: rule.cooldownMinutes,
      enabled: rule.enabled,
      defaultKey: defaultKey ?? null,
    })
    .returning({ id: schema.alertRules.id });
  return row.id;
}

export type AlertSpec = Pick<typeof schema.alerts.$inferInsert, "tenantId" | "supplierId"> &
  Partial<Omit<typeof schema.alerts.$inferInsert, "tenantId" | "supplierId">>;

/** An open alert on an agreement (or the subject given), with an "opened" event. */
export async function createAlert(db: Database, spec: AlertSpec): Promise<string> {
  const subjectId = spec.subjectId ?? spec.agreementId ?? crypto.randomUUID();
  const [row] = await db
    .insert(schema.alerts)
    .values({
      ruleName: "Rule",
      condition: "projected_stockout",
      severity: "critical",
      dedupeKey: `agreement:${subjectId}`,
      subjectType: "agreement",
      subjectId,
      ...spec,
    })
    .returning({ id: schema.alerts.id });
  await db
    .insert(schema.alertEvents)
    .values({ tenantId: spec.tenantId, alertId: row.id, supplierId: spec.supplierId, kind: "opened" });
  return row.id;
}
