import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import { notify, type ShipmentNotificationKind } from "~/services/notifications/enqueue.server";

/**
 * Who hears of what happens to a shipping notice, in the transaction that makes it happen: the
 * company's buyers when a supplier records, corrects or cancels one; the supplier's people when
 * it is received; both when it is overdue. The link opens the notice (any line's address does).
 */

const AUDIENCE = {
  "shipment.recorded": ["buyer"],
  "shipment.corrected": ["buyer"],
  "shipment.cancelled": ["buyer"],
  "shipment.received": ["supplier"],
  "shipment.overdue": ["buyer", "supplier"],
} as const satisfies Record<ShipmentNotificationKind, readonly ("buyer" | "supplier")[]>;

export interface NoticeEvent {
  kind: ShipmentNotificationKind;
  supplierId: string;
  asnNumber: string;
  /** A line of the notice, whose page the notification opens. */
  shipmentId: string;
  planNumber?: string | null;
  lines?: number;
  /** The (earliest) expected arrival the notice states. */
  expectedArrival?: string | null;
  /** The event's id; a new one when absent. The same id again notifies nobody twice. */
  eventId?: string;
}

/**
 * The id of "the notice was received on that day": the same for every line of it received that
 * day, by the page or by an import, so that its supplier hears of the day's receipts once.
 */
export function receivedEventId(tenantId: string, supplierId: string, asnNumber: string, day: string): string {
  const hex = createHash("sha256").update(`${tenantId}\n${supplierId}\n${asnNumber}\nreceived\n${day}`).digest("hex");
  // Shaped as a version 8 (custom) UUID, as the event id column wants one.
  // The variant nibble is 10xx: one of 8, 9, a, b, by the low two bits of the hash's own nibble.
  const variant = "89ab"["0123456789abcdef".indexOf(hex[16]) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Notifies the notice's audience; returns how many were told. */
export async function notifyNotice(tx: Tx, scope: TenantScope, event: NoticeEvent): Promise<number> {
  const [supplier] = rowsOf<{ name: string }>(
    await tx.execute(
      sql`select name from suppliers where tenant_id = ${scope.tenantId}::uuid and id = ${event.supplierId}::uuid`,
    ),
  );
  const roles = AUDIENCE[event.kind];
  return notify(tx, {
    eventId: event.eventId ?? randomUUID(),
    kind: event.kind,
    link: `shipments/${event.shipmentId}`,
    payload: {
      asnNumber: event.asnNumber,
      supplierName: supplier?.name ?? null,
      ...(event.planNumber ? { number: event.planNumber } : {}),
      ...(event.lines ? { lines: event.lines } : {}),
      ...(event.expectedArrival ? { expectedArrival: event.expectedArrival } : {}),
    },
    roles,
    supplierId: (roles as readonly string[]).includes("supplier") ? event.supplierId : null,
  });
}
