import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { NotificationKind } from "@db/schema";
import { numeric, type NumericText } from "~/models/sql.server";
import type { ShipmentNotificationKind } from "./notification-text";

export type { NotificationKind, ShipmentNotificationKind };

export interface NotificationInput {
  /**
   * The event notified of (a plan event's id, a proposal's id…). One inbox row and one e-mail per
   * recipient and event, however often this is called: retries cannot notify twice.
   */
  eventId: string;
  kind: NotificationKind | ShipmentNotificationKind;
  /** Path below /t/:tenant the notification opens, e.g. `plans/<id>`. */
  link: string;
  /** What the texts need (plan number, supplier name, status…); no secrets, it is e-mailed. */
  payload: Record<string, unknown>;
  /** Who hears of it: members of the tenant holding one of these roles. */
  roles: readonly ("admin" | "manager" | "buyer" | "supplier")[];
  /** With the supplier role: whose members (a supplier's own members only). */
  supplierId?: string | null;
}

/**
 * Notifies the people concerned, inside the caller's transaction (the transactional outbox): the
 * inbox rows and the e-mails exist if and only if the transaction that made the event commits.
 * The actor of the transaction is not notified of its own action. Returns how many were notified.
 */
export async function notify(tx: Tx, input: NotificationInput): Promise<number> {
  const roles = `{${input.roles.join(",")}}`;
  const result = await tx.execute(sql`select enqueue_notification(
    ${input.eventId}::uuid, ${input.kind}, ${input.link}, ${JSON.stringify(input.payload)}::jsonb,
    ${roles}::text[], ${input.supplierId ?? null}::uuid) as count`);
  const [row] = rowsOf<{ count: NumericText }>(result);
  return numeric(row.count);
}
