/** One part of a multipart body: a text field, or a file with the name the client gives it. */
export type Part = { name: string; value: string } | { name: string; fileName: string; content: Uint8Array; type?: string };

export const BOUNDARY = "----vmi-test-boundary-7d93e1c0a5b24f6e";

/**
 * A multipart/form-data body written byte by byte as browsers write one, so that tests control
 * file names and bytes exactly (FormData would clean them).
 */
export function multipartBody(parts: Part[], boundary = BOUNDARY): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("value" in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n`), Buffer.from(part.value));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        Buffer.from(part.content),
      );
    }
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  // A copy on its own ArrayBuffer: what fetch and Request take as a body.
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A body delivered in chunks, so that nothing downstream can know its length up front. */
export function chunkedStream(bytes: Uint8Array, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}
