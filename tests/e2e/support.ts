import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import { randomInt } from "node:crypto";
import { type E2eFixtures, readFixtures } from "./fixtures/fixture-file";

export const DEMO_PASSWORD = "vmi-demo-2026";
export const baseURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
/** The test server's data directory (playwright.config.ts: DATA_DIR). */
export const dataDir = `.cache/e2e-data-${Number(process.env.E2E_PORT ?? 3100)}`;

let cachedFixtures: E2eFixtures | undefined;
/** What the server's preparation added to the demo for the specs: agreements of known routes, a plan. */
export function fixtures(): E2eFixtures {
  cachedFixtures ??= readFixtures(dataDir);
  return cachedFixtures;
}

/** A client address of its own (the test server trusts X-Forwarded-For), so limits do not collide. */
export function freshAddress() {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

/** An HTTP client that behaves like a same-origin browser form: it sends Origin and keeps cookies. */
export async function newClient(options: { address?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = { "X-Forwarded-For": options.address ?? freshAddress() };
  if (options.origin !== null) headers.Origin = options.origin ?? baseURL;
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: headers, maxRedirects: 0 });
}

export async function postLogin(client: APIRequestContext, email: string, password: string) {
  return client.post("/login", { form: { email, password, redirectTo: "" }, maxRedirects: 0 });
}

/** Signs in and returns the client with its session cookie. Fails the test if sign-in fails. */
export async function signedInClient(email: string, password = DEMO_PASSWORD) {
  const client = await newClient();
  const response = await postLogin(client, email, password);
  if (response.status() !== 302 && response.status() !== 303) {
    throw new Error(`Sign-in as ${email} answered ${response.status()}`);
  }
  return client;
}

/** GET that follows redirects, for reading pages. */
export async function getPage(client: APIRequestContext, path: string) {
  return client.get(path, { maxRedirects: 5 });
}
