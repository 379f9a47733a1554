import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { Transform } from "node:stream";

/** Forms here are small; a larger body is refused before it is held in memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

/**
 * Express request → web Request. req.protocol and req.hostname honour X-Forwarded-* only when the
 * app trusts the proxy, so the URL (and with it the Secure cookie decision and the same-origin
 * check) can only be steered by a proxy the operator named.
 */
export function toWebRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const trusted = Boolean(req.app.get("trust proxy"));
  const host = (trusted && req.get("X-Forwarded-Host")) || req.get("Host") || "localhost";
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
  } catch {
    throw new BadRequestError("Bad Host header or URL.");
  }
  const declared = Number(req.get("Content-Length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BadRequestError("Request body too large.", 413);
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
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req.pipe(limitBytes(MAX_BODY_BYTES)));
    init.duplex = "half";
  }
  return new Request(url.href, init);
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

/** Fails the stream once more than `limit` bytes have passed (chunked bodies declare no length). */
function limitBytes(limit: number) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new BadRequestError("Request body too large.", 413));
      else callback(null, chunk);
    },
  });
}
