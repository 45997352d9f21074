/**
 * Shared CSV machinery for every CSV importer and writer.
 *
 * Reading: `forEachCsvRecord` streams a CSV (bytes in memory, or a file path read in 64 KiB
 * chunks) through papaparse's tokenizer and hands each record to a visitor with the 1-based
 * file line where the record starts. It applies the semantics of papaparse's `header: true`,
 * `dynamicTyping: false` and `skipEmptyLines: "greedy"` (the first non-empty record is the
 * header, every cell stays a string, records whose cells are all whitespace are skipped), but
 * drives the low-level `Papa.Parser` itself, because papaparse's high-level `parse` drops skipped
 * lines and so loses the physical line of every later row. Line numbers therefore stay exact
 * when quoted cells contain line breaks. Memory is bounded by the chunk size plus the longest
 * record, never by the file.
 *
 * Writing: `csvCell` quotes a cell per RFC 4180 and neutralises spreadsheet formulas: a cell
 * that starts with `=`, `+`, `-`, `@`, tab or CR (after any run of `'`) and is not a plain number gets a
 * leading `'`, so Excel, LibreOffice and Google Sheets show it as text instead of running it.
 * Every reader undoes this with `csvUncell`, so a written file reads back exactly.
 */
import Papa from "papaparse";
import { openSync, readSync, closeSync } from "node:fs";
import { InputError } from "../model/errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { firstInvalidUtf8 } from "./_text.js";
import { compareCodePoints } from "../model/order.js";

/** Bytes in memory, or the path of a file to stream. */
export type CsvSource = Uint8Array | string;

/** Visitor: return `false` to stop reading. `fields` are the raw (untrimmed) cells. */
export type CsvVisitor = (fields: string[], line: number) => void | boolean;

/** Bytes read per chunk. */
const CHUNK_BYTES = 1 << 16; // small enough that each chunk's garbage dies in the young generation
/** A record longer than this is treated as an unclosed quote (it would otherwise swallow the file). */
export const MAX_RECORD_CHARS = 16 << 20;

interface RawParseResult {
  data: string[][];
  errors: { code: string; row?: number; index?: number }[];
  meta: { cursor: number };
}

/**
 * Stream every non-empty record of a CSV, header included, to `visit` with its 1-based line.
 * Handles a UTF-8 BOM, CRLF and lone CR line ends, and the delimiter (`,`, `;` or tab: the one
 * the first line uses most, `,` on ties). Throws `InputError`: `NOT_UTF8` (with the line of the
 * first bad byte), `CSV_MALFORMED` (unbalanced or stray quotes, with the line of the quote).
 */
export function forEachCsvRecord(source: CsvSource, file: string, visit: CsvVisitor, chunkBytes = CHUNK_BYTES): void {
  const reader = new ChunkReader(source, file, chunkBytes);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let pendingLine = 1;
  let heldCR = false;
  let retryAt = 0;
  let delimiter: string | null = null;
  let stopped = false;
  let first = true;
  try {
    for (;;) {
      const chunk = reader.next();
      const last = chunk === null;
      let text: string;
      if (chunk === null) {
        text = decodeOrThrow(decoder, new Uint8Array(0), false, reader, file);
      } else {
        if (first) checkNotUtf16(chunk, file);
        text = decodeOrThrow(decoder, chunk, true, reader, file);
      }
      first = false;
      if (heldCR) { text = "\r" + text; heldCR = false; }
      if (!last && text.endsWith("\r")) { text = text.slice(0, -1); heldCR = true; }
      if (text.indexOf("\r") !== -1) text = text.replace(/\r\n?/g, "\n");
      // Parse only when a record can have ended; an unterminated quoted cell is retried only
      // once the text has doubled, so an unclosed quote costs linear, not quadratic, time.
      if (!last && (text.indexOf("\n") === -1 || pending.length + text.length < retryAt)) {
        pending += text;
        if (pending.length > MAX_RECORD_CHARS) throwTooLong(file, pendingLine, pending);
        continue;
      }
      const input = pending + text;
      if (delimiter === null) delimiter = guessDelimiter(input);
      const parser = new Papa.Parser({ delimiter, newline: "\n", quoteChar: '"', escapeChar: '"', comments: false });
      const result = parser.parse(input, 0, !last) as RawParseResult;
      const rows = result.data;
      const hasQuote = input.indexOf('"') !== -1;
      for (const err of result.errors) {
        if (err.row !== undefined && err.row >= rows.length && !last) continue; // incomplete last row: re-parsed later
        throwQuoteError(err, input, pendingLine, file);
      }
      let line = pendingLine;
      for (let r = 0; r < rows.length; r++) {
        const fields = rows[r]!;
        const rowLine = line;
        line += 1;
        if (hasQuote) for (const f of fields) line += countNewlines(f);
        if (isBlankRecord(fields)) continue;
        if (visit(fields, rowLine) === false) { stopped = true; break; }
      }
      if (stopped || last) break;
      pending = input.slice(result.meta.cursor);
      pendingLine = line;
      retryAt = 2 * pending.length;
      if (pending.length > MAX_RECORD_CHARS) throwTooLong(file, pendingLine, pending);
    }
  } finally {
    reader.close();
  }
}

/** The first non-empty record (the header) of CSV text, or null. Cheap: parses only the start. */
export function csvHeader(text: string): string[] | null {
  let header: string[] | null = null;
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  try {
    forEachCsvRecord(new TextEncoder().encode(head), "", (fields) => {
      header = fields.map((f) => f.trim());
      return false;
    });
  } catch {
    return null;
  }
  return header;
}

function isBlankRecord(fields: string[]): boolean {
  const head = fields[0]!;
  if (head.length > 0 && !isSpaceCode(head.charCodeAt(0))) return false; // the common case, without allocating
  for (const f of fields) if (f.length > 0 && f.trim() !== "") return false;
  return true;
}

/** May `String.prototype.trim` remove this UTF-16 unit? (ASCII controls and space, or any non-ASCII unit.) */
function isSpaceCode(c: number): boolean {
  return c <= 32 || c >= 0x80;
}

/**
 * A cell as importers use it: trimmed (Unicode whitespace, as `String.prototype.trim`), with
 * `csvCell`'s formula guard removed. Allocates only when there is something to remove.
 */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return "";
  let s = raw;
  const n = s.length;
  if (n === 0) return s;
  if (isSpaceCode(s.charCodeAt(0)) || isSpaceCode(s.charCodeAt(n - 1))) s = s.trim();
  return s.charCodeAt(0) === 39 ? csvUncell(s) : s;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

function guessDelimiter(input: string): string {
  const start = input.search(/\S/);
  const end = start === -1 ? -1 : input.indexOf("\n", start);
  // The first non-blank line; quoted text does not count (a quoted header cell may hold anything).
  const firstLine = (start === -1 ? "" : end === -1 ? input.slice(start) : input.slice(start, end)).replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = count(firstLine, ",");
  for (const d of ["\t", ";"]) {
    const c = count(firstLine, d);
    if (c > bestCount) { best = d; bestCount = c; }
  }
  return best;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function throwQuoteError(err: { code: string; index?: number }, input: string, startLine: number, file: string): never {
  let at = Math.min(err.index ?? 0, input.length);
  if (err.code !== "MissingQuotes") at = strayQuote(input, at);
  const line = startLine + countNewlines(input.slice(0, at));
  if (err.code === "MissingQuotes") {
    throw new InputError("CSV_MALFORMED", "a quoted cell is never closed (unbalanced quote)", {
      file, line,
      hint: "close the quote, or double every quote inside a quoted cell (\"\")",
    });
  }
  throw new InputError("CSV_MALFORMED", "text follows the closing quote of a quoted cell", {
    file, line,
    hint: "a quote inside a quoted cell must be doubled (\"\"); a cell that holds a quote must be quoted as a whole",
  });
}

/**
 * Where the stray quote is: papaparse reports only the start of the quoted cell; the first quote
 * after it that is not doubled is the one text follows.
 */
function strayQuote(input: string, from: number): number {
  for (let q = input.indexOf('"', from); q !== -1; q = input.indexOf('"', q + 2)) {
    if (input[q + 1] !== '"') return q;
  }
  return from;
}

function throwTooLong(file: string, line: number, pending: string): never {
  const quoted = pending.indexOf('"') !== -1;
  throw new InputError("CSV_MALFORMED", `a record starting here runs over ${MAX_RECORD_CHARS >> 20} MB${quoted ? "; a quote is probably never closed" : " without a line break"}`, {
    file, line,
    hint: quoted ? "check the quotes on this line" : "check that the file is a CSV table",
  });
}

function checkNotUtf16(chunk: Uint8Array, file: string): void {
  const utf16Bom = chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
  const nul = chunk.subarray(0, 4096).indexOf(0);
  if (utf16Bom || nul !== -1) {
    let line = 1;
    if (!utf16Bom) for (let i = 0; i < nul; i++) if (chunk[i] === 0x0a) line++;
    throw new InputError("NOT_UTF8", utf16Bom ? "the file is UTF-16, not UTF-8" : "the file contains NUL bytes: it is binary or UTF-16, not UTF-8 text", {
      file, line,
      hint: "save or export the file as CSV UTF-8 (in Excel: Save As, CSV UTF-8)",
    });
  }
}

function decodeOrThrow(decoder: InstanceType<typeof TextDecoder>, chunk: Uint8Array, stream: boolean, reader: ChunkReader, file: string): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    // Locate the bad byte: the decoder may hold up to 3 bytes of the previous chunk.
    const bad = reader.locateInvalidUtf8();
    throw new InputError("NOT_UTF8", `the file is not valid UTF-8 (byte ${bad.offset} is not part of a UTF-8 character)`, {
      file, line: bad.line,
      hint: "save or export the file as CSV UTF-8; a file from Excel may be Latin-1 or Windows-1252",
    });
  }
}

/** Reads bytes or a file in chunks; counts line feeds so an encoding error can be located. */
class ChunkReader {
  private fd: number | null = null;
  private offset = 0;
  private prevTail: Uint8Array = new Uint8Array(0);
  private current: Uint8Array = new Uint8Array(0);
  private readonly buffer: Uint8Array | null;

  constructor(private readonly source: CsvSource, file: string, private readonly chunkBytes: number) {
    if (typeof source === "string") {
      try {
        this.fd = openSync(source, "r");
      } catch (e) {
        throw new InputError("FILE_UNREADABLE", `cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`, {
          file, hint: "check the path and that the file is readable",
        });
      }
      this.buffer = new Uint8Array(chunkBytes);
    } else {
      this.buffer = null;
    }
  }

  next(): Uint8Array | null {
    // The last 3 bytes before the next chunk (a character split across chunks starts there).
    if (this.current.length >= 3) this.prevTail = this.current.slice(this.current.length - 3);
    else {
      const joined = new Uint8Array(this.prevTail.length + this.current.length);
      joined.set(this.prevTail, 0);
      joined.set(this.current, this.prevTail.length);
      this.prevTail = joined.slice(Math.max(0, joined.length - 3));
    }
    let chunk: Uint8Array;
    if (this.fd !== null) {
      const n = readSync(this.fd, this.buffer!, 0, this.chunkBytes, null);
      chunk = this.buffer!.subarray(0, n);
    } else {
      const bytes = this.source as Uint8Array;
      chunk = bytes.subarray(this.offset, this.offset + this.chunkBytes);
    }
    this.offset += chunk.length;
    this.current = chunk;
    return chunk.length === 0 ? null : chunk;
  }

  /** Byte offset and line of the first invalid UTF-8 byte in the current chunk (with its carry-over). */
  locateInvalidUtf8(): { offset: number; line: number } {
    const joined = new Uint8Array(this.prevTail.length + this.current.length);
    joined.set(this.prevTail, 0);
    joined.set(this.current, this.prevTail.length);
    // Skip continuation bytes of a character that started before the carried tail.
    let start = 0;
    while (start < this.prevTail.length && (joined[start]! & 0xc0) === 0x80) start++;
    const badInJoined = start + firstInvalidUtf8(joined.subarray(start));
    const chunkStart = this.offset - this.current.length;
    const offset = chunkStart - this.prevTail.length + badInJoined;
    return { offset, line: this.lineFeedsBefore(offset) + 1 };
  }

  /** Line feeds in the first `end` bytes of the source (error path only: re-reads a file from its start). */
  private lineFeedsBefore(end: number): number {
    if (this.fd === null) return countByte((this.source as Uint8Array).subarray(0, end), 0x0a);
    const buffer = new Uint8Array(Math.min(this.chunkBytes, Math.max(end, 1)));
    let n = 0;
    for (let pos = 0; pos < end;) {
      const got = readSync(this.fd, buffer, 0, Math.min(buffer.length, end - pos), pos);
      if (got <= 0) break;
      n += countByte(buffer.subarray(0, got), 0x0a);
      pos += got;
    }
    return n;
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}

function countByte(bytes: Uint8Array, b: number): number {
  let n = 0;
  for (let i = bytes.indexOf(b); i !== -1; i = bytes.indexOf(b, i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Columns

/**
 * Find each wanted column in a header: an exact match first, else the one column equal to it
 * ignoring case and surrounding spaces. Returns the index per wanted name, or -1.
 */
export function findColumns(header: readonly string[], wanted: readonly string[]): number[] {
  return wanted.map((name) => {
    const exact = header.indexOf(name);
    if (exact !== -1) return exact;
    const folded = name.trim().toLowerCase();
    const loose = header.flatMap((h, i) => (h.trim().toLowerCase() === folded ? [i] : []));
    return loose.length === 1 ? loose[0]! : -1;
  });
}

/**
 * Throw `CSV_MISSING_COLUMN` for the first wanted column that is absent, naming the columns the
 * file has (and the closest one, when a name is one or two edits away).
 */
export function requireColumns(header: readonly string[], wanted: readonly string[], indexes: readonly number[], file: string, line: number, hint?: string): void {
  const missing = wanted.filter((_, i) => indexes[i] === -1);
  if (missing.length === 0) return;
  const name = missing[0]!;
  const near = header.find((h) => editDistance(h.toLowerCase(), name.toLowerCase()) <= 2);
  const list = header.length > 0 ? header.map((h) => `"${h}"`).join(", ") : "(none)";
  const what = missing.length === 1 ? `column "${name}" is missing` : `columns ${missing.map((m) => `"${m}"`).join(", ")} are missing`;
  throw new InputError("CSV_MISSING_COLUMN", `${what}; the columns are ${list}${near !== undefined ? `; did you mean "${near}"?` : ""}`, {
    file, line, ...(hint !== undefined ? { hint } : {}),
  });
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------------------------------------
// Cells

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FORMULA = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** True when `s` is a plain decimal number (what a spreadsheet would read as a number, not a formula). */
export function isPlainNumber(s: string): boolean {
  return NUMBER.test(s) && Number.isFinite(Number(s));
}

/**
 * One CSV cell: RFC 4180 quoting (when the text holds a comma, quote, CR or LF) and formula
 * neutralisation. A string that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (the
 * OWASP list), possibly after some `'`, and
 * is not a plain number (`-1`, `+2.5` stay as they are) gets one more leading `'`; `csvUncell`
 * removes exactly that one, so every string round-trips. `null`/`undefined` give an empty cell.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = value;
  if (FORMULA.test(s) && !isPlainNumber(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Undo `csvCell`'s formula neutralisation: drop one leading `'` before `=`, `+`, `-`, `@`, tab, CR. */
export function csvUncell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** True when a cell read from a file would run as a formula in a spreadsheet. */
export function isFormulaCell(cell: string): boolean {
  return /^[=+\-@]/.test(cell) && !isPlainNumber(cell);
}

/** One CSV line (cells joined by commas, `\n` appended). */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",") + "\n";
}

export { compareCodePoints };

/**
 * A record with more non-empty cells than the header has columns is an error (`CSV_TOO_MANY_CELLS`):
 * reading it would silently drop a value, typically half of an unquoted `3,5`. Empty trailing
 * cells (a trailing comma) are fine. Returns false when the record was refused.
 */
export function checkRecordWidth(fields: readonly string[], columns: number, line: number, problems: ProblemList): boolean {
  for (let i = columns; i < fields.length; i++) {
    if (fields[i]!.trim() !== "") {
      problems.add("CSV_TOO_MANY_CELLS", `this row has ${fields.length} cells but the header has ${columns} columns`, line,
        "quote a value that contains a comma (\"3,5\"), or add the missing column name to the header");
      return false;
    }
  }
  return true;
}

/**
 * Gathers fatal problems so one run reports several; `throwIfAny` raises one `InputError` with
 * the first problem's code and line and lists the others in the message.
 */
export class ProblemList {
  readonly problems: Diagnostic[] = [];
  private readonly hints: (string | undefined)[] = [];
  constructor(private readonly file: string, readonly limit = 20) {}

  add(code: string, message: string, line: number, hint?: string): void {
    this.problems.push({ severity: "error", code, message, file: this.file, line });
    this.hints.push(hint);
  }

  get full(): boolean {
    return this.problems.length >= this.limit;
  }

  throwIfAny(): void {
    const first = this.problems[0];
    if (first === undefined) return;
    const rest = this.problems.slice(1, 6).map((p) => `\n  ${this.file}:${p.line}: ${p.message}`).join("");
    const more = this.problems.length > 6 ? `\n  ... and ${this.problems.length - 6} more${this.full ? " (stopped reading)" : ""}` : "";
    const hint = this.hints[0];
    throw new InputError(first.code, first.message + rest + more, {
      file: this.file, line: first.line!, ...(hint !== undefined ? { hint } : {}),
    });
  }
}
