import { sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { auditEvents } from "@db/schema";

/** The audit trail is append-only: the app role may insert and read it, nothing more. */
export interface AuditEntry {
  tenantId?: string | null;
  supplierId?: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export async function recordAudit(tx: Tx, entry: AuditEntry) {
  await tx.insert(auditEvents).values({
    tenantId: entry.tenantId ?? null,
    supplierId: entry.supplierId ?? null,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
    // The clock, not the transaction's start: one transaction may write several entries (a
    // submission, then the system's approval), and the trail must keep their order.
    occurredAt: sql`clock_timestamp()`,
  });
}
