import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createPortalHandler,
  describeByteLimit,
  MAX_BODY_BYTES,
  type RequestRecord,
  STREAMED_UPLOAD_PATHS,
  streamsUpload,
} from "~/server/portal-handler";
import { receiveImportUpload, type UploadedImport } from "~/services/imports/upload.server";
import { isAppError } from "~/utils/app-error";
import { DEFAULT_IMPORT_MAX_BYTES, parseEnv } from "~/utils/env.server";
import { createLogger } from "~/utils/logger.server";
import { capturedLines, fakeBuild } from "./support/fake-build";
import { chunkedStream, multipartBody } from "./support/multipart";

const ORIGIN = "http://portal.example";
const UPLOAD_LIMIT = 4 * 1024 * 1024;

describe("which requests stream their body", () => {
  const MULTIPART = "multipart/form-data; boundary=x";

  it("streams a multipart POST to an import address", () => {
    for (const pathname of ["/t/acme/imports", "/t/acme/imports.data", "/t/北方/imports", "/api/v1/imports"]) {
      expect(streamsUpload("POST", pathname, MULTIPART), pathname).toBe(true);
    }
    expect(streamsUpload("POST", "/t/acme/imports", "Multipart/Form-Data; boundary=x")).toBe(true);
  });

  it("reads every other request whole: other methods, types and addresses", () => {
    const buffered: [string, string, string | null][] = [
      ["GET", "/t/acme/imports", MULTIPART],
      ["PUT", "/t/acme/imports", MULTIPART],
      ["POST", "/t/acme/imports", "application/x-www-form-urlencoded"],
      ["POST", "/t/acme/imports", "text/csv"],
      ["POST", "/t/acme/imports", null],
      ["POST", "/api/v1/imports", "application/json"],
      ["POST", "/t/acme/imports/", MULTIPART],
      ["POST", "/t/acme/imports/7", MULTIPART],
      ["POST", "/t/acme/imports.csv", MULTIPART],
      ["POST", "/t//imports", MULTIPART],
      ["POST", "/t/acme/plans/imports", MULTIPART],
      ["POST", "/imports", MULTIPART],
      ["POST", "/api/v1/imports/7", MULTIPART],
      ["POST", "/api/v2/imports", MULTIPART],
      ["POST", "/login", MULTIPART],
      ["POST", "/x/t/acme/imports", MULTIPART],
    ];
    for (const [method, pathname, type] of buffered) {
      expect(streamsUpload(method, pathname, type), `${method} ${pathname} ${type}`).toBe(false);
    }
  });

  it("anchors every upload address at both ends", () => {
    for (const pattern of STREAMED_UPLOAD_PATHS) {
      expect(pattern.source.startsWith("^"), pattern.source).toBe(true);
      expect(pattern.source.endsWith("$"), pattern.source).toBe(true);
    }
  });

  it("describes limits as people read them", () => {
    expect(describeByteLimit(DEFAULT_IMPORT_MAX_BYTES)).toBe("100 MiB");
    expect(describeByteLimit(64 * 1024)).toBe("64 KiB");
    expect(describeByteLimit(1000)).toBe("1000 bytes");
  });
});

describe("IMPORT_MAX_BYTES", () => {
  it("is 100 MiB unless set, and takes a positive whole number of bytes", () => {
    expect(parseEnv({}).IMPORT_MAX_BYTES).toBe(104_857_600);
    expect(parseEnv({ IMPORT_MAX_BYTES: "" }).IMPORT_MAX_BYTES).toBe(104_857_600);
    expect(parseEnv({ IMPORT_MAX_BYTES: " 2097152 " }).IMPORT_MAX_BYTES).toBe(2_097_152);
    for (const wrong of ["0", "-1", "1e8", "100MB", "1.5", "99999999999999999999"]) {
      expect(() => parseEnv({ IMPORT_MAX_BYTES: wrong }), wrong).toThrow(/IMPORT_MAX_BYTES/);
    }
  });
});

describe("the front door with an upload address", () => {
  let directory: string;
  /** What the import action saw: the upload, or the code and reason of its refusal. */
  let outcomes: (UploadedImport | { refused: string } | { form: Record<string, unknown> })[] = [];
  let formActions = 0;
  let onActionStart: (() => void) | null = null;

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
      "routes/tenant": { parentId: "root", path: "t/:tenant", module: { default: () => null } },
      "routes/tenant.imports": {
        parentId: "routes/tenant",
        path: "imports",
        module: {
          action: async ({ request }: { request: Request }) => {
            onActionStart?.();
            if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/")) {
              outcomes.push({ form: Object.fromEntries(await request.formData()) });
              return new Response("form");
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
  const log = capturedLines();
  const handle = createPortalHandler({
    build,
    mode: "production",
    logger: createLogger({ write: log.write }),
    uploadLimit: UPLOAD_LIMIT,
  });
  const record = (): RequestRecord => ({ requestId: "req-test", clientAddress: "10.0.0.1" });

  function post(pathname: string, body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
    return new Request(`${ORIGIN}${pathname}`, {
      method: "POST",
      body,
      headers: { Origin: ORIGIN, ...headers },
      duplex: "half",
    } as RequestInit);
  }

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "vmi-front-door-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(async () => {
    outcomes = [];
    formActions = 0;
    onActionStart = null;
    for (const name of await readdir(directory)) await rm(path.join(directory, name));
  });

  it("hands a multipart upload over 1 MiB to the import route whole, and to the route before the body has ended", async () => {
    const content = randomBytes(3 * 1024 * 1024);
    const { body, contentType } = multipartBody([
      { name: "kind", value: "items" },
      { name: "file", fileName: "items.csv", content },
    ]);
    // The source holds back its second half until the action runs: a front door that read the
    // body first would wait for ever, and the race below would fail.
    let release!: () => void;
    const actionStarted = new Promise<void>((resolve) => (release = resolve));
    onActionStart = release;
    const half = Math.floor(body.length / 2);
    let step = 0;
    const source = new ReadableStream<Uint8Array>({
      async pull(controller) {
        step += 1;
        if (step === 1) controller.enqueue(body.subarray(0, half));
        else if (step === 2) {
          await actionStarted;
          controller.enqueue(body.subarray(half));
        } else controller.close();
      },
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the body was not streamed")), 5_000));
    const response = await Promise.race([
      handle(post("/t/acme/imports", source, { "Content-Type": contentType }), record()),
      timeout,
    ]);
    expect(response.status).toBe(200);
    const upload = (await response.json()) as UploadedImport;
    expect(upload.fields).toEqual({ kind: "items" });
    expect(upload.file).toMatchObject({ fileName: "items.csv", size: content.length });
    expect((await readFile(upload.file!.path)).equals(content)).toBe(true);
  });

  it("keeps 1 MiB for the same body to any other address", async () => {
    const { body, contentType } = multipartBody([{ name: "file", fileName: "items.csv", content: randomBytes(MAX_BODY_BYTES) }]);
    for (const pathname of ["/form", "/t/acme/imports/", "/t/acme/other"]) {
      const response = await handle(post(pathname, chunkedStream(body), { "Content-Type": contentType }), record());
      expect(response.status, pathname).toBe(413);
      expect(await response.text()).toBe("Request body too large: the limit is 1 MiB.");
    }
    expect(formActions).toBe(0);
    expect(outcomes).toEqual([]);
  });

  it("answers 413 once a streamed upload passes the limit, whatever the route made of it, and leaves no file", async () => {
    const { body, contentType } = multipartBody([{ name: "file", fileName: "big.csv", content: randomBytes(UPLOAD_LIMIT + 1) }]);
    const response = await handle(post("/t/acme/imports", chunkedStream(body), { "Content-Type": contentType }), record());
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Request body too large: the limit is 4 MiB.");
    expect(outcomes).toEqual([{ refused: "invalid:too_large" }]);
    expect(await readdir(directory)).toEqual([]);
  });

  it("answers 413 to a declared length over the limit before the route runs", async () => {
    const { body, contentType } = multipartBody([{ name: "file", fileName: "big.csv", content: randomBytes(UPLOAD_LIMIT) }]);
    const response = await handle(
      post("/t/acme/imports", chunkedStream(body), { "Content-Type": contentType, "Content-Length": String(body.length) }),
      record(),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Request body too large: the limit is 4 MiB.");
    expect(outcomes).toEqual([]);
  });

  it("takes other bodies to the import address as before: a form runs the action, other types are 415", async () => {
    const form = await handle(post("/t/acme/imports", new URLSearchParams({ kind: "items" })), record());
    expect(form.status).toBe(200);
    expect(outcomes).toEqual([{ form: { kind: "items" } }]);

    for (const type of ["text/csv", "application/json", "application/octet-stream"]) {
      const response = await handle(post("/t/acme/imports", "sku,qty\n", { "Content-Type": type }), record());
      expect(response.status, type).toBe(415);
    }
    const big = await handle(
      post("/t/acme/imports", `kind=${"a".repeat(MAX_BODY_BYTES)}`, { "Content-Type": "application/x-www-form-urlencoded" }),
      record(),
    );
    expect(big.status).toBe(413);
    expect(outcomes).toHaveLength(1);
  });

  it("still applies the front door's other checks to uploads: origin, compression, NUL in the address", async () => {
    const { body, contentType } = multipartBody([{ name: "file", fileName: "a.csv", content: Buffer.from("sku\n") }]);
    const crossSite = await handle(
      new Request(`${ORIGIN}/t/acme/imports`, {
        method: "POST",
        body,
        headers: { Origin: "https://evil.example", "Content-Type": contentType },
      }),
      record(),
    );
    expect(crossSite.status).toBe(403);
    const gzip = await handle(
      post("/t/acme/imports", body, { "Content-Type": contentType, "Content-Encoding": "gzip" }),
      record(),
    );
    expect(gzip.status).toBe(415);
    const nul = await handle(post("/t/acme%00/imports", body, { "Content-Type": contentType }), record());
    expect(nul.status).toBe(400);
    expect(outcomes).toEqual([]);
    expect(crossSite.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("records the import route for the request log", async () => {
    const { body, contentType } = multipartBody([{ name: "kind", value: "items" }]);
    const upload = record();
    await handle(post("/t/acme/imports", body, { "Content-Type": contentType }), upload);
    expect(upload.route).toBe("/t/:tenant/imports");
  });
});
