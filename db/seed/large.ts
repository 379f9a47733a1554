import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { dayNumber, isoDate } from "../../app/core";
import { hashPassword } from "../../app/services/auth/password.server";
import { DEMO_PASSWORD } from "./catalog";
import { todayIn } from "../../app/utils/dates";
import { HISTORY_DAYS } from "./generate";
import { PLAN_COLUMNS, PLAN_LINE_COLUMNS, buildPlanHistory, chunked } from "./large-plans";
import { Random, demoUuid } from "./random";
import {
  type DemandPattern,
  type DemandProfile,
  type SupplierBehaviour,
  demandSd,
  generateDemand,
  roundUp,
  type StockHistory,
  simulateStock,
} from "./simulate";

/**
 * The scale tenant: 100 suppliers, 10 sites, 2,000 items, 20,000 agreements and two
 * years of daily stock and consumption (29.2 million fact rows), written with COPY into the
 * PostgreSQL server at DATABASE_URL. Everything is generated the way the demo's stock is (the
 * same demand patterns and replenishing suppliers), deterministically from the names.
 *
 * The master data goes in one transaction, then the two fact tables by COPY in two others side
 * by side; a failed copy deletes the tenant, so a failed run leaves nothing behind. As a superuser
 * the per-row foreign-key triggers and the facts' statement triggers are skipped for the load
 * (session_replication_role = replica, local to each transaction): every fact takes its keys from
 * an agreement written just before with its own keys checked, and the rollups are rebuilt by the
 * recompute that follows.
 */

export const SCALE_SLUG = "scale";
export const LARGE_SEED_AUDIT_ACTION = "seed.large";
export interface ScaleShape {
  suppliers: number;
  /** At most 10. */
  sites: number;
  itemsPerSupplier: number;
}
export const SCALE_SHAPE: ScaleShape = { suppliers: 100, sites: 10, itemsPerSupplier: 20 };

const PATTERN_WEIGHTS: Readonly<Record<DemandPattern, number>> = {
  smooth: 30,
  seasonal: 12,
  trending: 10,
  erratic: 10,
  intermittent: 20,
  lumpy: 12,
  dead: 6,
};
const BEHAVIOUR_WEIGHTS: Readonly<Record<SupplierBehaviour, number>> = {
  reliable: 55,
  late: 20,
  "over-shipping": 15,
  "under-shipping": 10,
};
const SITE_NAMES = ["Shanghai", "Suzhou", "Ningbo", "Shenzhen", "Dongguan", "Chengdu", "Wuhan", "Tianjin", "Qingdao", "Xiamen"];
const CATEGORIES = [
  "Fasteners",
  "Electrical",
  "Packaging",
  "Hydraulics",
  "Bearings",
  "Plastics",
  "Castings",
  "Cables",
  "Chemicals",
  "Labels",
];

export interface LargeSeedResult {
  tenantId: string;
  agreements: number;
  factRows: number;
  firstDay: string;
  lastDay: string;
  generateMs: number;
  durationMs: number;
}

export class ScaleTenantExistsError extends Error {}

export interface AgreementRow {
  id: string;
  supplierId: string;
  itemId: string;
  locationId: string;
  min: number;
  max: number;
  leadTime: number;
  leadTimeSd: number;
  moq: number;
  pack: number;
  review: number;
}

const id = (name: string) => demoUuid(`scale|${name}`);

/** Seeds the scale tenant; refuses when it exists (unless `replace`, which deletes it first). */
export async function seedLarge(
  url: string,
  options: { replace?: boolean; today?: string; shape?: ScaleShape; onProgress?: (line: string) => void } = {},
): Promise<LargeSeedResult> {
  const shape = options.shape ?? SCALE_SHAPE;
  const started = performance.now();
  const log = options.onProgress ?? (() => {});
  const today = options.today ?? todayIn("Asia/Shanghai");
  const firstEpoch = dayNumber(today) - HISTORY_DAYS;
  const tenantId = id("tenant");
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  const copySql = postgres(url, { max: 2, onnotice: () => {}, connect_timeout: 10 });
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let generateMs = 0;
    let agreementCount = 0;
    let agreementRows: AgreementRow[] = [];
    let profileRows: { profile: DemandProfile; behaviour: SupplierBehaviour; initial: number }[] = [];
    let superuser = false;
    const unitCosts = new Map<string, number>();
    await sql.begin(async (tx) => {
      // Nothing to keep current while the tenant is deleted or written: the recompute rebuilds.
      await tx`select set_config('app.rollups', 'deferred', true)`;
      const existing = await tx`select id from tenants where slug = ${SCALE_SLUG}`;
      if (existing.length > 0) {
        if (!options.replace)
          throw new ScaleTenantExistsError(
            `The tenant "${SCALE_SLUG}" exists already (use --replace to delete and seed it again).`,
          );
        log(`Deleting the existing "${SCALE_SLUG}" tenant…`);
        await tx`delete from tenants where slug = ${SCALE_SLUG}`;
      }
      const [role] = await tx<{ superuser: boolean }[]>`select rolsuper as superuser from pg_roles where rolname = current_user`;

      const createdAt = new Date(`${isoDate(firstEpoch)}T09:00:00+08:00`);
      await tx`insert into tenants ${tx([{ id: tenantId, slug: SCALE_SLUG, name: "Scale Test Industries", currency: "CNY", timezone: "Asia/Shanghai", created_at: createdAt }])}`;
      // The alert rules every company starts with.
      await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
      await tx`select install_default_alert_rules()`;
      await tx`select set_config('app.tenant_id', '', true)`;
      const sites = SITE_NAMES.slice(0, shape.sites).map((name, i) => ({
        tenant_id: tenantId,
        id: id(`site:${i}`),
        code: `W${String(i + 1).padStart(2, "0")}`,
        name: `${name} plant`,
        created_at: createdAt,
      }));
      await tx`insert into locations ${tx(sites)}`;
      const suppliers = Array.from({ length: shape.suppliers }, (_, i) => ({
        tenant_id: tenantId,
        id: id(`supplier:${i}`),
        code: `S${String(i + 1).padStart(3, "0")}`,
        name: `Supplier ${String(i + 1).padStart(3, "0")} Co., Ltd.`,
        created_at: createdAt,
      }));
      await tx`insert into suppliers ${tx(suppliers)}`;

      const users = [
        { email: "admin@scale.example", name: "Scale admin", role: "admin", supplier: null as string | null },
        { email: "manager@scale.example", name: "Scale manager", role: "manager", supplier: null },
        { email: "buyer@scale.example", name: "Scale buyer", role: "buyer", supplier: null },
        ...suppliers.map((s) => ({
          email: `${s.code.toLowerCase()}@scale.example`,
          name: s.name,
          role: "supplier",
          supplier: s.id,
        })),
      ];
      await tx`delete from users where email like '%@scale.example'`;
      await tx`insert into users ${tx(users.map((u) => ({ id: id(`user:${u.email}`), email: u.email, name: u.name, password_hash: passwordHash, created_at: createdAt })))}`;
      await tx`insert into memberships ${tx(
        users.map((u) => ({
          tenant_id: tenantId,
          id: id(`membership:${u.email}`),
          user_id: id(`user:${u.email}`),
          role: u.role,
          supplier_id: u.supplier,
          created_at: createdAt,
        })),
      )}`;

      // Items and agreements: each supplier supplies its items at every site.
      const generateStarted = performance.now();
      const items: Record<string, unknown>[] = [];
      const agreements: AgreementRow[] = [];
      const profiles: { profile: DemandProfile; behaviour: SupplierBehaviour; initial: number }[] = [];
      for (const [s, supplier] of suppliers.entries()) {
        for (let k = 0; k < shape.itemsPerSupplier; k++) {
          const random = new Random("scale-item", String(s), String(k));
          const itemId = id(`item:${s}:${k}`);
          const unitCost = Math.round(Math.exp(random.uniform(Math.log(0.5), Math.log(800))) * 100) / 100;
          const category = CATEGORIES[(s + k) % CATEGORIES.length];
          items.push({
            tenant_id: tenantId,
            id: itemId,
            sku: `${supplier.code}-${String(k + 1).padStart(4, "0")}`,
            name: `${category} part ${supplier.code}-${k + 1}`,
            uom: "EA",
            unit_cost: unitCost,
            category,
            created_at: createdAt,
          });
          const pack = random.pick([1, 5, 10, 20, 50]);
          for (const site of sites) {
            const r = new Random("scale-agreement", itemId, site.id);
            const pattern = r.weighted(PATTERN_WEIGHTS);
            const level = Math.exp(r.uniform(Math.log(0.5), Math.log(150)));
            const probability = pattern === "intermittent" || pattern === "lumpy" ? r.uniform(0.08, 0.35) : 1;
            const profile: DemandProfile = {
              pattern,
              level,
              probability,
              amplitude: r.uniform(0.3, 0.7),
              peakDayOfYear: r.int(0, 364),
              trend: r.uniform(0.2, 0.5),
              deadFrom: r.int(60, HISTORY_DAYS - 200),
            };
            const leadTime = r.int(3, 21);
            const review = r.pick([7, 7, 14]);
            const sd = demandSd(profile);
            const min = roundUp(level * leadTime + 1.65 * sd * Math.sqrt(leadTime), pack);
            const max = roundUp(min + Math.max(level * review * 1.5, pack), pack);
            agreements.push({
              id: id(`agreement:${s}:${k}:${site.code}`),
              supplierId: supplier.id,
              itemId,
              locationId: site.id,
              min,
              max,
              leadTime,
              leadTimeSd: Math.round(leadTime * r.uniform(0.05, 0.3) * 100) / 100,
              moq: pack,
              pack,
              review,
            });
            profiles.push({ profile, behaviour: r.weighted(BEHAVIOUR_WEIGHTS), initial: Math.round((min + max) / 2) });
          }
        }
      }
      generateMs += performance.now() - generateStarted;
      for (const item of items) unitCosts.set(item.id as string, item.unit_cost as number);
      for (let i = 0; i < items.length; i += 1000) await tx`insert into items ${tx(items.slice(i, i + 1000))}`;
      for (let i = 0; i < agreements.length; i += 2000) {
        await tx`insert into agreements ${tx(
          agreements.slice(i, i + 2000).map((a) => ({
            tenant_id: tenantId,
            id: a.id,
            supplier_id: a.supplierId,
            item_id: a.itemId,
            location_id: a.locationId,
            min_qty: a.min,
            max_qty: a.max,
            lead_time_days: a.leadTime,
            lead_time_sd_days: a.leadTimeSd,
            moq: a.moq,
            pack_size: a.pack,
            review_period_days: a.review,
            created_at: createdAt,
            updated_at: createdAt,
          })),
        )}`;
      }
      agreementCount = agreements.length;
      log(
        `Wrote ${suppliers.length} suppliers, ${sites.length} sites, ${items.length} items, ${agreements.length} agreements, ${users.length} users.`,
      );

      agreementRows = agreements;
      profileRows = profiles;
      superuser = role?.superuser === true;
    });

    const days = Array.from({ length: HISTORY_DAYS }, (_, t) => isoDate(firstEpoch + t));
    // Simulated once per agreement, then streamed into both tables side by side.
    const histories: { consumed: Float64Array; onHand: Float64Array; orders: StockHistory["orders"] }[] = [];
    const simulateStarted = performance.now();
    for (const [i, a] of agreementRows.entries()) {
      const random = new Random("scale-history", a.id);
      const { profile, behaviour, initial } = profileRows[i];
      const demand = generateDemand(profile, HISTORY_DAYS, firstEpoch, random);
      const terms = {
        min: a.min,
        max: a.max,
        leadTimeDays: a.leadTime,
        leadTimeSdDays: a.leadTimeSd,
        moq: a.moq,
        packSize: a.pack,
        reviewPeriodDays: a.review,
      };
      const { consumed, onHand, orders } = simulateStock(terms, demand, behaviour, initial, random);
      histories.push({ consumed, onHand, orders });
    }
    const planHistory = buildPlanHistory(id, tenantId, firstEpoch, agreementRows, histories, unitCosts);
    generateMs += performance.now() - simulateStarted;

    // One COPY per table, each in its own connection and transaction, so that the server parses
    // and indexes both at once on its two cores. A failure deletes the tenant: nothing is left half
    // written.
    type Copy = [table: string, columns: string, lines: () => Iterable<string>, rows: number];
    const copyAll = (copies: Copy[]) =>
      copySql.begin(async (tx) => {
        if (superuser) await tx`set local session_replication_role = replica`;
        await tx`select set_config('app.rollups', 'deferred', true)`;
        for (const [table, columns, lines, rows] of copies) {
          const copyStarted = performance.now();
          const writable = await tx.unsafe(`copy ${table} (${columns}) from stdin`).writable();
          await pipeline(Readable.from(lines()), writable as unknown as Writable);
          log(
            `Copied ${rows.toLocaleString("en-US")} rows into ${table} in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s.`,
          );
        }
      });
    const factColumns = (column: string) => `tenant_id, item_id, location_id, day, supplier_id, ${column}`;
    const factRows = agreementRows.length * HISTORY_DAYS;
    const copies = await Promise.allSettled([
      copyAll([
        [
          "stock_snapshots",
          factColumns("on_hand"),
          () => factLines(tenantId, agreementRows, histories, days, (h) => h.onHand),
          factRows,
        ],
        ["replenishment_plans", PLAN_COLUMNS, () => chunked(planHistory.plans), planHistory.plans.length],
        ["plan_lines", PLAN_LINE_COLUMNS, () => chunked(planHistory.lines), planHistory.lines.length],
      ]),
      copyAll([
        [
          "consumption",
          factColumns("qty"),
          () => factLines(tenantId, agreementRows, histories, days, (h) => h.consumed),
          factRows,
        ],
      ]),
    ]);
    const failed = copies.find((c) => c.status === "rejected");
    if (failed) {
      log(`A copy failed: deleting the "${SCALE_SLUG}" tenant…`);
      await sql.begin(async (tx) => {
        await tx`select set_config('app.rollups', 'deferred', true)`;
        await tx`delete from tenants where id = ${tenantId}`;
      });
      throw failed.reason;
    }
    await sql`insert into plan_counters ${sql(planHistory.counters.map(([year, last]) => ({ tenant_id: tenantId, year, last_number: last })))}`;
    const analyzeStarted = performance.now();
    await sql`analyze`;
    log(`Refreshed the planner statistics in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s.`);
    const result: LargeSeedResult = {
      tenantId,
      agreements: agreementCount,
      factRows: agreementCount * HISTORY_DAYS * 2,
      firstDay: isoDate(firstEpoch),
      lastDay: isoDate(firstEpoch + HISTORY_DAYS - 1),
      generateMs,
      durationMs: performance.now() - started,
    };
    return result;
  } finally {
    await Promise.all([sql.end(), copySql.end()]);
  }
}

/**
 * Records the whole run of seed:large (the seed, then the recompute) where `npm run bench` finds
 * it, as an audit row of the tenant.
 */
export async function recordLargeSeed(url: string, figures: LargeSeedResult & { recomputeMs: number; totalMs: number }) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`insert into audit_events (tenant_id, action, entity_type, entity_id, after)
      values (${figures.tenantId}, ${LARGE_SEED_AUDIT_ACTION}, 'tenant', ${figures.tenantId}, ${sql.json({ ...figures })})`;
  } finally {
    await sql.end();
  }
}

/** COPY text lines in chunks of about 1 MB: one agreement's days at a time. */
function* factLines(
  tenantId: string,
  agreements: readonly AgreementRow[],
  histories: readonly { consumed: Float64Array; onHand: Float64Array }[],
  days: readonly string[],
  pick: (history: { consumed: Float64Array; onHand: Float64Array }) => Float64Array,
): Generator<string> {
  let chunk = "";
  for (const [i, a] of agreements.entries()) {
    const prefix = `${tenantId}\t${a.itemId}\t${a.locationId}\t`;
    const suffix = `\t${a.supplierId}\t`;
    const values = pick(histories[i]);
    for (let t = 0; t < days.length; t++) chunk += prefix + days[t] + suffix + values[t] + "\n";
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}
