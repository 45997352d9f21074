/**
 * Shared text handling for every importer: strict UTF-8 decoding (a file that is not UTF-8 is an
 * input error, never silently repaired), BOM removal, line splitting and the whitespace
 * normalisation of the Delve spec §1.
 */
import { InputError } from "../model/errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** True when the bytes start with a UTF-8 byte-order mark. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Decode bytes as strict UTF-8 and drop a leading BOM. Throws `InputError` (code
 * `NOT_UTF8`) naming the line of the first invalid byte; UTF-16 files (a UTF-16 BOM, or NUL
 * bytes) get their own hint because that is what Windows tools often write.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InputError("NOT_UTF8", "the file is UTF-16, not UTF-8", {
      file,
      line: 1,
      hint: "save or export the file as UTF-8 (in a text editor: Save As, encoding UTF-8)",
    });
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  // NUL is valid UTF-8 but never part of a text export: it means binary data, or UTF-16 without
  // its BOM (every other byte NUL), which would otherwise decode into garbage turns.
  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw new InputError("NOT_UTF8", "the file contains NUL bytes: it is binary or UTF-16, not UTF-8 text", {
      file,
      line: lineOf(body, nul),
      hint: "save or export the file as UTF-8 text (in a text editor: Save As, encoding UTF-8)",
    });
  }
  try {
    return decoder.decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const line = lineOf(body, bad);
    throw new InputError("NOT_UTF8", `the file is not valid UTF-8 (byte ${bad + (body === bytes ? 0 : 3)} is not part of a UTF-8 character)`, {
      file,
      line,
      hint: "save or export the file as UTF-8; a file from Word or Excel may be Latin-1 or Windows-1252",
    });
  }
}

/** 1-based line of byte `index` (line feeds before it, plus one). */
function lineOf(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < index; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Index of the first byte that breaks UTF-8 well-formedness (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Split decoded text into physical lines: CRLF → LF, then lone CR → LF (spec §1.3–1.4). */
export function splitLines(text: string): string[] {
  return text.replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n");
}

/**
 * Trim and collapse every run of Unicode whitespace to one space (spec §1.5; the set that
 * Python's `str.split()` uses, including tab and NBSP).
 */
export function normalizeWhitespace(line: string): string {
  return line.replace(/[\s\u001c-\u001f\u0085]+/gu, " ").trim();
}
