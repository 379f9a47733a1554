import { open, stat } from "node:fs/promises";
import { openCsvFile } from "./csv-file.server";
import { ImportFileError } from "./import-file-error";
import { type ImportKind } from "./kinds";
import { type OpenedFile } from "./source";
import { openXlsxFile } from "./xlsx-file.server";

/**
 * Opens an uploaded file (written to disk first) as a table. The content decides the format, not
 * the name: a zip is read as XLSX, an OLE container (.xls, or any password-protected workbook) is
 * refused as legacy Excel, other known binaries (PDF, images, archives) as not a table, and text as
 * CSV. ERPs name tab-separated text ".xls" often enough that trusting the name would refuse good
 * files.
 */
export const DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const SNIFF_BYTES = 8 * 1024;

export interface OpenImportFileOptions {
  /** The name the user uploaded, for messages only. */
  fileName?: string;
  /**
   * Picks the workbook sheet named after the kind (English or Chinese) when there is one, else the
   * first; and the header row as the one that names the most columns of the kind (of any kind
   * when not given).
   */
  kind?: ImportKind;
  /** Refuse an XLSX whose contents unzip beyond this; 200 MB when not given. */
  maxUnzippedBytes?: number;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const OTHER_BINARIES = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

type Sniffed = "xlsx" | "csv" | "legacy_excel" | "not_a_table";

export function sniffFormat(start: Uint8Array): Sniffed {
  if (startsWith(start, ZIP) || startsWith(start, EMPTY_ZIP)) return "xlsx";
  if (startsWith(start, OLE)) return "legacy_excel";
  if (OTHER_BINARIES.some((signature) => startsWith(start, signature))) return "not_a_table";
  // Text has no NUL bytes, except UTF-16, which must then announce itself with a byte-order mark.
  if (!UTF16_BOMS.some((bom) => startsWith(start, bom)) && start.includes(0)) return "not_a_table";
  const text = new TextDecoder()
    .decode(start.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (text.startsWith("<!doctype") || text.startsWith("<html") || text.startsWith("<?xml")) return "not_a_table";
  return "csv";
}

async function readStart(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * @example
 * const file = await openImportFile(upload.path, { fileName: upload.name, kind: "stock" });
 * const match = matchHeaders("stock", file.headers);
 * for await (const { row, values } of file.rows(match)) { ... }
 */
export async function openImportFile(path: string, options: OpenImportFileOptions = {}): Promise<OpenedFile> {
  const { size } = await stat(path);
  const withName: Record<string, string> = options.fileName ? { fileName: options.fileName } : {};
  if (size === 0) throw new ImportFileError("empty", withName);
  const format = sniffFormat(await readStart(path));
  if (format === "legacy_excel" || format === "not_a_table") throw new ImportFileError(format, withName);
  if (format === "xlsx") {
    return openXlsxFile(path, size, {
      kind: options.kind,
      maxUnzippedBytes: options.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES,
    });
  }
  return openCsvFile(path, options.kind);
}
