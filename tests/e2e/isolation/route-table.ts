import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * How the isolation suite reaches every route of `app/routes.ts`: the ids each URL, query and
 * form takes and what kind of record each names, which roles may open the route at all, and the
 * forms its action reads. The suite fills each id with a record the identity may not see
 * (another supplier's in the same tenant, another tenant's) and expects the answer a random id
 * gets; a route without a description here fails `tests/unit/route-table.test.ts` and the suite.
 *
 * Plain data and source reading only: the unit test imports it without a server or a database.
 */

export const ROLES = ["admin", "manager", "buyer", "supplier"] as const;
export type Role = (typeof ROLES)[number];
const EVERYONE: readonly Role[] = ROLES;
const BUYER_SIDE: readonly Role[] = ["admin", "manager", "buyer"];
const SUPPLIERS: readonly Role[] = ["supplier"];
const ADMINS: readonly Role[] = ["admin"];
/** Who imports files: administrators every kind, buyers agreements and the daily facts. */
const IMPORTERS: readonly Role[] = ["admin", "buyer"];
/** The period of the compliance pages and scorecards: no ids. */
const PERIOD: Record<string, QueryParam> = { weeks: {}, from: {}, to: {}, sort: {}, dir: {} };

/** The kinds of record an id in a URL or a form names. */
export type RecordKind =
  | "agreement"
  | "plan"
  | "planLine"
  | "shipment"
  | "proposal"
  | "supplier"
  | "location"
  | "notification"
  /** An alert: its supplier's and the buyer's side's, like a plan. */
  | "alert"
  /** A file taken in and previewed: the buyer's side's own, not a supplier's. */
  | "import"
  /** A company's alert rule: its buyer's side reads it, its administrators change it; no supplier sees one. */
  | "alertRule"
  /** The secret of an e-mailed or printed link (set-up, invitation, password reset): no record of a tenant. */
  | "linkToken";

/** A record an attack names: one the world built, or a random id that names nothing. */
export interface Filled {
  id: string;
  /** Facts a plausible form needs (a plan's lock version, its first line, a proposal's id…). */
  facts: Record<string, string>;
}

/** What a form is filled from. */
export interface FormContext {
  /** The records in the route's path and query, by parameter name. */
  params: Record<string, Filled>;
  /** The records the form's own id fields name, by field. */
  fields: Record<string, Filled>;
  /** The tenant's today (YYYY-MM-DD), for dates a form checks against it. */
  today: string;
  /** A fresh request id (the suite records it, to find anything written under it). */
  requestId: string;
}

export interface PostForm {
  /** The `intent` field's value; null when the action reads no intent. */
  intent: string | null;
  /** The roles this form is meant for: any other role of the tenant gets a 404 and nothing is written. */
  roles: readonly Role[];
  /** Id fields of the body, and the kind of record each names. */
  ids?: Record<string, RecordKind>;
  /** The states of the route's record in which the form would act (a plan's status…); any when absent. */
  states?: readonly string[];
  body(context: FormContext): Record<string, string>;
}

export interface QueryParam {
  /** The kind of record the parameter names; absent for a parameter that takes no id. */
  kind?: RecordKind;
  /** A value the route needs to answer at all (a compliance table's name). */
  value?: string;
  /** The page is this record's: an unknown one is a 404 (otherwise the id only filters). */
  record?: boolean;
}

export interface RouteDescription {
  /**
   * `tenant`: below /t/:tenant, reached through a membership. `account`: the user's own pages,
   * outside any tenant (nothing to name but the user). `fallback`: the page of an address that
   * matches nothing. `api`: an endpoint of the REST API, reached by an API key and never by a
   * session; tests/integration/api-v1.test.ts attacks it with other companies' keys and records,
   * and with a session alone.
   */
  area: "tenant" | "account" | "fallback" | "api";
  /** The roles that may open it in a tenant they belong to; every other role gets a 404. */
  roles: readonly Role[];
  /** Path parameters other than :tenant, and the kind of record each names. */
  params: Record<string, RecordKind>;
  /** Query parameters the loader or action reads (ids, and the others, so that a new one shows up). */
  query: Record<string, QueryParam>;
  /** The action's forms: one per intent it knows. */
  posts?: readonly PostForm[];
  /** Why an action is not posted to (it would sign the client out, say). */
  noPost?: string;
  /** Modules besides the route's own that decide its intents. */
  intentSources?: readonly string[];
  /** The states in which the page shows its record (elsewhere it sends the user on). */
  shows?: Record<string, readonly string[]>;
}

// ---------------------------------------------------------------------------------------------
// Forms

/** The day after a YYYY-MM-DD day (a snooze's first allowed day). */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A complete alert rule form: a plan waiting a year, told to buyers in the app. */
const alertRuleForm = (name: string) => ({
  intent: "save",
  name,
  "condition.kind": "plan_waiting",
  "condition.hours": "8760",
  severity: "info",
  "recipients.roles": "buyer",
  "channels.inApp": "on",
  "channels.email": "none",
  cooldownMinutes: "0",
  enabled: "on",
});

const planFormFields = (agreementId: string, c: FormContext, intent: "draft" | "submit", lockVersion?: string) => ({
  intent,
  requestId: c.requestId,
  note: "Isolation check",
  ...(lockVersion ? { lockVersion } : {}),
  "lines[0].agreementId": agreementId,
  "lines[0].qty": "24",
  "lines[0].shipDate": c.today,
  "lines[0].arrivalDate": c.today,
  "lines[0].reason": "Covers forecast demand",
});

const planBuilderForms = (ids?: Record<string, RecordKind>, planId?: "planId"): PostForm[] =>
  (["draft", "submit"] as const).map((intent) => ({
    intent,
    roles: SUPPLIERS,
    ids,
    states: planId ? ["draft"] : undefined,
    body: (c: FormContext) => {
      const plan = planId ? c.params[planId] : undefined;
      const agreementId = c.fields["lines[0].agreementId"]?.id ?? plan?.facts.agreementId ?? "";
      return planFormFields(agreementId, c, intent, plan?.facts.lockVersion);
    },
  }));

const planDecisionForm = (intent: string, extra: (c: FormContext) => Record<string, string> = () => ({})): PostForm => ({
  intent,
  roles: ["buyer", "manager"],
  states: ["submitted", "in_review"],
  body: (c) => ({ intent, lockVersion: c.params.planId.facts.lockVersion ?? "1", ...extra(c) }),
});

// ---------------------------------------------------------------------------------------------
// The table, by route module

export const ROUTE_TABLE: Record<string, RouteDescription> = {
  "routes/index.tsx": { area: "account", roles: EVERYONE, params: {}, query: {} },
  "routes/login.tsx": {
    area: "account",
    roles: EVERYONE,
    params: {},
    query: { redirectTo: {} },
    noPost: "signed in, the sign-in form only sends the user home; its own suite covers it",
  },
  "routes/logout.tsx": { area: "account", roles: EVERYONE, params: {}, query: {}, noPost: "it would sign the client out" },
  "routes/account.password.tsx": {
    area: "account",
    roles: EVERYONE,
    params: {},
    query: {},
    noPost: "the user's own password: no id, and wrong attempts count against the sign-in limits",
  },
  "routes/account.language.tsx": {
    area: "account",
    roles: EVERYONE,
    params: {},
    query: {},
    noPost: "the user's own language: no id, and other suites read these users' pages in English",
  },
  // The pages of links (set-up, invitation, password reset) are reached before one is a member:
  // a token names no tenant's record, and a random one is an unknown link's page.
  "routes/setup.tsx": {
    area: "account",
    roles: EVERYONE,
    params: { token: "linkToken" },
    query: {},
    noPost: "the set-up link works only while no company exists: its own suite covers it",
  },
  "routes/invite.tsx": {
    area: "account",
    roles: EVERYONE,
    params: { token: "linkToken" },
    query: {},
    noPost: "a random token names no invitation; accepting one is the onboarding suite's",
  },
  "routes/forgot-password.tsx": {
    area: "account",
    roles: EVERYONE,
    params: {},
    query: {},
    noPost: "it names no record: its answer is the same for every address (the onboarding suite's)",
  },
  "routes/reset-password.tsx": {
    area: "account",
    roles: EVERYONE,
    params: { token: "linkToken" },
    query: {},
    noPost: "a random token names no reset link; using one is the onboarding suite's",
  },
  "routes/tenant.tsx": { area: "tenant", roles: EVERYONE, params: {}, query: {} },
  "routes/tenant.home.tsx": { area: "tenant", roles: EVERYONE, params: {}, query: {} },
  "routes/tenant.inventory.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: {},
    query: { supplier: { kind: "supplier" }, site: { kind: "location" } },
  },
  "routes/tenant.inventory.export.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: {},
    query: { supplier: { kind: "supplier" }, site: { kind: "location" } },
  },
  "routes/tenant.agreement.edit.tsx": {
    area: "tenant",
    roles: BUYER_SIDE,
    params: { agreementId: "agreement" },
    query: {},
    posts: [
      {
        intent: null,
        roles: BUYER_SIDE,
        body: (c) => ({
          version: c.params.agreementId.facts.version ?? "1",
          minQty: "12",
          maxQty: "150",
          leadTimeDays: "6",
          leadTimeSdDays: "1",
          moq: "0",
          packSize: "1",
          reviewPeriodDays: "7",
        }),
      },
    ],
  },
  "routes/tenant.agreement.end.tsx": {
    area: "tenant",
    roles: BUYER_SIDE,
    params: { agreementId: "agreement" },
    query: {},
    posts: [
      {
        intent: null,
        roles: BUYER_SIDE,
        body: (c) => ({ version: c.params.agreementId.facts.version ?? "1", confirm: "on" }),
      },
    ],
  },
  // The supplier and site of a new agreement: another company's answer as a random id does (400).
  "routes/tenant.inventory.new.tsx": {
    area: "tenant",
    roles: BUYER_SIDE,
    params: {},
    query: {},
    posts: [
      {
        intent: null,
        roles: BUYER_SIDE,
        ids: { supplierId: "supplier", locationId: "location" },
        body: (c) => ({
          supplierId: c.fields.supplierId?.id ?? "",
          locationId: c.fields.locationId?.id ?? "",
          sku: "ISOLATION-CHECK",
          minQty: "10",
          maxQty: "100",
          leadTimeDays: "5",
          leadTimeSdDays: "1",
          moq: "0",
          packSize: "1",
          reviewPeriodDays: "7",
        }),
      },
    ],
  },
  "routes/tenant.agreement.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: { agreementId: "agreement" },
    query: {},
    posts: [
      {
        intent: "propose",
        roles: SUPPLIERS,
        body: () => ({ intent: "propose", minQty: "15", maxQty: "130", reason: "Isolation check" }),
      },
      ...(["withdraw", "accept", "reject"] as const).map((intent): PostForm => ({
        intent,
        roles: intent === "withdraw" ? SUPPLIERS : BUYER_SIDE,
        ids: { proposalId: "proposal" },
        body: (c) => ({
          intent,
          proposalId: c.fields.proposalId?.id ?? c.params.agreementId.facts.proposalId ?? "",
          comment: "Isolation check",
        }),
      })),
    ],
  },
  "routes/tenant.proposals.tsx": { area: "tenant", roles: EVERYONE, params: {}, query: {} },
  "routes/tenant.approvals.tsx": { area: "tenant", roles: ["buyer", "manager"], params: {}, query: {} },
  "routes/tenant.plans.tsx": { area: "tenant", roles: EVERYONE, params: {}, query: { supplier: { kind: "supplier" } } },
  "routes/tenant.plans.new.tsx": {
    area: "tenant",
    roles: SUPPLIERS,
    params: {},
    query: { agreement: { kind: "agreement" }, horizon: {} },
    posts: planBuilderForms({ "lines[0].agreementId": "agreement" }),
    intentSources: ["app/components/plans/plan-builder.tsx"],
  },
  "routes/tenant.plan.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: { planId: "plan" },
    query: {},
    posts: [
      {
        intent: "withdraw",
        roles: SUPPLIERS,
        states: ["draft", "submitted"],
        body: (c) => ({ intent: "withdraw", lockVersion: c.params.planId.facts.lockVersion ?? "1" }),
      },
      {
        intent: "revise",
        roles: SUPPLIERS,
        states: ["changes_requested"],
        body: (c) => ({ intent: "revise", lockVersion: c.params.planId.facts.lockVersion ?? "1" }),
      },
      planDecisionForm("decide", () => ({ "lines[0].code": "IA" })),
      planDecisionForm("approve-all"),
      planDecisionForm("reject-all", () => ({ comment: "Isolation check" })),
      planDecisionForm("request-changes", () => ({ comment: "Isolation check" })),
      planDecisionForm("approve-selected", () => ({ selected: "1" })),
      planDecisionForm("reject-selected", () => ({ selected: "1", selectionReason: "Isolation check" })),
      planDecisionForm("record-page", () => ({ "lines[0].code": "IA" })),
    ],
  },
  "routes/tenant.plan.edit.tsx": {
    area: "tenant",
    roles: SUPPLIERS,
    params: { planId: "plan" },
    query: {},
    shows: { planId: ["draft"] },
    posts: planBuilderForms(undefined, "planId"),
    intentSources: ["app/components/plans/plan-builder.tsx"],
  },
  "routes/tenant.shipments.tsx": { area: "tenant", roles: EVERYONE, params: {}, query: { supplier: { kind: "supplier" } } },
  "routes/tenant.shipments.new.tsx": {
    area: "tenant",
    roles: SUPPLIERS,
    params: {},
    query: { plan: { kind: "plan", record: true } },
    shows: { plan: ["approved", "partially_approved"] },
    posts: [
      {
        intent: null,
        roles: SUPPLIERS,
        ids: { "lines[0].lineId": "planLine" },
        states: ["approved", "partially_approved"],
        body: (c) => ({
          requestId: c.requestId,
          shipDate: c.today,
          carrier: "Isolation Freight",
          tracking: "ISO-CHECK-1",
          "lines[0].lineId": c.fields["lines[0].lineId"]?.id ?? c.params.plan.facts.lineId ?? "",
          "lines[0].ship": "on",
          "lines[0].qty": "5",
          "lines[0].expectedArrival": c.today,
        }),
      },
    ],
  },
  "routes/tenant.shipment.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: { shipmentId: "shipment" },
    query: {},
    posts: [
      {
        intent: "receive",
        roles: ["buyer"],
        ids: { "lines[0].shipmentId": "shipment" },
        body: (c) => ({
          intent: "receive",
          "lines[0].shipmentId": c.fields["lines[0].shipmentId"]?.id ?? c.params.shipmentId.id,
          "lines[0].receive": "on",
          "lines[0].receivedQty": c.params.shipmentId.facts.qty ?? "1",
          "lines[0].receivedOn": c.today,
        }),
      },
      {
        intent: "correct",
        roles: SUPPLIERS,
        ids: { "lines[0].shipmentId": "shipment" },
        body: (c) => ({
          intent: "correct",
          carrier: "Isolation Freight",
          tracking: "ISO-CHECK-2",
          "lines[0].shipmentId": c.fields["lines[0].shipmentId"]?.id ?? c.params.shipmentId.id,
          "lines[0].qty": "5",
          "lines[0].expectedArrival": c.today,
        }),
      },
      { intent: "cancel", roles: SUPPLIERS, body: () => ({ intent: "cancel", confirm: "on" }) },
    ],
    intentSources: ["app/services/shipments/notice-page.server.ts"],
  },
  "routes/tenant.compliance.tsx": { area: "tenant", roles: BUYER_SIDE, params: {}, query: PERIOD },
  "routes/tenant.compliance.suppliers.tsx": { area: "tenant", roles: BUYER_SIDE, params: {}, query: PERIOD },
  "routes/tenant.compliance.supplier.tsx": {
    area: "tenant",
    roles: BUYER_SIDE,
    params: { supplierId: "supplier" },
    query: PERIOD,
  },
  "routes/tenant.compliance.matrix.tsx": { area: "tenant", roles: BUYER_SIDE, params: {}, query: PERIOD },
  "routes/tenant.compliance.health.tsx": { area: "tenant", roles: BUYER_SIDE, params: {}, query: PERIOD },
  "routes/tenant.compliance.export.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: {},
    // The KPI table exists for every role: suppliers export their own scorecard's.
    query: { table: { value: "kpis" }, format: {}, supplier: { kind: "supplier" } },
  },
  "routes/tenant.scorecard.tsx": { area: "tenant", roles: SUPPLIERS, params: {}, query: PERIOD },
  "routes/tenant.admin.users.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { q: {}, role: {}, status: {}, page: {} },
    posts: [
      {
        intent: "invite",
        roles: ADMINS,
        body: (c) => ({ intent: "invite", email: `isolation-${c.requestId}@example.test`, role: "buyer", locale: "en" }),
      },
      {
        intent: "change-role",
        roles: ADMINS,
        body: (c) => ({ intent: "change-role", membershipId: c.requestId, role: "buyer" }),
      },
      ...(["deactivate", "reactivate"] as const).map((intent): PostForm => ({
        intent,
        roles: ADMINS,
        body: (c) => ({ intent, membershipId: c.requestId }),
      })),
      ...(["resend", "revoke"] as const).map((intent): PostForm => ({
        intent,
        roles: ADMINS,
        body: (c) => ({ intent, invitationId: c.requestId }),
      })),
    ],
    intentSources: ["app/components/admin/people-forms.tsx", "app/components/admin/people-table.tsx"],
  },
  "routes/tenant.team.tsx": {
    area: "tenant",
    roles: SUPPLIERS,
    params: {},
    query: { q: {}, status: {}, page: {} },
    posts: [
      {
        intent: "invite",
        roles: SUPPLIERS,
        body: (c) => ({ intent: "invite", email: `isolation-${c.requestId}@example.test`, locale: "en" }),
      },
      ...(["deactivate", "reactivate"] as const).map((intent): PostForm => ({
        intent,
        roles: SUPPLIERS,
        body: (c) => ({ intent, membershipId: c.requestId }),
      })),
      ...(["resend", "revoke"] as const).map((intent): PostForm => ({
        intent,
        roles: SUPPLIERS,
        body: (c) => ({ intent, invitationId: c.requestId }),
      })),
    ],
  },
  "routes/tenant.admin.suppliers.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { edit: { kind: "supplier" } },
    posts: [
      {
        intent: "create",
        roles: ADMINS,
        body: (c) => ({ intent: "create", code: `ISO-${c.requestId}`, name: "Isolation supplier" }),
      },
      {
        intent: "update",
        roles: ADMINS,
        ids: { supplierId: "supplier" },
        body: (c) => ({
          intent: "update",
          supplierId: c.fields.supplierId?.id ?? "",
          code: `ISO-${c.requestId}`,
          name: "Isolation",
        }),
      },
      ...(["deactivate", "reactivate"] as const).map((intent): PostForm => ({
        intent,
        roles: ADMINS,
        ids: { supplierId: "supplier" },
        body: (c) => ({ intent, supplierId: c.fields.supplierId?.id ?? "" }),
      })),
    ],
  },
  "routes/tenant.admin.sites.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { edit: { kind: "location" } },
    posts: [
      {
        intent: "create",
        roles: ADMINS,
        body: (c) => ({ intent: "create", code: `ISO-${c.requestId}`, name: "Isolation site" }),
      },
      {
        intent: "update",
        roles: ADMINS,
        ids: { siteId: "location" },
        body: (c) => ({ intent: "update", siteId: c.fields.siteId?.id ?? "", code: `ISO-${c.requestId}`, name: "Isolation" }),
      },
    ],
  },
  "routes/tenant.admin.items.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { q: {}, after: {}, edit: {} },
    posts: [
      {
        intent: "create",
        roles: ADMINS,
        body: (c) => ({ intent: "create", sku: `ISO-${c.requestId}`, name: "Isolation item", uom: "EA", unitCost: "1" }),
      },
      {
        intent: "update",
        roles: ADMINS,
        body: (c) => ({
          intent: "update",
          itemId: c.requestId,
          sku: `ISO-${c.requestId}`,
          name: "Isolation",
          uom: "EA",
          unitCost: "1",
        }),
      },
    ],
  },
  "routes/tenant.admin.settings.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: {},
    posts: [
      {
        intent: null,
        roles: ADMINS,
        // Not a complete form: whoever may not post it gets the 404 before any field is read.
        body: () => ({ companyName: "Isolation check", currency: "CNY", timezone: "Asia/Shanghai", defaultLocale: "en" }),
      },
    ],
  },
  // The person filter names a member by user id: a user of another company filters to nothing.
  "routes/tenant.admin.audit.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { person: {}, action: {}, entity: {}, from: {}, to: {}, after: {} },
  },
  "routes/tenant.admin.audit.export.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { person: {}, action: {}, entity: {}, from: {}, to: {} },
  },
  "routes/tenant.inbox.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: {},
    query: {},
    posts: [
      ...(["open", "read"] as const).map((intent): PostForm => ({
        intent,
        roles: EVERYONE,
        ids: { id: "notification" },
        body: (c) => ({ intent, id: c.fields.id?.id ?? "" }),
      })),
      { intent: "read-all", roles: EVERYONE, body: () => ({ intent: "read-all" }) },
    ],
  },
  // Alerts: a supplier opens and acts on its own supplier's, the buyer's side on all of them.
  "routes/tenant.alerts.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: {},
    query: {
      status: {},
      severity: {},
      condition: {},
      supplier: { kind: "supplier" },
      site: { kind: "location" },
      cell: {},
      q: {},
      page: {},
    },
  },
  "routes/tenant.alert.tsx": {
    area: "tenant",
    roles: EVERYONE,
    params: { alertId: "alert" },
    query: {},
    posts: [
      { intent: "acknowledge", roles: EVERYONE, body: () => ({ intent: "acknowledge" }) },
      { intent: "snooze", roles: EVERYONE, body: (c) => ({ intent: "snooze", until: dayAfter(c.today) }) },
      // The assignee is no one: the alert is found (or not) before the person is looked at.
      {
        intent: "assign",
        roles: EVERYONE,
        body: (c) => ({ intent: "assign", assignee: c.requestId, dueDate: c.today }),
      },
      { intent: "resolve", roles: EVERYONE, body: () => ({ intent: "resolve", resolution: "Isolation check" }) },
      { intent: "comment", roles: EVERYONE, body: () => ({ intent: "comment", comment: "Isolation check" }) },
    ],
    intentSources: ["app/services/alerts/action-rules.ts"],
  },
  // The upload is a multipart stream: those who may not import get the 404 before it is read, and
  // its fields' attacks are the field-attack suite's (an urlencoded body is no upload).
  "routes/tenant.imports.tsx": {
    area: "tenant",
    roles: IMPORTERS,
    params: {},
    query: {},
    posts: [{ intent: null, roles: IMPORTERS, body: () => ({ kind: "stock" }) }],
  },
  "routes/tenant.imports.template.tsx": {
    area: "tenant",
    roles: IMPORTERS,
    params: {},
    // A kind every importer may import, or the template is the 404 of a kind one may not.
    query: { kind: { value: "stock" }, format: { value: "csv" } },
  },
  "routes/tenant.import.tsx": {
    area: "tenant",
    roles: IMPORTERS,
    params: { importId: "import" },
    query: {},
    posts: (["commit", "discard"] as const).map((intent): PostForm => ({ intent, roles: IMPORTERS, body: () => ({ intent }) })),
    intentSources: ["app/components/imports/import-preview.tsx"],
  },
  "routes/tenant.import.errors.tsx": { area: "tenant", roles: IMPORTERS, params: { importId: "import" }, query: {} },
  // Only an EDI import has a 997; the world's imports are CSV files, so the page's own check has
  // nothing to open, and the attacks hold another company's import to a random id's 404.
  "routes/tenant.import.997.tsx": {
    area: "tenant",
    roles: IMPORTERS,
    params: { importId: "import" },
    query: {},
    shows: { importId: ["edi"] },
  },
  // Alert rules: the buyer's side reads them, administrators alone change them (the forms are
  // the 404 of no such page to a buyer or a manager).
  "routes/tenant.admin.alert-rules.tsx": { area: "tenant", roles: BUYER_SIDE, params: {}, query: {} },
  "routes/tenant.admin.alert-rule.new.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: {},
    posts: [{ intent: "save", roles: ADMINS, body: (c) => alertRuleForm(`Isolation ${c.requestId}`) }],
  },
  "routes/tenant.admin.alert-rule.tsx": {
    area: "tenant",
    roles: BUYER_SIDE,
    params: { ruleId: "alertRule" },
    query: {},
    posts: [
      { intent: "save", roles: ADMINS, body: (c) => alertRuleForm(`Isolation ${c.requestId}`) },
      ...(["enable", "disable"] as const).map((intent): PostForm => ({ intent, roles: ADMINS, body: () => ({ intent }) })),
      { intent: "delete", roles: ADMINS, body: () => ({ intent: "delete", confirm: "on" }) },
    ],
  },
  "routes/tenant.admin.api-keys.tsx": {
    area: "tenant",
    roles: ADMINS,
    params: {},
    query: { revoke: {} },
    posts: [
      { intent: "create", roles: ADMINS, body: (c) => ({ intent: "create", name: `Isolation ${c.requestId}`, scopes: "read" }) },
      { intent: "revoke", roles: ADMINS, body: (c) => ({ intent: "revoke", keyId: c.requestId }) },
    ],
  },
  ...apiRoutes({
    "routes/api.v1.items.ts": { query: {}, action: true },
    "routes/api.v1.suppliers.ts": { query: {}, action: true },
    "routes/api.v1.sites.ts": { query: {}, action: true },
    "routes/api.v1.agreements.ts": { query: { sku: {}, site: {}, supplier: {}, cursor: {}, limit: {} }, action: true },
    // One agreement shares the list's module, which reads the list's paging too.
    "routes/api.v1.agreement.ts": { query: { cursor: {}, limit: {} }, params: { agreementId: "agreement" } },
    "routes/api.v1.stock.ts": { query: {}, action: true },
    "routes/api.v1.consumption.ts": { query: {}, action: true },
    "routes/api.v1.receipts.ts": { query: {}, action: true },
    "routes/api.v1.imports.ts": { query: { dryRun: {} }, action: true },
    "routes/api.v1.import.ts": { query: {}, params: { importId: "import" } },
    "routes/api.v1.openapi.ts": { query: {} },
    // The reference page and its files: public, like the document they show.
    "routes/api.docs.ts": { query: {} },
    "routes/api.docs.swagger-ui-bundle.ts": { query: {} },
    "routes/api.docs.swagger-ui-css.ts": { query: {} },
  }),
  "routes/not-found.tsx": {
    area: "fallback",
    roles: EVERYONE,
    params: {},
    query: {},
    posts: [{ intent: null, roles: EVERYONE, body: () => ({ note: "Isolation check" }) }],
  },
};

/** The REST API's endpoints: no session opens them, so the session attacks have nothing to try. */
function apiRoutes(
  routes: Record<string, { query: Record<string, QueryParam>; params?: Record<string, RecordKind>; action?: boolean }>,
): Record<string, RouteDescription> {
  return Object.fromEntries(
    Object.entries(routes).map(([file, r]) => [
      file,
      {
        area: "api",
        roles: EVERYONE,
        params: r.params ?? {},
        query: r.query,
        ...(r.action
          ? { noPost: "an API endpoint: its callers authenticate with a key, see tests/integration/api-v1.test.ts" }
          : {}),
      } satisfies RouteDescription,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// app/routes.ts, walked

/** A route as `@remix-run/route-config` builds it. */
export interface RouteConfigEntry {
  file: string;
  path?: string;
  index?: boolean;
  id?: string;
  children?: RouteConfigEntry[];
}

export interface PortalRoute {
  /** The module, relative to app/ ("routes/tenant.plan.tsx"): the table's key. */
  file: string;
  /** Remix's route id: the module without its extension, unless the config names one. */
  id: string;
  /** The whole URL pattern ("t/:tenant/plans/:planId"); "" for the start page. */
  pattern: string;
  index: boolean;
  /** Parameters of the pattern, in order. */
  params: string[];
  /** The module exports an action. */
  hasAction: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function routeSource(file: string): string {
  return readFileSync(path.join(ROOT, "app", file), "utf8");
}

/** Whether a module exports an action (a function or a const). */
export function exportsAction(source: string): boolean {
  return /^export\s+(async\s+)?function\s+action\b|^export\s+const\s+action\b|^export\s*\{[^}]*\baction\b[^}]*\}/m.test(source);
}

/** Every route of the config, depth first, with its whole pattern. */
export function walkRoutes(entries: readonly RouteConfigEntry[], parent = ""): PortalRoute[] {
  const out: PortalRoute[] = [];
  for (const entry of entries) {
    const pattern = [parent, entry.path ?? ""].filter(Boolean).join("/");
    const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
    out.push({
      file: entry.file,
      id: entry.id ?? entry.file.replace(/\.[tj]sx?$/, ""),
      pattern,
      index: entry.index === true,
      params,
      hasAction: exportsAction(routeSource(entry.file)),
    });
    if (entry.children) out.push(...walkRoutes(entry.children, pattern));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a route's source says about itself (the unit test holds the table to it)

function importedModule(source: string, name: string): string | null {
  for (const m of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    const names = m[1].split(",").map((n) =>
      n
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .pop(),
    );
    if (names.includes(name)) return m[2];
  }
  return null;
}

/** The source of an `~/…` module, or null for a package. */
export function appModuleSource(specifier: string): string | null {
  if (!specifier.startsWith("~/")) return null;
  const base = path.join(ROOT, "app", specifier.slice(2));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      return readFileSync(candidate, "utf8");
    } catch {
      // the next candidate
    }
  }
  return null;
}

/**
 * The roles each `requireMembership(args, roles)` call of a module allows: undefined for every
 * role, or the names of the array, written there, in a `const X = [...]` of the module itself or
 * in an imported `export const X = [...]`.
 * A role list the scan cannot read is reported as "?".
 */
export function membershipRoles(source: string): (readonly string[] | undefined)[] {
  const calls = [...source.matchAll(/requireMembership\(\s*args\s*(?:,\s*([^)]+?))?\s*\)/g)];
  return calls.map((call) => {
    const expr = call[1]?.trim();
    if (!expr) return undefined;
    const literal = /^\[([^\]]*)\]$/.exec(expr);
    if (literal) return [...literal[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    if (/^[A-Z_]+$/.test(expr)) {
      const from = importedModule(source, expr);
      const module = from ? appModuleSource(from) : source;
      const exported = from ? "export " : "(?:export )?";
      const declared = module ? new RegExp(`^${exported}const ${expr}\\s*=\\s*\\[([^\\]]*)\\]`, "m").exec(module) : null;
      if (declared) return [...declared[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    }
    return ["?"];
  });
}

/** The intent values a module compares a form's `intent` with, or offers on its buttons. */
export function intentsIn(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    // `intent === "x"` on the form's value; not `result?.intent === "x"` on the action's answer.
    /(?<![.\w])intent\s*[!=]==\s*"([^"]+)"/g,
    /get\("intent"\)\s*[!=]==\s*"([^"]+)"/g,
    /intent:\s*z\.literal\("([^"]+)"\)/g,
    /name="intent"\s+value="([^"]+)"/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1]);
  return [...found].sort();
}

/**
 * The query parameters a route reads: `searchParams.get("x")` / `params.get("x")` in the module
 * and in the `~/` modules it imports that read a URLSearchParams, and the keys of the zod objects
 * there (`x: z.uuid()` marks an id).
 */
export function queryParamsIn(source: string): { names: string[]; ids: string[] } {
  const sources = [source];
  for (const m of source.matchAll(/from\s*"(~\/[^"]+)"/g)) {
    const imported = appModuleSource(m[1]);
    if (imported && /URLSearchParams/.test(imported)) sources.push(imported);
  }
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(/(?:searchParams|params)\.get\("([^"]+)"\)/g)) names.add(m[1]);
    for (const m of text.matchAll(/(\w+):\s*z\.uuid\(\)/g)) ids.add(m[1]);
  }
  // Fields of the action's form read from the body are not query parameters.
  const readsBody = (name: string) => new RegExp(`form\\.get\\("${name}"\\)|text\\("${name}"\\)`).test(source);
  return { names: [...names].filter((n) => !readsBody(n)).sort(), ids: [...ids].sort() };
}

/**
 * What keeps the table from describing the routes as they are: a route without a description, a
 * description of a route that is gone, and, for each route, parameters, roles, forms, intents and
 * query parameters that differ from what its module reads. Empty when the table is right.
 */
export function tableProblems(
  portalRoutes: readonly PortalRoute[],
  table: Record<string, RouteDescription> = ROUTE_TABLE,
): string[] {
  const problems: string[] = [];
  const files = new Set(portalRoutes.map((r) => r.file));
  for (const file of Object.keys(table))
    if (!files.has(file)) problems.push(`${file}: described, but app/routes.ts has no such route`);
  for (const route of portalRoutes) {
    const d = table[route.file];
    const at = `${route.file} (/${route.pattern})`;
    if (!d) {
      problems.push(`${at}: not described, so the isolation suite cannot reach it`);
      continue;
    }
    const source = routeSource(route.file);
    const params = route.params.filter((p) => p !== "tenant");
    const tenantParam = route.params.includes("tenant");
    if ((d.area === "tenant") !== tenantParam)
      problems.push(`${at}: area ${d.area}, but the URL ${tenantParam ? "has" : "has no"} :tenant`);
    if (JSON.stringify(Object.keys(d.params).sort()) !== JSON.stringify([...params].sort())) {
      problems.push(
        `${at}: describes parameters ${JSON.stringify(Object.keys(d.params))}, the URL has ${JSON.stringify(params)}`,
      );
    }

    if (route.hasAction && !d.posts?.length && !d.noPost)
      problems.push(`${at}: has an action, but no form (or reason not to post) is described`);
    if (!route.hasAction && (d.posts?.length || d.noPost)) problems.push(`${at}: describes forms, but exports no action`);
    const extra = (d.intentSources ?? []).map((file) => readFileSync(path.join(ROOT, file), "utf8")).join("\n");
    const intents = intentsIn(`${source}\n${extra}`);
    const described = [...new Set((d.posts ?? []).map((p) => p.intent).filter((i): i is string => i !== null))].sort();
    if (!d.noPost && JSON.stringify(intents) !== JSON.stringify(described)) {
      problems.push(`${at}: the action knows intents ${JSON.stringify(intents)}, the table ${JSON.stringify(described)}`);
    }
    for (const form of d.posts ?? []) {
      const outside = form.roles.filter((r) => !d.roles.includes(r));
      if (outside.length)
        problems.push(`${at}: form ${form.intent ?? "(none)"} is meant for ${outside.join(", ")}, who cannot open the route`);
    }

    const calls = membershipRoles(source);
    if (d.area === "tenant" && calls.length === 0) problems.push(`${at}: a tenant route that never calls requireMembership`);
    if (d.area !== "tenant" && calls.length > 0) problems.push(`${at}: area ${d.area}, but it calls requireMembership`);
    for (const roles of calls) {
      const allowed = [...(roles ?? ROLES)].sort();
      if (JSON.stringify(allowed) !== JSON.stringify([...d.roles].sort())) {
        problems.push(
          `${at}: requireMembership allows ${JSON.stringify(allowed)}, the table ${JSON.stringify([...d.roles].sort())}`,
        );
      }
    }

    const query = queryParamsIn(source);
    for (const name of query.names)
      if (!(name in d.query)) problems.push(`${at}: reads query parameter "${name}", which the table does not describe`);
    for (const name of query.ids)
      if (!d.query[name]?.kind) problems.push(`${at}: query parameter "${name}" takes an id, which the table does not fill`);
    for (const [name, q] of Object.entries(d.query)) {
      if (q.kind && !query.names.includes(name) && !query.ids.includes(name)) {
        problems.push(`${at}: the table fills query parameter "${name}", which the route does not read`);
      }
    }
  }
  return problems;
}
