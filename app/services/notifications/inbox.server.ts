import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { AppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRecord,
} from "~/models/notifications.server";
import { isInboxLink } from "./notification-text";

export type { NotificationRecord };

export const INBOX_PAGE_SIZE = 50;

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
 * @throws AppError not_found for an unknown id or another user's notification (the route's one 404)
 */
export async function openNotification(db: Database, scope: TenantScope, id: string): Promise<{ link: string }> {
  const found = await withTenant(db, scope, (tx) => markNotificationRead(tx, scope, id));
  if (!found) throw AppError.notFound();
  return { link: isInboxLink(found.link) ? found.link : "inbox" };
}

/** @throws AppError not_found for an unknown id or another user's notification */
export async function markRead(db: Database, scope: TenantScope, id: string): Promise<void> {
  const found = await withTenant(db, scope, (tx) => markNotificationRead(tx, scope, id));
  if (!found) throw AppError.notFound();
}

export async function markAllRead(db: Database, scope: TenantScope): Promise<number> {
  return withTenant(db, scope, (tx) => markAllNotificationsRead(tx, scope));
}

/** What the inbox's buttons ask for. */
export type InboxIntent = { intent: "open"; id: string } | { intent: "read"; id: string } | { intent: "read-all" };

/** Where the page goes next: the notification's own page, or back to the inbox with a message. */
export type InboxOutcome = { open: string } | { toast: "notifications.markedOne" | "notifications.markedAll" };

/**
 * One button of the inbox, on the portal's database.
 *
 * @throws AppError not_found for an unknown id or another user's notification
 */
export async function applyInboxIntent(scope: TenantScope, input: InboxIntent): Promise<InboxOutcome> {
  const db = getDb();
  if (input.intent === "open") return { open: (await openNotification(db, scope, input.id)).link };
  if (input.intent === "read") {
    await markRead(db, scope, input.id);
    return { toast: "notifications.markedOne" };
  }
  await markAllRead(db, scope);
  return { toast: "notifications.markedAll" };
}

/** One page of the user's inbox in this tenant, on the portal's database. */
export function loadInbox(scope: TenantScope, page: number): Promise<Inbox> {
  return getInbox(getDb(), scope, page);
}
