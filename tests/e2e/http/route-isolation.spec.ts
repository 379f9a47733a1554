import { type APIRequestContext, expect, test } from "@playwright/test";
import path from "node:path";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import routes from "../../../app/routes";
import { type Case, casesFor, ownCases, type Req } from "../isolation/attacks";
import { type PortalRoute, ROUTE_TABLE, type RouteConfigEntry, walkRoutes } from "../isolation/route-table";
import { buildWorld, snapshot, type World } from "../isolation/world";
import { dataDir, signedInClient } from "../support";

/**
 * Every route of app/routes.ts attacked by every demo identity: its ids filled with another
 * supplier's records and another tenant's, the route under a tenant the identity does not belong
 * to, and the pages and forms of other roles. GET, the single-fetch data URL (whole, and the
 * route's own loader alone through `_routes`) and POST, as a document and as data. Each answer
 * is a 404 where the route names a record, is the answer a random id (or a tenant that does not
 * exist) gets once nonces and the request's own ids are set aside, and names nothing of what the
 * identity may not see; no row that concerns an attacked record changes. A route the table does
 * not describe fails here, as in the unit test.
 */
test.describe.configure({ mode: "default" });

/** Requests in flight at once: the server shares two cores with the rest of the suite. */
const CONCURRENCY = 4;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const portalRoutes = walkRoutes(routes as RouteConfigEntry[]);

let handle: DatabaseHandle;
let world: World;
let known: Set<string>;
const clients = new Map<string, APIRequestContext>();
/** Pairs sent again because an answer differed from its baseline at first. */
let retried = 0;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  handle = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  world = await buildWorld(handle.db);
  known = new Set(world.targets.map((t) => t.id));
  for (const identity of world.identities) clients.set(identity.email, await signedInClient(identity.email));
});

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
  await handle?.close();
});

interface Answer {
  status: number;
  text: string;
}

async function send(req: Req, email: string): Promise<Answer> {
  const client = clients.get(email)!;
  const once = () =>
    req.method === "GET"
      ? client.get(req.url, { maxRedirects: 0 })
      : client.post(req.url, { form: req.form ?? {}, maxRedirects: 0 });
  // A kept-alive connection the server closes just as it is reused resets before any answer:
  // the request is sent again on a new one, as a browser would.
  const response = await once().catch((error: unknown) => {
    if (error instanceof Error && /ECONNRESET|socket hang up|EPIPE/.test(error.message)) return once();
    throw error;
  });
  const headers = response.headers();
  const head = [response.status(), headers["content-type"] ?? "", headers.location ?? "", headers.allow ?? ""].join(" ");
  return { status: response.status(), text: `${head}\n${await response.text()}` };
}

/**
 * The answer with what differs from one request to the next set aside: nonces, the tenant slug
 * and ids of the request itself, and ids made for the rendering (request ids). Ids of the world's
 * records stay: one that the request did not name would be a leak.
 */
function normalise(answer: Answer, req: Req): string {
  const own = new Set(`${req.url} ${JSON.stringify(req.form ?? {})}`.match(UUIDS) ?? []);
  const slug = /^\/t\/([^/.?]+)/.exec(req.url)?.[1];
  let text = answer.text.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce'");
  if (slug) text = text.replaceAll(`/t/${slug}`, "/t/<slug>");
  return text.replace(UUIDS, (id) => (own.has(id) ? "<id>" : known.has(id) ? id : "<uuid>"));
}

/** Where two normalised answers part, for the failure message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `\n      attack:   …${a.slice(Math.max(0, i - 80), i + 120)}…\n      baseline: …${b.slice(Math.max(0, i - 80), i + 120)}…`;
}

/** Text of a body as a reader finds it: React's separators between text nodes removed. */
const readable = (text: string) => text.replace(/<!-- -->/g, "");

/** What is wrong with an answer on its own: a failure, a record's page that is not a 404, a name. */
function answerProblems(c: Case, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (c.must404 && answer.status !== 404) problems.push(`answered ${answer.status}, not 404`);
  const body = readable(answer.text);
  // Echoing what the request itself carried names nothing new.
  const sent = `${c.req.url} ${JSON.stringify(c.req.form ?? {})}`;
  const named = c.forbidden.filter((s) => s && !sent.includes(s) && body.includes(s));
  if (named.length) problems.push(`names ${named.map((s) => JSON.stringify(s)).join(", ")}`);
  return problems;
}

async function judge(c: Case, baselines: Map<string, Promise<Answer>>): Promise<string | null> {
  let answer = await send(c.req, c.email);
  let problems = answerProblems(c, answer);
  if (c.baseline && problems.length === 0) {
    const key = `${c.email} ${c.baseline.method} ${c.baseline.url} ${JSON.stringify(c.baseline.form ?? {})}`;
    if (!baselines.has(key)) baselines.set(key, send(c.baseline, c.email));
    let expected = await baselines.get(key)!;
    // Other suites work on the same server meanwhile (a navigation count, a user's language):
    // a difference counts only if it survives two more fresh pairs.
    for (let attempt = 0; normalise(answer, c.req) !== normalise(expected, c.baseline) && attempt < 2; attempt++) {
      retried++;
      expected = await send(c.baseline, c.email);
      answer = await send(c.req, c.email);
    }
    problems = answerProblems(c, answer);
    const a = normalise(answer, c.req);
    const b = normalise(expected, c.baseline);
    if (a !== b) problems.push(`differs from the answer to ${c.baseline.method} ${c.baseline.url}:${firstDifference(a, b)}`);
  }
  return problems.length ? `${c.label}\n    ${c.req.method} ${c.req.url}\n    ${problems.join("\n    ")}` : null;
}

async function inPool<T>(items: readonly T[], work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

function attackRoute(route: PortalRoute) {
  test(`${route.file} (/${route.pattern}) names nothing it should not, to anyone`, async () => {
    test.setTimeout(120_000);
    const description = ROUTE_TABLE[route.file];
    expect(
      description,
      `${route.file} is not described in tests/e2e/isolation/route-table.ts: the suite cannot reach it`,
    ).toBeDefined();

    // The records are real: those who may see them do.
    const failures: string[] = [];
    await inPool(ownCases(route, description, world), async (own) => {
      const answer = await send(own.req, own.email);
      const body = readable(answer.text);
      if (answer.status >= 400) failures.push(`${own.label}: ${own.req.url} answered ${answer.status}`);
      for (const name of own.names) if (!body.includes(name)) failures.push(`${own.label}: ${own.req.url} does not show ${name}`);
    });
    expect(failures, "the pages the attacks are measured against").toEqual([]);

    const cases = casesFor(route, description, world);
    const before = await snapshot(handle.db, world);
    const baselines = new Map<string, Promise<Answer>>();
    await inPool(cases, async (c) => {
      const failure = await judge(c, baselines);
      if (failure) failures.push(failure);
    });
    const after = await snapshot(handle.db, world);
    test.info().annotations.push({
      type: "requests",
      description: `${cases.length} attacks, ${baselines.size} baselines, ${retried} pairs sent again so far`,
    });
    expect(failures, `${failures.length} of ${cases.length} attacks on ${route.file}`).toEqual([]);
    expect(after, "rows that concern an attacked record").toEqual(before);
  });
}

for (const route of portalRoutes) attackRoute(route);

test("an attack that reached its record would be reported, and a write to it would show", async () => {
  // The owner's own requests, judged as if they were attacks: each check must notice.
  const route = portalRoutes.find((r) => r.file === "routes/tenant.plan.tsx")!;
  const description = ROUTE_TABLE[route.file];
  const own = ownCases(route, description, world).find((c) => c.names.length > 0)!;
  const randomId = own.req.url.replace(UUIDS, "00000000-0000-4000-8000-000000000000");
  const report = await judge(
    {
      label: own.label,
      email: own.email,
      req: own.req,
      baseline: { method: "GET", url: randomId },
      must404: true,
      forbidden: own.names,
    },
    new Map(),
  );
  expect(report).toContain("not 404");
  expect(report).toContain(`names ${JSON.stringify(own.names[0])}`);
  const compared = await judge(
    {
      label: own.label,
      email: own.email,
      req: own.req,
      baseline: { method: "GET", url: randomId },
      must404: false,
      forbidden: [],
    },
    new Map(),
  );
  expect(compared).toContain("differs from the answer to");

  // A change to an attacked record, made as its owner would: the snapshot sees it.
  const target = world.targets.find((t) => t.kind === "plan" && t.state === "draft" && t.supplier === "northwind")!;
  const northwind = world.identities.find((i) => i.memberships.some((m) => m.supplier === "northwind"))!;
  const before = await snapshot(handle.db, world);
  const withdrawn = await send(
    {
      method: "POST",
      url: `/t/${target.tenant}/plans/${target.id}`,
      form: { intent: "withdraw", lockVersion: target.facts.lockVersion },
    },
    northwind.email,
  );
  expect(withdrawn.status).toBe(302);
  expect(await snapshot(handle.db, world)).not.toEqual(before);
});

test("the table describes no route that app/routes.ts no longer has", () => {
  const files = new Set(portalRoutes.map((r) => r.file));
  expect(Object.keys(ROUTE_TABLE).filter((file) => !files.has(file))).toEqual([]);
});
