import { Transform, type TransformCallback } from "node:stream";

/**
 * Drops NUL bytes from React's server-rendered HTML. React 18's stream writer encodes text into
 * 2,048-byte views; when a character of several bytes (every Chinese one, "≤", "¥") does not fit
 * in what is left of a view, it sends the whole view anyway, so the one or two bytes it could not
 * fill go out as NULs in the middle of the page. UTF-8 never uses a 0 byte inside a character,
 * and the portal never writes one into a page (every text field refuses control characters), so
 * removing them gives back exactly the HTML React meant.
 */
export class StripNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (chunk.indexOf(0) === -1) return done(null, chunk);
    const out = Buffer.allocUnsafe(chunk.length);
    let length = 0;
    for (const byte of chunk) if (byte !== 0) out[length++] = byte;
    done(null, out.subarray(0, length));
  }
}
