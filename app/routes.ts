import { index, prefix, route, type RouteConfig } from "@remix-run/route-config";

/** Every URL of the portal, in one place. */
export default [
  index("routes/index.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("account/language", "routes/account.language.tsx"),
  route("t/:tenant", "routes/tenant.tsx", [
    index("routes/tenant.home.tsx"),
    ...prefix("inventory", [
      index("routes/tenant.inventory.tsx"),
      route("export", "routes/tenant.inventory.export.tsx"),
      route(":agreementId/edit", "routes/tenant.agreement.edit.tsx"),
      route(":agreementId", "routes/tenant.agreement.tsx"),
    ]),
    route("proposals", "routes/tenant.proposals.tsx"),
    route("approvals", "routes/tenant.approvals.tsx"),
    ...prefix("plans", [
      index("routes/tenant.plans.tsx"),
      route("new", "routes/tenant.plans.new.tsx"),
      route(":planId", "routes/tenant.plan.tsx"),
      route(":planId/edit", "routes/tenant.plan.edit.tsx"),
    ]),
    ...prefix("shipments", [
      index("routes/tenant.shipments.tsx"),
      route("new", "routes/tenant.shipments.new.tsx"),
      route(":shipmentId", "routes/tenant.shipment.tsx"),
    ]),
    ...prefix("compliance", [
      index("routes/tenant.compliance.tsx"),
      route("suppliers", "routes/tenant.compliance.suppliers.tsx"),
      route("suppliers/:supplierId", "routes/tenant.compliance.supplier.tsx"),
      route("matrix", "routes/tenant.compliance.matrix.tsx"),
      route("health", "routes/tenant.compliance.health.tsx"),
      route("export", "routes/tenant.compliance.export.tsx"),
    ]),
    route("scorecard", "routes/tenant.scorecard.tsx"),
    route("inbox", "routes/tenant.inbox.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
