import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { planAgreementIds } from "~/models/plans/read.server";
import { evaluateAfterWrite } from "~/services/alerts/evaluate.server";

/**
 * The alerts follow a plan at once (submitted, withdrawn, sent back, revised or decided): the
 * conditions of plans are evaluated again, so that a plan decided leaves "waiting for a decision"
 * at once, and so are those of its agreements, whose approved lines are now stock on its way (a
 * projected stockout they cover closes). After the plan's own transaction has committed; a
 * failure is logged, not thrown.
 */
export async function alertsFollowPlan(db: Database, scope: TenantScope, planId: string): Promise<void> {
  const agreementIds = await withTenant(db, scope, (tx) => planAgreementIds(tx, scope, planId));
  await evaluateAfterWrite(db, scope.tenantId, agreementIds, "plan", { plans: true });
}
