import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BodyTooLargeError } from "~/server/portal-handler";
import { cleanFileName, receiveImportUpload } from "~/services/imports/upload.server";
import { AppError } from "~/utils/app-error";
import { chunkedStream, multipartBody, type Part } from "./support/multipart";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "vmi-upload-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function uploadRequest(parts: Part[]) {
  const { body, contentType } = multipartBody(parts);
  return new Request("http://portal.example/t/acme/imports", {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: chunkedStream(body),
    duplex: "half",
  } as RequestInit);
}

/** The AppError a refused upload throws, for its code, reason and messages. */
async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const filesLeft = () => readdir(directory);

describe("receiveImportUpload", () => {
  it("writes the file to a new owner-only file, byte for byte, and returns the text fields", async () => {
    const content = randomBytes(700 * 1024);
    const upload = await receiveImportUpload(
      uploadRequest([
        { name: "kind", value: "items" },
        { name: "file", fileName: "物料 2026.xlsx", content },
        { name: "note", value: "第一批" },
      ]),
      { directory },
    );
    expect(upload.fields).toEqual({ kind: "items", note: "第一批" });
    expect(upload.file).toMatchObject({ fileName: "物料 2026.xlsx", size: content.length });
    expect(path.dirname(upload.file!.path)).toBe(directory);
    expect(path.basename(upload.file!.path)).not.toContain("物料");
    expect((await readFile(upload.file!.path)).equals(content)).toBe(true);
    expect((await stat(upload.file!.path)).mode & 0o777).toBe(0o600);
  });

  it("gives each upload its own file", async () => {
    const parts = [{ name: "file", fileName: "stock.csv", content: Buffer.from("sku,qty\n") }];
    const first = await receiveImportUpload(uploadRequest(parts), { directory });
    const second = await receiveImportUpload(uploadRequest(parts), { directory });
    expect(first.file!.path).not.toBe(second.file!.path);
    expect(await filesLeft()).toHaveLength(2);
  });

  it("creates the directory when it does not exist yet", async () => {
    const nested = path.join(directory, "imports", "acme");
    const upload = await receiveImportUpload(uploadRequest([{ name: "file", fileName: "a.csv", content: Buffer.from("x") }]), {
      directory: nested,
    });
    expect(path.dirname(upload.file!.path)).toBe(nested);
  });

  it("returns no file when the file input was left empty, and takes fields alone", async () => {
    const upload = await receiveImportUpload(
      uploadRequest([
        { name: "kind", value: "stock" },
        { name: "file", fileName: "", content: new Uint8Array(0) },
      ]),
      { directory },
    );
    expect(upload).toEqual({ fields: { kind: "stock" }, file: null });
    expect(await filesLeft()).toEqual([]);
  });

  it("refuses a second file and deletes the first", async () => {
    const error = await refusalOf(
      receiveImportUpload(
        uploadRequest([
          { name: "file", fileName: "a.csv", content: randomBytes(200 * 1024) },
          { name: "other", fileName: "b.csv", content: Buffer.from("sku\n") },
        ]),
        { directory },
      ),
    );
    expect(error).toMatchObject({ code: "invalid", status: 400, reason: "second_file" });
    expect(error.fieldErrors.other).toEqual([{ key: "imports.upload_errors.oneFile" }]);
    expect(await filesLeft()).toEqual([]);
  });

  it("takes fields up to 4 KiB and 20 of them, and refuses one byte or one field more", async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, value: i === 0 ? "é".repeat(2048) : "v" }));
    const upload = await receiveImportUpload(uploadRequest(twenty), { directory });
    expect(Object.keys(upload.fields)).toHaveLength(20);
    expect(upload.fields.f0).toBe("é".repeat(2048));

    const long = await refusalOf(receiveImportUpload(uploadRequest([{ name: "note", value: "a".repeat(4097) }]), { directory }));
    expect(long).toMatchObject({ code: "invalid", reason: "field_too_long" });
    expect(long.fieldErrors.note).toEqual([{ key: "imports.upload_errors.fieldTooLong", params: { max: 4096 } }]);

    const many = await refusalOf(receiveImportUpload(uploadRequest([...twenty, { name: "f20", value: "v" }]), { directory }));
    expect(many).toMatchObject({ code: "invalid", reason: "too_many_fields" });
    expect(many.formErrors).toEqual([{ key: "imports.upload_errors.tooManyFields", params: { max: 20 } }]);
  });

  it("refuses a body over maxBytes and leaves no partial file", async () => {
    const request = uploadRequest([
      { name: "kind", value: "items" },
      { name: "file", fileName: "big.csv", content: randomBytes(600 * 1024) },
    ]);
    const error = await refusalOf(receiveImportUpload(request, { directory, maxBytes: 256 * 1024 }));
    expect(error).toMatchObject({ code: "invalid", reason: "too_large" });
    expect(error.formErrors).toEqual([{ key: "imports.upload_errors.tooLarge", params: { limit: "256 KiB" } }]);
    expect(await filesLeft()).toEqual([]);
  });

  it("reads the front door's cut-off (the body failing past its limit) as too large, and leaves no file", async () => {
    const { body, contentType } = multipartBody([{ name: "file", fileName: "big.csv", content: randomBytes(300 * 1024) }]);
    const source = chunkedStream(body.subarray(0, 200 * 1024));
    const reader = source.getReader();
    const failing = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.error(new BodyTooLargeError(200 * 1024));
        else controller.enqueue(value);
      },
    });
    const request = new Request("http://portal.example/t/acme/imports", {
      method: "POST",
      headers: { "Content-Type": contentType },
      body: failing,
      duplex: "half",
    } as RequestInit);
    const error = await refusalOf(receiveImportUpload(request, { directory }));
    expect(error).toMatchObject({ code: "invalid", reason: "too_large" });
    expect(await filesLeft()).toEqual([]);
  });

  it("refuses what is not a readable multipart form with bad_request, leaving no file", async () => {
    const { body, contentType } = multipartBody([{ name: "file", fileName: "a.csv", content: randomBytes(100 * 1024) }]);
    const cases: [string, BodyInit][] = [
      // The closing boundary never comes.
      [contentType, body.subarray(0, body.length - 60)],
      ["multipart/form-data", body],
      ["application/x-www-form-urlencoded", "kind=items"],
    ];
    for (const [type, bytes] of cases) {
      const request = new Request("http://portal.example/t/acme/imports", {
        method: "POST",
        headers: { "Content-Type": type },
        body: bytes,
      });
      const error = await refusalOf(receiveImportUpload(request, { directory }));
      expect(error.code, type).toBe("bad_request");
      expect(await filesLeft(), type).toEqual([]);
    }
  });

  it("refuses a NUL character in a field, and a field sent twice", async () => {
    const nul = await refusalOf(receiveImportUpload(uploadRequest([{ name: "kind", value: "ite\0ms" }]), { directory }));
    expect(nul).toMatchObject({ code: "bad_request", reason: "nul_character" });
    const twice = await refusalOf(
      receiveImportUpload(
        uploadRequest([
          { name: "kind", value: "items" },
          { name: "kind", value: "stock" },
        ]),
        { directory },
      ),
    );
    expect(twice).toMatchObject({ code: "bad_request", reason: "repeated_field" });
  });

  it("keeps only the client's base file name, as sent, through the form", async () => {
    const upload = await receiveImportUpload(
      uploadRequest([{ name: "file", fileName: "C:\\Users\\li\\Desktop\\库存.csv", content: Buffer.from("x") }]),
      { directory },
    );
    expect(upload.file!.fileName).toBe("库存.csv");
  });
});

describe("cleanFileName", () => {
  it("keeps the last path segment, without control characters or direction overrides, at most 255 characters", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\li\\stock.csv")).toBe("stock.csv");
    expect(cleanFileName("st\u0000oc\u001bk\u007f.csv")).toBe("stock.csv");
    expect(cleanFileName("invoice\u202Eslx.exe")).toBe("invoiceslx.exe");
    expect(cleanFileName("  items.xlsx ")).toBe("items.xlsx");
    expect(cleanFileName(`${"物".repeat(300)}.csv`)).toBe("物".repeat(255));
    expect(Array.from(cleanFileName("😀".repeat(300)))).toHaveLength(255);
    expect(cleanFileName("\u0001")).toBe("upload");
  });
});
