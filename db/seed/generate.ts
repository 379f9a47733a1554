import { dayNumber, isoDate } from "../../app/core";
import { todayIn } from "../../app/utils/dates";
import type { Role } from "../schema";
import { DEMO_INVITATIONS, DEMO_TENANTS, DEMO_USERS, type SupplierSpec, type TenantSpec } from "./catalog";
import { type DemoPlanHistory, buildPlanHistory } from "./plans";
import { Random, demoUuid } from "./random";
import {
  type DemandPattern,
  type DemandProfile,
  type StockStatus,
  type SupplierBehaviour,
  demandPatterns,
  demandSd,
  generateDemand,
  roundUp,
  simulateStock,
  stockStatus,
  supplierBehaviours,
} from "./simulate";

/** Days of history: two years of daily facts, ending yesterday. */
export const HISTORY_DAYS = 730;

export interface BuildOptions {
  /** YYYY-MM-DD; the facts end the day before. Default: today in Asia/Shanghai. */
  today?: string;
  /**
   * Appended to tenant slugs and to the local part of user emails, and mixed into every id, so
   * that several demo copies can live in one database (tests on a shared server). Default ''.
   */
  slugSuffix?: string;
}

export interface DemoTenant {
  id: string;
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  createdAt: Date;
}

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

export interface DemoMembership {
  tenantId: string;
  id: string;
  userId: string;
  role: Role;
  supplierId: string | null;
  supplierAdmin: boolean;
  createdAt: Date;
}

/** A pending invitation; its token is made when it is written (it is never printed). */
export interface DemoInvitation {
  tenantId: string;
  id: string;
  email: string;
  role: Role;
  supplierId: string | null;
  locale: "en" | "zh-CN";
  invitedBy: string | null;
}

export interface DemoParty {
  tenantId: string;
  id: string;
  code: string;
  name: string;
  createdAt: Date;
}

export interface DemoItem {
  tenantId: string;
  id: string;
  sku: string;
  name: string;
  uom: string;
  unitCost: number;
  category: string;
  createdAt: Date;
}

export interface DemoAgreement {
  tenantId: string;
  id: string;
  supplierId: string;
  itemId: string;
  locationId: string;
  minQty: number;
  maxQty: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
  createdAt: Date;
  updatedAt: Date;
  /** Generator labels (not stored): what shaped this agreement's history. */
  sku: string;
  siteCode: string;
  pattern: DemandPattern;
  behaviour: SupplierBehaviour;
  /** One value per day from firstDay to lastDay. */
  consumed: Float64Array;
  onHand: Float64Array;
  received: Float64Array;
  /** Status of the last day's closing stock. */
  status: StockStatus;
}

/** The dataset also carries the plan history (plans/): plans, lines, timeline, audit, shipments. */
export interface DemoDataset extends DemoPlanHistory {
  today: string;
  firstDay: string;
  lastDay: string;
  days: number;
  tenants: DemoTenant[];
  users: DemoUser[];
  memberships: DemoMembership[];
  invitations: DemoInvitation[];
  suppliers: DemoParty[];
  locations: DemoParty[];
  items: DemoItem[];
  agreements: DemoAgreement[];
}

/** Splits `total` by weight (largest remainder), at least one of each when total allows. */
export function allocate<T extends string>(weights: Readonly<Record<T, number>>, total: number): Record<T, number> {
  const keys = Object.keys(weights) as T[];
  const sum = keys.reduce((acc, key) => acc + weights[key], 0);
  const counts = {} as Record<T, number>;
  const remainders: [T, number][] = [];
  let given = 0;
  for (const key of keys) {
    const exact = (weights[key] / sum) * total;
    counts[key] = Math.floor(exact);
    given += counts[key];
    remainders.push([key, exact - counts[key]]);
  }
  remainders.sort((a, b) => b[1] - a[1] || keys.indexOf(a[0]) - keys.indexOf(b[0]));
  for (let i = 0; given < total; i++, given++) counts[remainders[i % remainders.length][0]]++;
  for (const key of keys) {
    if (counts[key] > 0 || total < keys.length) continue;
    const donor = keys.reduce((best, k) => (counts[k] > counts[best] ? k : best), keys[0]);
    counts[donor]--;
    counts[key]++;
  }
  return counts;
}

function labels<T extends string>(counts: Record<T, number>, random: Random): T[] {
  const list: T[] = [];
  for (const key of Object.keys(counts) as T[]) for (let i = 0; i < counts[key]; i++) list.push(key);
  return random.shuffle(list);
}

function round(value: number, decimals: number) {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Builds the whole demo in memory: same options, same data, down to every id and quantity. */
export function buildDemo(options: BuildOptions = {}): DemoDataset {
  const today = options.today ?? todayIn("Asia/Shanghai");
  const suffix = options.slugSuffix ?? "";
  const todayEpoch = dayNumber(today);
  const firstEpoch = todayEpoch - HISTORY_DAYS;
  const firstDay = isoDate(firstEpoch);
  const lastDay = isoDate(todayEpoch - 1);
  // Master data "existed" from the start of the history, at 09:00 Shanghai time.
  const createdAt = new Date(`${firstDay}T09:00:00+08:00`);
  const id = (name: string) => demoUuid(`${suffix}|${name}`);

  const dataset: DemoDataset = {
    today,
    firstDay,
    lastDay,
    days: HISTORY_DAYS,
    tenants: [],
    users: [],
    memberships: [],
    invitations: [],
    suppliers: [],
    locations: [],
    items: [],
    agreements: [],
    plans: [],
    planLines: [],
    planEvents: [],
    auditEvents: [],
    planCounters: [],
    shipments: [],
    asnCounters: [],
  };
  const tenantIds = new Map<string, string>();
  const supplierIds = new Map<string, string>();

  for (const spec of DEMO_TENANTS) {
    const tenantId = id(`tenant:${spec.slug}`);
    tenantIds.set(spec.slug, tenantId);
    dataset.tenants.push({
      id: tenantId,
      slug: `${spec.slug}${suffix}`,
      name: spec.name,
      currency: spec.currency,
      timezone: spec.timezone,
      createdAt,
    });
    for (const supplier of spec.suppliers) {
      const supplierId = id(`supplier:${spec.slug}:${supplier.code}`);
      supplierIds.set(`${spec.slug}:${supplier.code}`, supplierId);
      dataset.suppliers.push({ tenantId, id: supplierId, code: supplier.code, name: supplier.name, createdAt });
    }
    for (const site of spec.sites) {
      dataset.locations.push({
        tenantId,
        id: id(`location:${spec.slug}:${site.code}`),
        code: site.code,
        name: site.name,
        createdAt,
      });
    }
    buildTenantStock(dataset, spec, tenantId, id, firstEpoch, createdAt);
  }

  for (const user of DEMO_USERS) {
    const [local, domain] = user.email.split("@");
    const userId = id(`user:${user.email}`);
    dataset.users.push({ id: userId, email: `${local}${suffix}@${domain}`, name: user.name, createdAt });
    for (const membership of user.memberships) {
      const tenantId = tenantIds.get(membership.tenant)!;
      dataset.memberships.push({
        tenantId,
        id: id(`membership:${membership.tenant}:${user.email}`),
        userId,
        role: membership.role,
        supplierId: membership.supplier ? supplierIds.get(`${membership.tenant}:${membership.supplier}`)! : null,
        supplierAdmin: membership.supplierAdmin ?? false,
        createdAt,
      });
    }
  }
  for (const invitation of DEMO_INVITATIONS) {
    const [local, domain] = invitation.email.split("@");
    const admin = DEMO_USERS.find((u) => u.memberships.some((m) => m.tenant === invitation.tenant && m.role === "admin"));
    dataset.invitations.push({
      tenantId: tenantIds.get(invitation.tenant)!,
      id: id(`invitation:${invitation.tenant}:${invitation.email}`),
      email: `${local}${suffix}@${domain}`,
      role: invitation.role,
      supplierId: invitation.supplier ? supplierIds.get(`${invitation.tenant}:${invitation.supplier}`)! : null,
      locale: invitation.locale,
      invitedBy: admin ? id(`user:${admin.email}`) : null,
    });
  }
  Object.assign(dataset, buildPlanHistory(dataset, { todayEpoch, suffix, id }));
  return dataset;
}

function buildTenantStock(
  dataset: DemoDataset,
  spec: TenantSpec,
  tenantId: string,
  id: (name: string) => string,
  firstEpoch: number,
  createdAt: Date,
) {
  interface ItemDraft {
    item: DemoItem;
    supplier: SupplierSpec;
    level: number;
    pack: number;
    leadTime: number;
  }
  const drafts: ItemDraft[] = [];
  for (const supplier of spec.suppliers) {
    let sku = supplier.firstSku;
    for (const template of supplier.items) {
      for (const variant of template.variants) {
        const code = `${supplier.prefix}${sku++}`;
        const random = new Random(spec.slug, "item", code);
        const [costLow, costHigh] = template.cost;
        const [demandLow, demandHigh] = template.demand;
        const item: DemoItem = {
          tenantId,
          id: id(`item:${spec.slug}:${code}`),
          sku: code,
          name: `${template.name} ${variant}`,
          uom: template.uom,
          unitCost: round(Math.exp(random.uniform(Math.log(costLow), Math.log(costHigh))), 2),
          category: template.category,
          createdAt,
        };
        drafts.push({
          item,
          supplier,
          level: Math.exp(random.uniform(Math.log(demandLow), Math.log(demandHigh))),
          pack: random.pick(template.packs),
          leadTime: random.int(supplier.leadTime[0], supplier.leadTime[1]),
        });
        dataset.items.push(item);
      }
    }
  }

  // Which items are stocked at which sites: exactly spec.agreements item-site pairs.
  const both = spec.agreements - drafts.length;
  if (both < 0 || both > drafts.length) {
    throw new Error(`${spec.slug}: ${spec.agreements} agreements do not fit ${drafts.length} items at two sites`);
  }
  const siteRandom = new Random(spec.slug, "sites");
  const pairs: { draft: ItemDraft; siteIndex: number }[] = [];
  siteRandom.shuffle(drafts.map((_, index) => index)).forEach((draftIndex, rank) => {
    const draft = drafts[draftIndex];
    if (rank < both) for (let s = 0; s < spec.sites.length; s++) pairs.push({ draft, siteIndex: s });
    else pairs.push({ draft, siteIndex: siteRandom.int(0, spec.sites.length - 1) });
  });
  pairs.sort((a, b) => a.draft.item.sku.localeCompare(b.draft.item.sku) || a.siteIndex - b.siteIndex);

  // Each agreement's own stream; its first draw is its site's share of the item's demand.
  const streams = pairs.map(
    ({ draft, siteIndex }) => new Random(spec.slug, "agreement", draft.item.sku, spec.sites[siteIndex].code),
  );
  const levels = pairs.map(({ draft }, index) => draft.level * streams[index].uniform(0.6, 1.3));

  // Every pattern appears in its share. Slow movers tend to be intermittent or lumpy: those
  // labels go to the agreements of lowest demand (jittered), the others to the rest.
  const quota = allocate(spec.patterns, pairs.length);
  const patternRandom = new Random(spec.slug, "patterns");
  const sparseCount = quota.intermittent + quota.lumpy;
  const { intermittent, lumpy, ...denseQuota } = quota;
  const sparseLabels = labels({ intermittent, lumpy }, patternRandom);
  const denseLabels = labels(denseQuota, patternRandom);
  const jittered = levels.map((level) => level * Math.exp(patternRandom.uniform(-0.7, 0.7)));
  const byLevel = levels.map((_, index) => index).sort((a, b) => jittered[a] - jittered[b] || a - b);
  const patterns: DemandPattern[] = new Array(pairs.length);
  byLevel.forEach((index, rank) => {
    patterns[index] = rank < sparseCount ? sparseLabels[rank] : denseLabels[rank - sparseCount];
  });

  // Each supplier's behaviours in their shares.
  const behaviourQueues = new Map<string, SupplierBehaviour[]>();
  for (const supplier of spec.suppliers) {
    const count = pairs.filter((pair) => pair.draft.supplier === supplier).length;
    behaviourQueues.set(
      supplier.code,
      labels(allocate(supplier.behaviours, count), new Random(spec.slug, "behaviours", supplier.code)),
    );
  }

  pairs.forEach(({ draft, siteIndex }, index) => {
    const site = spec.sites[siteIndex];
    const random = streams[index];
    const pattern = patterns[index];
    const behaviour = behaviourQueues.get(draft.supplier.code)!.shift()!;
    // A pattern with demand every day needs a few units a day to be one.
    const dense = pattern !== "intermittent" && pattern !== "lumpy";
    const level = dense ? Math.max(levels[index], 2 + random.float() * 2) : levels[index];
    const deadFrom = HISTORY_DAYS - random.int(210, 480);
    const probability =
      pattern === "intermittent"
        ? random.uniform(0.12, 0.45)
        : pattern === "lumpy"
          ? random.uniform(0.06, 0.3)
          : pattern === "dead" && random.chance(0.5)
            ? random.uniform(0.2, 0.6)
            : 1;
    const profile: DemandProfile = {
      pattern,
      level,
      probability,
      amplitude: random.uniform(0.45, 0.8),
      peakDayOfYear: random.int(0, 364),
      trend: random.uniform(0.35, 0.65) * (random.chance(0.65) ? 1 : -1),
      deadFrom,
    };

    // The agreed band: safety stock for the lead time plus a few days, and a cycle of 1–4 weeks.
    const leadTime = Math.max(1, draft.leadTime + random.int(-2, 2));
    const leadTimeSd = round(leadTime * random.uniform(0.08, 0.3), 1);
    const review = random.pick(draft.supplier.reviewPeriods);
    const sd = demandSd(profile);
    const safety = 1.65 * Math.sqrt(leadTime * sd * sd + level * level * leadTimeSd * leadTimeSd);
    const min = Math.max(1, Math.ceil(safety + level * random.uniform(1, 4)));
    const moq = draft.pack * random.pick([1, 1, 2, 3]);
    const cycle = Math.max(moq, roundUp(level * (review + random.uniform(7, 25)), draft.pack));
    const max = min + cycle;

    const demand = generateDemand(profile, HISTORY_DAYS, firstEpoch, random);
    const initial = Math.round(random.uniform(min + 0.3 * cycle, max));
    const terms = {
      min,
      max,
      leadTimeDays: leadTime,
      leadTimeSdDays: leadTimeSd,
      moq,
      packSize: draft.pack,
      reviewPeriodDays: review,
    };
    const history = simulateStock(terms, demand, behaviour, initial, random);

    dataset.agreements.push({
      tenantId,
      id: id(`agreement:${spec.slug}:${draft.item.sku}:${site.code}`),
      supplierId: id(`supplier:${spec.slug}:${draft.supplier.code}`),
      itemId: draft.item.id,
      locationId: id(`location:${spec.slug}:${site.code}`),
      minQty: min,
      maxQty: max,
      leadTimeDays: leadTime,
      leadTimeSdDays: leadTimeSd,
      moq,
      packSize: draft.pack,
      reviewPeriodDays: review,
      createdAt,
      updatedAt: createdAt,
      sku: draft.item.sku,
      siteCode: site.code,
      pattern,
      behaviour,
      ...history,
      status: stockStatus(history.onHand[HISTORY_DAYS - 1], min, max),
    });
  });
}

export function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value]++;
  return counts;
}

export { demandPatterns, supplierBehaviours };
