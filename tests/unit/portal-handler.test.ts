import { redirect } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { createPortalHandler, MAX_BODY_BYTES, type RequestRecord } from "~/server/portal-handler";
import { createLogger } from "~/utils/logger.server";
import { capturedLines, fakeBuild } from "./support/fake-build";

const ORIGIN = "http://portal.example";
const ALLOW = "GET, HEAD, POST, OPTIONS";

/** What the routes' actions received; empty when no action ran. */
let received: Record<string, unknown>[] = [];

const page = { default: () => null, loader: () => null };
const build = fakeBuild(
  {
    default: (_request: Request, status: number, headers: Headers) => {
      headers.set("Content-Type", "text/html");
      return new Response("<p>page</p>", { status, headers });
    },
    handleError: () => {},
  },
  {
    root: { path: "", module: { ...page } },
    "routes/form": {
      parentId: "root",
      path: "form",
      module: {
        ...page,
        action: async ({ request }: { request: Request }) => {
          received.push(Object.fromEntries(await request.formData()));
          return redirect("/done");
        },
      },
    },
    "routes/read-only": { parentId: "root", path: "read-only", module: { ...page } },
    "routes/tenant": { parentId: "root", path: "t/:tenant", module: { ...page } },
    "routes/tenant.plan": { parentId: "routes/tenant", path: "plans/:planId", module: { ...page } },
    "routes/signed-in": {
      parentId: "root",
      path: "signed-in",
      module: {
        ...page,
        loader: ({ context }: { context: { state: { signedIn: boolean; session?: Promise<unknown> } } }) => {
          context.state.signedIn = true;
          context.state.session = Promise.resolve({ user: { id: "user-1" } });
          return null;
        },
      },
    },
    "routes/api.ping": { parentId: "root", path: "api/ping", module: { action: () => new Response("pong") } },
    "routes/api.echo": {
      parentId: "root",
      path: "api/echo",
      module: {
        action: async ({ request }: { request: Request }) => {
          const body = (await request.json()) as Record<string, unknown>;
          received.push(body);
          return Response.json(body);
        },
      },
    },
  },
);

const log = capturedLines();
const handle = createPortalHandler({ build, mode: "production", logger: createLogger({ write: log.write }) });

function record(): RequestRecord {
  return { requestId: "req-test", clientAddress: "10.0.0.1" };
}

function post(path: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { Origin: ORIGIN, Host: "portal.example", ...headers },
  });
}

beforeEach(() => {
  received = [];
  log.lines.length = 0;
});

describe("methods", () => {
  it("answers methods it does not serve with 405 and the ones it does", async () => {
    for (const method of ["PUT", "DELETE", "PATCH", "PROPFIND"]) {
      const response = await handle(new Request(`${ORIGIN}/form`, { method, headers: { Origin: ORIGIN } }), record());
      expect(response.status, method).toBe(405);
      expect(response.headers.get("Allow"), method).toBe(ALLOW);
    }
    expect(received).toEqual([]);
  });

  it("answers OPTIONS with the methods it serves, and no CORS permission", async () => {
    const response = await handle(new Request(`${ORIGIN}/form`, { method: "OPTIONS" }), record());
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe(ALLOW);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("names the methods of a page without an action when it refuses a POST", async () => {
    const response = await handle(post("/read-only", new URLSearchParams({ a: "1" })), record());
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("bodies of page routes", () => {
  it("runs the action for a urlencoded form", async () => {
    const response = await handle(post("/form", new URLSearchParams({ email: "a@b.example", note: "50% off" })), record());
    expect(response.status).toBe(302);
    expect(received).toEqual([{ email: "a@b.example", note: "50% off" }]);
  });

  it("runs the action for a well-formed multipart form, like any form", async () => {
    const form = new FormData();
    form.set("email", "a@b.example");
    form.set("name", "张三");
    const response = await handle(post("/form", form), record());
    expect(response.status).toBe(302);
    expect(received).toEqual([{ email: "a@b.example", name: "张三" }]);
  });

  it("reads an empty POST without a content type as an empty form (a sign-out button)", async () => {
    const response = await handle(post("/form", null), record());
    expect(response.status).toBe(302);
    expect(received).toEqual([{}]);
  });

  it("refuses text/plain and JSON with 415 and a plain message, running no action", async () => {
    const bodies: [string, string][] = [
      ["text/plain", "email=a@b.example"],
      ["application/json", JSON.stringify({ email: "a@b.example", password: "vmi-demo-2026" })],
      ["application/xml", "<a/>"],
    ];
    for (const [type, body] of bodies) {
      const response = await handle(post("/form", body, { "Content-Type": type }), record());
      expect(response.status, type).toBe(415);
      expect(response.headers.get("Content-Type"), type).toBe("text/plain; charset=utf-8");
      expect(await response.text(), type).toContain("form submissions only");
    }
    const untyped = await handle(post("/form", new Blob(["a=1"])), record());
    expect(untyped.status).toBe(415);
    expect(received).toEqual([]);
  });

  it("refuses malformed forms with 400", async () => {
    const cases: [string, BodyInit][] = [
      ["multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data\r\n\r\nno name and no end"],
      ["multipart/form-data", "--xyz\r\n\r\nno boundary declared\r\n--xyz--"],
      ["application/x-www-form-urlencoded", "email=%zz"],
      ["application/x-www-form-urlencoded", "email=%C3%28"],
      ["application/x-www-form-urlencoded", new Uint8Array([0x61, 0x3d, 0xff, 0xfe])],
    ];
    for (const [type, body] of cases) {
      const response = await handle(post("/form", body, { "Content-Type": type }), record());
      expect(response.status, `${type} ${String(body)}`).toBe(400);
      expect(await response.text()).toMatch(/^The form data could not be read/);
    }
    expect(received).toEqual([]);
  });

  it("refuses a NUL character in a field, urlencoded or multipart", async () => {
    const urlencoded = await handle(
      post("/form", "email=a%00b", { "Content-Type": "application/x-www-form-urlencoded" }),
      record(),
    );
    expect(urlencoded.status).toBe(400);
    const form = new FormData();
    form.set("email", "a\0b");
    const multipart = await handle(post("/form", form), record());
    expect(multipart.status).toBe(400);
    expect(await multipart.text()).toBe("The form contains a NUL character.");
    expect(received).toEqual([]);
  });

  it("refuses a compressed body with 415", async () => {
    const response = await handle(
      post("/form", "a=1", { "Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip" }),
      record(),
    );
    expect(response.status).toBe(415);
    expect(received).toEqual([]);
  });

  it("refuses a streamed body over the limit with 413, whatever its type", async () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain"]) {
      const chunk = new Uint8Array(64 * 1024).fill(0x61);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > 2 * MAX_BODY_BYTES) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const request = new Request(`${ORIGIN}/form`, {
        method: "POST",
        body,
        headers: { Origin: ORIGIN, "Content-Type": type },
        duplex: "half",
      } as RequestInit);
      const response = await handle(request, record());
      expect(response.status, type).toBe(413);
      // Reading stopped soon after the limit.
      expect(sent, type).toBeLessThan(MAX_BODY_BYTES + 3 * chunk.length);
    }
    expect(received).toEqual([]);
  });

  it("still refuses a cross-origin POST before reading its body", async () => {
    const response = await handle(
      new Request(`${ORIGIN}/form`, {
        method: "POST",
        body: "a=1",
        headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      }),
      record(),
    );
    expect(response.status).toBe(403);
    expect(received).toEqual([]);
  });
});

describe("bodies of JSON routes (under /api/)", () => {
  it("takes JSON", async () => {
    const response = await handle(post("/api/echo", JSON.stringify({ a: 1 }), { "Content-Type": "application/json" }), record());
    expect(response.status).toBe(200);
    expect(received).toEqual([{ a: 1 }]);
  });

  it("refuses a form with 415 and malformed JSON with 400, as problem details", async () => {
    const form = await handle(post("/api/echo", new URLSearchParams({ a: "1" })), record());
    expect(form.status).toBe(415);
    expect(form.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await form.json()).toMatchObject({ status: 415 });
    const malformed = await handle(post("/api/echo", "{", { "Content-Type": "application/json" }), record());
    expect(malformed.status).toBe(400);
    expect(received).toEqual([]);
  });

  it("lets a POST without a body through (an action that takes none)", async () => {
    const response = await handle(post("/api/ping", null), record());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("pong");
  });
});

describe("addresses", () => {
  it("refuses ?_data requests, and logs that once however often it happens", async () => {
    for (let i = 0; i < 2; i += 1) {
      const response = await handle(new Request(`${ORIGIN}/login?_data=routes/login`), record());
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("Route data is not served through ?_data.");
    }
    const warnings = log.lines.filter((line) => line.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ requestId: "req-test", expected: true });
    expect(String(warnings[0]!.msg)).toContain("?_data");
  });

  it("refuses a NUL character in the path or the query", async () => {
    for (const path of ["/form?q=%00", "/t/acme%00/plans/1", "/form?%00=1"]) {
      const response = await handle(new Request(`${ORIGIN}${path}`), record());
      expect(response.status, path).toBe(400);
    }
  });

  it("records the route pattern and the signed-in user for the request log", async () => {
    const plan = record();
    await handle(new Request(`${ORIGIN}/t/acme/plans/42?status=draft`), plan);
    expect(plan.route).toBe("/t/:tenant/plans/:planId");
    expect(plan.userId).toBeUndefined();
    const data = record();
    await handle(new Request(`${ORIGIN}/t/acme/plans/42.data`), data);
    expect(data.route).toBe("/t/:tenant/plans/:planId");
    const signedIn = record();
    const response = await handle(new Request(`${ORIGIN}/signed-in`), signedIn);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(signedIn.userId).toBe("user-1");
  });
});
