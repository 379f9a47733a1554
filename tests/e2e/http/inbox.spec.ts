import { type APIRequestContext, expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { dataDir, fixtures, getPage, newClient, signedInClient } from "../support";
import { createPlan } from "./plan-forms";

/**
 * The inbox over HTTP: a supplier submits a plan, the buyer is notified (inbox and e-mail), and
 * nobody else can see, open or mark that notification: another role of the same company, another
 * supplier, the submitter itself, or a member of another company all get the same 404, naming
 * nothing. Pages are read in English (the users whose language no other test changes).
 */

const NORTHWIND = "supplier@northwind.example";
const CONTOSO = "supplier@contoso.example";
const BUYER = "buyer@acme.example";
const MANAGER = "manager@acme.example";
const GLOBEX_BUYER = "buyer@globex.example";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Where the test server's relay writes e-mails (playwright.config.ts: DATA_DIR, no SMTP_URL). */
const OUTBOX_DIR = path.resolve(dataDir, "outbox");

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Northwind submits a plan of a fixture slow mover (a buyer decides it); returns its id and number. */
async function submitPlan(northwind: APIRequestContext) {
  const { id: planId } = await createPlan(northwind, [fixtures().agreements.buyerOnly[0].id]);
  const page = await (await getPage(northwind, `/t/acme/plans/${planId}`)).text();
  const number = /RP-\d{4}-\d{5}/.exec(page)?.[0];
  expect(number, "a submitted plan has a number").toBeTruthy();
  expect(/data-plan-status="([a-z_]+)"/.exec(page)?.[1], "the plan waits for the buyer").toBe("submitted");
  return { planId, number: number! };
}

interface InboxRow {
  id: string;
  unread: boolean;
  html: string;
}

/** The notifications on the first page of a member's inbox. */
async function inboxRows(client: APIRequestContext, tenant = "acme"): Promise<InboxRow[]> {
  const response = await getPage(client, `/t/${tenant}/inbox`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('data-testid="inbox-table"');
  return html
    .split('data-testid="notification"')
    .slice(1)
    .map((chunk) => ({
      id: /name="id" value="([0-9a-f-]{36})"/.exec(chunk)?.[1] ?? "",
      unread: /^[^>]*data-unread="true"/.test(chunk),
      html: chunk.split("</tr>")[0],
    }));
}

const inboxPost = (client: APIRequestContext, form: Record<string, string>, tenant = "acme") =>
  client.post(`/t/${tenant}/inbox`, { form, maxRedirects: 0 });

/** An .eml file of the relay that mentions every one of `needles`, waiting for the relay's poll. */
async function emlMentioning(needles: string[], timeoutMs = 20_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = await readdir(OUTBOX_DIR).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".eml"))) {
      const text = (await readFile(path.join(OUTBOX_DIR, name), "utf8").catch(() => ""))
        .replace(/=\r?\n/g, "")
        .replace(/\r?\n[ \t]+/g, " ");
      if (needles.every((needle) => text.includes(needle))) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

test("the buyer is notified of a submission; nobody else can see, open or mark that notification", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const { planId, number } = await submitPlan(northwind);

  // The buyer's inbox has it, unread, worded from its payload.
  const buyer = await signedInClient(BUYER);
  const mine = (await inboxRows(buyer)).find((row) => row.html.includes(number));
  expect(mine, `the buyer's inbox mentions ${number}`).toBeTruthy();
  expect(mine!.id).toMatch(UUID);
  expect(mine!.unread).toBe(true);
  expect(decode(mine!.html)).toContain(`Northwind Components submitted plan ${number}`);

  // Everyone else: not in their inbox, and open / mark read is a 404 that names nothing.
  const others: [who: string, client: APIRequestContext, tenant: string, member: boolean][] = [
    ["the manager", await signedInClient(MANAGER), "acme", true],
    ["another supplier", await signedInClient(CONTOSO), "acme", true],
    ["the submitter", northwind, "acme", true],
    ["another company's buyer", await signedInClient(GLOBEX_BUYER), "globex", true],
    ["the submitter in another company", northwind, "globex", true],
    ["the buyer in a company it is not a member of", buyer, "globex", false],
  ];
  for (const [who, client, tenant, member] of others) {
    if (member) {
      const rows = await inboxRows(client, tenant);
      expect(
        rows.map((r) => r.id),
        `${who} does not list it`,
      ).not.toContain(mine!.id);
    }
    for (const intent of ["open", "read"]) {
      const response = await inboxPost(client, { intent, id: mine!.id }, tenant);
      expect(response.status(), `${who}: ${intent}`).toBe(404);
      const body = await response.text();
      expect(body, `${who}: the 404 names nothing`).not.toContain(number);
      expect(body).not.toContain(planId);
    }
  }
  // Marking "all" read as someone else leaves the buyer's row unread.
  expect((await inboxPost(await signedInClient(MANAGER), { intent: "read-all" })).status()).toBe(302);
  expect((await inboxRows(buyer)).find((row) => row.id === mine!.id)?.unread).toBe(true);

  // Unknown and malformed ids: the same 404; a form without an intent: 400.
  expect((await inboxPost(buyer, { intent: "open", id: randomUUID() })).status()).toBe(404);
  expect((await inboxPost(buyer, { intent: "open", id: "1 or 1=1" })).status()).toBe(404);
  expect((await inboxPost(buyer, { id: mine!.id })).status()).toBe(400);

  // The buyer opens it: marked read, and taken to the plan.
  const opened = await inboxPost(buyer, { intent: "open", id: mine!.id });
  expect(opened.status()).toBe(302);
  expect(opened.headers().location).toBe(`/t/acme/plans/${planId}`);
  expect((await inboxRows(buyer)).find((row) => row.id === mine!.id)?.unread).toBe(false);

  // And the relay wrote the buyer's e-mail, with an absolute link to the plan.
  const eml = await emlMentioning([`To: ${BUYER}`, number]);
  expect(eml, "an .eml file for the buyer about the plan").toBeTruthy();
  expect(eml).toContain(`/t/acme/plans/${planId}`);
});

test("the inbox needs a membership of the company in the URL", async () => {
  const anonymous = await getPage(await newClient(), "/t/acme/inbox");
  expect(new URL(anonymous.url()).pathname).toBe("/login");
  const contoso = await signedInClient(CONTOSO);
  expect((await getPage(contoso, "/t/globex/inbox")).status()).toBe(404);
  expect((await getPage(contoso, "/t/acme/inbox")).status()).toBe(200);
});
