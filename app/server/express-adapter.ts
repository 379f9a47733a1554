import { writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { BodyTooLargeError, bodyLimitOf, describeByteLimit, MAX_BODY_BYTES, streamsUpload } from "./portal-handler";

/** Past the limit, a client still sending is read (and dropped) this far before it is cut off. */
const MAX_DRAINED_BYTES = 8 * MAX_BODY_BYTES;

export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
    this.name = "BadRequestError";
  }
}

/**
 * Express request → web Request, with its body read first (whatever the method, chunked or
 * not), so that a body over MAX_BODY_BYTES (MAX_BATCH_BODY_BYTES to an API batch address) is refused with 413 before any route sees the request.
 * The one exception is an upload to an import address (`streamsUpload`): its body is handed on as
 * a stream, read only as the route reads it, and one declared over `uploadLimit` is refused with
 * 413 before a byte is read (the portal handler counts the rest). req.protocol and req.hostname honour X-Forwarded-* only when the app trusts the proxy, so the
 * URL (and with it the Secure cookie decision and the same-origin check) can only be steered by a
 * proxy the operator named.
 */
export async function toWebRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  { uploadLimit }: { uploadLimit: number },
): Promise<Request> {
  const trusted = Boolean(req.app.get("trust proxy"));
  const host = (trusted && req.get("X-Forwarded-Host")) || req.get("Host") || "localhost";
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
  } catch {
    throw new BadRequestError("Bad Host header or URL.");
  }
  const streamed = streamsUpload(req.method, url.pathname, req.get("Content-Type") ?? null);
  if (streamed && Number(req.get("Content-Length") ?? 0) > uploadLimit) {
    drain(req);
    throw new BadRequestError(new BodyTooLargeError(uploadLimit).message, 413);
  }
  // An upload the route left unread (a refusal, a redirect to sign in) is drained up to the limit
  // it was allowed, so that the client reads the answer and its connection serves the next request.
  const body = streamed
    ? bodyStream(req, res, Math.max(uploadLimit, MAX_DRAINED_BYTES))
    : await readBody(req, bodyLimitOf(url.pathname));
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(key, one);
    else if (value !== undefined) headers.set(key, value);
  }
  // Stop loaders and actions when the client goes away before the response is written.
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") init.body = body;
  if (streamed) init.duplex = "half";
  return new Request(url.href, init);
}

/**
 * The whole body, or a 413 once it passes `limit`: by its declared Content-Length before a byte
 * is read, or by counting a chunked one. A refused body is still drained (up to
 * MAX_DRAINED_BYTES, then the connection is cut) so that the client, still sending, reads the 413
 * instead of a reset connection.
 */
export function readBody(req: ExpressRequest, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.get("Content-Length") ?? 0);
  if (!req.get("Transfer-Encoding") && !(declared > 0)) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    };
    const done = () => {
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(bytes);
    };
    const tooLarge = () => {
      req.removeListener("data", collect);
      req.removeListener("end", done);
      drain(req);
      reject(new BadRequestError(`Request body too large: the limit is ${describeByteLimit(limit)}.`, 413));
    };
    if (declared > limit) return tooLarge();
    req.on("data", collect);
    req.on("end", done);
    req.on("error", reject);
  });
}

/**
 * The body as a web stream that reads from the client only as fast as the route consumes it.
 * Cancelling it (an upload refused midway), or answering before the route read it all, drains
 * what the client still sends (up to `drainLimit`, then the connection is cut), as readBody does.
 */
function bodyStream(req: ExpressRequest, res: ExpressResponse, drainLimit: number): ReadableStream<Uint8Array> {
  let settled = false;
  const stop = () => {
    if (settled) return;
    settled = true;
    drain(req, drainLimit);
  };
  // Node leaves a body it has started handing over unread once the response ends.
  res.once("finish", stop);
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        const fail = (error?: Error) => {
          if (settled) return;
          settled = true;
          controller.error(error ?? new Error("The client closed the connection before the body ended."));
        };
        req.on("error", fail);
        req.on("close", () => fail());
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel: stop,
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

function drain(req: ExpressRequest, limit = MAX_DRAINED_BYTES) {
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limit) req.socket.destroy();
  });
  req.resume();
}

export async function sendWebResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Headers joins repeated values except Set-Cookie; set replaces what middleware set before.
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie") res.append(key, value);
    else res.setHeader(key, value);
  }
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
