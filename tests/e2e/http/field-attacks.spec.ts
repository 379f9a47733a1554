import { type APIRequestContext, expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import path from "node:path";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { rowsOf } from "@db/rows";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { hashPassword } from "~/services/auth/password.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { todayIn } from "~/utils/dates";
import { createAlert } from "../../support/alert-factories";
import {
  createAgreement,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
  uniqueSlug,
} from "../../support/factories";
import { dataDir, newClient, postLogin } from "../support";
import {
  attacksFor,
  classify,
  classifyIn,
  CONTROL_VALUES,
  type Expectation,
  type FieldClass,
  findAll,
  formsOf,
  generalName,
  type Identity,
  matchRoute,
  messageFor,
  MESSAGES,
  alertRuleBaseline,
  NUL_VALUE,
  OUTSIDE_VALUE,
  type PageForm,
  type PagePath,
  parseHtml,
  pathsFor,
  payloadFor,
  type Portal,
  RECIPES,
  recipeKey,
  type Role,
  ROLES,
  routePatterns,
  scriptPolicyProblems,
  showsEscaped,
  type Submitter,
  submittedValues,
  textContent,
  UNESCAPED,
  type UploadFile,
  type Workspace,
} from "../support/forms";

/**
 * Field attacks on every form the portal renders, found by opening every route of app/routes.ts
 * as every role rather than listed here: each free-text field refuses NUL (at the front door, 4xx)
 * and other control characters (400, with the field's own message tied to it); each numeric field
 * refuses 0x10, 1e3, NaN and -1 (400, its message); dates refuse a day that does not exist,
 * choices and buttons a value they do not offer, and hidden fields are read strictly by their
 * kind; nothing refused writes anything. A form that sends a file (the upload) goes as a browser
 * sends it, multipart with its recipe's file, so that each refusal is its other fields'. A script
 * submitted validly in every free-text field stays inert on every page, each served with a
 * nonce-only script policy.
 *
 * The attacks run in a tenant of their own, built through the running server's socket and then
 * through the portal's own forms (a user of every role, agreements with no demand, plans in each
 * state, a shipment, a band proposal, a previewed import, an open alert), so that "nothing written" means every
 * row of that tenant unchanged, whatever other specs do meanwhile, and no other spec's pages see a
 * payload. A route, form or field that the tables of support/forms.ts cannot place fails by name
 * until described.
 */
test.describe.configure({ mode: "default" });

const PASSWORD = "field-attacks-2026";
/** The workspace tenant's time zone: its facts end the day before its today there. */
const TIME_ZONE = "Asia/Shanghai";
/** Agreements with no proposal, one for each fresh proposal form (proposing, withdrawing, deciding). */
const SPARE_AGREEMENTS = 8;

interface Visit {
  as: Identity;
  /** What was asked for, and where it ended after redirects. */
  path: string;
  url: string;
  status: number;
  contentType: string;
  csp: string | undefined;
  html: string;
}

interface Answer {
  status: number;
  location: string;
  contentType: string;
  csp: string | undefined;
  html: string;
}

interface Field {
  name: string;
  general: string;
  cls: FieldClass;
  /** The value the page rendered. */
  rendered: string;
}

/** A form that posts, with one of its buttons (or none), as first found on a page. */
interface FoundForm {
  key: string;
  as: Identity;
  page: string;
  html: string;
  form: PageForm;
  submitter: Submitter | null;
  fields: Field[];
}

/** A search or filter form (GET): only its free text is attacked, a bad filter being no filter. */
interface QueryForm {
  route: string;
  as: Identity;
  html: string;
  form: PageForm;
}

let db: DatabaseHandle;
let ws: Workspace;
let portal: Portal;
const clients = new Map<Role, APIRequestContext>();
const visits: Visit[] = [];
const found: FoundForm[] = [];
const queryForms: QueryForm[] = [];
const unfilledRoutes: string[] = [];

// ---------------------------------------------------------------------------------------------
// Speaking HTTP as a member of the workspace, or as nobody

/**
 * Runs `work` with the identity's client: a role's signed-in client, or for "anonymous" a new one
 * each time, so that a sign-in an attack let through never turns the next request into a member's.
 */
async function as<T>(identity: Identity, work: (client: APIRequestContext) => Promise<T>): Promise<T> {
  if (identity !== "anonymous") return work(clients.get(identity)!);
  const fresh = await newClient();
  try {
    return await work(fresh);
  } finally {
    await fresh.dispose();
  }
}

async function open(identity: Identity, pagePath: string): Promise<Visit> {
  return as(identity, async (client) => {
    const response = await client.get(pagePath, { maxRedirects: 5 });
    const url = new URL(response.url());
    const headers = response.headers();
    return {
      as: identity,
      path: pagePath,
      url: `${url.pathname}${url.search}`,
      status: response.status(),
      contentType: headers["content-type"] ?? "",
      csp: headers["content-security-policy"],
      html: await response.text(),
    };
  });
}

/**
 * Sends name/value pairs as a browser sends a form (urlencoded, any character included), or, with
 * `files`, as a multipart form: the pairs in order, then each file as its own part.
 */
async function send(
  identity: Identity,
  method: "GET" | "POST",
  target: string,
  pairs: [string, string][],
  files?: Record<string, UploadFile>,
): Promise<Answer> {
  const body = new URLSearchParams(pairs).toString();
  const multipart = () => {
    const form = new FormData();
    for (const [name, value] of pairs) form.append(name, value);
    for (const [name, file] of Object.entries(files ?? {}))
      form.append(name, new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
    return form;
  };
  return as(identity, async (client) => {
    const response =
      method === "GET"
        ? await client.get(`${target.split("?")[0]}?${body}`, { maxRedirects: 0 })
        : files
          ? await client.post(target, { multipart: multipart(), maxRedirects: 0 })
          : await client.post(target, {
              data: body,
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
              maxRedirects: 0,
            });
    const headers = response.headers();
    return {
      status: response.status(),
      location: headers.location ?? "",
      contentType: headers["content-type"] ?? "",
      csp: headers["content-security-policy"],
      html: await response.text(),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Forms

function formsOn(visit: Visit): FoundForm[] {
  const out: FoundForm[] = [];
  for (const form of formsOf(visit.html, visit.url)) {
    if (form.method !== "post") continue;
    const route = matchRoute(form.action.split("?")[0])?.pattern ?? `(no route) ${form.action}`;
    for (const submitter of form.submitters.length > 0 ? form.submitters : [null]) {
      const key = recipeKey(route, submitter);
      const fields = form.controls.map((c) => ({
        name: c.name,
        general: generalName(c.name),
        cls: classifyIn(c, route, key),
        rendered: c.value,
      }));
      out.push({ key, as: visit.as, page: visit.url, html: visit.html, form, submitter, fields });
    }
  }
  return out;
}

/** The form as rendered, with its recipe's baseline and `changes` (by general name): a valid submission. */
function baselinePairs(f: FoundForm, changes: Record<string, string> = {}): [string, string][] {
  const overrides = { ...RECIPES[f.key]?.baseline?.(ws), ...changes };
  return submittedValues(f.form, f.submitter).map(([name, value]) => {
    const general = generalName(name);
    return [name, general in overrides ? overrides[general] : value];
  });
}

/** The files a multipart form sends with its fields (its recipe's); none for an urlencoded form. */
function filesOf(f: FoundForm): Record<string, UploadFile> | undefined {
  if (f.form.enctype !== "multipart/form-data") return undefined;
  return Object.fromEntries(Object.entries(RECIPES[f.key]?.files ?? {}).map(([name, file]) => [name, file(ws)]));
}

/** Posts the form's pairs as its page would: urlencoded, or multipart with its recipe's files. */
function post(identity: Identity, f: FoundForm, pairs: [string, string][]): Promise<Answer> {
  return send(identity, "POST", f.form.action, pairs, filesOf(f));
}

/** Opens a page and submits its form `key` validly, with `changes`. */
async function submit(identity: Identity, pagePath: string, key: string, changes: Record<string, string> = {}): Promise<Answer> {
  const visit = await open(identity, pagePath);
  const form = formsOn(visit).find((f) => f.key === key);
  if (!form) throw new Error(`${identity} finds no form ${key} on ${pagePath} (${visit.status})`);
  return post(identity, form, baselinePairs(form, changes));
}

function succeeded(answer: Answer, what: string): string {
  if (answer.status !== 302 && answer.status !== 303)
    throw new Error(`${what} answered ${answer.status}: ${alerts(answer.html)}`);
  return answer.location;
}

/** The alerts of a refused page, for a failure message. */
function alerts(html: string): string {
  return findAll(parseHtml(html), (e) => e.attrs.role === "alert")
    .map(textContent)
    .join(" | ");
}

// ---------------------------------------------------------------------------------------------
// The workspace

async function buildTenant(): Promise<
  Omit<Workspace, "plans" | "shipment" | "linkTokens" | "importId" | "alertId" | "alertRules">
> {
  const tenant = await createTenant(db.db, { slugPrefix: "field-attacks", name: "Field Attacks Ltd", timezone: TIME_ZONE });
  const supplierId = await createSupplier(db.db, { tenantId: tenant.id, code: "attacked", name: "Attacked Supplies" });
  const locationId = await createLocation(db.db, { tenantId: tenant.id, code: "FA-01", name: "Attack plant" });
  const passwordHash = await hashPassword(PASSWORD);
  const users = {} as Workspace["users"];
  for (const role of ROLES) {
    const id = await createUser(db.db, {
      label: `fa-${role}`,
      domain: "field-attacks.example",
      name: `Attacks ${role}`,
      passwordHash,
    });
    await createMembership(db.db, { tenantId: tenant.id, userId: id, role, supplierId: role === "supplier" ? supplierId : null });
    // English pages, whatever a browser would ask for: the messages are matched in English.
    const [row] = rowsOf<{ email: string }>(
      await db.db.execute(sql`update users set locale = 'en' where id = ${id}::uuid returning email`),
    );
    users[role] = { id, email: row.email };
  }
  // No demand at all: class C and Z, so a plan goes to a buyer and no line needs a reason; the
  // dear one makes a plan worth more than the manager threshold (a buyer, then a manager).
  const today = todayIn(TIME_ZONE);
  const terms = { minQty: 20, maxQty: 400, leadTimeDays: 5, leadTimeSdDays: 1, moq: 10, packSize: 10, reviewPeriodDays: 7 };
  const agreement = async (sku: string, unitCost: number) => {
    const item = { sku, unitCost, name: `Attacked part ${sku}`, category: "Attacks" };
    const history = { today, days: 30, onHand: 100 };
    return (await createAgreement(db.db, { tenantId: tenant.id, supplierId, locationId, item, terms, history })).id;
  };
  const agreements: Workspace["agreements"] = {
    cheap: await agreement("FA-0001", 10),
    dear: await agreement("FA-0002", 5000),
    propose: await agreement("FA-0003", 10),
    pending: await agreement("FA-0004", 10),
    spare: [],
  };
  for (let n = 1; n <= SPARE_AGREEMENTS; n++) agreements.spare.push(await agreement(`FA-1${String(n).padStart(3, "0")}`, 10));
  // Computed now, so that the server's scheduler finds nothing due in this tenant meanwhile.
  await recomputeTenant(db.db, tenant.id, { trigger: "on-demand" });
  return { slug: tenant.slug, tenantId: tenant.id, supplierId, password: PASSWORD, users, agreements };
}

/**
 * What the link pages need, outside the workspace tenant (so that its fingerprint never sees them):
 * a company the invitations are to, a login invited there, and a login whose password is reset.
 */
interface LinkWorld {
  tenantId: string;
  loginEmail: string;
  resetEmail: string;
}

async function buildLinkWorld(): Promise<LinkWorld> {
  const tenant = await createTenant(db.db, { slugPrefix: "field-attacks-links", name: "Field Attacks Links" });
  const passwordHash = await hashPassword(PASSWORD);
  const loginEmail = `${uniqueSlug("fa-invitee")}@field-attacks.example`;
  const resetEmail = `${uniqueSlug("fa-reset")}@field-attacks.example`;
  await createUser(db.db, { email: loginEmail, name: "Attacks invitee", passwordHash, locale: "en" });
  await createUser(db.db, { email: resetEmail, name: "Attacks reset", passwordHash, locale: "en" });
  return { tenantId: tenant.id, loginEmail, resetEmail };
}

/** The state forms need, made with the portal's own forms as its users would. */
class HttpPortal implements Portal {
  private spares: string[];

  constructor(
    public ws: Workspace,
    private links: LinkWorld,
  ) {
    this.spares = [...ws.agreements.spare];
  }

  async linkToken(kind: "invitation" | "invitation-to-login" | "password-reset") {
    const { token, hash } = generateLinkToken();
    if (kind === "password-reset") {
      await db.db.execute(
        sql`select issue_password_reset(${this.links.resetEmail}, ${hash}, ${`/reset-password/${token}`}, now() + interval '1 hour')`,
      );
      return token;
    }
    const email = kind === "invitation" ? `${uniqueSlug("fa-invited")}@field-attacks.example` : this.links.loginEmail;
    await db.db.execute(sql`
      insert into invitations (tenant_id, email, role, locale, token_hash, expires_at)
      values (${this.links.tenantId}::uuid, ${email}, 'buyer', 'en', ${hash}, now() + interval '7 days')`);
    return token;
  }

  async builderPlan(agreementId: string, intent: "submit" | "draft", changes: Record<string, string> = {}) {
    const answer = await submit(
      "supplier",
      `/t/${this.ws.slug}/plans/new?agreement=${agreementId}`,
      `/t/:tenant/plans/new ${intent}`,
      changes,
    );
    const id = /\/plans\/([0-9a-f-]{36})/.exec(succeeded(answer, `a plan (${intent})`))?.[1];
    if (!id) throw new Error(`a plan (${intent}) went to ${answer.location}`);
    return id;
  }

  async decide(planId: string, role: Role, intent: string) {
    succeeded(
      await submit(role, `/t/${this.ws.slug}/plans/${planId}`, `/t/:tenant/plans/:planId ${intent}`),
      `${intent} by the ${role}`,
    );
  }

  async plan(status: "draft" | "submitted" | "changes_requested" | "approved") {
    if (status === "draft") return this.builderPlan(this.ws.agreements.cheap, "draft");
    const id = await this.builderPlan(this.ws.agreements.cheap, "submit", { "lines[i].qty": "20" });
    if (status === "approved") await this.decide(id, "buyer", "approve-all");
    if (status === "changes_requested") await this.decide(id, "buyer", "request-changes");
    return id;
  }

  async inReview() {
    const id = await this.builderPlan(this.ws.agreements.dear, "submit", { "lines[i].qty": "50" });
    await this.decide(id, "buyer", "approve-all");
    return id;
  }

  async propose(agreementId: string) {
    succeeded(
      await submit("supplier", `/t/${this.ws.slug}/inventory/${agreementId}`, "/t/:tenant/inventory/:agreementId propose"),
      "a band proposal",
    );
  }

  async freeAgreement() {
    const agreementId = this.spares.shift();
    if (!agreementId) throw new Error("no spare agreement left: raise SPARE_AGREEMENTS");
    return agreementId;
  }

  async pendingProposal() {
    const agreementId = await this.freeAgreement();
    await this.propose(agreementId);
    return agreementId;
  }

  /** Ships half an approved plan of 20: the receipt offers "more will come", and 10 are left to ship. */
  async ship(planId: string) {
    succeeded(
      await submit("supplier", `/t/${this.ws.slug}/shipments/new?plan=${planId}`, "/t/:tenant/shipments/new -", {
        "lines[i].qty": "10",
      }),
      "an ASN",
    );
    const [shipment] = await this.shipmentsOf(planId);
    return shipment;
  }

  async shipment() {
    return this.ship(await this.plan("approved"));
  }

  async previewedImport() {
    const answer = await submit("admin", `/t/${this.ws.slug}/imports`, "/t/:tenant/imports -");
    const id = /\/imports\/([0-9a-f-]{36})$/.exec(succeeded(answer, "an upload"))?.[1];
    if (!id) throw new Error(`an upload went to ${answer.location}`);
    // The file is checked in the background: the buttons show once its preview is stored.
    const status = async () =>
      rowsOf<{ status: string }>(await db.db.execute(sql`select status from imports where id = ${id}::uuid`))[0]?.status;
    await expect.poll(status, { message: `the upload ${id} is previewed`, timeout: 60_000 }).toBe("previewed");
    return id;
  }

  async alertRule(enabled: boolean) {
    const answer = await submit(
      "admin",
      `/t/${this.ws.slug}/admin/alert-rules/new`,
      "/t/:tenant/admin/alert-rules/new save",
      alertRuleBaseline(),
    );
    const id = /\/alert-rules\/([0-9a-f-]{36})$/.exec(succeeded(answer, "a new alert rule"))?.[1];
    if (!id) throw new Error(`a new alert rule went to ${answer.location}`);
    if (!enabled)
      succeeded(
        await submit("admin", `/t/${this.ws.slug}/admin/alert-rules/${id}`, "/t/:tenant/admin/alert-rules/:ruleId disable"),
        "disabling an alert rule",
      );
    return id;
  }

  /** Written through the socket, as the evaluator would open it (no rule: no evaluation touches it). */
  async alert() {
    return createAlert(db.db, {
      tenantId: this.ws.tenantId,
      supplierId: this.ws.supplierId,
      agreementId: this.ws.agreements.cheap,
      dedupeKey: `field-attacks:${Math.random().toString(36).slice(2, 12)}`,
      value: 2,
      limitValue: 5,
    });
  }

  async shipmentsOf(planId: string) {
    const rows = rowsOf<{ id: string }>(
      await db.db.execute(sql`
        select s.id from shipments s join plan_lines l on l.tenant_id = s.tenant_id and l.id = s.plan_line_id
        where s.tenant_id = ${this.ws.tenantId}::uuid and l.plan_id = ${planId}::uuid order by s.created_at`),
    );
    return rows.map((r) => r.id);
  }
}

let fingerprintQuery: ReturnType<typeof sql> | undefined;

/**
 * Every row of the workspace tenant (every table with a tenant_id, so a new table counts too), its
 * users' rows and how many sessions they hold, as one text: equal before and after means nothing
 * was written.
 */
async function fingerprint(): Promise<string> {
  if (!fingerprintQuery) {
    const tables = rowsOf<{ name: string }>(
      await db.db.execute(sql`
        select distinct c.table_name as name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'`),
    )
      .map((r) => r.name)
      // The outbox relay marks deliveries on its own schedule; the notifications it delivers count.
      // The alert evaluator records each of its scheduled runs; the alerts it opens count.
      .filter((name) => name !== "email_outbox" && name !== "alert_evaluations");
    const userIds = sql.join(
      Object.values(ws.users).map((u) => sql`${u.id}::uuid`),
      sql`, `,
    );
    const parts = tables.map(
      (name) =>
        sql`select ${name} as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(name)} x where x.tenant_id = ${ws.tenantId}::uuid`,
    );
    parts.push(
      sql`select 'users' as t, md5(string_agg(u::text, '|' order by u::text)) as h from users u where u.id in (${userIds})`,
    );
    parts.push(sql`select 'sessions' as t, count(*)::text as h from sessions s where s.user_id in (${userIds})`);
    fingerprintQuery = sql`select string_agg(t || ':' || h, ',' order by t) as fingerprint from (${sql.join(parts, sql` union all `)}) parts`;
  }
  const [row] = rowsOf<{ fingerprint: string }>(await db.db.execute(fingerprintQuery));
  return row.fingerprint;
}

// ---------------------------------------------------------------------------------------------
// Discovery: every route, every role, every form

async function discover() {
  for (const route of routePatterns()) {
    const paths = pathsFor(route.pattern, ws);
    if (typeof paths === "string") {
      unfilledRoutes.push(paths);
      continue;
    }
    const identities: Identity[] = route.pattern.startsWith("/t/") ? [...ROLES] : ["anonymous", ...ROLES];
    for (const pagePath of paths) {
      for (const identity of identities) {
        const visit = await open(identity, pagePath);
        visits.push(visit);
        for (const f of formsOn(visit)) {
          // Attacked once, whoever else is shown it, unless a page shows it with a field the one
          // already found lacks.
          const shape = (x: Field) => `${x.general}:${x.cls.kind}`;
          if (found.some((g) => g.key === f.key && f.fields.every((x) => g.fields.some((y) => shape(y) === shape(x))))) continue;
          found.push(f);
        }
        for (const form of formsOf(visit.html, visit.url)) {
          if (form.method === "get")
            queryForms.push({
              route: matchRoute(form.action.split("?")[0])?.pattern ?? form.action,
              as: identity,
              html: visit.html,
              form,
            });
        }
      }
    }
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  const tenant = await buildTenant();
  for (const role of ROLES) {
    const client = await newClient();
    const response = await postLogin(client, tenant.users[role].email, PASSWORD);
    if (response.status() !== 302 && response.status() !== 303)
      throw new Error(`the workspace's ${role} cannot sign in (${response.status()})`);
    clients.set(role, client);
  }
  ws = {
    ...tenant,
    plans: { draft: "", submitted: "", inReview: "", changesRequested: "", approved: "" },
    shipment: "",
    linkTokens: [],
    importId: "",
    alertId: "",
    alertRules: { enabled: "", disabled: "" },
  };
  const http = new HttpPortal(ws, await buildLinkWorld());
  portal = http;
  ws.plans.draft = await http.plan("draft");
  ws.plans.submitted = await http.plan("submitted");
  ws.plans.inReview = await http.inReview();
  ws.plans.changesRequested = await http.plan("changes_requested");
  ws.plans.approved = await http.plan("approved");
  ws.shipment = await http.ship(ws.plans.approved);
  await http.propose(ws.agreements.pending);
  ws.importId = await http.previewedImport();
  ws.alertId = await http.alert();
  ws.alertRules = { enabled: await http.alertRule(true), disabled: await http.alertRule(false) };
  ws.linkTokens = [
    await http.linkToken("invitation"),
    await http.linkToken("invitation-to-login"),
    await http.linkToken("password-reset"),
  ];
  await discover();
});

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
  await db?.close();
});

test("every route of app/routes.ts opens as every role without a server error", () => {
  expect(unfilledRoutes, "routes whose parameters the workspace cannot fill").toEqual([]);
  // A failure names the page's own words (its request id, or the message) to find in the server's log.
  const pageText = (html: string) =>
    html
      .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 400);
  expect(visits.filter((v) => v.status >= 500).map((v) => `${v.as} ${v.path}: ${v.status} ${pageText(v.html)}`)).toEqual([]);
});

test("every form found has a recipe, every field a place, and every recipe a form", () => {
  const problems: string[] = [];
  for (const f of found) {
    const at = `${f.key} (on ${f.page} as ${f.as})`;
    const recipe = RECIPES[f.key];
    if (!recipe) problems.push(`${at}: no recipe says how to submit this form or what its fields expect`);
    for (const field of f.fields) if (field.cls.kind === "unplaced") problems.push(`${at}: ${field.name} is ${field.cls.why}`);
    for (const what of f.form.unnamed) problems.push(`${at}: ${what}`);
    if (f.fields.some((x) => x.cls.kind === "file") && f.form.enctype !== "multipart/form-data")
      problems.push(`${at}: a file input in a form that is not multipart sends no file`);
    for (const named of [
      ...Object.keys(recipe?.ignores ?? {}),
      ...Object.keys(recipe?.negative ?? {}),
      ...Object.keys(recipe?.messages ?? {}),
    ]) {
      if (!f.fields.some((x) => x.general === named))
        problems.push(`${at}: the recipe names ${named}, which the form does not have`);
    }
  }
  const keys = new Set(found.map((f) => f.key));
  for (const key of Object.keys(RECIPES)) if (!keys.has(key)) problems.push(`${key}: a recipe for a form no page showed`);
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// The attacks

interface Attack {
  f: FoundForm;
  /** The field's name, or the button's for an intent no button sends. */
  name: string;
  value: string;
  expect: Expectation;
}

const show = (value: string) => JSON.stringify(value).replace(/\\u0000/g, "\\0");
const isIgnored = (f: FoundForm, x: Field) => RECIPES[f.key]?.ignores?.[x.general] !== undefined;

function attacksOn(kinds: FieldClass["kind"][]): Attack[] {
  return found
    .filter((f) => RECIPES[f.key])
    .flatMap((f) =>
      f.fields
        .filter((x) => kinds.includes(x.cls.kind))
        .flatMap((x) => {
          const negative = RECIPES[f.key]?.negative?.[x.general] !== undefined;
          return attacksFor(x.cls, x.rendered, { ignored: isIgnored(f, x), negative }).map((a) => ({ f, name: x.name, ...a }));
        }),
    );
}

/** Posts one attack; what is wrong with the answer, and the database's fingerprint afterwards. */
async function fire(attack: Attack, before: string): Promise<{ problems: string[]; after: string }> {
  const { f, name, value } = attack;
  const isButton = f.submitter !== null && name === f.submitter.name;
  const pairs = baselinePairs(f).map(([n, v]): [string, string] => [
    n,
    n === name && (!isButton || v === f.submitter!.value) ? value : v,
  ]);
  // A box left unticked is not sent: the attack sends it.
  if (!pairs.some(([n]) => n === name)) pairs.push([name, value]);
  const answer = await post(f.as, f, pairs);
  const problems: string[] = [];
  const e = attack.expect;
  if ("page" in e || "path" in e) {
    if (answer.status >= 500) problems.push(`answered ${answer.status}`);
    if ("page" in e && /[?&]page=(?!1(?:&|$))/.test(answer.location)) problems.push(`went to ${answer.location}, not page 1`);
    if (
      "path" in e &&
      answer.location &&
      (!answer.location.startsWith("/") || answer.location.startsWith("//") || answer.location.includes("evil.example"))
    ) {
      problems.push(`redirected to ${answer.location}`);
    }
    // What the form then did is its own (a sign-in, a notification read): judge the next afresh.
    return { problems, after: await fingerprint() };
  }
  if (e.status === 400 ? answer.status !== 400 : answer.status < 400 || answer.status >= 500) {
    problems.push(`answered ${answer.status}, not ${e.status}${answer.location ? ` (→ ${answer.location})` : ""}`);
  } else if (e.status === 400) {
    const wording = RECIPES[f.key]?.messages?.[generalName(name)]?.[e.message] ?? MESSAGES[e.message];
    const message = messageFor(answer.html, name, f.html);
    if (message === null) problems.push("the refused form no longer shows the field");
    else if (message === "") problems.push("no message is tied to the field (by aria-describedby or an error summary's link)");
    else if (!wording.test(message)) problems.push(`its message "${message}" does not match ${wording}`);
  }
  const after = await fingerprint();
  if (after !== before) problems.push("wrote to the database");
  return { problems, after };
}

async function run(attacks: Attack[]): Promise<string[]> {
  const problems: string[] = [];
  let before = await fingerprint();
  for (const attack of attacks) {
    const result = await fire(attack, before);
    before = result.after;
    for (const p of result.problems)
      problems.push(`${attack.f.key} as ${attack.f.as}: ${attack.name}=${show(attack.value)} ${p}`);
  }
  return problems;
}

/** The free-text fields of search and filter forms, once each: a query writes nothing, so only the answer counts. */
function searchFields(): { q: QueryForm; name: string }[] {
  const seen = new Set<string>();
  return queryForms.flatMap((q) =>
    q.form.controls
      .filter(
        (c) => classify(c, q.route).kind === "text" && !seen.has(`${q.route} ${c.name}`) && seen.add(`${q.route} ${c.name}`),
      )
      .map((c) => ({ q, name: c.name })),
  );
}

const queryWith = (q: QueryForm, name: string, value: string) =>
  submittedValues(q.form, null).map(([n, v]): [string, string] => [n, n === name ? value : v]);

test("every free-text field refuses NUL and other control characters with its own message, and writes nothing", async () => {
  test.setTimeout(120_000);
  const attacks = attacksOn(["text", "secret"]);
  expect(attacks.length, "free-text fields were found").toBeGreaterThan(10);
  const problems = await run(attacks);
  for (const { q, name } of searchFields()) {
    for (const value of [...CONTROL_VALUES, NUL_VALUE]) {
      const answer = await send(q.as, "GET", q.form.action, queryWith(q, name, value));
      const at = `GET ${q.route} as ${q.as}: ${name}=${show(value)}`;
      if (value === NUL_VALUE) {
        if (answer.status < 400 || answer.status >= 500) problems.push(`${at} answered ${answer.status}, not 4xx`);
      } else if (answer.status !== 400) problems.push(`${at} answered ${answer.status}, not 400`);
      else {
        const message = messageFor(answer.html, name, q.html);
        if (!message || !MESSAGES.control.test(message)) problems.push(`${at} has the message "${message}"`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test("every numeric field refuses 0x10, 1e3, NaN and -1 with its own message, and writes nothing", async () => {
  test.setTimeout(120_000);
  const attacks = attacksOn(["number"]);
  expect(attacks.length, "numeric fields were found").toBeGreaterThan(10);
  expect(await run(attacks)).toEqual([]);
});

test("dates, choices, buttons and hidden fields are read strictly by their kind, and a refusal writes nothing", async () => {
  test.setTimeout(120_000);
  const attacks = attacksOn(["date", "choice", "hidden"]);
  for (const f of found) {
    if (RECIPES[f.key] && f.submitter)
      attacks.push({ f, name: f.submitter.name, value: OUTSIDE_VALUE, expect: { status: "4xx" } });
  }
  expect(await run(attacks)).toEqual([]);
});

test("each form's baseline, as the attacks send it, is accepted on a fresh page: every refusal above is the attack's", async () => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  const keys = [...new Set(found.filter((f) => RECIPES[f.key] && f.fields.length > 0).map((f) => f.key))];
  for (const key of keys) {
    const { fresh, neverAccepted } = RECIPES[key];
    if (neverAccepted) continue;
    if (!fresh) {
      problems.push(`${key}: no fresh page in its recipe to show its baseline accepted`);
      continue;
    }
    const page = await fresh(portal);
    const form = formsOn(await open(page.as, page.path)).find((g) => g.key === key);
    if (!form) {
      problems.push(`${key}: not on ${page.path} for ${page.as}, its recipe's fresh page`);
      continue;
    }
    const answer = await post(page.as, form, baselinePairs(form));
    if (answer.status !== 302 && answer.status !== 303)
      problems.push(`${key}: its baseline answered ${answer.status}: ${alerts(answer.html)}`);
  }
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Script payloads

const isText = (f: FoundForm, x: Field) => x.cls.kind === "text" && !isIgnored(f, x);

/** What is wrong with a page as served: a payload let through, or a script policy that is not nonce-only. */
function pageProblems(at: string, page: { html: string; contentType: string; csp: string | undefined }): string[] {
  // A CSV download holds the text as it was typed (the audit trail's export, say): it is data,
  // served as text/csv with nosniff, never rendered as markup, and escaping would corrupt it.
  const markup = !page.contentType.startsWith("text/csv");
  const problems = markup
    ? UNESCAPED.filter((pattern) => pattern.test(page.html)).map((pattern) => `${at}: holds ${pattern} unescaped`)
    : [];
  if (page.contentType.startsWith("text/html"))
    problems.push(...scriptPolicyProblems(page.csp, page.html).map((p) => `${at}: ${p}`));
  return problems;
}

test("a script in every free-text field, submitted validly, stays inert on every page, each with a nonce-only script policy", async () => {
  test.setTimeout(150_000);
  const problems: string[] = [];
  const mustShow: { page: PagePath; tags: string[]; from: string }[] = [];
  let next = 1;
  const tag = () => `xss${next++}q`;
  const firstOf = new Map<string, FoundForm>();
  for (const f of found) if (RECIPES[f.key] && f.fields.some((x) => isText(f, x)) && !firstOf.has(f.key)) firstOf.set(f.key, f);

  for (const [key, f] of firstOf) {
    const { payload, fresh } = RECIPES[key];
    if (!payload) {
      problems.push(
        `${key}: free text (${f.fields
          .filter((x) => isText(f, x))
          .map((x) => x.name)
          .join(", ")}) but no payload run in its recipe`,
      );
      continue;
    }
    if ("echo" in payload) {
      // Never kept: refused, and the refused form shows it back escaped.
      const pairs = baselinePairs(f).map(([n, v]): [string, string] => [
        n,
        f.fields.some((x) => x.name === n && isText(f, x)) ? payloadFor(tag()) : v,
      ]);
      const answer = await post(f.as, f, pairs);
      if (answer.status < 400 || answer.status >= 500)
        problems.push(`${key}: a payload it never keeps answered ${answer.status}, not 4xx`);
      problems.push(...pageProblems(`${key} refused`, answer));
      continue;
    }
    if (!fresh) {
      problems.push(`${key}: no fresh page in its recipe to submit its payloads on`);
      continue;
    }
    const page = await fresh(portal);
    const form = formsOn(await open(page.as, page.path)).find((g) => g.key === key);
    if (!form) {
      problems.push(`${key}: not on ${page.path} for ${page.as}, its recipe's fresh page`);
      continue;
    }
    const tags: string[] = [];
    const pairs = baselinePairs(form, payload.baseline).map(([n, v]): [string, string] => {
      if (!form.fields.some((x) => x.name === n && isText(form, x))) return [n, v];
      tags.push(tag());
      return [n, payloadFor(tags[tags.length - 1])];
    });
    const answer = await post(page.as, form, pairs);
    if (answer.status !== 302 && answer.status !== 303) {
      problems.push(`${key}: the valid submission with payloads answered ${answer.status}: ${alerts(answer.html)}`);
      continue;
    }
    for (const shown of await payload.shows(portal, answer.location)) mustShow.push({ page: shown, tags, from: key });
  }

  // Where each form's text must show, it shows as text.
  for (const { page, tags, from } of mustShow) {
    const visit = await open(page.as, page.path);
    if (visit.status !== 200) problems.push(`${page.as} ${page.path} (showing ${from}): ${visit.status}`);
    for (const t of tags)
      if (!showsEscaped(visit.html, t)) problems.push(`${page.as} ${page.path}: does not show ${from}'s text (${t}) as text`);
  }
  // Every page of the walk, and those above, once more: nothing unescaped, scripts by nonce only.
  const again = new Map<string, PagePath>();
  for (const p of [...visits.map((v) => ({ as: v.as, path: v.path })), ...mustShow.map((m) => m.page)])
    again.set(`${p.as} ${p.path}`, p);
  for (const p of again.values()) problems.push(...pageProblems(`${p.as} ${p.path}`, await open(p.as, p.path)));
  // A search shows what was searched for: as text too.
  for (const { q, name } of searchFields()) {
    const t = tag();
    const answer = await send(q.as, "GET", q.form.action, queryWith(q, name, payloadFor(t)));
    problems.push(...pageProblems(`GET ${q.route} ${name}`, answer));
    if (answer.status === 200 && !showsEscaped(answer.html, t))
      problems.push(`GET ${q.route}: does not show the searched ${name} back as text`);
  }
  expect(problems).toEqual([]);
});
