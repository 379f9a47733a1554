import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable, pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { findHeader, HEADER_SEARCH_ROWS, headerScore } from "./header-row";
import { ImportFileError } from "./import-file-error";
import { type ImportKind } from "./kinds";
import { type CsvEncoding, type OpenedFile, isBlankRow, toSourceRow } from "./source";

/**
 * CSV as spreadsheets and ERPs save it. The encoding is decided without asking: a byte-order mark
 * first (UTF-8, UTF-16 LE or BE); otherwise UTF-8 when the whole file decodes as UTF-8, else
 * GB18030 (a superset of GBK, what Chinese Excel writes). The whole file is checked, chunk by
 * chunk, because an ERP export can be plain ASCII for its first megabytes and write its first
 * Chinese name far below. The delimiter (comma, semicolon or tab) is the one that splits one of the
 * first lines into the most known headers; else the one the first line holds most of. Records are counted from the top of the file, so a quoted cell with line
 * breaks is one row, as in a spreadsheet.
 */
const DELIMITERS = [",", ";", "\t"] as const;
/** A cell longer than this is a broken quote swallowing the file, not data. */
const MAX_RECORD_CHARS = 1_000_000;
/** How much text, at most, is searched for the header's lines. */
const HEADER_SEARCH_CHARS = 1_000_000;
const CHUNK_BYTES = 64 * 1024;

const BOMS: { bytes: number[]; encoding: CsvEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

interface CsvLayout {
  encoding: CsvEncoding;
  /** Bytes of byte-order mark to skip. */
  skip: number;
}

async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function isUtf8Throughout(path: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      // `stream: true` keeps a character cut between two chunks for the next one.
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

export async function detectCsvEncoding(path: string): Promise<CsvLayout> {
  const start = await readStart(path, 3);
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => start[i] === byte)) return { encoding: bom.encoding, skip: bom.bytes.length };
  }
  return { encoding: (await isUtf8Throughout(path)) ? "utf-8" : "gb18030", skip: 0 };
}

async function* decodedText(path: string, layout: CsvLayout): AsyncGenerator<string> {
  const decoder = new TextDecoder(layout.encoding, { ignoreBOM: true });
  for await (const chunk of createReadStream(path, { start: layout.skip, highWaterMark: CHUNK_BYTES })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * The first `max` lines with any text in them, each whole even when a quoted cell spans lines.
 * A last line without its line end counts only at the end of the file (`atEnd`): before that it
 * may be cut.
 */
export function textLines(text: string, max: number, atEnd = true): string[] {
  const lines: string[] = [];
  let lineStart = 0;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      const line = text.slice(lineStart, i);
      if (/[^\s,;]/.test(line)) lines.push(line);
      lineStart = i + 1;
    }
  }
  const last = text.slice(lineStart);
  if (atEnd && lines.length < max && /[^\s,;]/.test(last)) lines.push(last);
  return lines;
}

/** The one of comma, semicolon and tab that a line holds most of outside quotes; comma when none. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ",";
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** A line's cells split at `delimiter` outside quotes, quotes removed: enough to judge headers by. */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = !quoted;
    } else if (!quoted && ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * The delimiter that makes a header of one of the first lines: the line and delimiter whose cells
 * name the most columns (the earliest line, then comma, semicolon, tab, on a tie). A title above
 * the header may hold no delimiter, or a comma in a semicolon file, so the first line alone cannot
 * tell. When no line reads as a header, the first line's most frequent delimiter.
 */
export function chooseDelimiter(lines: readonly string[], kind?: ImportKind): string {
  let best: string | undefined;
  let bestScore = 0;
  for (const line of lines) {
    for (const delimiter of DELIMITERS) {
      const score = headerScore(splitLine(line, delimiter), kind);
      if (score > bestScore) {
        best = delimiter;
        bestScore = score;
      }
    }
  }
  return best ?? detectDelimiter(lines[0] ?? "");
}

/** The start of the file's text, enough to hold the lines the header is searched in. */
async function headerSearchLines(path: string, layout: CsvLayout): Promise<string[]> {
  let text = "";
  for await (const piece of decodedText(path, layout)) {
    text += piece;
    if (text.length >= HEADER_SEARCH_CHARS || textLines(text, HEADER_SEARCH_ROWS, false).length >= HEADER_SEARCH_ROWS) break;
  }
  return textLines(text, HEADER_SEARCH_ROWS);
}

/** Every record of the file with its row number, header included; streamed. */
async function* records(path: string, layout: CsvLayout, delimiter: string): AsyncGenerator<{ row: number; cells: string[] }> {
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  pipeline(Readable.from(decodedText(path, layout)), parser, () => {
    // Errors reach the reader through the parser, which the pipeline destroys with them.
  });
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw new ImportFileError("unreadable", { row: row + 1, reason: error.code }, { cause: error });
    throw error;
  }
}

export async function openCsvFile(path: string, kind?: ImportKind): Promise<OpenedFile> {
  const layout = await detectCsvEncoding(path);
  const lines = await headerSearchLines(path, layout);
  if (lines.length === 0) throw new ImportFileError("empty");
  const delimiter = chooseDelimiter(lines, kind);

  const header = await findHeader(records(path, layout, delimiter), kind);
  if (!header) throw new ImportFileError("empty");
  const headerRow = header.row;

  return {
    format: "csv",
    encoding: layout.encoding,
    delimiter,
    headerRow,
    headers: header.cells.map((cell) => cell.replace(/^\uFEFF/, "")),
    async *rows(match) {
      for await (const record of records(path, layout, delimiter)) {
        if (record.row <= headerRow || isBlankRow(record.cells)) continue;
        yield toSourceRow(record.row, record.cells, match);
      }
    },
  };
}
