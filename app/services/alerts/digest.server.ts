import { createHash } from "node:crypto";
import type { Database } from "@db/client";
import {
  digestRecipient,
  digestTimeZone,
  insertDigestEmail,
  lockPendingDigestItems,
  markDigestItemsSent,
  openDigestAlerts,
  pendingDigestUsers,
} from "~/models/alert-digest.server";
import { type TimeOfDay, todayIn, zonedInstant } from "~/utils/dates";

/** The digest goes out from this local time on, in each tenant's time zone. */
export const DIGEST_AT: TimeOfDay = { hour: 8, minute: 0 };
/** Alerts listed in one digest e-mail; the rest are counted ("… and 12 more"). */
export const DIGEST_LIST_MAX = 50;

/**
 * The event id of a user's digest of a day: the same for every run on that day, so the outbox's
 * unique (event, recipient) lets no second run send it again. Shaped as a version 8 (custom) UUID.
 */
export function digestEventId(tenantId: string, userId: string, day: string): string {
  const hex = createHash("sha256").update(`${tenantId}\n${userId}\nalert.digest\n${day}`).digest("hex");
  // The variant nibble is 10xx: one of 8, 9, a, b, by the low two bits of the hash's own nibble.
  const variant = "89ab"["0123456789abcdef".indexOf(hex[16]) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The daily digest of the tenant's alerts whose rules e-mail a digest: once the tenant's clock has
 * passed 08:00, each user with alerts queued before that 08:00 gets one e-mail listing those still
 * open (most urgent first, at most fifty, the rest counted), in the user's language, and the queue
 * is marked in the same transaction. A user who is no longer an active member, or none of whose
 * queued alerts is still open, gets nothing and the queue is marked all the same; a supplier's
 * member only ever hears of its own supplier's alerts. When the day's e-mail exists already (an
 * alert queued by a transaction that began before 08:00 and committed after the day's run), the
 * items stay queued for the next day's digest. Runs as the owner (the scheduler). Returns how many
 * e-mails it wrote.
 */
export async function sendAlertDigests(db: Database, tenantId: string, now: Date): Promise<number> {
  const timeZone = await digestTimeZone(db, tenantId);
  if (!timeZone) return 0;
  const today = todayIn(timeZone, now);
  const cutoff = zonedInstant(today, DIGEST_AT, timeZone);
  if (now.getTime() < cutoff.getTime()) return 0;

  let written = 0;
  for (const userId of await pendingDigestUsers(db, tenantId, cutoff)) {
    const sent = await db.transaction(async (tx) => {
      const queued = await lockPendingDigestItems(tx, tenantId, userId, cutoff);
      if (queued.length === 0) return false;
      const recipient = await digestRecipient(tx, tenantId, userId);
      // Defence in depth: a supplier's member is filtered to its supplier here too, whatever the
      // queue holds.
      const supplierId = recipient?.role === "supplier" ? (recipient.supplierId ?? NO_SUPPLIER) : null;
      const open = recipient ? await openDigestAlerts(tx, tenantId, queued, supplierId, today) : [];
      if (!recipient || open.length === 0) {
        await markDigestItemsSent(tx, tenantId, userId, queued, now);
        return false;
      }
      const listed = open.slice(0, DIGEST_LIST_MAX);
      const inserted = await insertDigestEmail(tx, {
        tenantId,
        eventId: digestEventId(tenantId, userId, today),
        userId,
        recipient: recipient.email,
        locale: recipient.locale,
        link: "alerts",
        payload: {
          day: today,
          count: open.length,
          alerts: listed,
          more: open.length - listed.length,
        },
      });
      if (inserted) await markDigestItemsSent(tx, tenantId, userId, queued, now);
      return inserted;
    });
    if (sent) written += 1;
  }
  return written;
}

/** A supplier membership without a supplier (which the schema forbids) sees no supplier's alerts. */
const NO_SUPPLIER = "00000000-0000-0000-0000-000000000000";
