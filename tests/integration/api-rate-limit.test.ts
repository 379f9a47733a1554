import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import type { TenantScope } from "@db/scope";
import * as agreementsRoute from "~/routes/api.v1.agreements";
import { createHttpApp } from "~/server/http-app";
import { answerSchemaOf } from "~/services/api/openapi.server";
import { createApiKey } from "~/services/api/manage-keys.server";
import { setDatabase } from "~/utils/db.server";
import { createLogger } from "~/utils/logger.server";
import { createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { fakeBuild } from "../unit/support/fake-build";

/**
 * The per-key rate limit through the real HTTP server on a real database, with a limit of 5 a
 * minute: the requests past it are refused with 429 and Retry-After, other keys go on.
 */

// Before anything reads the environment.
process.env.API_RATE_LIMIT_PER_MINUTE = "5";
const LIMIT = 5;

let handle: DatabaseHandle;
let server: Server;
let base: string;
const keys = { first: "", second: "" };

beforeAll(async () => {
  handle = await openTestDatabase();
  setDatabase(handle);
  const tenantId = (await createTenant(handle.db, { slugPrefix: "api-rate", timezone: "UTC" })).id;
  const admin: TenantScope = { tenantId, supplierId: null, userId: null, role: "admin" };
  for (const name of ["first", "second"] as const) {
    keys[name] = (await createApiKey(handle.db, admin, { name, scopes: ["read"] }, { timezone: "UTC" })).key;
  }
  const build = fakeBuild(
    { default: () => new Response("<p>page</p>", { headers: { "Content-Type": "text/html" } }), handleError: () => {} },
    {
      root: { path: "", module: { default: () => null } },
      "routes/api.v1.agreements": { parentId: "root", path: "api/v1/agreements", module: agreementsRoute },
    },
  );
  const app = await createHttpApp({ mode: "production", trustProxy: false, build, logger: createLogger({ write: () => {} }) });
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  setDatabase(undefined);
  await handle?.close();
});

const list = (key: string) => fetch(`${base}/api/v1/agreements`, { headers: { Authorization: `Bearer ${key}` } });

describe("the rate limit per key", () => {
  it("answers the request past the limit in a minute with 429 and Retry-After; another key goes on", async () => {
    // The windows are the clock's minutes: start where this test's requests all fall in one.
    const second = new Date().getUTCSeconds();
    if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));

    for (let n = 1; n <= LIMIT; n++) {
      const answer = await list(keys.first);
      expect(answer.status, `request ${n}`).toBe(200);
      expect(answer.headers.get("RateLimit-Limit")).toBe(String(LIMIT));
      expect(answer.headers.get("RateLimit-Remaining")).toBe(String(LIMIT - n));
      expect(Number(answer.headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers.get("RateLimit-Reset"))).toBeLessThanOrEqual(60);
    }

    const refused = await list(keys.first);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(retryAfter)).toBe(true);
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    const body = await refused.json();
    expect(body).toMatchObject({ status: 429, title: "Too Many Requests" });
    expect(answerSchemaOf("agreements.list", 429)!.safeParse(body).success).toBe(true);
    // Still refused: the refused request counted too.
    expect((await list(keys.first)).status).toBe(429);

    const other = await list(keys.second);
    expect(other.status).toBe(200);
    expect(other.headers.get("RateLimit-Remaining")).toBe(String(LIMIT - 1));
  });

  it("counts nothing for a request without a valid key (401 carries no limit)", async () => {
    const answer = await list("vmi_notAKeyAtAll");
    expect(answer.status).toBe(401);
    expect(answer.headers.get("RateLimit-Limit")).toBeNull();
  });
});
