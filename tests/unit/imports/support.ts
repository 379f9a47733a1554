import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { type HeaderMatch, type OpenedFile, type SourceRow } from "~/services/imports/read/index.server";

/** A temporary folder for one test file's uploads, removed after its tests. */
export function uploadsFolder(): (name: string, content: string | Uint8Array) => string {
  const dir = mkdtempSync(path.join(tmpdir(), "import-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
}

export async function allRows(file: OpenedFile, match: HeaderMatch): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of file.rows(match)) rows.push(row);
  return rows;
}

let gbkTable: Map<string, number[]> | undefined;

/**
 * GB18030 bytes of text, ASCII and the two-byte (GBK) range: Node decodes GB18030 but has no
 * encoder, so the table is built by decoding every two-byte code once.
 */
export function encodeGb18030(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`no GBK bytes for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

export function utf16(text: string, order: "le" | "be"): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  return order === "le" ? le : le.swap16();
}
