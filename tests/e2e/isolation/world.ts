import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { addDays, todayIn } from "~/utils/dates";
import type { RecordKind, Role } from "./route-table";

/**
 * The records the isolation suite attacks, added through the running server's database socket:
 * for each supplier of each demo tenant an item and its agreement, plans in every state a form
 * acts on (draft, submitted, in review, approved with a shipment in transit, sent back), a pending
 * band proposal and an open alert; notifications of users of each tenant; a previewed import in
 * each tenant, with a refused row; and a tenant nobody belongs to. Names are
 * random and unique, so that a body that names one of them can only have leaked it, and every
 * write an attack could make lands on rows that only this suite touches.
 *
 * Northwind's records in acme are left out: other suites count that supplier's plans there before
 * and after their own writes, and the other suppliers of acme serve as well.
 */

/** The demo sign-ins (README): each one's memberships are read from the database. */
export const IDENTITIES = [
  "admin@acme.example",
  "manager@acme.example",
  "buyer@acme.example",
  "supplier@northwind.example",
  "supplier@contoso.example",
  "supplier@fabrikam.example",
  "buyer@globex.example",
] as const;

const SKIPPED_OWNERS = [{ tenant: "acme", supplier: "northwind" }];
/** Whose notifications are attacked: a buyer and a supplier of each tenant. */
const NOTIFIED = [
  { tenant: "acme", email: "buyer@acme.example" },
  { tenant: "acme", email: "supplier@contoso.example" },
  { tenant: "globex", email: "buyer@globex.example" },
  { tenant: "globex", email: "supplier@northwind.example" },
];

export interface Membership {
  tenant: string;
  role: Role;
  /** The supplier's code, for a supplier membership. */
  supplier: string | null;
}

export interface Identity {
  email: string;
  userId: string;
  memberships: Membership[];
}

export interface TenantInfo {
  slug: string;
  id: string;
  name: string;
  today: string;
  suppliers: { id: string; code: string; name: string }[];
}

export interface Target {
  kind: RecordKind;
  id: string;
  tenant: string;
  /** The owning supplier's code; null for a tenant's own record (a site, an import) or a user's (a notification). */
  supplier: string | null;
  /** A notification's recipient. */
  user: string | null;
  /** A plan's status; the status of a shipment's plan; an import's. */
  state: string | null;
  /** Strings that only this record (or its agreement, plan…) carries. */
  names: string[];
  /** The supplier's name and code, which a member who sees that supplier may see anyway. */
  supplierNames: string[];
  facts: Record<string, string>;
}

export interface World {
  tag: string;
  identities: Identity[];
  tenants: TenantInfo[];
  /** A tenant that exists and has no member. */
  stranger: { slug: string; name: string; id: string };
  /** A slug no tenant has. */
  missingSlug: string;
  targets: Target[];
  /** Request ids the suite's forms carried: anything written under one is a leak. */
  requestIds: Set<string>;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex").toUpperCase();
/** A plan number of a year the portal never numbers in, with the portal's shape. */
const planNumber = () => `RP-2000-${String(randomInt(0, 100_000)).padStart(5, "0")}`;

/** The plan states the suite makes, and what each carries. */
const PLAN_STATES = ["draft", "submitted", "in_review", "approved", "changes_requested"] as const;

export async function buildWorld(db: Database): Promise<World> {
  const tag = hex(3);
  const users = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.email, [...IDENTITIES]));
  const memberships = await db
    .select({
      userId: schema.memberships.userId,
      role: schema.memberships.role,
      tenant: schema.tenants.slug,
      supplier: schema.suppliers.code,
    })
    .from(schema.memberships)
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.memberships.tenantId))
    .leftJoin(
      schema.suppliers,
      and(eq(schema.suppliers.tenantId, schema.memberships.tenantId), eq(schema.suppliers.id, schema.memberships.supplierId)),
    )
    .where(
      inArray(
        schema.memberships.userId,
        users.map((u) => u.id),
      ),
    );
  const identities: Identity[] = IDENTITIES.map((email) => {
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`No demo user ${email}: the demo must be seeded.`);
    return {
      email,
      userId: user.id,
      memberships: memberships
        .filter((m) => m.userId === user.id)
        .map((m) => ({ tenant: m.tenant, role: m.role, supplier: m.supplier }))
        .sort((a, b) => a.tenant.localeCompare(b.tenant)),
    };
  });

  const slugs = [...new Set(identities.flatMap((i) => i.memberships.map((m) => m.tenant)))].sort();
  const tenantRows = await db.select().from(schema.tenants).where(inArray(schema.tenants.slug, slugs));
  const tenants: TenantInfo[] = [];
  for (const slug of slugs) {
    const row = tenantRows.find((t) => t.slug === slug)!;
    const suppliers = await db
      .select({ id: schema.suppliers.id, code: schema.suppliers.code, name: schema.suppliers.name })
      .from(schema.suppliers)
      .where(eq(schema.suppliers.tenantId, row.id))
      .orderBy(schema.suppliers.code);
    tenants.push({ slug, id: row.id, name: row.name, today: todayIn(row.timezone), suppliers });
  }

  const targets: Target[] = [];
  for (const tenant of tenants) {
    const [site] = await db
      .select()
      .from(schema.locations)
      .where(eq(schema.locations.tenantId, tenant.id))
      .orderBy(schema.locations.code)
      .limit(1);
    if (!site) throw new Error(`No site in ${tenant.slug}.`);
    targets.push({
      kind: "location",
      id: site.id,
      tenant: tenant.slug,
      supplier: null,
      user: null,
      state: null,
      names: [site.name],
      supplierNames: [],
      facts: {},
    });
    for (const supplier of tenant.suppliers) {
      targets.push({
        kind: "supplier",
        id: supplier.id,
        tenant: tenant.slug,
        supplier: supplier.code,
        user: null,
        state: null,
        names: [],
        supplierNames: [supplier.name, supplier.code],
        facts: {},
      });
      if (SKIPPED_OWNERS.some((s) => s.tenant === tenant.slug && s.supplier === supplier.code)) continue;
      targets.push(...(await addSupplierRecords(db, tenant, supplier, site.id, tag)));
    }
  }

  for (const { tenant: slug, email } of NOTIFIED) {
    const tenant = tenants.find((t) => t.slug === slug);
    const user = identities.find((i) => i.email === email);
    if (!tenant || !user) continue;
    const plan = targets.find((t) => t.tenant === slug && t.kind === "plan" && t.state === "submitted")!;
    const number = planNumber();
    const [row] = await db
      .insert(schema.notifications)
      .values({
        tenantId: tenant.id,
        userId: user.userId,
        eventId: randomUUID(),
        kind: "plan.submitted",
        payload: { number, supplierName: plan.supplierNames[0], status: "submitted" },
        link: `plans/${plan.id}`,
        // Read long ago: it sits at the end of its owner's inbox and counts in no badge.
        readAt: new Date("2000-01-02T00:00:00Z"),
        createdAt: new Date("2000-01-01T00:00:00Z"),
      })
      .returning({ id: schema.notifications.id });
    targets.push({
      kind: "notification",
      id: row.id,
      tenant: slug,
      supplier: null,
      user: email,
      state: null,
      names: [number],
      supplierNames: [],
      facts: {},
    });
  }

  for (const tenant of tenants) {
    const admin = identities.find((i) => i.memberships.some((m) => m.tenant === tenant.slug && m.role === "admin"));
    targets.push(await addImport(db, tenant, admin?.userId ?? null, tag));
    targets.push(await addAlertRule(db, tenant, tag));
  }

  const strangerSlug = `iso-${tag.toLowerCase()}`;
  const strangerName = `Isolation Stranger ${tag}`;
  const [stranger] = await db
    .insert(schema.tenants)
    .values({ slug: strangerSlug, name: strangerName })
    .returning({ id: schema.tenants.id });

  return {
    tag,
    identities,
    tenants,
    stranger: { slug: strangerSlug, name: strangerName, id: stranger.id },
    missingSlug: `no-such-${tag.toLowerCase()}`,
    targets,
    requestIds: new Set(),
  };
}

async function addSupplierRecords(
  db: Database,
  tenant: TenantInfo,
  supplier: TenantInfo["suppliers"][number],
  locationId: string,
  tag: string,
): Promise<Target[]> {
  // The supplier's own SKU prefix, so that the item reads like the supplier's others.
  const [sample] = rowsOf<{ sku: string }>(
    await db.execute(sql`
      select i.sku from agreements a join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      where a.tenant_id = ${tenant.id} and a.supplier_id = ${supplier.id} and i.category is distinct from 'Isolation'
      order by i.sku limit 1`),
  );
  const prefix = /^[A-Z]+-/.exec(sample?.sku ?? "")?.[0] ?? `${supplier.code.slice(0, 2).toUpperCase()}-`;
  const sku = `${prefix}ISO${tag}${hex(1)}`;
  const itemName = `Isolation probe ${hex(3)}`;
  const today = tenant.today;
  const [item] = await db
    .insert(schema.items)
    .values({ tenantId: tenant.id, sku, name: itemName, unitCost: 10, category: "Isolation" })
    .returning({ id: schema.items.id });
  // In band with no demand: the plan builder proposes nothing for it, so no other suite plans it.
  const [agreement] = await db
    .insert(schema.agreements)
    .values({
      tenantId: tenant.id,
      supplierId: supplier.id,
      itemId: item.id,
      locationId,
      minQty: 10,
      maxQty: 200,
      leadTimeDays: 5,
      leadTimeSdDays: 1,
      moq: 0,
      packSize: 1,
      reviewPeriodDays: 7,
    })
    .returning({ id: schema.agreements.id, version: schema.agreements.version });
  await db.insert(schema.stockSnapshots).values({
    tenantId: tenant.id,
    itemId: item.id,
    locationId,
    day: addDays(today, -1),
    supplierId: supplier.id,
    onHand: 60,
  });
  const reason = `Isolation reason ${hex(3)}`;
  const [proposal] = await db
    .insert(schema.bandProposals)
    .values({
      tenantId: tenant.id,
      agreementId: agreement.id,
      supplierId: supplier.id,
      currentMin: 10,
      currentMax: 200,
      proposedMin: 20,
      proposedMax: 180,
      reason,
    })
    .returning({ id: schema.bandProposals.id });

  const owner = { tenant: tenant.slug, supplier: supplier.code, user: null, supplierNames: [supplier.name, supplier.code] };
  const agreementNames = [sku, itemName];
  const out: Target[] = [
    {
      ...owner,
      kind: "agreement",
      id: agreement.id,
      state: "active",
      names: agreementNames,
      facts: { version: String(agreement.version), proposalId: proposal.id },
    },
    {
      ...owner,
      kind: "proposal",
      id: proposal.id,
      state: "pending",
      names: [...agreementNames, reason],
      facts: { agreementId: agreement.id },
    },
  ];

  // An open alert on the agreement, under a rule name of its own.
  const ruleName = `Isolation rule ${hex(3)}`;
  const [alert] = await db
    .insert(schema.alerts)
    .values({
      tenantId: tenant.id,
      ruleName,
      condition: "projected_stockout",
      severity: "critical",
      dedupeKey: `isolation:${agreement.id}`,
      supplierId: supplier.id,
      agreementId: agreement.id,
      subjectType: "agreement",
      subjectId: agreement.id,
      value: 2,
      limitValue: 5,
    })
    .returning({ id: schema.alerts.id });
  out.push({ ...owner, kind: "alert", id: alert.id, state: "open", names: [...agreementNames, ruleName], facts: {} });

  for (const status of PLAN_STATES) {
    const number = status === "draft" ? null : planNumber();
    const note = `Isolation note ${hex(3)}`;
    const submitted = status !== "draft";
    const decided = status === "approved";
    const steps: ("buyer" | "manager")[] = status === "in_review" ? ["buyer", "manager"] : ["buyer"];
    const [plan] = await db
      .insert(schema.replenishmentPlans)
      .values({
        tenantId: tenant.id,
        supplierId: supplier.id,
        number,
        status,
        requestId: randomUUID(),
        note,
        route: submitted ? { steps, autoApproved: false, value: 400, reasons: [] } : null,
        decisionCode: decided ? "AD" : null,
        submittedAt: submitted ? new Date() : null,
        decidedAt: decided ? new Date() : null,
      })
      .returning({ id: schema.replenishmentPlans.id, lockVersion: schema.replenishmentPlans.lockVersion });
    const [line] = await db
      .insert(schema.planLines)
      .values({
        tenantId: tenant.id,
        planId: plan.id,
        supplierId: supplier.id,
        version: 1,
        lineNo: 1,
        agreementId: agreement.id,
        qty: 40,
        shipDate: today,
        arrivalDate: addDays(today, 5),
        proposedQty: 40,
        status: decided ? "shipped" : "pending",
        approvedQty: decided ? 40 : null,
        approvedArrivalDate: decided ? addDays(today, 5) : null,
        decisionCode: decided ? "IA" : null,
        shippedQty: decided ? 20 : 0,
      })
      .returning({ id: schema.planLines.id });
    const names = [...agreementNames, note, ...(number ? [number] : [])];
    const facts = { lockVersion: String(plan.lockVersion), lineId: line.id, lineNo: "1", agreementId: agreement.id };
    out.push({ ...owner, kind: "plan", id: plan.id, state: status, names, facts });
    out.push({ ...owner, kind: "planLine", id: line.id, state: status, names, facts: { planId: plan.id } });
    if (decided) {
      const carrier = `Isolation Carrier ${hex(3)}`;
      const tracking = `ISO-TRK-${hex(4)}`;
      const [shipment] = await db
        .insert(schema.shipments)
        .values({
          tenantId: tenant.id,
          supplierId: supplier.id,
          agreementId: agreement.id,
          planLineId: line.id,
          asnNumber: "ASN-2026-00001",
          qty: 20,
          shipDate: addDays(today, -1),
          expectedArrival: addDays(today, 4),
          carrier,
          tracking,
        })
        .returning({ id: schema.shipments.id });
      out.push({
        ...owner,
        kind: "shipment",
        id: shipment.id,
        state: "in_transit",
        names: [...names, carrier, tracking],
        facts: { qty: "20", planId: plan.id },
      });
    }
  }
  return out;
}

/**
 * A previewed stock import of the tenant's, as the upload page leaves one: its record and one
 * refused row (no file waits for it on disk: nothing is ever to be written from it). Its file name
 * and the refused value are its own: the first shows on its page, the second there and in its
 * errors report, so that either named to anyone else is a leak.
 */
async function addImport(db: Database, tenant: TenantInfo, createdBy: string | null, tag: string): Promise<Target> {
  const fileName = `isolation-${tag.toLowerCase()}-${hex(4).toLowerCase()}.csv`;
  const refusedValue = `ISO-VALUE-${hex(4)}`;
  const [row] = await db
    .insert(schema.imports)
    .values({
      tenantId: tenant.id,
      kind: "stock",
      fileName,
      source: { format: "csv", encoding: "utf-8", delimiter: ",", ignored: [] },
      contentSha256: randomBytes(32).toString("hex"),
      sizeBytes: 96,
      createdBy,
      rowsTotal: 2,
      toInsert: 1,
      errorRows: 1,
    })
    .returning({ id: schema.imports.id });
  await db.insert(schema.importErrors).values({
    tenantId: tenant.id,
    importId: row.id,
    seq: 0,
    row: 3,
    column: "On hand",
    value: refusedValue,
    message: "imports.errors.number",
  });
  return {
    kind: "import",
    id: row.id,
    tenant: tenant.slug,
    supplier: null,
    user: null,
    state: "previewed",
    names: [refusedValue, fileName],
    supplierNames: [],
    facts: {},
  };
}

/**
 * An alert rule of the tenant's, under a name of its own. Disabled: no evaluation ever opens an
 * alert of it (whose copied rule name a supplier would then see).
 */
async function addAlertRule(db: Database, tenant: TenantInfo, tag: string): Promise<Target> {
  const name = `Isolation rule ${tag} ${hex(3)}`;
  const [row] = await db
    .insert(schema.alertRules)
    .values({
      tenantId: tenant.id,
      name,
      condition: "plan_waiting",
      severity: "info",
      definition: {
        condition: { kind: "plan_waiting", hours: 8760 },
        scope: { cells: [], supplierIds: [], siteIds: [] },
        recipients: { roles: ["buyer"], userIds: [] },
        channels: { inApp: true, email: "none" },
        todo: null,
      },
      cooldownMinutes: 0,
      enabled: false,
    })
    .returning({ id: schema.alertRules.id });
  return {
    kind: "alertRule",
    id: row.id,
    tenant: tenant.slug,
    supplier: null,
    user: null,
    state: null,
    names: [name],
    supplierNames: [],
    facts: {},
  };
}

// ---------------------------------------------------------------------------------------------
// What the suite must not change

const uuidArray = (ids: Iterable<string>) => `{${[...ids].join(",")}}`;

/**
 * Every row that names a target, as it stands: the targets themselves (status, versions, bands,
 * read marks, alerts) and the rows that refer to them (plan lines, events, shipments, proposals,
 * audit events, notifications, e-mails, alert events), the imports with their refused rows, plus any plan made under
 * one of the suite's request ids. Two
 * equal snapshots mean the attacks between them wrote nothing that concerns a target.
 */
export async function snapshot(db: Database, world: World): Promise<Record<string, unknown[]>> {
  const ids = (kind: RecordKind) => uuidArray(world.targets.filter((t) => t.kind === kind).map((t) => t.id));
  // Only the records the suite made: the demo's suppliers and sites are other suites' to change.
  const all = uuidArray(world.targets.filter((t) => t.kind !== "supplier" && t.kind !== "location").map((t) => t.id));
  const tenants = uuidArray([...world.tenants.map((t) => t.id), world.stranger.id]);
  const requestIds = uuidArray(world.requestIds);
  const query = async (text: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await db.execute(text));
  return {
    plans: await query(sql`
      select id, status, lock_version, version, number, note, decision_code, decided_at, updated_at from replenishment_plans
      where tenant_id = any(${tenants}::uuid[]) and (id = any(${ids("plan")}::uuid[]) or request_id = any(${requestIds}::uuid[]))
      order by id`),
    planLines: await query(sql`
      select id, plan_id, status, qty, approved_qty, approved_arrival_date, decision_code, shipped_qty, received_qty from plan_lines
      where tenant_id = any(${tenants}::uuid[]) and (plan_id = any(${ids("plan")}::uuid[]) or agreement_id = any(${ids("agreement")}::uuid[]))
      order by id`),
    planEvents: await query(sql`
      select count(*)::int as n from plan_events where tenant_id = any(${tenants}::uuid[]) and plan_id = any(${ids("plan")}::uuid[])`),
    shipments: await query(sql`
      select id, status, qty, received_qty, received_on, updated_at from shipments
      where tenant_id = any(${tenants}::uuid[]) and agreement_id = any(${ids("agreement")}::uuid[]) order by id`),
    bandProposals: await query(sql`
      select id, status, proposed_min, proposed_max, decided_at from band_proposals
      where tenant_id = any(${tenants}::uuid[]) and agreement_id = any(${ids("agreement")}::uuid[]) order by id`),
    agreements: await query(sql`
      select id, version, min_qty, max_qty, lead_time_days, lead_time_sd_days, moq, pack_size, review_period_days, status, updated_at
      from agreements where tenant_id = any(${tenants}::uuid[]) and id = any(${ids("agreement")}::uuid[]) order by id`),
    imports: await query(sql`
      select id, status, committed_at, rows_total, to_insert, to_update, unchanged, error_rows, failure from imports
      where tenant_id = any(${tenants}::uuid[]) and id = any(${ids("import")}::uuid[]) order by id`),
    importErrors: await query(sql`
      select count(*)::int as n from import_errors where tenant_id = any(${tenants}::uuid[]) and import_id = any(${ids("import")}::uuid[])`),
    auditEvents: await query(sql`
      select count(*)::int as n from audit_events where entity_id = any(${all}::text[])`),
    notifications: await query(sql`
      select id, read_at from notifications n
      where n.tenant_id = any(${tenants}::uuid[])
        and (n.id = any(${ids("notification")}::uuid[]) or exists (select 1 from unnest(${all}::text[]) i where n.link like '%' || i || '%'))
      order by id`),
    alerts: await query(sql`
      select id, status, acknowledged_at, snoozed_until, assignee_user_id, due_date, closed_at, resolution, updated_at from alerts
      where tenant_id = any(${tenants}::uuid[]) and id = any(${ids("alert")}::uuid[]) order by id`),
    alertEvents: await query(sql`
      select count(*)::int as n from alert_events where tenant_id = any(${tenants}::uuid[]) and alert_id = any(${ids("alert")}::uuid[])`),
    alertRules: await query(sql`
      select id, name, enabled, definition, updated_at from alert_rules
      where tenant_id = any(${tenants}::uuid[]) and id = any(${ids("alertRule")}::uuid[]) order by id`),
    emails: await query(sql`
      select count(*)::int as n from email_outbox o
      where o.tenant_id = any(${tenants}::uuid[]) and exists (select 1 from unnest(${all}::text[]) i where o.link like '%' || i || '%')`),
  };
}
