import type { Role } from "@db/schema";

export interface NavItem {
  /** Path below /t/:tenant. */
  path: string;
  /** i18n key of the label. */
  label: string;
  roles: readonly Role[];
  /** A count shown beside the label (plans waiting for the role's approval step). */
  count?: "awaiting";
}

/** What each role finds in the navigation; the server checks the same roles on every page. */
export const navigation: readonly NavItem[] = [
  { path: "", label: "nav.home", roles: ["supplier"] },
  { path: "inventory", label: "nav.inventory", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "plans", label: "nav.plans", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "approvals", label: "nav.approvals", roles: ["manager", "buyer"], count: "awaiting" },
  { path: "shipments", label: "nav.shipments", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "proposals", label: "nav.proposals", roles: ["admin", "manager", "buyer", "supplier"] },
  { path: "compliance", label: "nav.compliance", roles: ["admin", "manager", "buyer"] },
  { path: "scorecard", label: "nav.scorecard", roles: ["supplier"] },
];

/** Where /t/:tenant takes each role. */
export const roleHome = {
  admin: "inventory",
  manager: "inventory",
  buyer: "inventory",
  supplier: "",
} as const satisfies Record<Role, string>;

export function navigationFor(role: Role) {
  return navigation.filter((item) => item.roles.includes(role));
}
