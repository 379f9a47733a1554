import { type AppLoadContext, redirect } from "@remix-run/node";
import { DrizzleQueryError } from "drizzle-orm";
import { Agent, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as entry from "~/entry.server";
import * as root from "~/root";
import { createHttpApp, keepIdleConnections, refuseConnect } from "~/server/http-app";
import { MAX_BODY_BYTES } from "~/server/portal-handler";
import { createLogger } from "~/utils/logger.server";
import { newRequestContext } from "~/utils/request-context.server";
import { capturedLines, fakeBuild } from "./support/fake-build";

/**
 * The HTTP server in front of Remix, over real sockets, with the portal's own entry and root
 * route (its error page and translations) and a few routes of the test's own.
 */

const SECRET_SQL = "select password_hash from users where email = $1";
const SECRET_PARAM = "the-parameter-value";

/** A database refusal as drizzle reports it: the SQL and its parameters in the message. */
function failedQuery() {
  const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
  return new DrizzleQueryError(SECRET_SQL, [SECRET_PARAM], cause);
}

let received: Record<string, unknown>[] = [];
const log = capturedLines();
const build = fakeBuild(entry, {
  root: { path: "", module: root },
  "routes/form": {
    parentId: "root",
    path: "form",
    module: {
      default: () => null,
      action: async ({ request }: { request: Request }) => {
        received.push(Object.fromEntries(await request.formData()));
        return redirect("/");
      },
    },
  },
  "routes/tenant": { parentId: "root", path: "t/:tenant", module: { default: () => null } },
  "routes/tenant.plan": {
    parentId: "routes/tenant",
    path: "plans/:planId",
    module: { default: () => null, loader: () => new Response("plan") },
  },
  "routes/signed-in": {
    parentId: "root",
    path: "signed-in",
    module: {
      default: () => null,
      loader: ({ context }: { context: AppLoadContext }) => {
        // What the session lookup leaves behind for a signed-in request.
        context.state.signedIn = true;
        context.state.session = Promise.resolve({ user: { id: "user-1" } });
        return new Response("signed in");
      },
    },
  },
  "routes/boom": {
    parentId: "root",
    path: "boom",
    module: {
      default: () => null,
      loader: () => {
        throw failedQuery();
      },
    },
  },
});

let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  const app = await createHttpApp({
    mode: "production",
    trustProxy: false,
    build,
    logger: createLogger({ write: log.write }),
  });
  server = keepIdleConnections(refuseConnect(app.listen(0, "127.0.0.1"), createLogger({ write: log.write })));
  await new Promise<void>((resolve) => server.once("listening", resolve));
  port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  log.lines.length = 0;
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request by node:http, which sends what fetch will not (TRACE, chunked uploads). */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: () => AsyncIterable<Buffer> } = {},
) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers: { Origin: base, ...options.headers } });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    // The server may stop reading an upload it refused; the answer is what counts.
    req.on("error", (error) => (req.writableFinished ? undefined : reject(error)));
    void (async () => {
      if (options.body)
        for await (const chunk of options.body()) if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      req.end();
    })().catch(() => {});
  });
}

const requestLines = () => log.lines.filter((line) => line.msg === "request");

describe("connections", () => {
  it("keeps an idle keep-alive connection open past Node's default 5 s, so a client reusing it is not reset", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: "/t/acme/plans/p1", agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      expect(await get()).toEqual({ status: 200, reused: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 15_000);
});

describe("methods", () => {
  it("answers TRACE, PUT, DELETE, PATCH and PROPFIND with 405, the methods it serves, and a request id", async () => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"]) {
      const response = await raw(method, "/form");
      expect(response.status, method).toBe(405);
      expect(response.headers.allow, method).toBe("GET, HEAD, POST, OPTIONS");
      expect(response.headers["x-request-id"], method).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(received).toEqual([]);
  });

  it("answers CONNECT with 405 too, instead of dropping the connection", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
      );
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer).toContain("Allow: GET, HEAD, POST, OPTIONS");
    expect(answer).toMatch(/X-Request-Id: [0-9a-f-]{36}/);
  });
});

describe("bodies", () => {
  it("refuses a chunked body over 1 MiB with 413 and runs no action; the server goes on serving", async () => {
    const response = await raw("POST", "/form", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      body: async function* () {
        yield Buffer.from("email=");
        for (let sent = 0; sent < 2 * MAX_BODY_BYTES; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, "a");
      },
    });
    expect(response.status).toBe(413);
    expect(response.body).toBe("Request body too large: the limit is 1 MiB.");
    expect(received).toEqual([]);
    const after = await fetch(`${base}/form`, {
      method: "POST",
      headers: { Origin: base },
      body: new URLSearchParams({ email: "a@b.example" }),
      redirect: "manual",
    });
    expect(after.status).toBe(302);
    expect(received).toEqual([{ email: "a@b.example" }]);
  });

  it("refuses a declared length over 1 MiB with 413 before reading it, on any route and method", async () => {
    for (const [method, path] of [
      ["POST", "/form"],
      ["GET", "/t/acme/plans/1"],
    ] as const) {
      const response = await raw(method, path, {
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(MAX_BODY_BYTES + 1) },
        body: async function* () {
          yield Buffer.alloc(MAX_BODY_BYTES + 1, "a");
        },
      });
      expect(response.status, `${method} ${path}`).toBe(413);
    }
    expect(received).toEqual([]);
  });
});

describe("request log", () => {
  it("writes one JSON line a request, with the id the response carries and no query values", async () => {
    const response = await fetch(`${base}/t/acme/plans/42?q=${SECRET_PARAM}`);
    expect(response.status).toBe(200);
    const requestId = response.headers.get("X-Request-Id");
    await expect.poll(() => requestLines().length).toBe(1);
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: "info",
      requestId,
      method: "GET",
      path: "/t/acme/plans/42",
      route: "/t/:tenant/plans/:planId",
      status: 200,
    });
    expect(typeof line!.durationMs).toBe("number");
    expect(typeof line!.time).toBe("string");
    expect(JSON.stringify(log.lines)).not.toContain(SECRET_PARAM);
    expect(line).not.toHaveProperty("userId");
  });

  it("names the signed-in user", async () => {
    await fetch(`${base}/signed-in`);
    await expect.poll(() => requestLines().length).toBe(1);
    expect(requestLines()[0]).toMatchObject({ route: "/signed-in", status: 200, userId: "user-1" });
  });
});

describe("a failure", () => {
  it("shows a calm page with the request id, and logs the error once, without SQL", async () => {
    const response = await fetch(`${base}/boom`, { headers: { "Accept-Language": "en" } });
    expect(response.status).toBe(500);
    const requestId = response.headers.get("X-Request-Id")!;
    const html = await response.text();
    expect(html).toContain("Something went wrong");
    expect(html).toContain("give your administrator this reference");
    expect(html).toContain(`data-request-id="${requestId}"`);
    for (const leak of ["Failed query", SECRET_SQL, SECRET_PARAM, "0x00", "    at "]) expect(html).not.toContain(leak);

    await expect.poll(() => requestLines().length).toBe(1);
    const errors = log.lines.filter((line) => line.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      requestId,
      err: { class: "DrizzleQueryError", message: "database query failed", cause: { code: "22021" } },
    });
    const written = JSON.stringify(log.lines);
    expect(written).not.toContain(SECRET_SQL);
    expect(written).not.toContain(SECRET_PARAM);
  });

  it("says so in Simplified Chinese to a Chinese browser", async () => {
    const response = await fetch(`${base}/boom`, { headers: { "Accept-Language": "zh-CN" } });
    const html = await response.text();
    expect(html).toContain("出现了问题");
    expect(html).toContain("请将以下编号告知管理员");
    expect(html).toContain(`data-request-id="${response.headers.get("X-Request-Id")}"`);
  });
});

describe("expected conditions", () => {
  it("logs a warning Remix raises about how it is called once per process, not once per request", () => {
    const warning =
      "Warning: Single fetch-enabled apps should not be making ?_data requests, this is likely to break in the future";
    const context = (requestId: string): AppLoadContext =>
      newRequestContext({
        cspNonce: "n",
        clientAddress: "10.0.0.1",
        requestId,
        log: createLogger({ write: log.write }).child({ requestId }),
      });
    for (const requestId of ["first", "second"]) {
      entry.handleError(new Error(warning), {
        request: new Request(`${base}/login?_data=routes/login`),
        context: context(requestId),
      });
    }
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: "warn", requestId: "first", msg: warning, expected: true });
    expect(JSON.stringify(log.lines[0])).not.toContain("    at ");
  });
});
