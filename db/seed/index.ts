/**
 * The demo tenants of docs/domain.md ("Demo tenant"): generated deterministically in memory
 * (generate.ts, and plans/ for the plan history and shipments), then written in one
 * transaction as the connecting user (owner or superuser), outside any tenant scope. The daily
 * facts go in with `insert … select … from unnest(…)`, the rest as multi-row inserts.
 */
import { sql } from "drizzle-orm";
import { INVITATION_LIFETIME_MS } from "../../app/models/invitations.server";
import { generateLinkToken } from "../../app/services/auth/link-tokens.server";
import { hashPassword } from "../../app/services/auth/password.server";
import type { DatabaseHandle, Tx } from "../client";
import { rowsOf } from "../rows";
import {
  agreements,
  auditEvents,
  bandProposals,
  invitations,
  items,
  locations,
  memberships,
  planCounters,
  asnCounters,
  planEvents,
  planLines,
  planStatuses,
  replenishmentPlans,
  shipments,
  suppliers,
  tenants,
  users,
  type PlanStatus,
} from "../schema";
import { DEMO_API_KEY, writeDemoApiKey } from "./api-keys";
import { DEMO_PASSWORD, DEMO_USERS } from "./catalog";
import { type BuildOptions, type DemoAgreement, type DemoDataset, buildDemo, countBy } from "./generate";
import { demoToday } from "./demo-today";
import { PLAN_ACTION_STATUS, PLAN_AUDIT_ACTIONS, PLAN_SCENARIOS, type PlanAction, scenarioActions } from "./plans";
import {
  type DemandPattern,
  type StockStatus,
  type SupplierBehaviour,
  demandPatterns,
  stockStatuses,
  supplierBehaviours,
} from "./simulate";

export { demoToday } from "./demo-today";
export { DEMO_API_KEY };
export { DEMO_PASSWORD, DEMO_USERS, PLAN_ACTION_STATUS, PLAN_AUDIT_ACTIONS, PLAN_SCENARIOS, buildDemo, scenarioActions };
export type { BuildOptions, DemoAgreement, DemoDataset, DemandPattern, PlanAction, StockStatus, SupplierBehaviour };
export { demandPatterns, stockStatuses, supplierBehaviours };

export interface SeedOptions extends BuildOptions {
  /** Empty every app table first, in the same transaction. */
  reset?: boolean;
}

export interface SeedSummary {
  today: string;
  /** The first and last day of the daily facts (730 days ending yesterday). */
  firstDay: string;
  lastDay: string;
  counts: {
    tenants: number;
    users: number;
    memberships: number;
    /** Pending invitations. */
    invitations: number;
    suppliers: number;
    locations: number;
    items: number;
    agreements: number;
    consumption: number;
    stockSnapshots: number;
    /** Replenishment plans, their lines (every version), timeline rows and audit rows. */
    plans: number;
    planLines: number;
    planEvents: number;
    planAuditEvents: number;
    /** Shipments of approved lines: received, or in transit. */
    shipments: number;
    shipmentsInTransit: number;
  };
  /**
   * Per tenant slug: agreements by demand pattern, supplier behaviour and closing status; plans by
   * status.
   */
  tenants: Record<
    string,
    {
      agreements: number;
      patterns: Record<DemandPattern, number>;
      behaviours: Record<SupplierBehaviour, number>;
      statusToday: Record<StockStatus, number>;
      plans: Record<PlanStatus, number>;
    }
  >;
  durationMs: number;
}

/** Serialises the seeds of concurrent starts against one server (arbitrary constant). */
const SEED_LOCK = 7_461_002;

/** True when no tenant exists yet (a fresh database, or one that was reset). */
export async function isDatabaseEmpty(handle: DatabaseHandle): Promise<boolean> {
  const rows = await handle.db.select({ id: tenants.id }).from(tenants).limit(1);
  return rows.length === 0;
}

/** Empties every table of the app (the public schema), keeping the schema and migrations. */
export async function resetDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction((tx) => truncateAll(tx));
}

/**
 * Writes the demo tenants, users and two years of daily facts in one transaction: all or nothing.
 * Fails on a database that already holds them (unique slugs and emails); use `reset`, or
 * seedDemoIfEmpty. Without `today`, the demo is the one of demoToday() (DEMO_TODAY, else today).
 */
export async function seedDemo(handle: DatabaseHandle, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const dataset = buildDemo({ ...options, today: options.today ?? demoToday() });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (options.reset) await truncateAll(tx);
    await writeDataset(tx, dataset, passwordHash);
  });
  return summarise(dataset, performance.now() - started);
}

/**
 * Seeds only when no tenant exists, deciding under a lock inside the seeding transaction, so two
 * instances starting together against one server seed once. Returns null when it skipped. The day
 * is chosen as seedDemo chooses it.
 */
export async function seedDemoIfEmpty(handle: DatabaseHandle, options: BuildOptions = {}): Promise<SeedSummary | null> {
  const started = performance.now();
  const dataset = buildDemo({ ...options, today: options.today ?? demoToday() });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await tx.select({ id: tenants.id }).from(tenants).limit(1);
    if (existing.length > 0) return false;
    await writeDataset(tx, dataset, passwordHash);
    return true;
  });
  return seeded ? summarise(dataset, performance.now() - started) : null;
}

async function truncateAll(tx: Tx) {
  const result = await tx.execute(sql`select tablename from pg_catalog.pg_tables where schemaname = 'public' order by tablename`);
  const names = rowsOf<{ tablename: string }>(result).map((row) => row.tablename);
  if (names.length === 0) return;
  const list = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  await tx.execute(sql`truncate table ${list} restart identity cascade`);
}

async function writeDataset(tx: Tx, dataset: DemoDataset, passwordHash: string) {
  await tx.insert(tenants).values(dataset.tenants);
  // The alert rules every company starts with, named in its language.
  for (const tenant of dataset.tenants) {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenant.id}, true)`);
    await tx.execute(sql`select install_default_alert_rules()`);
  }
  await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
  await tx.insert(users).values(dataset.users.map((user) => ({ ...user, passwordHash, passwordChangedAt: user.createdAt })));
  await tx.insert(suppliers).values(dataset.suppliers);
  await tx.insert(locations).values(dataset.locations);
  await tx.insert(memberships).values(dataset.memberships);
  await writeInvitations(tx, dataset);
  await writeDemoApiKey(tx, dataset);
  for (let i = 0; i < dataset.items.length; i += 500) {
    await tx.insert(items).values(dataset.items.slice(i, i + 500));
  }
  for (let i = 0; i < dataset.agreements.length; i += 500) {
    await tx.insert(agreements).values(
      dataset.agreements.slice(i, i + 500).map((agreement) => ({
        tenantId: agreement.tenantId,
        id: agreement.id,
        supplierId: agreement.supplierId,
        itemId: agreement.itemId,
        locationId: agreement.locationId,
        minQty: agreement.minQty,
        maxQty: agreement.maxQty,
        leadTimeDays: agreement.leadTimeDays,
        leadTimeSdDays: agreement.leadTimeSdDays,
        moq: agreement.moq,
        packSize: agreement.packSize,
        reviewPeriodDays: agreement.reviewPeriodDays,
        createdAt: agreement.createdAt,
        updatedAt: agreement.updatedAt,
      })),
    );
  }
  await writeFacts(tx, dataset);
  await writePlans(tx, dataset);
}

/**
 * The pending invitations, sent now and valid for the usual week from now (the demo's other dates
 * follow its today; an invitation must still be open when someone opens the demo). Each gets a
 * random token that is never printed: an administrator resends it for a working link.
 */
async function writeInvitations(tx: Tx, dataset: DemoDataset) {
  if (dataset.invitations.length === 0) return;
  const now = new Date();
  await tx.insert(invitations).values(
    dataset.invitations.map((invitation) => ({
      ...invitation,
      tokenHash: generateLinkToken().hash,
      sentAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
    })),
  );
}

/** Rows per multi-row insert: the widest table (plan lines, 19 columns) stays far below 65k parameters. */
const ROWS_PER_INSERT = 500;

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

/**
 * The plan history: plans, the lines of every version, the timeline, the numbering counters (so
 * that next_plan_number() continues after the seeded numbers), the shipments of approved lines,
 * one audit row per transition, and the suppliers' band proposals. Parents before children, for
 * the composite foreign keys.
 */
async function writePlans(tx: Tx, dataset: DemoDataset) {
  await insertInChunks(dataset.plans, (chunk) => tx.insert(replenishmentPlans).values(chunk));
  await insertInChunks(dataset.planLines, (chunk) => tx.insert(planLines).values(chunk));
  await insertInChunks(dataset.planEvents, (chunk) => tx.insert(planEvents).values(chunk));
  await insertInChunks(dataset.planCounters, (chunk) => tx.insert(planCounters).values(chunk));
  await insertInChunks(dataset.asnCounters, (chunk) => tx.insert(asnCounters).values(chunk));
  await insertInChunks(dataset.shipments, (chunk) => tx.insert(shipments).values(chunk));
  await insertInChunks(dataset.auditEvents, (chunk) => tx.insert(auditEvents).values(chunk));
  await insertInChunks(dataset.bandProposals ?? [], (chunk) => tx.insert(bandProposals).values(chunk));
}

/** Agreements per statement: about 30k fact rows, a few hundred kB of parameters. */
const AGREEMENTS_PER_BATCH = 40;

/**
 * Consumption and closing stock for every agreement-day, both tables from one statement: the
 * batch's agreements as one unnest, their daily quantities (agreement-major, day-minor) as
 * another, matched by position. Arrays go as PostgreSQL array literals in text parameters cast
 * to their types: postgres.js cannot bind a JS number array to a numeric[] parameter, and PGlite
 * and postgres.js both accept the text form.
 *
 * The per-row foreign-key triggers cost three quarters of the time, so a superuser (PGlite's
 * default user, a server's postgres) skips them for these two tables with
 * session_replication_role = replica, local to this transaction. That is safe by construction:
 * every fact takes its item, site and supplier from an agreement inserted above with its own
 * foreign keys checked. Another owner keeps the triggers and is merely slower.
 */
async function writeFacts(tx: Tx, dataset: DemoDataset) {
  const [role] = rowsOf<{ superuser: boolean }>(
    await tx.execute(sql`select rolsuper as superuser from pg_catalog.pg_roles where rolname = current_user`),
  );
  if (role?.superuser) await tx.execute(sql`set local session_replication_role = replica`);
  // The compliance rollups are rebuilt by the recompute that follows every seed: refreshing them
  // batch by batch from the facts' triggers would redo the same weeks many times.
  await tx.execute(sql`select set_config('app.rollups', 'deferred', true)`);

  const byTenant = new Map<string, DemoAgreement[]>();
  for (const agreement of dataset.agreements) {
    const list = byTenant.get(agreement.tenantId) ?? [];
    list.push(agreement);
    byTenant.set(agreement.tenantId, list);
  }
  const literal = (values: readonly (string | number)[]) => `{${values.join(",")}}`;
  for (const [tenantId, list] of byTenant) {
    for (let i = 0; i < list.length; i += AGREEMENTS_PER_BATCH) {
      const batch = list.slice(i, i + AGREEMENTS_PER_BATCH);
      const consumed = literal(batch.map((agreement) => agreement.consumed.join(",")));
      const onHand = literal(batch.map((agreement) => agreement.onHand.join(",")));
      // Row k (1-based) is day (k − 1) % days of the batch's agreement (k − 1) / days + 1.
      await tx.execute(sql`
        with facts as (
          select (${literal(batch.map((agreement) => agreement.itemId))}::uuid[])[(f.k - 1) / ${dataset.days} + 1] as item_id,
                 (${literal(batch.map((agreement) => agreement.locationId))}::uuid[])[(f.k - 1) / ${dataset.days} + 1] as location_id,
                 (${literal(batch.map((agreement) => agreement.supplierId))}::uuid[])[(f.k - 1) / ${dataset.days} + 1] as supplier_id,
                 ${dataset.firstDay}::date + ((f.k - 1) % ${dataset.days})::int as day, f.qty, f.on_hand
          from unnest(${consumed}::numeric[], ${onHand}::numeric[]) with ordinality as f(qty, on_hand, k)
        ), consumed as (
          insert into consumption (tenant_id, item_id, location_id, day, supplier_id, qty)
          select ${tenantId}::uuid, item_id, location_id, day, supplier_id, qty from facts
        )
        insert into stock_snapshots (tenant_id, item_id, location_id, day, supplier_id, on_hand)
        select ${tenantId}::uuid, item_id, location_id, day, supplier_id, on_hand from facts`);
    }
  }
  if (role?.superuser) await tx.execute(sql`set local session_replication_role = origin`);
  await tx.execute(sql`select set_config('app.rollups', '', true)`);
  // Planner statistics for what follows in this transaction and the recompute after it: a fresh
  // embedded database has none, and joins over the facts are then planned badly.
  await tx.execute(sql`analyze stock_snapshots, consumption, agreements, agreement_bands, items`);
}

function summarise(dataset: DemoDataset, durationMs: number): SeedSummary {
  const factRows = dataset.agreements.length * dataset.days;
  const perTenant: SeedSummary["tenants"] = {};
  for (const tenant of dataset.tenants) {
    const list = dataset.agreements.filter((agreement) => agreement.tenantId === tenant.id);
    perTenant[tenant.slug] = {
      agreements: list.length,
      patterns: countBy(
        demandPatterns,
        list.map((agreement) => agreement.pattern),
      ),
      behaviours: countBy(
        supplierBehaviours,
        list.map((agreement) => agreement.behaviour),
      ),
      statusToday: countBy(
        stockStatuses,
        list.map((agreement) => agreement.status),
      ),
      plans: countBy(
        planStatuses,
        dataset.plans.filter((plan) => plan.tenantId === tenant.id).map((plan) => plan.status),
      ),
    };
  }
  return {
    today: dataset.today,
    firstDay: dataset.firstDay,
    lastDay: dataset.lastDay,
    counts: {
      tenants: dataset.tenants.length,
      users: dataset.users.length,
      memberships: dataset.memberships.length,
      invitations: dataset.invitations.length,
      suppliers: dataset.suppliers.length,
      locations: dataset.locations.length,
      items: dataset.items.length,
      agreements: dataset.agreements.length,
      consumption: factRows,
      stockSnapshots: factRows,
      plans: dataset.plans.length,
      planLines: dataset.planLines.length,
      planEvents: dataset.planEvents.length,
      planAuditEvents: dataset.auditEvents.length,
      shipments: dataset.shipments.length,
      shipmentsInTransit: dataset.shipments.filter((shipment) => shipment.status === "in_transit").length,
    },
    tenants: perTenant,
    durationMs: Math.round(durationMs),
  };
}
