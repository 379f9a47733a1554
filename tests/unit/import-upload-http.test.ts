import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { Agent, request as httpRequest, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpApp } from "~/server/http-app";
import { receiveImportUpload, type UploadedImport } from "~/services/imports/upload.server";
import { isAppError } from "~/utils/app-error";
import { createLogger } from "~/utils/logger.server";
import { capturedLines, fakeBuild } from "./support/fake-build";
import { multipartBody } from "./support/multipart";

/**
 * Uploads to the import address through the real HTTP server (express, the adapter, the portal
 * handler) over sockets, with an import action that writes the file by receiveImportUpload.
 */

const UPLOAD_LIMIT = 4 * 1024 * 1024;

let directory: string;
let server: Server;
let base: string;
let port: number;
/** What the import action saw: the upload, a plain form, or the reason it refused the upload. */
let outcomes: (UploadedImport | { form: Record<string, unknown> } | { refused: string })[] = [];
let formActions = 0;
const log = capturedLines();

const build = fakeBuild(
  { default: () => new Response("<p>page</p>", { headers: { "Content-Type": "text/html" } }), handleError: () => {} },
  {
    root: { path: "", module: { default: () => null } },
    "routes/form": {
      parentId: "root",
      path: "form",
      module: {
        action: async ({ request }: { request: Request }) => {
          formActions += 1;
          await request.formData();
          return new Response("ok");
        },
      },
    },
    // An upload address whose action answers without reading the body (as a sign-in redirect would).
    "routes/api.v1.imports": {
      parentId: "root",
      path: "api/v1/imports",
      module: { action: () => new Response("sign in first", { status: 401 }) },
    },
    "routes/tenant": { parentId: "root", path: "t/:tenant", module: { default: () => null } },
    "routes/tenant.imports": {
      parentId: "routes/tenant",
      path: "imports",
      module: {
        action: async ({ request }: { request: Request }) => {
          if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/")) {
            outcomes.push({ form: Object.fromEntries(await request.formData()) });
            return new Response("form received");
          }
          try {
            const upload = await receiveImportUpload(request, { directory, maxBytes: UPLOAD_LIMIT });
            outcomes.push(upload);
            return Response.json(upload);
          } catch (error) {
            if (!isAppError(error)) throw error;
            outcomes.push({ refused: `${error.code}:${error.reason}` });
            return new Response("refused", { status: error.status });
          }
        },
      },
    },
  },
);

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "vmi-import-http-"));
  const app = await createHttpApp({
    mode: "production",
    trustProxy: false,
    build,
    logger: createLogger({ write: log.write }),
    uploadLimit: UPLOAD_LIMIT,
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

beforeEach(async () => {
  outcomes = [];
  formActions = 0;
  log.lines.length = 0;
  for (const name of await readdir(directory)) await rm(path.join(directory, name));
});

/** A chunked POST by node:http (no Content-Length), read back whole. */
function chunkedPost(pathname: string, body: Uint8Array, contentType: string, agent?: Agent) {
  return new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      agent,
      method: "POST",
      path: pathname,
      headers: { Origin: base, "Content-Type": contentType, "Transfer-Encoding": "chunked" },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), reused: req.reusedSocket }));
    });
    // The server may stop reading an upload it refused; the answer is what counts.
    req.on("error", (error) => (req.writableFinished ? undefined : reject(error)));
    void (async () => {
      for (let offset = 0; offset < body.length; offset += 64 * 1024) {
        if (!req.write(body.subarray(offset, offset + 64 * 1024))) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(() => {});
  });
}

function upload(pathname: string, body: Uint8Array<ArrayBuffer>, contentType: string) {
  return fetch(`${base}${pathname}`, { method: "POST", headers: { Origin: base, "Content-Type": contentType }, body });
}

const requestLines = () => log.lines.filter((line) => line.msg === "request");

describe("uploads to the import address, through the HTTP server", () => {
  const content = randomBytes(3 * 1024 * 1024);
  const { body, contentType } = multipartBody([
    { name: "kind", value: "stock" },
    { name: "file", fileName: "库存 2026-12.csv", content },
  ]);

  it("takes a 3 MB upload whole, with its length declared or chunked, and writes the same bytes to disk", async () => {
    const declared = await upload("/t/acme/imports", body, contentType);
    expect(declared.status).toBe(200);
    const chunked = await chunkedPost("/t/acme/imports", body, contentType);
    expect(chunked.status).toBe(200);
    for (const result of [(await declared.json()) as UploadedImport, JSON.parse(chunked.body) as UploadedImport]) {
      expect(result.fields).toEqual({ kind: "stock" });
      expect(result.file).toMatchObject({ fileName: "库存 2026-12.csv", size: content.length });
      expect((await readFile(result.file!.path)).equals(content)).toBe(true);
    }
    await expect.poll(() => requestLines().length).toBe(2);
    expect(requestLines()[0]).toMatchObject({
      method: "POST",
      path: "/t/acme/imports",
      route: "/t/:tenant/imports",
      status: 200,
    });
  });

  it("refuses the same body to another address with 413, as every body over 1 MiB", async () => {
    for (const pathname of ["/form", "/t/acme/imports/"]) {
      const response = await upload(pathname, body, contentType);
      expect(response.status, pathname).toBe(413);
      expect(await response.text()).toBe("Request body too large: the limit is 1 MiB.");
    }
    expect(formActions).toBe(0);
    expect(outcomes).toEqual([]);
  });

  it("refuses an upload over the limit with 413, declared or chunked, and leaves no file behind", async () => {
    const big = multipartBody([{ name: "file", fileName: "big.csv", content: randomBytes(UPLOAD_LIMIT + 64 * 1024) }]);
    const declared = await upload("/t/acme/imports", big.body, big.contentType);
    expect(declared.status).toBe(413);
    expect(await declared.text()).toBe("Request body too large: the limit is 4 MiB.");
    expect(outcomes).toEqual([]);

    const chunked = await chunkedPost("/t/acme/imports", big.body, big.contentType);
    expect(chunked.status).toBe(413);
    expect(chunked.body).toBe("Request body too large: the limit is 4 MiB.");
    expect(outcomes).toEqual([{ refused: "invalid:too_large" }]);
    expect(await readdir(directory)).toEqual([]);

    const after = await upload("/t/acme/imports", body, contentType);
    expect(after.status).toBe(200);
  });

  it("reads the rest of an upload the route answered without reading, so the connection serves the next request", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const unread = await chunkedPost("/api/v1/imports", body, contentType, agent);
      expect(unread).toMatchObject({ status: 401, body: "sign in first", reused: false });
      const next = await chunkedPost("/t/acme/imports", body, contentType, agent);
      expect(next).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 10_000);

  it("handles a urlencoded POST to the import address as before", async () => {
    const response = await fetch(`${base}/t/acme/imports`, {
      method: "POST",
      headers: { Origin: base },
      body: new URLSearchParams({ kind: "items", note: "50% off" }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("form received");
    expect(outcomes).toEqual([{ form: { kind: "items", note: "50% off" } }]);

    const text = await fetch(`${base}/t/acme/imports`, {
      method: "POST",
      headers: { Origin: base, "Content-Type": "text/csv" },
      body: "sku,qty\n",
    });
    expect(text.status).toBe(415);
  });

  it("refuses a cross-site upload with 403 before the route runs", async () => {
    const response = await fetch(`${base}/t/acme/imports`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": contentType },
      body,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcomes).toEqual([]);
  });
});
