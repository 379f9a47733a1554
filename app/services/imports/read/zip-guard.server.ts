import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Unzip, UnzipInflate } from "fflate";
import { ImportFileError } from "./import-file-error";

/**
 * A workbook is a zip, and a zip can declare or hold far more than its own size (a zip bomb: a few
 * kilobytes that inflate to gigabytes). Two checks, both before the workbook reader inflates
 * anything: the sizes the central directory declares, summed, read from the end of the file without
 * inflating; then one streaming pass that inflates every entry in file order (the order the
 * workbook reader will meet them) and counts the bytes it actually gets, stopping at the limit, in
 * case the directory lies. The pass keeps nothing but the small parts asked for.
 */
const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** A workbook's directory is a few kilobytes; one this big is not a workbook. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
/** Small parts kept from the pass (the workbook's sheet list and its relationships). */
const MAX_KEPT_PART_BYTES = 4 * 1024 * 1024;
/** Inflating a chunk can multiply it a thousandfold; small chunks bound the overshoot past the limit. */
const PASS_CHUNK_BYTES = 16 * 1024;

export interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function unreadable(reason: string): ImportFileError {
  return new ImportFileError("unreadable", { reason });
}

/** The entries the central directory lists, with their declared unzipped sizes. */
export async function readZipDirectory(path: string, fileSize: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(fileSize, EOCD_MIN + MAX_COMMENT);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(path, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable("no_zip_directory");

  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) && locator >= 0) {
    if (tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
      const record = await readAt(path, Number(tail.readBigUInt64LE(locator + 8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw unreadable("bad_zip64_directory");
      count = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
    }
  }
  if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > fileSize) throw unreadable("bad_zip_directory");

  const directory = await readAt(path, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER_SIGNATURE)
      throw unreadable("bad_zip_directory");
    let uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
    if (uncompressedSize === 0xffffffff) uncompressedSize = zip64UncompressedSize(directory, at + 46 + nameLength, extraLength);
    entries.push({ name, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extra field's first 8-byte value is the uncompressed size when the header's is 0xFFFFFFFF. */
function zip64UncompressedSize(directory: Buffer, extraStart: number, extraLength: number): number {
  let at = extraStart;
  while (at + 4 <= extraStart + extraLength) {
    const id = directory.readUInt16LE(at);
    const size = directory.readUInt16LE(at + 2);
    if (id === 0x0001 && size >= 8) return Number(directory.readBigUInt64LE(at + 4));
    at += 4 + size;
  }
  throw unreadable("bad_zip64_entry");
}

export function refuseDeclaredSize(entries: readonly ZipEntry[], maxUnzippedBytes: number): void {
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > maxUnzippedBytes) throw new ImportFileError("too_large_unzipped", { limit: maxUnzippedBytes });
}

/**
 * Inflates every entry, counting, and returns the text of the parts named in `keep`. Throws
 * too_large_unzipped as soon as the count passes the limit.
 */
export async function inflateCounting(
  path: string,
  maxUnzippedBytes: number,
  keep: readonly string[],
): Promise<Map<string, string>> {
  let total = 0;
  let failure: Error | undefined;
  const kept = new Map<string, Uint8Array[]>();
  const unzip = new Unzip((file) => {
    const parts: Uint8Array[] | undefined = keep.includes(file.name) ? [] : undefined;
    if (parts) kept.set(file.name, parts);
    let partBytes = 0;
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = unreadable("bad_zip_entry");
        return;
      }
      total += chunk.length;
      if (total > maxUnzippedBytes) failure = new ImportFileError("too_large_unzipped", { limit: maxUnzippedBytes });
      if (parts) {
        partBytes += chunk.length;
        if (partBytes > MAX_KEPT_PART_BYTES) failure = unreadable("workbook_part_too_large");
        else parts.push(chunk);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const input = createReadStream(path, { highWaterMark: PASS_CHUNK_BYTES });
  try {
    for await (const chunk of input) {
      unzip.push(chunk as Buffer);
      if (failure) throw failure;
    }
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("unreadable", { reason: "bad_zip" }, { cause: error });
  } finally {
    input.destroy();
  }
  if (failure) throw failure;
  const decoder = new TextDecoder();
  return new Map([...kept].map(([name, parts]) => [name, decoder.decode(Buffer.concat(parts))]));
}
