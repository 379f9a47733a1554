import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import type { Role } from "@db/schema";
import { addDays } from "~/utils/dates";

/**
 * Shared test factories: tenants, users, memberships, sessions, suppliers, sites, items and
 * agreements with the daily facts that shape their class and the metrics computed from them,
 * written by the connecting (owner) role outside any tenant scope. The integration tests build
 * their state with them, and the end-to-end preparation adds agreements of a known class to the
 * demo tenant with them. Ids are generated and other fields defaulted unless given, so a test
 * names only the rows and values it asserts about.
 *
 * What a history makes of an agreement once the recompute has run (the tenant's default class
 * settings):
 * - no consumption → class C (zero value) and Z (mean 0): a plan of it goes to a buyer;
 * - the same quantity every day → X; worth more a year than any other item of the tenant
 *   (see `topItemAnnualValue`, `dailyQtyForAnnualValue`) → A, as the top item always is: a plan of
 *   it goes to a buyer, then a manager.
 */

/** A slug, e-mail local part or code unique to this run: tests may share one database. */
export function uniqueSlug(prefix: string) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface UserSpec {
  /** The local part's prefix (made unique) and the default name; "user" unless given. */
  label?: string;
  /** The e-mail domain; "example.test" unless given. */
  domain?: string;
  /** The whole address, for a test that asserts on it; made from label and domain unless given. */
  email?: string;
  name?: string;
  passwordHash?: string;
  /** The saved language; none (follow the browser) unless given. */
  locale?: string;
  id?: string;
}

/** A user, with no membership: see createMembership. */
export async function createUser(db: Database, spec: UserSpec = {}): Promise<string> {
  const id = spec.id ?? randomUUID();
  const label = spec.label ?? "user";
  await db.insert(schema.users).values({
    id,
    email: spec.email ?? `${uniqueSlug(label)}@${spec.domain ?? "example.test"}`,
    name: spec.name ?? label,
    passwordHash: spec.passwordHash ?? "not-a-hash",
    ...(spec.locale ? { locale: spec.locale } : {}),
  });
  return id;
}

/**
 * Users by label, each named after its label with an address made from it (see createUser): the
 * ids given, for a test that names them before the database is there, or new ones for a list.
 */
export async function createUsers<K extends string>(
  db: Database,
  users: Readonly<Record<K, string>> | readonly K[],
  spec: Omit<UserSpec, "label" | "email" | "name" | "id"> = {},
): Promise<Record<K, string>> {
  const ids = (
    Array.isArray(users) ? Object.fromEntries((users as readonly K[]).map((label) => [label, randomUUID()])) : { ...users }
  ) as Record<K, string>;
  for (const label of Object.keys(ids) as K[]) await createUser(db, { ...spec, label, id: ids[label] });
  return ids;
}

export interface TenantSpec {
  /** The slug's prefix, made unique; "tenant" unless given. */
  slugPrefix?: string;
  /** The whole slug, for a test that asserts on it (keep it unique: see uniqueSlug). */
  slug?: string;
  /** "Test tenant" unless given. */
  name?: string;
  /** The schema's defaults unless given. */
  timezone?: string;
  currency?: string;
  /** Raw tenant settings (class thresholds, service levels, policy…); the defaults unless given. */
  settings?: Record<string, unknown>;
  id?: string;
}

export async function createTenant(db: Database, spec: TenantSpec = {}): Promise<{ id: string; slug: string }> {
  const id = spec.id ?? randomUUID();
  const slug = spec.slug ?? uniqueSlug(spec.slugPrefix ?? "tenant");
  await db.insert(schema.tenants).values({
    id,
    slug,
    name: spec.name ?? "Test tenant",
    ...(spec.timezone ? { timezone: spec.timezone } : {}),
    ...(spec.currency ? { currency: spec.currency } : {}),
    ...(spec.settings ? { settings: spec.settings } : {}),
  });
  return { id, slug };
}

/** A supplier of the tenant; named after its code unless a name is given. */
export async function createSupplier(
  db: Database,
  spec: { tenantId: string; code: string; name?: string; id?: string },
): Promise<string> {
  const id = spec.id ?? randomUUID();
  await db
    .insert(schema.suppliers)
    .values({ tenantId: spec.tenantId, id, code: spec.code, name: spec.name ?? `Supplier ${spec.code}` });
  return id;
}

/** A site of the tenant; named after its code unless a name is given. */
export async function createLocation(
  db: Database,
  spec: { tenantId: string; code: string; name?: string; id?: string },
): Promise<string> {
  const id = spec.id ?? randomUUID();
  await db
    .insert(schema.locations)
    .values({ tenantId: spec.tenantId, id, code: spec.code, name: spec.name ?? `Site ${spec.code}` });
  return id;
}

export async function createMembership(
  db: Database,
  spec: {
    tenantId: string;
    userId: string;
    role: Role;
    supplierId?: string | null;
    /** A supplier member who administers its own supplier's people; no unless given. */
    supplierAdmin?: boolean;
    /** Active unless given. */
    status?: "active" | "deactivated";
    id?: string;
  },
): Promise<string> {
  const id = spec.id ?? randomUUID();
  await db.insert(schema.memberships).values({
    tenantId: spec.tenantId,
    id,
    userId: spec.userId,
    role: spec.role,
    supplierId: spec.supplierId ?? null,
    supplierAdmin: spec.supplierAdmin ?? false,
    status: spec.status ?? "active",
  });
  return id;
}

export type MembershipSpec = Parameters<typeof createMembership>[1];

/** Several memberships, in the order given; their ids in the same order. */
export async function createMemberships(db: Database, specs: readonly MembershipSpec[]): Promise<string[]> {
  const ids: string[] = [];
  for (const spec of specs) ids.push(await createMembership(db, spec));
  return ids;
}

/**
 * A session of the user, a day long unless told otherwise. The id stands for the hash of the
 * session's token, so a test that never presents the token may choose any unique text.
 */
export async function createSession(db: Database, spec: { userId: string; id?: string; expiresAt?: Date }): Promise<string> {
  const id = spec.id ?? `session-${randomUUID()}`;
  await db
    .insert(schema.sessions)
    .values({ id, userId: spec.userId, expiresAt: spec.expiresAt ?? new Date(Date.now() + 86_400_000) });
  return id;
}

/** An item; unit cost 1 and named after its SKU unless given. */
export interface ItemSpec {
  tenantId: string;
  sku: string;
  unitCost?: number;
  name?: string;
  uom?: string;
  category?: string;
  id?: string;
}

export async function createItem(db: Database, spec: ItemSpec): Promise<string> {
  const id = spec.id ?? randomUUID();
  await db.insert(schema.items).values({
    tenantId: spec.tenantId,
    id,
    sku: spec.sku,
    name: spec.name ?? `Item ${spec.sku}`,
    unitCost: spec.unitCost ?? 1,
    ...(spec.uom ? { uom: spec.uom } : {}),
    ...(spec.category ? { category: spec.category } : {}),
  });
  return id;
}

/** An agreement's terms; the optional ones take the schema's defaults. */
export interface AgreementTerms {
  minQty: number;
  maxQty: number;
  leadTimeDays: number;
  leadTimeSdDays?: number;
  moq?: number;
  packSize?: number;
  reviewPeriodDays?: number;
}

/** The daily facts of one item at one site, `supplierId` null for stock that no supplier manages. */
export interface FactKey {
  tenantId: string;
  itemId: string;
  locationId: string;
  supplierId: string | null;
}

/** One day's facts: closing stock and quantity consumed; either may be left out. */
export interface FactDay {
  day: string;
  onHand?: number;
  consumed?: number;
  /** Goods received without a shipping notice. */
  received?: number;
}

/** Writes daily facts of one item and site (a consumption of 0 writes no row, as no demand). */
export async function insertFacts(db: Database, key: FactKey, days: readonly FactDay[]): Promise<void> {
  const stock = days.filter((d) => d.onHand !== undefined).map((d) => ({ ...key, day: d.day, onHand: d.onHand! }));
  const consumed = days.filter((d) => (d.consumed ?? 0) > 0).map((d) => ({ ...key, day: d.day, qty: d.consumed! }));
  for (let i = 0; i < stock.length; i += 1_000) await db.insert(schema.stockSnapshots).values(stock.slice(i, i + 1_000));
  for (let i = 0; i < consumed.length; i += 1_000) await db.insert(schema.consumption).values(consumed.slice(i, i + 1_000));
  const received = days.filter((d) => (d.received ?? 0) > 0).map((d) => ({ ...key, day: d.day, qty: d.received! }));
  for (let i = 0; i < received.length; i += 1_000) await db.insert(schema.receipts).values(received.slice(i, i + 1_000));
}

/**
 * The `days` days of facts before `today`, oldest first: the same closing stock and consumption
 * every day, or a figure per day (index 0 = the oldest day).
 */
export interface FactHistory {
  /** The tenant's today: the last fact is of the day before. */
  today: string;
  days: number;
  onHand: number | ((index: number) => number);
  /** Left out or 0: no consumption at all. */
  consumed?: number | ((index: number) => number);
}

export function historyDays(history: FactHistory): FactDay[] {
  const value = (figure: number | ((index: number) => number) | undefined, index: number) =>
    typeof figure === "function" ? figure(index) : figure;
  return Array.from({ length: history.days }, (_, index) => ({
    day: addDays(history.today, index - history.days),
    onHand: value(history.onHand, index),
    consumed: value(history.consumed, index) ?? 0,
  }));
}

/** Figures of an `agreement_metrics` row, for tests that store them rather than recompute them. */
export type StoredMetrics = Omit<typeof schema.agreementMetrics.$inferInsert, "tenantId" | "agreementId" | "supplierId">;

/**
 * The figures to store: the day they are as of, and whichever others the test is about. The rest
 * are those of an agreement without demand (class CZ, forecast 0, band 0..0, computed now).
 */
export type MetricsSpec = Partial<StoredMetrics> & Pick<StoredMetrics, "asOf">;

/** An agreement's computed figures: which agreement (and its supplier), and the figures. */
export type MetricsRowSpec = { tenantId: string; agreementId: string; supplierId: string } & MetricsSpec;

/** Stores an agreement's computed figures, as the recompute would have written them. */
export async function createMetrics(db: Database, spec: MetricsRowSpec): Promise<void> {
  await db.insert(schema.agreementMetrics).values({
    annualValue: 0,
    abc: "C",
    abcRank: 1,
    xyz: "Z",
    pattern: "none",
    forecastMethod: "zero",
    forecastWeekly: 0,
    forecastSdWeekly: 0,
    forecastDaily: 0,
    safetyStock: 0,
    recommendedMin: 0,
    recommendedMax: 0,
    eoq: 0,
    computedAt: new Date(),
    ...spec,
  });
}

export interface AgreementSpec {
  tenantId: string;
  supplierId: string;
  locationId: string;
  id?: string;
  /** A new item for the agreement, or the id of an existing one. */
  item: Omit<ItemSpec, "tenantId"> | { itemId: string };
  terms: AgreementTerms;
  /** Active unless given. */
  status?: (typeof schema.agreementStatuses)[number];
  history?: FactHistory;
  /** Daily facts of the agreement's item and site, for a test that needs particular days. */
  facts?: readonly FactDay[];
  metrics?: MetricsSpec;
}

export interface CreatedAgreement {
  id: string;
  itemId: string;
}

/**
 * An agreement (and its item), with the history that shapes its class, the facts and the stored
 * metrics if given.
 */
export async function createAgreement(db: Database, spec: AgreementSpec): Promise<CreatedAgreement> {
  const { tenantId, supplierId, locationId } = spec;
  const itemId = "itemId" in spec.item ? spec.item.itemId : await createItem(db, { tenantId, ...spec.item });
  const id = spec.id ?? randomUUID();
  await db
    .insert(schema.agreements)
    .values({ tenantId, id, supplierId, itemId, locationId, ...spec.terms, ...(spec.status ? { status: spec.status } : {}) });
  const key = { tenantId, itemId, locationId, supplierId };
  if (spec.history) await insertFacts(db, key, historyDays(spec.history));
  if (spec.facts) await insertFacts(db, key, spec.facts);
  if (spec.metrics) await createMetrics(db, { ...spec.metrics, tenantId, agreementId: id, supplierId });
  return { id, itemId };
}

/** A plan line's figures: its tenant, plan, supplier, version (1) and line number are the plan's. */
export type PlanLineSpec = Omit<
  typeof schema.planLines.$inferInsert,
  "tenantId" | "planId" | "supplierId" | "version" | "lineNo" | "id"
>;

/** A plan's row (a draft with no number and a new request id unless given) and its lines. */
export type PlanSpec = Omit<typeof schema.replenishmentPlans.$inferInsert, "requestId"> & {
  requestId?: string;
  lines?: readonly PlanLineSpec[];
};

/**
 * A plan as the plan services or the approval workflow would have left it, for a test about what
 * comes after: its lines at version 1, numbered from 1 in the order given. Returns the plan's id and
 * its lines' ids in line order.
 */
export async function createPlan(db: Database, spec: PlanSpec): Promise<{ id: string; lineIds: string[] }> {
  const { lines = [], ...plan } = spec;
  const id = plan.id ?? randomUUID();
  await db.insert(schema.replenishmentPlans).values({ ...plan, id, requestId: plan.requestId ?? randomUUID() });
  if (lines.length === 0) return { id, lineIds: [] };
  const rows = await db
    .insert(schema.planLines)
    .values(
      lines.map((line, i) => ({
        ...line,
        tenantId: plan.tenantId,
        planId: id,
        supplierId: plan.supplierId,
        version: 1,
        lineNo: i + 1,
      })),
    )
    .returning({ id: schema.planLines.id, lineNo: schema.planLines.lineNo });
  return { id, lineIds: rows.sort((a, b) => a.lineNo - b.lineNo).map((r) => r.id) };
}

/**
 * The highest annual consumption value (the 365 days ending `asOf`, × unit cost) of any item of
 * the tenant, as the recompute ranks items for ABC: an item worth more is the top one, class A.
 */
export async function topItemAnnualValue(db: Database, tenantId: string, asOf: string): Promise<number> {
  const [row] = rowsOf<{ top: number | null }>(
    await db.execute(sql`
      select max(v.value)::float8 as top from (
        select sum(c.qty) * i.unit_cost as value
        from consumption c join items i on i.tenant_id = c.tenant_id and i.id = c.item_id
        where c.tenant_id = ${tenantId} and c.day > ${asOf}::date - 365 and c.day <= ${asOf}::date
        group by i.id, i.unit_cost
      ) v`),
  );
  return Number(row?.top ?? 0);
}

/** The whole units a day that consume at least `annualValue` a year at `unitCost`. */
export function dailyQtyForAnnualValue(annualValue: number, unitCost: number): number {
  if (!(unitCost > 0)) throw new RangeError(`unitCost must be above 0, not ${unitCost}`);
  return Math.max(1, Math.ceil(annualValue / 365 / unitCost));
}
