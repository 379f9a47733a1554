import busboy, { type Busboy } from "busboy";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BodyTooLargeError, describeByteLimit } from "~/server/portal-handler";
import { AppError } from "~/utils/app-error";
import { getEnv } from "~/utils/env.server";

export interface UploadedImport {
  fields: Record<string, string>;
  file: { path: string; fileName: string; size: number } | null;
}

/** The text fields an import form sends (kind, options) are few and short. */
export const MAX_UPLOAD_FIELDS = 20;
export const MAX_UPLOAD_FIELD_BYTES = 4 * 1024;
/** Longer than any file name a file system keeps. */
export const MAX_UPLOAD_FILE_NAME_LENGTH = 255;

const MULTIPART = "multipart/form-data";

/**
 * Streams the multipart body of an import upload: the one file part to `directory` (a new file
 * with a random name, mode 0600, so that another account on the machine cannot read a buyer's
 * data), small text fields (at most MAX_UPLOAD_FIELDS, each at most MAX_UPLOAD_FIELD_BYTES) into
 * `fields`. Nothing is held in memory but a field and a chunk.
 *
 * Refuses with an AppError, leaving no file behind:
 * - `invalid`, reason `too_large`: the body passed `maxBytes` (IMPORT_MAX_BYTES by default);
 * - `invalid`, reason `second_file`: a second file part (a part whose file name is empty, the
 *   browser's "no file chosen", is skipped);
 * - `invalid`, reason `field_too_long` / `too_many_fields`: a field or the number of fields over its limit;
 * - `bad_request`: a body that is not a readable multipart form (no boundary, a broken part, a
 *   field name repeated or holding NUL, a field value holding NUL, the client going away).
 *
 * @example
 * const upload = await receiveImportUpload(request, { directory: path.join(env.DATA_DIR, "imports") });
 * // { fields: { kind: "items" }, file: { path: ".../3f0c….upload", fileName: "物料.xlsx", size: 48213 } }
 */
export async function receiveImportUpload(
  request: Request,
  options: { directory: string; maxBytes?: number },
): Promise<UploadedImport> {
  const maxBytes = options.maxBytes ?? getEnv().IMPORT_MAX_BYTES;
  const parser = openParser(request);
  await mkdir(options.directory, { recursive: true, mode: 0o700 });

  const fields: Record<string, string> = {};
  const received: { file?: ReceivingFile } = {};
  /** The first reason to stop: an AppError for the client, or a failure of ours (a full disk). */
  let refusal: Error | null = null;
  const refuse = (error: Error) => {
    refusal ??= error;
    parser.destroy();
  };

  parser.on("field", (name: string | undefined, value, info) => {
    if (name === undefined || info.nameTruncated || name.includes("\0")) return refuse(malformed("field_name"));
    if (info.valueTruncated) return refuse(fieldTooLong(name));
    if (value.includes("\0")) return refuse(malformed("nul_character"));
    if (Object.hasOwn(fields, name)) return refuse(malformed("repeated_field"));
    fields[name] = value;
  });
  parser.on("fieldsLimit", () => refuse(tooManyFields()));
  parser.on("file", (name: string | undefined, stream: Readable, info) => {
    // A file input left empty still sends its part, with no file name and no content.
    if (!info.filename) return discard(stream);
    if (received.file) {
      discard(stream);
      return refuse(secondFile(name ?? "file"));
    }
    const target = path.join(options.directory, `${randomUUID()}.upload`);
    const output = createWriteStream(target, { flags: "wx", mode: 0o600 });
    // A failed write (a full disk) is ours, not the client's; the parser would wait for ever for
    // the part to be read, so the upload stops there.
    output.on("error", refuse);
    const written = pipeline(stream, output).then(() => output.bytesWritten);
    // Awaited once the whole body has been read; until then a failure must not go unhandled.
    written.catch(() => {});
    received.file = { path: target, fileName: cleanFileName(info.filename), written };
  });
  parser.on("error", () => refuse(malformed("multipart")));
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("finish", resolve);
    parser.on("close", () => reject(refusal ?? malformed("multipart")));
  });
  parsed.catch(() => {});

  try {
    await feed(request.body!, parser, maxBytes, () => refusal, refuse);
    await parsed;
    if (!received.file) return { fields, file: null };
    const { path: filePath, fileName, written } = received.file;
    return { fields, file: { path: filePath, fileName, size: await written } };
  } catch (error) {
    parser.destroy();
    if (received.file) {
      await received.file.written.catch(() => {});
      await rm(received.file.path, { force: true });
    }
    throw error;
  }
}

interface ReceivingFile {
  path: string;
  fileName: string;
  /** The bytes written, once the file is on disk. */
  written: Promise<number>;
}

/** Reads a part nobody keeps; the parser fails it when the upload is refused midway. */
function discard(stream: Readable) {
  stream.on("error", () => {});
  stream.resume();
}

function openParser(request: Request): Busboy {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!request.body || contentType.split(";")[0]!.trim().toLowerCase() !== MULTIPART) throw malformed("not_multipart");
  try {
    return busboy({
      headers: { "content-type": contentType },
      // Browsers send non-ASCII file names as raw UTF-8, which the parser would read as Latin-1.
      defParamCharset: "utf8",
      // The parser marks a value that reaches fieldSize as cut, so one byte more lets the limit itself through.
      limits: { fields: MAX_UPLOAD_FIELDS, fieldSize: MAX_UPLOAD_FIELD_BYTES + 1 },
    });
  } catch {
    // No boundary, or a boundary the parser cannot use.
    throw malformed("multipart");
  }
}

/**
 * Writes the body into the parser, waiting when it is busy (writing the file), counting bytes:
 * past `maxBytes` reading stops and the upload is refused. A refusal from the parser's events
 * stops reading too.
 */
async function feed(
  body: ReadableStream<Uint8Array>,
  parser: Busboy,
  maxBytes: number,
  refused: () => Error | null,
  refuse: (error: Error) => void,
) {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        refuse(error instanceof BodyTooLargeError ? tooLarge(error.limit) : malformed("aborted"));
        return;
      }
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > maxBytes) return refuse(tooLarge(maxBytes));
      if (!parser.write(chunk.value)) await drained(parser);
      if (refused()) return;
    }
    parser.end();
  } finally {
    if (refused()) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function drained(parser: Busboy) {
  return new Promise<void>((resolve) => {
    const done = () => {
      parser.off("drain", done);
      parser.off("close", done);
      resolve();
    };
    parser.on("drain", done);
    parser.on("close", done);
  });
}

/** Bidirectional overrides and marks, which can make `xslx.exe` look like `exe.xlsx`. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The client's file name as shown to users and used to tell CSV from XLSX: its last path segment
 * only (some browsers send `C:\Users\…\file.csv`), without control characters or direction
 * overrides, trimmed, at most MAX_UPLOAD_FILE_NAME_LENGTH characters (whole code points).
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const clean = base.replace(CONTROL_CHARACTERS, "").replace(BIDI_CONTROLS, "").trim();
  return Array.from(clean).slice(0, MAX_UPLOAD_FILE_NAME_LENGTH).join("") || "upload";
}

function tooLarge(limit: number) {
  return AppError.invalid(
    { formErrors: [{ key: "imports.upload_errors.tooLarge", params: { limit: describeByteLimit(limit) } }] },
    "too_large",
  );
}

function secondFile(name: string) {
  return AppError.invalid({ fieldErrors: { [name]: [{ key: "imports.upload_errors.oneFile" }] } }, "second_file");
}

function fieldTooLong(name: string) {
  return AppError.invalid(
    { fieldErrors: { [name]: [{ key: "imports.upload_errors.fieldTooLong", params: { max: MAX_UPLOAD_FIELD_BYTES } }] } },
    "field_too_long",
  );
}

function tooManyFields() {
  return AppError.invalid(
    { formErrors: [{ key: "imports.upload_errors.tooManyFields", params: { max: MAX_UPLOAD_FIELDS } }] },
    "too_many_fields",
  );
}

function malformed(reason: string) {
  return new AppError("bad_request", { reason, message: { key: "imports.upload_errors.unreadable" } });
}
