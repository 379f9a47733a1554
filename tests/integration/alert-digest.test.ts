import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { withTenant } from "@db/scope";
import { DIGEST_AT, DIGEST_LIST_MAX, digestEventId, sendAlertDigests } from "~/services/alerts/digest.server";
import type { EmailMessage } from "~/services/notifications/email-message.server";
import { relayOnce } from "~/services/notifications/relay.server";
import { addDays, todayIn, zonedInstant } from "~/utils/dates";
import { createAlert, createAlertRule } from "../support/alert-factories";
import {
  createAgreement,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The daily alert digest against a real database: alerts queued by notify_opened_alerts() for a
 * rule that e-mails a digest, then the job at the tenant's 08:00 (Shanghai time here): nothing
 * before it, one e-mail per member after it and never a second, closed alerts and other
 * suppliers' alerts left out, and the e-mail rendered by the relay in the member's language.
 */

const TIME_ZONE = "Asia/Shanghai";
const MINUTE = 60_000;

let handle: DatabaseHandle;
let db: Database;
let tenantId: string;
let slug: string;
const suppliers = { north: randomUUID(), contoso: randomUUID() };
const users = { buyer: randomUUID(), buyerZh: randomUUID(), supplier: randomUUID(), leaver: randomUUID(), manager: randomUUID() };
const emails: Record<keyof typeof users, string> = {
  buyer: `buyer-${randomUUID().slice(0, 8)}@digest.test`,
  buyerZh: `buyer-zh-${randomUUID().slice(0, 8)}@digest.test`,
  supplier: `supplier-${randomUUID().slice(0, 8)}@digest.test`,
  leaver: `leaver-${randomUUID().slice(0, 8)}@digest.test`,
  manager: `manager-${randomUUID().slice(0, 8)}@digest.test`,
};
const alertIds = { critical: "", warning: "", closed: "" };
/** The first 08:00 in Shanghai after the alerts were queued. */
let cutoff: Date;
let day: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  ({ id: tenantId, slug } = await createTenant(db, { slugPrefix: "digest", name: "Digest Manufacturing", timezone: TIME_ZONE }));
  await createSupplier(db, { tenantId, id: suppliers.north, code: "NW", name: "Northwind" });
  await createSupplier(db, { tenantId, id: suppliers.contoso, code: "CT", name: "Contoso" });
  const site = await createLocation(db, { tenantId, code: "SH-01" });
  const terms = { minQty: 10, maxQty: 100, leadTimeDays: 7 };
  const northAgreement = await createAgreement(db, {
    tenantId,
    supplierId: suppliers.north,
    locationId: site,
    item: { sku: "NW-100", name: "Bearing" },
    terms,
  });
  const contosoAgreement = await createAgreement(db, {
    tenantId,
    supplierId: suppliers.contoso,
    locationId: site,
    item: { sku: "CT-200", name: "Shaft" },
    terms,
  });
  for (const [key, id] of Object.entries(users) as [keyof typeof users, string][]) {
    await createUser(db, { id, email: emails[key], name: key, locale: key === "buyerZh" ? "zh-CN" : undefined });
  }
  await createMembership(db, { tenantId, userId: users.buyer, role: "buyer" });
  await createMembership(db, { tenantId, userId: users.buyerZh, role: "buyer" });
  await createMembership(db, { tenantId, userId: users.leaver, role: "buyer" });
  await createMembership(db, { tenantId, userId: users.manager, role: "manager" });
  await createMembership(db, { tenantId, userId: users.supplier, role: "supplier", supplierId: suppliers.north });

  const ruleId = await createAlertRule(db, {
    tenantId,
    name: "Stock below safety stock",
    condition: { kind: "below_safety_stock", percent: 110 },
    recipients: { roles: ["buyer", "supplier"], userIds: [] },
    channels: { inApp: false, email: "digest" },
  });
  const alert = (supplierId: string, agreementId: string, severity: "critical" | "warning" | "info", value: number) =>
    createAlert(db, {
      tenantId,
      supplierId,
      agreementId,
      ruleId,
      ruleName: "Stock below safety stock",
      condition: "below_safety_stock",
      severity,
      value,
      limitValue: 110,
      subjectId: randomUUID(),
    });
  alertIds.warning = await alert(suppliers.contoso, contosoAgreement.id, "warning", 90);
  alertIds.critical = await alert(suppliers.north, northAgreement.id, "critical", 20);
  alertIds.closed = await alert(suppliers.north, northAgreement.id, "info", 105);

  const queuedAt = new Date();
  await withTenant(db, { tenantId, supplierId: null, userId: null }, (tx) =>
    tx.execute(sql`select notify_opened_alerts(${`{${Object.values(alertIds).join(",")}}`}::uuid[])`),
  );
  const today = todayIn(TIME_ZONE, queuedAt);
  cutoff = zonedInstant(today, DIGEST_AT, TIME_ZONE);
  if (cutoff.getTime() <= queuedAt.getTime()) cutoff = zonedInstant(addDays(today, 1), DIGEST_AT, TIME_ZONE);
  day = todayIn(TIME_ZONE, cutoff);

  // Closed before the digest goes out; the leaver leaves; the supplier's queue holds another
  // supplier's alert (which notify_opened_alerts never writes: the digest must not trust it).
  await db.execute(sql`update alerts set status = 'closed', closed_at = now(), close_reason = 'cleared'
    where tenant_id = ${tenantId}::uuid and id = ${alertIds.closed}::uuid`);
  await db.execute(sql`update memberships set status = 'deactivated'
    where tenant_id = ${tenantId}::uuid and user_id = ${users.leaver}::uuid`);
  await db.execute(sql`insert into alert_digest_items (tenant_id, user_id, alert_id)
    values (${tenantId}::uuid, ${users.supplier}::uuid, ${alertIds.warning}::uuid)`);
});

afterAll(async () => {
  await handle?.close();
});

interface OutboxRow {
  event_id: string;
  user_id: string;
  recipient: string;
  locale: string;
  kind: string;
  link: string;
  payload: { day: string; count: number; more: number; alerts: { alertId: string; supplierName: string; sku: string }[] };
}

async function digestEmails(): Promise<Record<string, OutboxRow>> {
  const rows = rowsOf<OutboxRow>(
    await db.execute(sql`select event_id, user_id, recipient, locale, kind, link, payload from email_outbox
      where tenant_id = ${tenantId}::uuid and kind = 'alert.digest'`),
  );
  return Object.fromEntries(
    rows.map((r) => [r.user_id, { ...r, payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload }]),
  );
}

async function pendingItems(userId: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*) as n from alert_digest_items
      where tenant_id = ${tenantId}::uuid and user_id = ${userId}::uuid and sent_at is null`),
  );
  return Number(row.n);
}

describe("the daily alert digest", () => {
  it("sends nothing before 08:00 in the tenant's time zone", async () => {
    expect(await sendAlertDigests(db, tenantId, new Date(cutoff.getTime() - MINUTE))).toBe(0);
    expect(await digestEmails()).toEqual({});
    expect(await pendingItems(users.buyer)).toBe(3);
  });

  it("after 08:00 writes one e-mail per active member, listing only alerts still open, most urgent first", async () => {
    expect(await sendAlertDigests(db, tenantId, new Date(cutoff.getTime() + MINUTE))).toBe(3);
    const sent = await digestEmails();
    expect(Object.keys(sent).sort()).toEqual([users.buyer, users.buyerZh, users.supplier].sort());

    const buyer = sent[users.buyer];
    expect(buyer).toMatchObject({
      event_id: digestEventId(tenantId, users.buyer, day),
      recipient: emails.buyer,
      locale: "en",
      kind: "alert.digest",
      link: "alerts",
    });
    expect(buyer.payload).toMatchObject({ day, count: 2, more: 0 });
    expect(buyer.payload.alerts.map((a) => a.alertId)).toEqual([alertIds.critical, alertIds.warning]);
    expect(buyer.payload.alerts[0]).toEqual({
      alertId: alertIds.critical,
      ruleName: "Stock below safety stock",
      condition: "below_safety_stock",
      severity: "critical",
      value: 20,
      limit: 110,
      sku: "NW-100",
      itemName: "Bearing",
      siteCode: "SH-01",
      supplierName: "Northwind",
      planNumber: null,
      asnNumber: null,
    });
    expect(sent[users.buyerZh].locale).toBe("zh-CN");

    // The supplier's member: its own supplier's alert only, though the queue held another's.
    expect(sent[users.supplier].payload.alerts.map((a) => a.alertId)).toEqual([alertIds.critical]);
    expect(sent[users.supplier].payload.count).toBe(1);

    // Every queue was dealt with, the leaver's too (without an e-mail).
    for (const user of [users.buyer, users.buyerZh, users.supplier, users.leaver]) expect(await pendingItems(user)).toBe(0);
  });

  it("does not send the day's digest twice", async () => {
    const before = await digestEmails();
    expect(await sendAlertDigests(db, tenantId, new Date(cutoff.getTime() + 6 * MINUTE))).toBe(0);
    expect(await sendAlertDigests(db, tenantId, new Date(cutoff.getTime() + 60 * MINUTE))).toBe(0);
    expect(await digestEmails()).toEqual(before);
  });

  it("keeps an alert queued before 08:00 but committed after the day's digest for the next day's", async () => {
    await db.execute(sql`insert into alert_digest_items (tenant_id, user_id, alert_id, created_at)
      values (${tenantId}::uuid, ${users.manager}::uuid, ${alertIds.critical}::uuid, ${new Date(cutoff.getTime() - MINUTE).toISOString()}::timestamptz)`);
    // The manager's digest of the day exists already (a run that saw an earlier item).
    await db.execute(sql`insert into email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
      values (${tenantId}::uuid, ${digestEventId(tenantId, users.manager, day)}::uuid, ${users.manager}::uuid,
              ${emails.manager}, 'en', 'alert.digest', '{}'::jsonb, 'alerts')`);
    expect(await sendAlertDigests(db, tenantId, new Date(cutoff.getTime() + 10 * MINUTE))).toBe(0);
    expect(await pendingItems(users.manager)).toBe(1);

    const nextDay = new Date(cutoff.getTime() + 24 * 60 * MINUTE + MINUTE);
    expect(await sendAlertDigests(db, tenantId, nextDay)).toBe(1);
    expect(await pendingItems(users.manager)).toBe(0);
    const next = rowsOf<{ payload: unknown }>(
      await db.execute(sql`select payload from email_outbox
        where event_id = ${digestEventId(tenantId, users.manager, todayIn(TIME_ZONE, nextDay))}::uuid`),
    );
    expect(next).toHaveLength(1);
  });

  it("lists fifty alerts and counts the rest", async () => {
    const many = await createUser(db, { label: "many", domain: "digest.test" });
    await createMembership(db, { tenantId, userId: many, role: "manager" });
    const extra = DIGEST_LIST_MAX + 3;
    for (let i = 0; i < extra; i += 1) {
      const id = await createAlert(db, { tenantId, supplierId: suppliers.north, severity: "warning", value: i, limitValue: 0 });
      await db.execute(sql`insert into alert_digest_items (tenant_id, user_id, alert_id, created_at)
        values (${tenantId}::uuid, ${many}::uuid, ${id}::uuid, ${new Date(cutoff.getTime() - MINUTE).toISOString()}::timestamptz)`);
    }
    expect(await sendAlertDigests(db, tenantId, new Date(cutoff.getTime() + 30 * MINUTE))).toBe(1);
    const payload = (await digestEmails())[many].payload;
    expect(payload.count).toBe(extra);
    expect(payload.alerts).toHaveLength(DIGEST_LIST_MAX);
    expect(payload.more).toBe(3);
  });

  it("is rendered by the relay in the member's language, with a link to the alerts", async () => {
    const seen: EmailMessage[] = [];
    const transport = { name: "recording", deliver: async (message: EmailMessage) => void seen.push(message) };
    for (let round = 0; round < 5; round += 1) {
      const result = await relayOnce(db, {
        transport,
        appUrl: "https://vmi.example.com",
        from: "VMI <no-reply@vmi.example.com>",
        tenantIds: [tenantId],
      });
      if (result.claimed === 0) break;
    }
    const zh = seen.find((m) => m.to === emails.buyerZh);
    expect(zh?.language).toBe("zh-CN");
    expect(zh?.subject).toMatch(/^\[Digest Manufacturing\] .*预警摘要：2 条未关闭预警$/);
    expect(zh?.text).toContain("严重 · Stock below safety stock · NW-100 @ SH-01 · Northwind：现有库存 20，低于 110");
    expect(zh?.text).toContain("警告 · Stock below safety stock · CT-200 @ SH-01 · Contoso：");
    expect(zh?.text).toContain(`https://vmi.example.com/t/${slug}/alerts`);
    const en = seen.find((m) => m.to === emails.supplier);
    expect(en?.subject).toMatch(/Alert digest of .*: 1 open alert$/);
    expect(en?.text).toContain("Critical · Stock below safety stock · NW-100 @ SH-01 · Northwind: On hand 20, below 110");
    expect(en?.text).not.toContain("Contoso");
  });
});
