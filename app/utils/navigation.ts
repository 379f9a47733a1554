import type { Role } from "@db/schema";

export interface NavItem {
  /** Path below /t/:tenant. */
  path: string;
  /** i18n key of the label. */
  label: string;
  roles: readonly Role[];
  /** A count shown beside the label (plans waiting for the role's approval step). */
  count?: "awaiting" | "alerts";
  /** Only for a supplier member who administers its supplier's people. */
  supplierAdminOnly?: boolean;
}

/** What each role finds in the navigation; the server checks the same roles on every page. */
export const navigation: readonly NavItem[] = [
  { path: "", label: "nav.home", roles: ["manager", "buyer", "supplier"] },
  { path: "alerts", label: "nav.alerts", roles: ["admin", "manager", "buyer", "supplier"], count: "alerts" },
  { path: "inventory", label: "nav.inventory", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "plans", label: "nav.plans", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "approvals", label: "nav.approvals", roles: ["manager", "buyer"], count: "awaiting" },
  { path: "shipments", label: "nav.shipments", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "proposals", label: "nav.proposals", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "compliance", label: "nav.compliance", roles: ["admin", "manager", "buyer"] },
  { path: "imports", label: "nav.imports", roles: ["admin", "buyer"] },
  { path: "scorecard", label: "nav.scorecard", roles: ["supplier"] },
  { path: "team", label: "nav.team", roles: ["supplier"], supplierAdminOnly: true },
  { path: "admin/users", label: "nav.admin", roles: ["admin"] },
];

/**
 * Where /t/:tenant takes each role: buyers, managers and suppliers start on their alerts (the
 * start page); administrators, who set the company up rather than act on alerts, on the inventory.
 */
export const roleHome = {
  admin: "inventory",
  manager: "",
  buyer: "",
  supplier: "",
} as const satisfies Record<Role, string>;

export function navigationFor(role: Role, supplierAdmin = false) {
  return navigation.filter((item) => item.roles.includes(role) && (!item.supplierAdminOnly || supplierAdmin));
}

/** The sections of the administration area (below /t/:tenant/admin), in the order of its tabs. */
export const adminSections = ["users", "suppliers", "sites", "items", "settings", "alert-rules", "audit", "api-keys"] as const;
export type AdminSection = (typeof adminSections)[number];
