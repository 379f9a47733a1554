import { sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { rowsOf } from "@db/rows";

/**
 * The e-mail outbox as the relay sees it: every tenant's rows at once. These queries take the
 * owner's `Database` handle, not a tenant transaction: the app role has no grant on email_outbox,
 * and the relay must see every tenant's due rows (see docs/decisions/012-notifications-and-outbox.md).
 */

export interface ClaimedEmail {
  id: string;
  eventId: string;
  recipient: string;
  locale: string;
  kind: string;
  payload: Record<string, unknown>;
  link: string;
  /** Including this attempt. */
  attempts: number;
  /** Null for an e-mail about a login rather than a company (a password reset). */
  tenantSlug: string | null;
  tenantName: string | null;
}

/**
 * Claims up to `limit` due e-mails (a company's, and those about a login with no company: a
 * password reset) (pending, not before now) and leases them for `leaseMs`: one
 * statement, so one short transaction that commits before anything is delivered. Rows another
 * relay is claiming at this moment are skipped, not waited for; a lease that runs out (the relay
 * died) makes the row due again, and the next relay delivers it again (at least once).
 */
export async function claimDueEmails(
  db: Database,
  options: { limit: number; leaseMs: number; tenantIds?: readonly string[] },
): Promise<ClaimedEmail[]> {
  if (options.tenantIds && options.tenantIds.length === 0) return [];
  const tenants = options.tenantIds
    ? sql`and tenant_id in (${sql.join(
        options.tenantIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  // An update with a locking CTE and a second table in its FROM: beyond the query builder, so the
  // returned row is declared here (every column comes back as text, an int4 or jsonb).
  const rows = rowsOf<Omit<ClaimedEmail, "payload"> & { payload: unknown }>(
    await db.execute(sql`
      with due as (
        select id from email_outbox
        where status = 'pending' and next_attempt_at <= now() ${tenants}
        order by next_attempt_at, id
        limit ${Math.max(1, Math.floor(options.limit))}::int
        for update skip locked
      )
      update email_outbox o
      set next_attempt_at = now() + ${Math.max(0, Math.round(options.leaseMs))}::int * interval '1 millisecond',
          attempts = o.attempts + 1
      from due
      where o.id = due.id
      returning o.id, o.event_id as "eventId", o.recipient, o.locale, o.kind, o.payload, o.link, o.attempts,
                (select t.slug from tenants t where t.id = o.tenant_id) as "tenantSlug",
                (select t.name from tenants t where t.id = o.tenant_id) as "tenantName"`),
  );
  return rows.map((row) => ({ ...row, payload: parsePayload(row.payload) }));
}

/** postgres.js returns jsonb parsed, PGlite too; a string (driver setting) is parsed here. */
function parsePayload(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return parsePayload(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Delivered: never sent again. A row already marked (by a relay whose lease ran out) stays as it is. */
export async function markEmailSent(db: Database, id: string): Promise<void> {
  await db.execute(sql`
    update email_outbox set status = 'sent', sent_at = now(), last_error = null
    where id = ${id}::uuid and status = 'pending'`);
}

/**
 * Not delivered: due again after `retryInMs`, or given up (`final`). Only the claim that made this
 * attempt may record its failure: once another relay has claimed the row again, this is a no-op.
 */
export async function markEmailFailed(
  db: Database,
  id: string,
  attempt: { attempts: number; error: string; retryInMs: number; final: boolean },
): Promise<void> {
  await db.execute(sql`
    update email_outbox
    set status = ${attempt.final ? "failed" : "pending"},
        next_attempt_at = now() + ${Math.max(0, Math.round(attempt.retryInMs))}::int * interval '1 millisecond',
        last_error = ${attempt.error.slice(0, 2000)}
    where id = ${id}::uuid and status = 'pending' and attempts = ${attempt.attempts}::int`);
}
