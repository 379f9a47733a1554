import { writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { MAX_BODY_BYTES } from "./portal-handler";

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
 * not), so that a body over MAX_BODY_BYTES is refused with 413 before any route sees the request.
 * req.protocol and req.hostname honour X-Forwarded-* only when the app trusts the proxy, so the
 * URL (and with it the Secure cookie decision and the same-origin check) can only be steered by a
 * proxy the operator named.
 */
export async function toWebRequest(req: ExpressRequest, res: ExpressResponse): Promise<Request> {
  const trusted = Boolean(req.app.get("trust proxy"));
  const host = (trusted && req.get("X-Forwarded-Host")) || req.get("Host") || "localhost";
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
  } catch {
    throw new BadRequestError("Bad Host header or URL.");
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(key, one);
    else if (value !== undefined) headers.set(key, value);
  }
  // Stop loaders and actions when the client goes away before the response is written.
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") init.body = body;
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
      reject(new BadRequestError("Request body too large: the limit is 1 MiB.", 413));
    };
    if (declared > limit) return tooLarge();
    req.on("data", collect);
    req.on("end", done);
    req.on("error", reject);
  });
}

function drain(req: ExpressRequest) {
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAINED_BYTES) req.socket.destroy();
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
