import { type APIRequestContext, type APIResponse, expect } from "@playwright/test";
import { getPage } from "../support";

/**
 * Reading and posting the plan builder's form over HTTP, as a browser would: shared by the HTTP
 * specs that need a real plan made by a supplier's own builder.
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---------------------------------------------------------------------------------------------
// Reading pages

export const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Text of an HTML fragment, tags removed, entities decoded, React's text separators dropped. */
export const textOf = (html: string) =>
  decode(html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();

export interface Line {
  agreementId: string;
  qty: string;
  shipDate: string;
  arrivalDate: string;
  reason: string;
  proposedQty?: string;
  packSize?: number;
  moq?: number;
}

export interface Builder {
  requestId: string;
  lockVersion: string | null;
  lines: Line[];
  html: string;
}

export function valueOf(chunk: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name.replace(/[[\]().]/g, "\\$&")}"[^>]*>`).exec(chunk)?.[0];
  return input ? decode(/ value="([^"]*)"/.exec(input)?.[1] ?? "") : undefined;
}

/** The builder's form as the server rendered it: its hidden fields and every line's values. */
export function parseBuilder(html: string): Builder {
  const requestId = /<input type="hidden" name="requestId" value="([^"]+)"/.exec(html)?.[1];
  expect(requestId, "the builder renders a requestId").toMatch(UUID);
  const lockVersion = /<input type="hidden" name="lockVersion" value="(\d+)"/.exec(html)?.[1] ?? null;
  const chunks = html.split('data-testid="plan-line"').slice(1);
  const lines = chunks.map((chunk, i) => {
    // A proposed line names its item in a hidden field; a line whose item can be chosen, in a select.
    const select = chunk.indexOf(`name="lines[${i}].agreementId"`);
    const agreementId =
      valueOf(chunk, `lines[${i}].agreementId`) ?? /<option value="([^"]+)" selected=""/.exec(chunk.slice(select))?.[1] ?? "";
    const terms = /MOQ ([\d,.]+) · pack ([\d,.]+)/.exec(chunk);
    return {
      agreementId,
      qty: valueOf(chunk, `lines[${i}].qty`) ?? "",
      shipDate: valueOf(chunk, `lines[${i}].shipDate`) ?? "",
      arrivalDate: valueOf(chunk, `lines[${i}].arrivalDate`) ?? "",
      reason: valueOf(chunk, `lines[${i}].reason`) ?? "",
      proposedQty: valueOf(chunk, `lines[${i}].proposedQty`),
      moq: terms ? Number(terms[1].replace(/,/g, "")) : undefined,
      packSize: terms ? Number(terms[2].replace(/,/g, "")) : undefined,
    };
  });
  return { requestId: requestId!, lockVersion, lines, html };
}

export async function openBuilder(client: APIRequestContext, path = "/t/acme/plans/new"): Promise<Builder> {
  const response = await getPage(client, path);
  expect(response.status(), path).toBe(200);
  const builder = parseBuilder(await response.text());
  for (const line of builder.lines) expect(line.agreementId, "every builder line names its agreement").toMatch(UUID);
  return builder;
}

/** The builder's POST body: `lines[i].field` for each line, plus the plan's fields. */
export function planForm(
  lines: Line[],
  fields: { requestId: string; intent?: string; note?: string; lockVersion?: string | null },
) {
  const form: Record<string, string> = {
    requestId: fields.requestId,
    intent: fields.intent ?? "submit",
    note: fields.note ?? "",
  };
  if (fields.lockVersion) form.lockVersion = fields.lockVersion;
  lines.forEach((l, i) => {
    form[`lines[${i}].agreementId`] = l.agreementId;
    form[`lines[${i}].qty`] = l.qty;
    form[`lines[${i}].shipDate`] = l.shipDate;
    form[`lines[${i}].arrivalDate`] = l.arrivalDate;
    form[`lines[${i}].reason`] = l.reason;
    if (l.proposedQty !== undefined) form[`lines[${i}].proposedQty`] = l.proposedQty;
  });
  return form;
}

/**
 * The builder opened on each agreement (`?agreement=`), as a supplier does from an agreement's
 * page: its line as the builder starts it, with a reason. The requestId is the last form's.
 */
export async function builderLines(
  client: APIRequestContext,
  agreementIds: readonly string[],
  reason = "Covers forecast demand",
) {
  const lines: Line[] = [];
  let requestId = "";
  for (const agreementId of agreementIds) {
    const builder = await openBuilder(client, `/t/acme/plans/new?agreement=${agreementId}`);
    expect(
      builder.lines.map((l) => l.agreementId),
      "the builder starts with the agreement's one line",
    ).toEqual([agreementId]);
    lines.push({ ...builder.lines[0], reason });
    requestId = builder.requestId;
  }
  return { requestId, lines };
}

export function post(client: APIRequestContext, path: string, form: Record<string, string>) {
  return client.post(path, { form, maxRedirects: 0 });
}

/** The plan a builder POST redirected to. */
export function planIdOf(response: APIResponse): string {
  expect([302, 303], `a saved plan redirects (got ${response.status()})`).toContain(response.status());
  const location = response.headers().location ?? "";
  const id = /\/t\/[a-z0-9-]+\/plans\/([0-9a-f-]{36})(?:\?|$)/.exec(location)?.[1];
  expect(id, location).toMatch(UUID);
  return id!;
}

/**
 * Creates and submits a plan through the supplier's own builder, one line per agreement (fixture
 * agreements, whose route is known); returns its id and lines.
 */
export async function createPlan(client: APIRequestContext, agreementIds: readonly string[], note = "") {
  const { requestId, lines } = await builderLines(client, agreementIds);
  const response = await post(client, "/t/acme/plans/new", planForm(lines, { requestId, note }));
  return { id: planIdOf(response), lines };
}
