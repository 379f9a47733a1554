import { describe, expect, it } from "vitest";
import routes from "~/routes";
import {
  exportsAction,
  intentsIn,
  membershipRoles,
  type PortalRoute,
  queryParamsIn,
  ROUTE_TABLE,
  type RouteConfigEntry,
  tableProblems,
  walkRoutes,
} from "../e2e/isolation/route-table";

/**
 * The isolation suite (tests/e2e/http/route-isolation.spec.ts) attacks the routes its table
 * describes: a route added to app/routes.ts without a description, or a description left behind,
 * fails here before any server runs; so does a description that no longer matches the route's
 * module (its parameters, the roles it lets in, its forms' intents, the query parameters it reads).
 */

const portalRoutes = walkRoutes(routes as RouteConfigEntry[]);

describe("the isolation route table", () => {
  it("describes every route of app/routes.ts as its module reads it, and nothing else", () => {
    expect(portalRoutes.length).toBeGreaterThan(20);
    expect(tableProblems(portalRoutes)).toEqual([]);
  });

  it("walks nested routes into whole patterns, with index routes and their module's action", () => {
    const plan = portalRoutes.find((r) => r.file === "routes/tenant.plan.tsx");
    expect(plan).toMatchObject({
      id: "routes/tenant.plan",
      pattern: "t/:tenant/plans/:planId",
      params: ["tenant", "planId"],
      hasAction: true,
      index: false,
    });
    const inventory = portalRoutes.find((r) => r.file === "routes/tenant.inventory.tsx");
    expect(inventory).toMatchObject({ pattern: "t/:tenant/inventory", index: true, hasAction: false });
  });

  it("reports a route it does not describe, and a description whose route is gone", () => {
    const added: PortalRoute = {
      file: "routes/tenant.invoices.tsx",
      id: "routes/tenant.invoices",
      pattern: "t/:tenant/invoices/:invoiceId",
      index: false,
      params: ["tenant", "invoiceId"],
      hasAction: true,
    };
    const problems = tableProblems([...portalRoutes.filter((r) => r.file !== "routes/tenant.inbox.tsx"), added]);
    expect(problems).toContain("routes/tenant.inbox.tsx: described, but app/routes.ts has no such route");
    expect(problems).toContain(
      "routes/tenant.invoices.tsx (/t/:tenant/invoices/:invoiceId): not described, so the isolation suite cannot reach it",
    );
  });

  it("reports a description that no longer matches its route", () => {
    const plan = ROUTE_TABLE["routes/tenant.plan.tsx"];
    const stale = {
      ...ROUTE_TABLE,
      "routes/tenant.plan.tsx": {
        ...plan,
        roles: ["supplier"] as const,
        params: {},
        posts: plan.posts!.filter((p) => p.intent !== "revise"),
      },
      "routes/tenant.plans.tsx": { ...ROUTE_TABLE["routes/tenant.plans.tsx"], query: {} },
    };
    const problems = tableProblems(portalRoutes, stale).join("\n");
    expect(problems).toContain(
      `routes/tenant.plan.tsx (/t/:tenant/plans/:planId): describes parameters [], the URL has ["planId"]`,
    );
    expect(problems).toContain(`requireMembership allows ["admin","buyer","manager","supplier"], the table ["supplier"]`);
    expect(problems).toMatch(/the action knows intents \[.*"revise".*\], the table \[(?!.*"revise")/);
    expect(problems).toContain(
      `routes/tenant.plans.tsx (/t/:tenant/plans): query parameter "supplier" takes an id, which the table does not fill`,
    );
  });
});

describe("what the table reads from a route's module", () => {
  it("finds an exported action, however it is written", () => {
    expect(exportsAction("export async function action(args) {}")).toBe(true);
    expect(exportsAction("export const action = async () => null;")).toBe(true);
    expect(exportsAction("export { loader, action } from './x';")).toBe(true);
    expect(exportsAction("export async function loader() {}\nfunction action() {}")).toBe(false);
  });

  it("finds the intents an action compares and its buttons offer, not the answer's", () => {
    const source = [
      'if (intent === "approve") {}',
      'if (form.get("intent") !== "receive") throw 400;',
      'z.object({ intent: z.literal("open"), id: z.string() })',
      '<button name="intent" value="archive">',
      'const done = result?.intent === "decide";',
    ].join("\n");
    expect(intentsIn(source)).toEqual(["approve", "archive", "open", "receive"]);
  });

  it("reads the roles of requireMembership, written out or from an imported list", () => {
    expect(membershipRoles("await requireMembership(args);")).toEqual([undefined]);
    expect(membershipRoles('await requireMembership(args, ["buyer", "manager"]);')).toEqual([["buyer", "manager"]]);
    const imported =
      'import { COMPLIANCE_ROLES } from "~/services/compliance/period-query";\nawait requireMembership(args, COMPLIANCE_ROLES);';
    expect(membershipRoles(imported)).toEqual([["admin", "manager", "buyer"]]);
    expect(membershipRoles("await requireMembership(args, rolesFor(x));")).toEqual([["?"]]);
  });

  it("reads the query parameters of the loader and of the query modules it imports", () => {
    const source = [
      'import { parseInventoryQuery } from "~/services/inventory/inventory-query";',
      'const plan = new URL(request.url).searchParams.get("plan");',
      "const Query = z.object({ owner: z.uuid().optional() });",
      'const carrier = text("carrier"); const x = form.get("carrier");',
    ].join("\n");
    const found = queryParamsIn(source);
    expect(found.names).toContain("plan");
    expect(found.ids).toEqual(expect.arrayContaining(["owner", "supplier", "site"]));
  });
});
