import { index, prefix, route, type RouteConfig } from "@remix-run/route-config";

/** Every URL of the portal, in one place. */
export default [
  index("routes/index.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("account/language", "routes/account.language.tsx"),
  route("setup/:token", "routes/setup.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password/:token", "routes/reset-password.tsx"),
  route("t/:tenant", "routes/tenant.tsx", [
    index("routes/tenant.home.tsx"),
    ...prefix("inventory", [
      index("routes/tenant.inventory.tsx"),
      route("export", "routes/tenant.inventory.export.tsx"),
      route("new", "routes/tenant.inventory.new.tsx"),
      route(":agreementId/edit", "routes/tenant.agreement.edit.tsx"),
      route(":agreementId/end", "routes/tenant.agreement.end.tsx"),
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
    ...prefix("admin", [
      route("users", "routes/tenant.admin.users.tsx"),
      route("suppliers", "routes/tenant.admin.suppliers.tsx"),
      route("sites", "routes/tenant.admin.sites.tsx"),
      route("items", "routes/tenant.admin.items.tsx"),
      route("settings", "routes/tenant.admin.settings.tsx"),
      route("audit", "routes/tenant.admin.audit.tsx"),
      route("audit/export", "routes/tenant.admin.audit.export.tsx"),
    ]),
    route("team", "routes/tenant.team.tsx"),
    route("scorecard", "routes/tenant.scorecard.tsx"),
    route("inbox", "routes/tenant.inbox.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
