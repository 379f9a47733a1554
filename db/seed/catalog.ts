import type { Role } from "../schema";
import { contosoPackaging } from "./product-ranges/contoso";
import { fabrikamChemicals } from "./product-ranges/fabrikam";
import { initechSupplies } from "./product-ranges/initech";
import type { ItemTemplate } from "./product-ranges/item-template";
import { northwindComponents, northwindRetail } from "./product-ranges/northwind";
import type { DemandPattern, SupplierBehaviour } from "./simulate";

/**
 * The demo companies, sites, people and product ranges (docs/domain.md, "Demo tenant"). Numbers here
 * are ranges; the generator draws the actual values from its seeded streams.
 */

export const DEMO_PASSWORD = "vmi-demo-2026";

export interface SupplierSpec {
  code: string;
  name: string;
  /** SKU prefix, e.g. NW- for Northwind. */
  prefix: string;
  /** First SKU number. */
  firstSku: number;
  leadTime: readonly [number, number];
  reviewPeriods: readonly number[];
  /** How this supplier tends to replenish: weights of the per-agreement behaviour. */
  behaviours: Readonly<Record<SupplierBehaviour, number>>;
  items: readonly ItemTemplate[];
}

export interface SiteSpec {
  code: string;
  name: string;
}

export interface TenantSpec {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  sites: readonly SiteSpec[];
  suppliers: readonly SupplierSpec[];
  /** Exact number of agreements (item × site) to create. */
  agreements: number;
  patterns: Readonly<Record<DemandPattern, number>>;
}

export interface DemoUserSpec {
  email: string;
  name: string;
  /** For the start-up banner. */
  description: string;
  memberships: readonly { tenant: string; role: Role; supplier?: string; supplierAdmin?: boolean }[];
}

/** A pending invitation of the demo: someone the administrators have invited who has not joined yet. */
export interface DemoInvitationSpec {
  tenant: string;
  email: string;
  role: Role;
  supplier?: string;
  locale: "en" | "zh-CN";
}
export const DEMO_TENANTS: readonly TenantSpec[] = [
  {
    slug: "acme",
    name: "Acme Manufacturing",
    currency: "CNY",
    timezone: "Asia/Shanghai",
    sites: [
      { code: "SH-01", name: "Shanghai plant" },
      { code: "SZ-02", name: "Shenzhen DC" },
    ],
    suppliers: [
      {
        code: "northwind",
        name: "Northwind Components",
        prefix: "NW-",
        firstSku: 10001,
        leadTime: [5, 21],
        reviewPeriods: [7, 7, 14],
        behaviours: { reliable: 0.62, late: 0.14, "over-shipping": 0.12, "under-shipping": 0.12 },
        items: northwindComponents,
      },
      {
        code: "contoso",
        name: "Contoso Packaging",
        prefix: "CT-",
        firstSku: 20001,
        leadTime: [3, 10],
        reviewPeriods: [1, 7, 7],
        behaviours: { reliable: 0.6, late: 0.1, "over-shipping": 0.22, "under-shipping": 0.08 },
        items: contosoPackaging,
      },
      {
        code: "fabrikam",
        name: "Fabrikam Chemicals",
        prefix: "FB-",
        firstSku: 30001,
        leadTime: [10, 30],
        reviewPeriods: [7, 14, 14],
        behaviours: { reliable: 0.52, late: 0.24, "over-shipping": 0.08, "under-shipping": 0.16 },
        items: fabrikamChemicals,
      },
    ],
    agreements: 300,
    patterns: { smooth: 30, seasonal: 14, trending: 12, erratic: 8, intermittent: 16, lumpy: 10, dead: 10 },
  },
  {
    slug: "globex",
    name: "Globex Retail",
    currency: "HKD",
    timezone: "Asia/Hong_Kong",
    sites: [
      { code: "KT-01", name: "Kwun Tong DC" },
      { code: "TST-02", name: "Tsim Sha Tsui store" },
    ],
    suppliers: [
      {
        code: "northwind",
        name: "Northwind Components",
        prefix: "NW-",
        firstSku: 50001,
        leadTime: [4, 14],
        reviewPeriods: [7],
        behaviours: { reliable: 0.6, late: 0.15, "over-shipping": 0.15, "under-shipping": 0.1 },
        items: northwindRetail,
      },
      {
        code: "initech",
        name: "Initech Supplies",
        prefix: "IN-",
        firstSku: 60001,
        leadTime: [2, 7],
        reviewPeriods: [1, 7],
        behaviours: { reliable: 0.65, late: 0.15, "over-shipping": 0.1, "under-shipping": 0.1 },
        items: initechSupplies,
      },
    ],
    agreements: 48,
    patterns: { smooth: 30, seasonal: 20, trending: 12, erratic: 6, intermittent: 14, lumpy: 8, dead: 10 },
  },
];

export const DEMO_USERS: readonly DemoUserSpec[] = [
  {
    email: "admin@acme.example",
    name: "Li Wei",
    description: "admin, Acme Manufacturing",
    memberships: [{ tenant: "acme", role: "admin" }],
  },
  {
    email: "manager@acme.example",
    name: "Zhang Min",
    description: "manager, Acme Manufacturing",
    memberships: [{ tenant: "acme", role: "manager" }],
  },
  {
    email: "buyer@acme.example",
    name: "Chen Jing",
    description: "buyer, Acme Manufacturing",
    memberships: [{ tenant: "acme", role: "buyer" }],
  },
  {
    email: "supplier@northwind.example",
    name: "Nancy Davolio",
    description: "supplier Northwind, in Acme (its people's administrator) and Globex",
    memberships: [
      { tenant: "acme", role: "supplier", supplier: "northwind", supplierAdmin: true },
      { tenant: "globex", role: "supplier", supplier: "northwind" },
    ],
  },
  {
    email: "supplier@contoso.example",
    name: "Kim Abercrombie",
    description: "supplier Contoso, in Acme",
    memberships: [{ tenant: "acme", role: "supplier", supplier: "contoso" }],
  },
  {
    email: "supplier@fabrikam.example",
    name: "Dana Birkby",
    description: "supplier Fabrikam, in Acme",
    memberships: [{ tenant: "acme", role: "supplier", supplier: "fabrikam" }],
  },
  {
    email: "buyer@globex.example",
    name: "Wong Ka-ming",
    description: "buyer, Globex Retail",
    memberships: [{ tenant: "globex", role: "buyer" }],
  },
];

/**
 * Invitations waiting in Acme: a buyer, and a second person at Northwind (whose administrator there
 * sees it on the team page). Their links were never sent: an administrator resends one to get it.
 */
export const DEMO_INVITATIONS: readonly DemoInvitationSpec[] = [
  { tenant: "acme", email: "new.buyer@acme.example", role: "buyer", locale: "zh-CN" },
  { tenant: "acme", email: "orders@northwind.example", role: "supplier", supplier: "northwind", locale: "en" },
];
