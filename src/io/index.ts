/**
 * The importer registry: one reader per format, each producing `CodedTranscript`s, and format
 * detection from the content (never from the file name alone). `--format` forces a reader.
 */
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodebookEntry, CodedTranscript } from "../model/transcript.js";
import { InputError } from "../model/errors.js";
import { readDelve } from "./delve.js";
import { readQdpx, type CoderFrom } from "./qdpx.js";
import { readLongCodedCsv, readWideCodedCsv } from "./coded-csv.js";
import { decodeUtf8, hasUtf8Bom } from "./_text.js";
import { looksLikeTaguette, readTaguette } from "./taguette.js";
import { readExcerptTable, type ColumnMap } from "./excerpts.js";
import { UsageError } from "../model/errors.js";
import type { InspectInput } from "./inspect.js";

export const INPUT_FORMATS = ["delve", "qdpx", "csv-long", "csv-wide", "taguette", "excerpts"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions {
  /** Path as the user gave it. */
  file: string;
  /** The coder of single-coder formats (Delve), and the override for a file inside a coder folder. */
  coder?: string;
  format?: InputFormat;
  codebook?: readonly string[];
  speakers?: readonly string[];
  coderFrom?: CoderFrom;
  /** The transcript(s) that Taguette highlights and excerpt tables quote (`--transcript`). */
  transcripts?: readonly CodedTranscript[];
  /** Column map of an excerpt table (`--map code=Code,text=Snippet,...`). */
  map?: ColumnMap;
}

export interface ReadResult {
  format: InputFormat;
  /** Whether the format names its coders itself (REFI-QDA users, a CSV coder column). */
  multiCoder: boolean;
  transcripts: CodedTranscript[];
  diagnostics: Diagnostic[];
  /** What `intercoder inspect` shows. */
  inspect: InspectInput;
  /** The code tree the file declares (REFI-QDA CodeBook nesting), as codebook entries. */
  codeTree?: CodebookEntry[];
}

function headerLine(bytes: Uint8Array): string {
  const start = hasUtf8Bom(bytes) ? 3 : 0;
  let end = start;
  while (end < bytes.length && end - start < 4096 && bytes[end] !== 0x0a) end++;
  return new TextDecoder("utf-8").decode(bytes.subarray(start, end)).replace(/\r$/, "");
}

function csvHeader(line: string): string[] {
  return line.split(",").map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
}

/** Detect the format of an input from its first bytes. */
export function detectFormat(bytes: Uint8Array, options: { map?: ColumnMap } = {}): InputFormat {
  if (options.map) return "excerpts";
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return "qdpx";
  const head = headerLine(bytes);
  if (/^\s*<(\?xml|Project\b)/.test(head)) return "qdpx";
  if (looksLikeTaguette(head)) return "taguette";
  const cols = csvHeader(head);
  if (cols.length >= 4 && ["transcript", "turn", "coder"].every((c) => cols.includes(c))) {
    return cols.includes("code") ? "csv-long" : "csv-wide";
  }
  return "delve";
}

export function readCoded(bytes: Uint8Array, options: ReadOptions): ReadResult {
  const format = options.format ?? detectFormat(bytes, options.map ? { map: options.map } : {});
  const { file } = options;
  switch (format) {
    case "delve": {
      if (options.coder === undefined) throw new InputError("CODER_UNKNOWN", "a Delve export holds one coder's codes, but no coder name was given", { file, hint: "pass one file per coder, or put the file in a folder named after its coder" });
      const t = readDelve(bytes, { file, coder: options.coder, ...(options.codebook ? { codebook: options.codebook } : {}), ...(options.speakers ? { speakers: options.speakers } : {}) });
      return { format, multiCoder: false, transcripts: [t], diagnostics: [...t.diagnostics], inspect: { file, format, transcripts: [t] } };
    }
    case "qdpx": {
      const p = readQdpx(bytes, { file, ...(options.coderFrom ? { coderFrom: options.coderFrom } : {}), ...(options.speakers ? { speakers: options.speakers } : {}) });
      return {
        format, multiCoder: true, transcripts: p.transcripts, diagnostics: [...p.skipped, ...p.diagnostics],
        inspect: { ...p, format, ...(p.origin !== undefined ? { origin: p.origin } : {}) },
        codeTree: p.codes.map((c) => ({ code: c.id, ...(c.parent !== undefined ? { parent: c.parent } : {}), codable: c.codable })),
      };
    }
    case "taguette": {
      const transcript = options.transcripts?.[0];
      if (!transcript || options.transcripts!.length !== 1) {
        throw new UsageError("TAGUETTE_NEEDS_TRANSCRIPT", "a Taguette highlights export quotes the transcript's text; name that transcript once with --transcript", { file, hint: "intercoder report ann.csv ben.csv --transcript interview.txt" });
      }
      const t = readTaguette(bytes, { file, transcript, ...(options.coder !== undefined ? { coder: options.coder } : {}) });
      return { format, multiCoder: false, transcripts: [t], diagnostics: [...t.diagnostics], inspect: { file, format, transcripts: [t] } };
    }
    case "excerpts": {
      if (!options.map) throw new UsageError("EXCERPT_MAP_MISSING", "an excerpt table needs --map to say which columns hold the code and the text", { file, hint: "--map transcript=Transcript,code=Code,coder=Researcher,text=Snippet" });
      if (!options.transcripts || options.transcripts.length === 0) {
        throw new UsageError("EXCERPTS_NEED_TRANSCRIPT", "an excerpt table quotes transcripts; name them with --transcript", { file, hint: "--transcript interview-1.txt --transcript interview-2.txt" });
      }
      const named = new Map(options.transcripts.map((t) => [t.name, t]));
      const transcripts = readExcerptTable(bytes, { file, map: options.map, transcripts: named.size === 1 ? options.transcripts[0]! : named, ...(options.coder !== undefined && !options.map.coder ? { coder: options.coder } : {}) });
      return { format, multiCoder: options.map.coder !== undefined, transcripts, diagnostics: transcripts.flatMap((t) => t.diagnostics), inspect: { file, format, transcripts } };
    }
    case "csv-long":
    case "csv-wide": {
      const transcripts = format === "csv-long" ? readLongCodedCsv(bytes, { file }) : readWideCodedCsv(bytes, { file });
      return { format, multiCoder: true, transcripts, diagnostics: transcripts.flatMap((t) => t.diagnostics), inspect: { file, format, transcripts } };
    }
  }
}

/** Decode a codebook-like text input (kept here so every reader shares the strict UTF-8 rule). */
export function readText(bytes: Uint8Array, file: string): string {
  return decodeUtf8(bytes, file);
}
