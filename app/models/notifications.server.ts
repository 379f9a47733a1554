import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { notifications, type NotificationKind } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";

export type { NotificationKind };

export interface NotificationRecord {
  id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  /** Path below /t/:tenant. */
  link: string;
  /** ISO 8601; null while unread. */
  readAt: string | null;
  createdAt: string;
}

/**
 * The signed-in user's own rows in the tenant. RLS (notifications_own) says the same; the explicit
 * filter keeps a query correct even where RLS is bypassed (tests, the owner role).
 */
function ownRows(scope: TenantScope) {
  if (!scope.userId) throw new Error("notifications need a signed-in user in the scope");
  return and(eq(notifications.tenantId, scope.tenantId), eq(notifications.userId, scope.userId));
}

const toIso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A page of the user's notifications, newest first, and how many there are in all. */
export async function listNotifications(
  tx: Tx,
  scope: TenantScope,
  options: { page: number; pageSize: number },
): Promise<{ rows: NotificationRecord[]; total: number }> {
  const page = Math.max(1, Math.floor(options.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(options.pageSize)));
  const rows = await tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      payload: notifications.payload,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(ownRows(scope))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ total }] = await tx.select({ total: count() }).from(notifications).where(ownRows(scope));
  return {
    rows: rows.map((r) => ({ ...r, payload: r.payload ?? {}, readAt: toIso(r.readAt), createdAt: toIso(r.createdAt)! })),
    total,
  };
}

export async function countUnread(tx: Tx, scope: TenantScope): Promise<number> {
  const [{ unread }] = await tx
    .select({ unread: count() })
    .from(notifications)
    .where(and(ownRows(scope), isNull(notifications.readAt)));
  return unread;
}

/**
 * Marks one of the user's notifications read (an already read one keeps its first read time) and
 * returns its link; null when the id is not one of the user's notifications in this tenant.
 */
export async function markNotificationRead(tx: Tx, scope: TenantScope, id: string): Promise<{ link: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(ownRows(scope), eq(notifications.id, id)))
    .returning({ link: notifications.link });
  return row ?? null;
}

/** Marks every unread notification of the user in the tenant read; returns how many. */
export async function markAllNotificationsRead(tx: Tx, scope: TenantScope): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(ownRows(scope), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
