import { sql } from "drizzle-orm";
import type { Database, Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import type { Role } from "@db/schema";
import { num, str } from "./sql.server";

/**
 * The daily alert digest's queries. They run as the owner (the scheduler's connection): the app
 * role has no grant on alert_digest_items nor on email_outbox, and the owner bypasses row-level
 * security, so every statement names its tenant (and a supplier's member's supplier) itself.
 */

/** The tenant's time zone; null for a tenant that is gone. */
export async function digestTimeZone(db: Database, tenantId: string): Promise<string | null> {
  const [row] = rowsOf<{ timezone: string }>(await db.execute(sql`select timezone from tenants where id = ${tenantId}::uuid`));
  return row?.timezone ?? null;
}

/** The users with digest items queued before `before` and not yet dealt with. */
export async function pendingDigestUsers(db: Database, tenantId: string, before: Date): Promise<string[]> {
  const rows = rowsOf<{ user_id: string }>(
    await db.execute(sql`
      select distinct user_id from alert_digest_items
      where tenant_id = ${tenantId}::uuid and sent_at is null and created_at < ${before.toISOString()}::timestamptz
      order by user_id`),
  );
  return rows.map((r) => r.user_id);
}

/**
 * The user's pending items queued before `before`, locked for this transaction: a second digest
 * job running at the same moment waits here, then finds them dealt with.
 */
export async function lockPendingDigestItems(tx: Tx, tenantId: string, userId: string, before: Date): Promise<string[]> {
  const rows = rowsOf<{ alert_id: string }>(
    await tx.execute(sql`
      select alert_id from alert_digest_items
      where tenant_id = ${tenantId}::uuid and user_id = ${userId}::uuid and sent_at is null
        and created_at < ${before.toISOString()}::timestamptz
      order by alert_id
      for update`),
  );
  return rows.map((r) => r.alert_id);
}

export interface DigestRecipient {
  email: string;
  locale: string;
  role: Role;
  supplierId: string | null;
}

/** The user as an active member of the tenant (address, language, role and supplier); null otherwise. */
export async function digestRecipient(tx: Tx, tenantId: string, userId: string): Promise<DigestRecipient | null> {
  const [row] = rowsOf<{ email: string; locale: string | null; role: Role; supplier_id: string | null }>(
    await tx.execute(sql`
      select u.email, u.locale, m.role, m.supplier_id
      from memberships m join users u on u.id = m.user_id
      where m.tenant_id = ${tenantId}::uuid and m.user_id = ${userId}::uuid and m.status = 'active'
      limit 1`),
  );
  if (!row) return null;
  return { email: row.email, locale: row.locale ?? "en", role: row.role, supplierId: row.supplier_id };
}

export interface DigestAlert {
  alertId: string;
  ruleName: string;
  condition: string;
  severity: string;
  value: number | null;
  limit: number | null;
  sku: string | null;
  itemName: string | null;
  siteCode: string | null;
  supplierName: string;
  planNumber: string | null;
  asnNumber: string | null;
}

/**
 * Of the given alerts, those still open and not snoozed past `today` (the tenant's day), most
 * urgent first (critical, warning, info; the longest open first). `supplierId` (a supplier's
 * member) keeps its own supplier's only, whatever was queued.
 */
export async function openDigestAlerts(
  tx: Tx,
  tenantId: string,
  alertIds: readonly string[],
  supplierId: string | null,
  today: string,
): Promise<DigestAlert[]> {
  if (alertIds.length === 0) return [];
  const ids = sql.join(
    alertIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const own = supplierId ? sql`and a.supplier_id = ${supplierId}::uuid` : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select a.id, a.rule_name, a.condition, a.severity, a.value, a.limit_value, s.name as supplier_name,
             i.sku, i.name as item_name, l.code as site_code, p.number as plan_number, sh.asn_number
      from alerts a
      join suppliers s on s.tenant_id = a.tenant_id and s.id = a.supplier_id
      left join agreements ag on ag.tenant_id = a.tenant_id and ag.id = a.agreement_id
      left join items i on i.tenant_id = ag.tenant_id and i.id = ag.item_id
      left join locations l on l.tenant_id = ag.tenant_id and l.id = ag.location_id
      left join replenishment_plans p on a.subject_type = 'plan' and p.tenant_id = a.tenant_id and p.id = a.subject_id
      left join shipments sh on a.subject_type = 'shipment' and sh.tenant_id = a.tenant_id and sh.id = a.subject_id
      where a.tenant_id = ${tenantId}::uuid and a.id in (${ids}) ${own}
        and a.closed_at is null and (a.snoozed_until is null or a.snoozed_until <= ${today}::date)
      order by case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end, a.opened_at, a.id`),
  );
  return rows.map((r) => ({
    alertId: String(r.id),
    ruleName: String(r.rule_name),
    condition: String(r.condition),
    severity: String(r.severity),
    value: num(r.value),
    limit: num(r.limit_value),
    sku: str(r.sku),
    itemName: str(r.item_name),
    siteCode: str(r.site_code),
    supplierName: String(r.supplier_name),
    planNumber: str(r.plan_number),
    asnNumber: str(r.asn_number),
  }));
}

/** The digest e-mail; false when the day's e-mail to this address exists already (same event id). */
export async function insertDigestEmail(
  tx: Tx,
  email: {
    tenantId: string;
    eventId: string;
    userId: string;
    recipient: string;
    locale: string;
    payload: Record<string, unknown>;
    link: string;
  },
): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
      values (${email.tenantId}::uuid, ${email.eventId}::uuid, ${email.userId}::uuid, ${email.recipient}, ${email.locale},
              'alert.digest', ${JSON.stringify(email.payload)}::jsonb, ${email.link})
      on conflict (event_id, recipient) do nothing
      returning id`),
  );
  return rows.length > 0;
}

/** The items dealt with: sent in a digest, or left out of it for good (closed, not the member's any more). */
export async function markDigestItemsSent(
  tx: Tx,
  tenantId: string,
  userId: string,
  alertIds: readonly string[],
  at: Date,
): Promise<void> {
  if (alertIds.length === 0) return;
  const ids = sql.join(
    alertIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await tx.execute(sql`
    update alert_digest_items set sent_at = ${at.toISOString()}::timestamptz
    where tenant_id = ${tenantId}::uuid and user_id = ${userId}::uuid and alert_id in (${ids}) and sent_at is null`);
}
