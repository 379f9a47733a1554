import { randomUUID } from "node:crypto";
import type { FormContext, Filled, PortalRoute, PostForm, RecordKind, RouteDescription } from "./route-table";
import type { Identity, Membership, Target, World } from "./world";

/**
 * The requests that attack one route, built from its description and the world: for every demo
 * identity and each of its memberships, every id the route takes filled with a record of another
 * supplier of the tenant, then of another tenant; the route under a tenant the identity does not
 * belong to; the route and its forms for the roles that may not use them. Each request comes
 * with the request it must be indistinguishable from (the same with random ids, or under a slug
 * that no tenant has) and the strings its answer must not contain.
 */

export interface Req {
  method: "GET" | "POST";
  url: string;
  form?: Record<string, string>;
}

export interface Case {
  /** What is attacked, for the failure message. */
  label: string;
  email: string;
  req: Req;
  /** The request whose answer this one must equal; none when only the status is asserted. */
  baseline?: Req;
  /** The answer must be a 404 (otherwise: the baseline's answer, whatever it is, and never a 5xx). */
  must404: boolean;
  /** Strings that name what the identity may not see. */
  forbidden: string[];
}

export type AttackClass = "another supplier" | "another tenant";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---------------------------------------------------------------------------------------------
// Who sees what

/** Whether the identity, working in `m`'s tenant, may see the record. */
export function visible(email: string, m: Membership, t: Target): boolean {
  if (t.tenant !== m.tenant) return false;
  if (t.kind === "notification") return t.user === email;
  // Imports are the importers' (administrators, buyers): a manager or a supplier sees none.
  if (t.kind === "import") return m.role === "admin" || m.role === "buyer";
  // A rule's scope names other suppliers: no supplier reads one.
  if (t.kind === "alertRule") return m.role !== "supplier";
  if (m.role !== "supplier") return true;
  return t.supplier === null || t.supplier === m.supplier;
}

/** Supplier names and codes a member sees anyway: all of its tenant's (buyer side), or its own. */
function seenSupplierNames(world: World, m: Membership): Set<string> {
  const tenant = world.tenants.find((t) => t.slug === m.tenant)!;
  const suppliers = m.role === "supplier" ? tenant.suppliers.filter((s) => s.code === m.supplier) : tenant.suppliers;
  return new Set(suppliers.flatMap((s) => [s.name, s.code]));
}

/** What the answer must not contain when `target` is named to an identity working in `m`'s tenant. */
export function forbiddenFor(world: World, identity: Identity, m: Membership | null, target: Target): string[] {
  const seen = m ? seenSupplierNames(world, m) : new Set<string>();
  const member = identity.memberships.some((x) => x.tenant === target.tenant);
  const tenantName = world.tenants.find((t) => t.slug === target.tenant)?.name;
  return [
    ...target.names,
    ...target.supplierNames.filter((n) => !seen.has(n)),
    ...(!member && tenantName ? [tenantName] : []),
    // The ids of what the record leads to (its agreement, line, proposal, plan).
    ...Object.values(target.facts).filter((v) => UUID.test(v)),
  ];
}

/** Everything in the world the identity may not see, whichever tenant it works in. */
export function unseenNames(world: World, identity: Identity, m: Membership | null): string[] {
  const out = new Set<string>();
  for (const t of world.targets) {
    if (identity.memberships.some((x) => visible(identity.email, x, t))) continue;
    for (const n of forbiddenFor(world, identity, m, t)) out.add(n);
  }
  for (const t of world.tenants) if (!identity.memberships.some((x) => x.tenant === t.slug)) out.add(t.name);
  out.add(world.stranger.name);
  return [...out];
}

const ownerOf = (t: Target) => `${t.tenant}/${t.supplier ?? t.user ?? ""}`;

/**
 * The records of a kind that the identity may not see, in its own tenant (another supplier's,
 * another user's) or in another tenant. Plans come from one owner, in every state the world
 * made: the identity's own supplier in the other tenant first (its own records, but not here).
 */
export function foreignTargets(world: World, identity: Identity, m: Membership, kind: RecordKind, cls: AttackClass): Target[] {
  let pool = world.targets.filter(
    (t) =>
      t.kind === kind &&
      !visible(identity.email, m, t) &&
      (cls === "another supplier" ? t.tenant === m.tenant : t.tenant !== m.tenant),
  );
  if (kind === "plan" || kind === "planLine") {
    const owners = [...new Set(pool.map(ownerOf))];
    const preferred = owners.find((o) => m.supplier !== null && o.endsWith(`/${m.supplier}`)) ?? owners[0];
    pool = pool.filter((t) => ownerOf(t) === preferred);
  }
  return pool;
}

/** Records of a kind the identity may use in `m`'s tenant, in one of `states` when given. */
export function ownTargets(
  world: World,
  identity: Identity,
  m: Membership,
  kind: RecordKind,
  states?: readonly string[],
): Target[] {
  return world.targets.filter(
    (t) => t.kind === kind && visible(identity.email, m, t) && (!states || (t.state !== null && states.includes(t.state))),
  );
}

// ---------------------------------------------------------------------------------------------
// Building requests

export const filled = (t: Target): Filled => ({ id: t.id, facts: t.facts });

/** A record nobody has, shaped like `template` (its ids random too). */
export function randomLike(template?: Target): Filled {
  const facts: Record<string, string> = {};
  for (const [k, v] of Object.entries(template?.facts ?? {})) facts[k] = UUID.test(v) ? randomUUID() : v;
  return { id: randomUUID(), facts };
}

interface Slot {
  where: "path" | "query";
  name: string;
  kind: RecordKind;
  /** An unknown record is a 404 (a path parameter, or the record a query names). */
  record: boolean;
}

export function slotsOf(d: RouteDescription): Slot[] {
  return [
    ...Object.entries(d.params).map(([name, kind]): Slot => ({ where: "path", name, kind, record: true })),
    ...Object.entries(d.query)
      .filter(([, q]) => q.kind)
      .map(([name, q]): Slot => ({ where: "query", name, kind: q.kind!, record: q.record === true })),
  ];
}

/** The slot whose record a form acts on: the path's, or the query's record. */
export function mainSlot(d: RouteDescription): Slot | undefined {
  return slotsOf(d).find((s) => s.record);
}

function fixedQuery(d: RouteDescription): Record<string, string> {
  return Object.fromEntries(
    Object.entries(d.query)
      .filter(([, q]) => q.value !== undefined)
      .map(([n, q]) => [n, q.value!]),
  );
}

function pathOf(route: PortalRoute, slug: string, params: Record<string, Filled>, tag: string): string {
  if (route.pattern === "*") return `/t/${slug}/isolation-${tag.toLowerCase()}`;
  const path = route.pattern.replace(/:(\w+)/g, (_, name: string) =>
    name === "tenant" ? slug : (params[name]?.id ?? randomUUID()),
  );
  return `/${path}`;
}

const dataPath = (path: string) => (path === "/" ? "/_root.data" : `${path.replace(/\/$/, "")}.data`);

function urlOf(path: string, query: Record<string, string>, extra: string[] = []): string {
  const search = [new URLSearchParams(query).toString(), ...extra].filter(Boolean).join("&");
  return search ? `${path}?${search}` : path;
}

export type Variant = "GET" | "GET .data" | "GET .data route only" | "POST" | "POST .data";

export function requestFor(
  route: PortalRoute,
  variant: Variant,
  slug: string,
  fill: Record<string, Filled>,
  d: RouteDescription,
  tag: string,
  form?: Record<string, string>,
): Req {
  const path = pathOf(route, slug, fill, tag);
  const query = { ...fixedQuery(d) };
  for (const slot of slotsOf(d)) if (slot.where === "query" && fill[slot.name]) query[slot.name] = fill[slot.name].id;
  const index = route.index ? ["index"] : [];
  switch (variant) {
    case "GET":
      return { method: "GET", url: urlOf(path, query) };
    case "GET .data":
      return { method: "GET", url: urlOf(dataPath(path), query) };
    case "GET .data route only":
      return { method: "GET", url: urlOf(dataPath(path), query, [`_routes=${encodeURIComponent(route.id)}`]) };
    case "POST":
      return { method: "POST", url: urlOf(path, query, index), form: form ?? { note: "Isolation check" } };
    case "POST .data":
      return { method: "POST", url: urlOf(dataPath(path), query, index), form: form ?? { note: "Isolation check" } };
  }
}

/** The form's body; `requestId` given, baselines of one group share it (and so their answer). */
function formFor(
  form: PostForm,
  fill: Record<string, Filled>,
  fields: Record<string, Filled>,
  today: string,
  world: World,
  requestId: string = randomUUID(),
) {
  world.requestIds.add(requestId);
  const context: FormContext = { params: fill, fields, today, requestId };
  return form.body(context);
}

// ---------------------------------------------------------------------------------------------
// The cases of one route

/**
 * Random records and request ids of baselines, one per identity, tenant and slot (or form field):
 * the attacks of both classes and every record share that baseline's answer.
 */
let baselineIds = new Map<string, { filled: Filled; requestId: string }>();
function baselineFor(key: string, template?: Target) {
  let found = baselineIds.get(key);
  if (!found) baselineIds.set(key, (found = { filled: randomLike(template), requestId: randomUUID() }));
  return found;
}

export function casesFor(route: PortalRoute, d: RouteDescription, world: World): Case[] {
  baselineIds = new Map();
  const cases: Case[] = [];
  // The REST API answers keys, not sessions; its own tests attack it (see route-table.ts).
  if (d.area === "api") return cases;
  for (const identity of world.identities) {
    if (d.area === "account") cases.push(...accountCases(route, d, world, identity));
    else if (d.area === "fallback") cases.push(...fallbackCases(route, d, world, identity));
    else {
      for (const m of identity.memberships) {
        if (d.roles.includes(m.role)) {
          cases.push(...foreignIdCases(route, d, world, identity, m));
          cases.push(...foreignFieldCases(route, d, world, identity, m));
          cases.push(...formRoleCases(route, d, world, identity, m));
        } else {
          cases.push(...routeRoleCases(route, d, world, identity, m));
        }
      }
      cases.push(...strangerTenantCases(route, d, world, identity));
    }
  }
  return cases;
}

const tenantOf = (world: World, slug: string) => world.tenants.find((t) => t.slug === slug)!;

/** Ids of the route's own slots that the identity may use, or random ones, for what is not attacked. */
function ownFill(world: World, identity: Identity, m: Membership, d: RouteDescription, states?: readonly string[]) {
  const fill: Record<string, Filled> = {};
  const main = mainSlot(d);
  for (const slot of slotsOf(d)) {
    if (!slot.record) continue;
    const own = ownTargets(
      world,
      identity,
      m,
      slot.kind,
      slot.name === main?.name ? (states ?? d.shows?.[slot.name]) : undefined,
    );
    fill[slot.name] = own[0] ? filled(own[0]) : randomLike();
  }
  return fill;
}

/** A form's id fields filled with records the identity may use (or random ones). */
function ownFields(world: World, identity: Identity, m: Membership, form: PostForm): Record<string, Filled> {
  return Object.fromEntries(
    Object.entries(form.ids ?? {}).map(([field, kind]) => {
      const own = ownTargets(world, identity, m, kind);
      return [field, own[0] ? filled(own[0]) : randomLike()];
    }),
  );
}

/** Path and query ids filled with another supplier's or another tenant's records. */
function foreignIdCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity, m: Membership): Case[] {
  const cases: Case[] = [];
  const today = tenantOf(world, m.tenant).today;
  const main = mainSlot(d);
  for (const slot of slotsOf(d)) {
    for (const cls of ["another supplier", "another tenant"] as const) {
      const targets = foreignTargets(world, identity, m, slot.kind, cls);
      if (targets.length === 0) continue;
      const label = (t: Target | null, variant: string) =>
        `${identity.email} in ${m.tenant}: ${variant} with ${slot.where} ${slot.name} = ${cls}'s ${slot.kind}${t ? ` (${[t.tenant, t.supplier ?? t.user, t.state].filter(Boolean).join(", ")})` : ""}`;
      const random = baselineFor(`${identity.email} ${m.tenant} ${slot.name}`, targets[0]).filled;
      for (const [i, target] of targets.entries()) {
        const forbidden = forbiddenFor(world, identity, m, target);
        // Every way in for the first record; the route's own loader (and, for a record, the page)
        // for the others: a filter's answer is a whole page, and the server is shared.
        const variants: Variant[] =
          i === 0
            ? ["GET", "GET .data", "GET .data route only"]
            : slot.record
              ? ["GET", "GET .data route only"]
              : ["GET .data route only"];
        for (const variant of variants) {
          cases.push({
            label: label(target, variant),
            email: identity.email,
            req: requestFor(route, variant, m.tenant, { [slot.name]: filled(target) }, d, world.tag),
            baseline: requestFor(route, variant, m.tenant, { [slot.name]: random }, d, world.tag),
            must404: slot.record,
            forbidden,
          });
        }
      }
      // A filter in the query is the loader's: forms are posted against the records they act on.
      if (!slot.record && route.hasAction) continue;
      if (!route.hasAction) {
        cases.push({
          label: label(targets[0], "POST"),
          email: identity.email,
          req: requestFor(route, "POST", m.tenant, { [slot.name]: filled(targets[0]) }, d, world.tag),
          baseline: requestFor(route, "POST", m.tenant, { [slot.name]: random }, d, world.tag),
          must404: false,
          forbidden: forbiddenFor(world, identity, m, targets[0]),
        });
        continue;
      }
      for (const form of d.posts ?? []) {
        if (!form.roles.includes(m.role)) continue;
        const eligible = targets.filter(
          (t) => slot.name !== main?.name || !form.states || (t.state !== null && form.states.includes(t.state)),
        );
        if (eligible.length === 0) continue;
        const baseline = baselineFor(`${identity.email} ${m.tenant} ${slot.name} ${form.intent}`, eligible[0]);
        const randomFill = { [slot.name]: baseline.filled };
        const baselineRequestId = baseline.requestId;
        for (const [i, target] of eligible.entries()) {
          for (const variant of (i === 0 ? ["POST", "POST .data"] : ["POST .data"]) as Variant[]) {
            const fill = { [slot.name]: filled(target) };
            const randomBody = formFor(form, randomFill, {}, today, world, baselineRequestId);
            cases.push({
              label: `${label(target, variant)}, intent ${form.intent ?? "(none)"}`,
              email: identity.email,
              req: requestFor(route, variant, m.tenant, fill, d, world.tag, formFor(form, fill, {}, today, world)),
              baseline: requestFor(route, variant, m.tenant, randomFill, d, world.tag, randomBody),
              must404: slot.record,
              forbidden: forbiddenFor(world, identity, m, target),
            });
          }
        }
      }
    }
  }
  return cases;
}

/** Id fields of a form filled with foreign records, on a record of the identity's own. */
function foreignFieldCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity, m: Membership): Case[] {
  const cases: Case[] = [];
  const today = tenantOf(world, m.tenant).today;
  const main = mainSlot(d);
  for (const form of d.posts ?? []) {
    if (!form.ids || !form.roles.includes(m.role)) continue;
    const fill = ownFill(world, identity, m, d, form.states);
    // A form about a record needs one the identity may use, or the attack is on the record instead.
    if (main && !ownTargets(world, identity, m, main.kind, form.states).length) continue;
    for (const [field, kind] of Object.entries(form.ids)) {
      for (const cls of ["another supplier", "another tenant"] as const) {
        const targets = foreignTargets(world, identity, m, kind, cls);
        const { filled: random, requestId: baselineRequestId } = baselineFor(
          `${identity.email} ${m.tenant} ${form.intent} ${field}`,
          targets[0],
        );
        for (const [i, target] of targets.entries()) {
          for (const variant of (i === 0 ? ["POST", "POST .data"] : ["POST .data"]) as Variant[]) {
            cases.push({
              label: `${identity.email} in ${m.tenant}: ${variant} intent ${form.intent ?? "(none)"} with field ${field} = ${cls}'s ${kind} (${target.tenant}, ${target.supplier ?? target.user})`,
              email: identity.email,
              req: requestFor(
                route,
                variant,
                m.tenant,
                fill,
                d,
                world.tag,
                formFor(form, fill, { [field]: filled(target) }, today, world),
              ),
              baseline: requestFor(
                route,
                variant,
                m.tenant,
                fill,
                d,
                world.tag,
                formFor(form, fill, { [field]: random }, today, world, baselineRequestId),
              ),
              must404: false,
              forbidden: forbiddenFor(world, identity, m, target),
            });
          }
        }
      }
    }
  }
  return cases;
}

/** A form of the route meant for other roles, posted on a record the identity may otherwise see. */
function formRoleCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity, m: Membership): Case[] {
  const cases: Case[] = [];
  const today = tenantOf(world, m.tenant).today;
  const main = mainSlot(d);
  const unseen = unseenNames(world, identity, m);
  for (const form of d.posts ?? []) {
    if (form.roles.includes(m.role)) continue;
    if (main && !ownTargets(world, identity, m, main.kind, form.states).length) continue;
    const fill = ownFill(world, identity, m, d, form.states);
    const randomFill = Object.fromEntries(Object.entries(fill).map(([k]) => [k, randomLike()]));
    const fields = ownFields(world, identity, m, form);
    cases.push({
      label: `${identity.email} (${m.role}) in ${m.tenant}: POST intent ${form.intent ?? "(none)"}, meant for ${form.roles.join(", ")}`,
      email: identity.email,
      req: requestFor(route, "POST", m.tenant, fill, d, world.tag, formFor(form, fill, fields, today, world)),
      baseline: requestFor(route, "POST", m.tenant, randomFill, d, world.tag, formFor(form, randomFill, fields, today, world)),
      must404: true,
      forbidden: unseen,
    });
  }
  return cases;
}

/**
 * The route for a role that may not open it, on records the identity may otherwise see, or, of a
 * kind it sees none of (an import, to a manager), on its tenant's own records.
 */
function routeRoleCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity, m: Membership): Case[] {
  const cases: Case[] = [];
  const today = tenantOf(world, m.tenant).today;
  const fill = ownFill(world, identity, m, d);
  for (const slot of slotsOf(d)) {
    if (!slot.record || ownTargets(world, identity, m, slot.kind).length > 0) continue;
    const tenantRecord = world.targets.find((t) => t.kind === slot.kind && t.tenant === m.tenant);
    if (tenantRecord) fill[slot.name] = filled(tenantRecord);
  }
  const unseen = unseenNames(world, identity, m);
  const label = (variant: string) =>
    `${identity.email} (${m.role}) in ${m.tenant}: ${variant} of a page for ${d.roles.join(", ")}`;
  for (const variant of ["GET", "GET .data", "GET .data route only"] as Variant[]) {
    cases.push({
      label: label(variant),
      email: identity.email,
      req: requestFor(route, variant, m.tenant, fill, d, world.tag),
      must404: true,
      forbidden: unseen,
    });
  }
  for (const form of d.posts ?? []) {
    cases.push({
      label: label(`POST intent ${form.intent ?? "(none)"}`),
      email: identity.email,
      req: requestFor(
        route,
        "POST",
        m.tenant,
        fill,
        d,
        world.tag,
        formFor(form, fill, ownFields(world, identity, m, form), today, world),
      ),
      must404: true,
      forbidden: unseen,
    });
  }
  return cases;
}

/** The route under tenants the identity does not belong to, against a slug no tenant has. */
function strangerTenantCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity): Case[] {
  const cases: Case[] = [];
  // Another demo tenant where there is one (its records are real); else the tenant nobody is in.
  const others = world.tenants
    .filter((t) => !identity.memberships.some((m) => m.tenant === t.slug))
    .map((t) => ({ slug: t.slug, today: t.today }));
  const strangers = others.length > 0 ? others : [{ slug: world.stranger.slug, today: world.tenants[0].today }];
  // One baseline for all of them: the route under a slug no tenant has, with random ids.
  const randomFill = Object.fromEntries(slotsOf(d).map((slot) => [slot.name, randomLike()]));
  const form = d.posts?.[0];
  const randomBody = form ? formFor(form, randomFill, {}, strangers[0].today, world, randomUUID()) : undefined;
  for (const { slug, today } of strangers) {
    const fill: Record<string, Filled> = {};
    const used: Target[] = [];
    for (const slot of slotsOf(d)) {
      const t = world.targets.find((x) => x.kind === slot.kind && x.tenant === slug);
      if (t) used.push(t);
      fill[slot.name] = t ? filled(t) : randomLike();
    }
    const forbidden = [
      ...new Set([
        ...used.flatMap((t) => forbiddenFor(world, identity, null, t)),
        ...(slug === world.stranger.slug ? [world.stranger.name] : [world.tenants.find((t) => t.slug === slug)!.name]),
      ]),
    ];
    const label = (variant: string) =>
      `${identity.email}: ${variant} under ${slug === world.stranger.slug ? "a tenant with no members" : slug}, not a member`;
    // The document (layout and page) and the route's own loader alone: each checks membership.
    for (const variant of ["GET", "GET .data route only"] as Variant[]) {
      cases.push({
        label: label(variant),
        email: identity.email,
        req: requestFor(route, variant, slug, fill, d, world.tag),
        baseline: requestFor(route, variant, world.missingSlug, randomFill, d, world.tag),
        must404: true,
        forbidden,
      });
    }
    for (const variant of (route.hasAction ? ["POST", "POST .data"] : ["POST"]) as Variant[]) {
      const body = form ? formFor(form, fill, {}, today, world) : undefined;
      cases.push({
        label: label(`${variant}${form ? ` intent ${form.intent ?? "(none)"}` : ""}`),
        email: identity.email,
        req: requestFor(route, variant, slug, fill, d, world.tag, body),
        baseline: requestFor(route, variant, world.missingSlug, randomFill, d, world.tag, randomBody),
        must404: route.hasAction,
        forbidden,
      });
    }
  }
  return cases;
}

/** Pages outside any tenant: the user's own, naming nothing of what the user may not see. */
function accountCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity): Case[] {
  const unseen = unseenNames(world, identity, null);
  return (["GET", "GET .data"] as Variant[]).map((variant) => ({
    label: `${identity.email}: ${variant} of an account page`,
    email: identity.email,
    req: requestFor(route, variant, "", {}, d, world.tag),
    must404: false,
    forbidden: unseen,
  }));
}

/** An address that matches no route, under every kind of tenant: the same 404 as under none. */
function fallbackCases(route: PortalRoute, d: RouteDescription, world: World, identity: Identity): Case[] {
  const slugs = [...identity.memberships.map((m) => m.tenant), ...world.tenants.map((t) => t.slug), world.stranger.slug];
  const cases: Case[] = [];
  for (const slug of [...new Set(slugs)]) {
    for (const variant of ["GET", "GET .data", "POST", "POST .data"] as Variant[]) {
      cases.push({
        label: `${identity.email}: ${variant} of an unknown page under ${slug}`,
        email: identity.email,
        req: requestFor(route, variant, slug, {}, d, world.tag),
        baseline: requestFor(route, variant, world.missingSlug, {}, d, world.tag),
        must404: true,
        forbidden: unseenNames(world, identity, null),
      });
    }
  }
  return cases;
}

/**
 * The pages the attacks are measured against, opened by those who may: a record's page by every
 * member who sees one (the ids are real, and their names show), a page without a record by one
 * member of each role (its loader answers; the data URL spares the server a rendering).
 */
export function ownCases(
  route: PortalRoute,
  d: RouteDescription,
  world: World,
): { label: string; email: string; req: Req; names: string[] }[] {
  if (d.area !== "tenant") return [];
  const out: { label: string; email: string; req: Req; names: string[] }[] = [];
  const main = mainSlot(d);
  const rolesDone = new Set<string>();
  for (const identity of world.identities) {
    for (const m of identity.memberships) {
      if (!d.roles.includes(m.role)) continue;
      if (!main) {
        if (rolesDone.has(m.role)) continue;
        rolesDone.add(m.role);
        out.push({
          label: `${identity.email} (${m.role}) in ${m.tenant}: its page's loader`,
          email: identity.email,
          req: requestFor(route, "GET .data route only", m.tenant, {}, d, world.tag),
          names: [],
        });
        continue;
      }
      const own = ownTargets(world, identity, m, main.kind, d.shows?.[main.name]);
      if (own.length === 0) continue;
      out.push({
        label: `${identity.email} in ${m.tenant}: GET of its own ${main.kind}`,
        email: identity.email,
        req: requestFor(route, "GET", m.tenant, { [main.name]: filled(own[0]) }, d, world.tag),
        names: [own[0].names[0] ?? own[0].supplierNames[0]],
      });
    }
  }
  return out;
}
