import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRecord,
} from "~/models/notifications.server";
import { isInboxLink } from "~/utils/notification-text";

export type { NotificationRecord };

export const INBOX_PAGE_SIZE = 50;

/** No such notification among the user's own in this tenant (also: somebody else's). */
export class NotificationNotFoundError extends Error {
  readonly status = 404;
  constructor() {
    super("notification not found");
    this.name = "NotificationNotFoundError";
  }
}

export interface Inbox {
  rows: NotificationRecord[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export async function getInbox(db: Database, scope: TenantScope, page: number): Promise<Inbox> {
  return withTenant(db, scope, async (tx) => {
    const { rows, total } = await listNotifications(tx, scope, { page, pageSize: INBOX_PAGE_SIZE });
    return { rows, total, unread: await countUnread(tx, scope), page, pageSize: INBOX_PAGE_SIZE };
  });
}

/**
 * Opens one notification: marks it read and returns the path below /t/:tenant it points to. A
 * stored link that is not a plain relative path (it never should be) opens the inbox instead, so
 * that a notification can never send the user off the site.
 *
 * @throws NotificationNotFoundError for an unknown id or another user's notification
 */
export async function openNotification(db: Database, scope: TenantScope, id: string): Promise<{ link: string }> {
  const found = await withTenant(db, scope, (tx) => markNotificationRead(tx, scope, id));
  if (!found) throw new NotificationNotFoundError();
  return { link: isInboxLink(found.link) ? found.link : "inbox" };
}

/** @throws NotificationNotFoundError for an unknown id or another user's notification */
export async function markRead(db: Database, scope: TenantScope, id: string): Promise<void> {
  const found = await withTenant(db, scope, (tx) => markNotificationRead(tx, scope, id));
  if (!found) throw new NotificationNotFoundError();
}

export async function markAllRead(db: Database, scope: TenantScope): Promise<number> {
  return withTenant(db, scope, (tx) => markAllNotificationsRead(tx, scope));
}
