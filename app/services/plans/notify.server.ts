import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import { notify, type NotificationKind } from "~/services/notifications/enqueue.server";

/**
 * Tells the people concerned about a plan event, in the event's transaction: buyers when a plan is
 * submitted, the manager when the second step is reached, the supplier's members when it is
 * decided or sent back. The event's timeline id makes a retry notify nobody twice.
 */
export async function notifyPlanEvent(
  tx: Tx,
  scope: TenantScope,
  p: {
    eventId: string;
    kind: NotificationKind;
    plan: { id: string; supplierId: string; number: string | null };
    status: string;
    decisionCode?: string | null;
    comment?: string | null;
    roles: readonly ("manager" | "buyer" | "supplier")[];
  },
): Promise<number> {
  const [supplier] = rowsOf<{ name: string }>(
    await tx.execute(
      sql`select name from suppliers where tenant_id = ${scope.tenantId}::uuid and id = ${p.plan.supplierId}::uuid`,
    ),
  );
  return notify(tx, {
    eventId: p.eventId,
    kind: p.kind,
    link: `plans/${p.plan.id}`,
    payload: {
      number: p.plan.number,
      supplierName: supplier?.name ?? null,
      status: p.status,
      ...(p.decisionCode ? { decisionCode: p.decisionCode } : {}),
      ...(p.comment ? { comment: p.comment.slice(0, 300) } : {}),
    },
    roles: p.roles,
    supplierId: p.roles.includes("supplier") ? p.plan.supplierId : null,
  });
}
