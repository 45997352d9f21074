/**
 * Excerpt tables → `CodedTranscript`s: the snippet or excerpt exports of QDA tools that give a
 * coded excerpt's text but not its position (Delve's "snippets" export, Dedoose's excerpt
 * export, a spreadsheet a team kept by hand). A column map says which column holds what
 * (`--map transcript=Transcript,code=Code,coder=Researcher,text=Snippet`); every row is one
 * code on one excerpt. Each excerpt is found in its transcript's text the way Taguette
 * highlights are (`locateExcerpt`: exact after normalising white space, quotes, dashes and
 * case, else the best window with similarity ≥ 0.8), and its code applied to every turn the
 * match overlaps.
 *
 * One `CodedTranscript` comes out per transcript × coder that has at least one row, transcripts
 * in the order given, coders in order of first appearance. A coder with no row in a transcript
 * gets no coding of it, so that coder's values there are missing, never "code absent" (a table
 * cannot say whether a coder read a transcript and coded nothing).
 *
 * Reported as warnings with the row's line: excerpts that match no text (`excerpt-unmatched`),
 * several places in different turns (`excerpt-ambiguous`, with the turns; nothing applied),
 * rows with no code (`excerpt-no-code`) or no text (`excerpt-no-text`), and transcript names
 * that name none of the transcripts given (`excerpt-unknown-transcript`, once per name).
 */
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError, UsageError } from "../model/errors.js";
import type { CodedTranscript } from "../model/transcript.js";
import { checkRecordWidth, cleanCell, findColumns, forEachCsvRecord, ProblemList, requireColumns } from "./_csv.js";
import { ExcerptMatcher, sameName, withoutCodes, type CodedExcerpt } from "./_excerpt-coding.js";
import { normalizeWhitespace } from "./_text.js";
import { coderFromFileName } from "./taguette.js";

/** Which column of the table holds what (column names as in the header). */
export interface ColumnMap {
  /** The transcript's name; optional when the table is about one transcript. */
  transcript?: string;
  code: string;
  /** The coder's name; without it every row is `options.coder`'s (default: the file name). */
  coder?: string;
  /** The excerpt's text. */
  text: string;
}

const MAP_KEYS = ["transcript", "code", "coder", "text"] as const;
type MapKey = (typeof MAP_KEYS)[number];
const MAP_EXAMPLE = "--map transcript=Transcript,code=Code,coder=Researcher,text=Snippet";

/**
 * Parse a column map such as `transcript=Transcript,code=Code,coder=Researcher,text=Snippet`:
 * comma-separated `key=Column` entries, keys `transcript`, `code`, `coder`, `text` (any case),
 * column names trimmed and optionally quoted. `code` and `text` are required.
 *
 * @throws UsageError `EXCERPT_MAP_SYNTAX` (an entry that is not key=Column),
 *   `EXCERPT_MAP_UNKNOWN_KEY`, `EXCERPT_MAP_DUPLICATE_KEY`, `EXCERPT_MAP_MISSING_KEY`.
 */
export function parseColumnMap(spec: string): ColumnMap {
  const found: Partial<Record<MapKey, string>> = {};
  for (const raw of spec.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const eq = entry.indexOf("=");
    const key = (eq === -1 ? entry : entry.slice(0, eq)).trim().toLowerCase();
    const column = eq === -1 ? "" : entry.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/u, "$2").trim();
    if (eq === -1 || key === "" || column === "") {
      throw new UsageError("EXCERPT_MAP_SYNTAX", `column map entry "${entry}" is not key=Column`, { hint: `write ${MAP_EXAMPLE}` });
    }
    if (!(MAP_KEYS as readonly string[]).includes(key)) {
      const near = MAP_KEYS.find((k) => k.startsWith(key.slice(0, 3)));
      throw new UsageError("EXCERPT_MAP_UNKNOWN_KEY", `unknown key "${key}" in the column map; the keys are ${MAP_KEYS.join(", ")}${near !== undefined ? `; did you mean "${near}"?` : ""}`, {
        hint: `write ${MAP_EXAMPLE}`,
      });
    }
    const k = key as MapKey;
    if (found[k] !== undefined) {
      throw new UsageError("EXCERPT_MAP_DUPLICATE_KEY", `the column map names "${k}" twice ("${found[k]}" and "${column}")`, { hint: "give each key once" });
    }
    found[k] = column;
  }
  for (const required of ["code", "text"] as const) {
    if (found[required] === undefined) {
      throw new UsageError("EXCERPT_MAP_MISSING_KEY", `the column map has no "${required}" key: it must say which column holds the ${required === "code" ? "code" : "excerpt's text"}`, {
        hint: `write ${MAP_EXAMPLE}`,
      });
    }
  }
  return {
    code: found.code!,
    text: found.text!,
    ...(found.transcript !== undefined ? { transcript: found.transcript } : {}),
    ...(found.coder !== undefined ? { coder: found.coder } : {}),
  };
}

export interface ExcerptTableOptions {
  /** The table's path as the user gave it. */
  file: string;
  map: ColumnMap;
  /**
   * The transcripts the excerpts come from (`readTranscriptText`; their own codes are ignored):
   * by name, or one transcript for a table about one transcript. A row's transcript cell names
   * one by its key, its `name` or its file name (case, white space and extension ignored).
   */
  transcripts: ReadonlyMap<string, CodedTranscript> | CodedTranscript;
  /** Coder of every row when the map has no `coder` column. Default: the file name without extension. */
  coder?: string;
  /**
   * The rows of each transcript × coder are in text order, so an excerpt found in several places
   * is narrowed to the places between its neighbours (see `resolveByOrder`). Default false.
   */
  ordered?: boolean;
}

/**
 * Read an excerpt table against its transcripts.
 *
 * @example
 * readExcerptTable(csv, { file: "snippets.csv", map: parseColumnMap("code=Code,text=Snippet,coder=Researcher"), transcripts: interview })
 * // => one CodedTranscript per researcher, with the codes on the turns their snippets overlap
 * @throws InputError `CSV_MISSING_COLUMN` (a mapped column is absent; the message lists the
 *   columns there are), `EXCERPTS_EMPTY`, `EXCERPTS_NO_TRANSCRIPT` (no row names a transcript
 *   given), `CSV_EMPTY_CELL` (a row with no coder), `TRANSCRIPT_NO_TEXT`, `CSV_MALFORMED`, `NOT_UTF8`;
 *   UsageError `EXCERPT_MAP_NO_TRANSCRIPT` (several transcripts but no transcript column);
 *   TypeError when no transcript is given.
 */
export function readExcerptTable(bytes: Uint8Array, options: ExcerptTableOptions): CodedTranscript[] {
  const { file, map } = options;
  const transcripts = toEntries(options.transcripts);
  if (transcripts.length === 0) throw new TypeError("readExcerptTable needs at least one transcript");
  if (map.transcript === undefined && transcripts.length !== 1) {
    throw new UsageError("EXCERPT_MAP_NO_TRANSCRIPT", `${transcripts.length} transcripts are given but the column map has no transcript column`, {
      hint: `say which column names the transcript: ${MAP_EXAMPLE}`,
    });
  }
  const defaultCoder = options.coder ?? coderFromFileName(file);
  const problems = new ProblemList(file);
  const notes: Diagnostic[] = [];
  const warn = (code: string, line: number, message: string): void => {
    notes.push({ severity: "warning", code, message, file, line });
  };
  interface Row { transcriptCell: string; coder: string; excerpt: CodedExcerpt }
  const rows: Row[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  let col = { transcript: -1, code: -1, coder: -1, text: -1 };

  forEachCsvRecord(bytes, file, (fields, line) => {
    if (header === null) {
      header = fields.map((f) => f.trim());
      headerLine = line;
      const wanted = [map.code, map.text, ...(map.transcript !== undefined ? [map.transcript] : []), ...(map.coder !== undefined ? [map.coder] : [])];
      const found = findColumns(header, wanted);
      requireColumns(header, wanted, found, file, line, `the column map (${describeMap(map)}) must name columns of the header`);
      const at = (name: string | undefined): number => (name === undefined ? -1 : found[wanted.indexOf(name)]!);
      col = { transcript: at(map.transcript), code: at(map.code), coder: at(map.coder), text: at(map.text) };
      return true;
    }
    if (!checkRecordWidth(fields, header.length, line, problems)) return !problems.full;
    const code = cleanCell(fields[col.code]);
    const text = fields[col.text] ?? "";
    const coder = col.coder === -1 ? defaultCoder : cleanCell(fields[col.coder]);
    if (coder === "") {
      problems.add("CSV_EMPTY_CELL", `the coder cell ("${map.coder}") is empty`, line, "every row needs the coder who made the excerpt");
      return !problems.full;
    }
    if (normalizeWhitespace(text) === "") {
      warn("excerpt-no-text", line, `the row has no excerpt text ("${map.text}"); skipped`);
      return true;
    }
    if (code === "") {
      warn("excerpt-no-code", line, `the row has no code ("${map.code}"); skipped`);
      return true;
    }
    const transcriptCell = col.transcript === -1 ? "" : cleanCell(fields[col.transcript]);
    rows.push({ transcriptCell, coder, excerpt: { text, codes: [code], line, label: `the excerpt on line ${line}` } });
    return !problems.full;
  });
  problems.throwIfAny();
  if (header === null || rows.length === 0) {
    throw new InputError("EXCERPTS_EMPTY", header === null ? "the file is empty" : "the table has no row with both a code and an excerpt", {
      file, line: header === null ? 1 : headerLine, hint: "give one row per code applied to an excerpt",
    });
  }

  // Rows → transcripts.
  const distinctCells = new Set(rows.map((r) => r.transcriptCell));
  const resolve = (cell: string): number => {
    if (transcripts.length === 1 && (col.transcript === -1 || distinctCells.size === 1)) return 0;
    const exact = transcripts.findIndex((t) => t.key === cell);
    if (exact !== -1) return exact;
    const like = transcripts.flatMap((t, i) => (sameName(cell, t.key) || sameName(cell, t.transcript.name) || sameName(cell, t.transcript.file) ? [i] : []));
    return like.length === 1 ? like[0]! : -1;
  };
  const groups = transcripts.map(() => new Map<string, CodedExcerpt[]>());
  const unknown = new Map<string, { line: number; rows: number }>();
  for (const row of rows) {
    const t = resolve(row.transcriptCell);
    if (t === -1) {
      const u = unknown.get(row.transcriptCell);
      if (u === undefined) unknown.set(row.transcriptCell, { line: row.excerpt.line, rows: 1 });
      else u.rows++;
      continue;
    }
    const byCoder = groups[t]!;
    const list = byCoder.get(row.coder);
    if (list === undefined) byCoder.set(row.coder, [row.excerpt]);
    else list.push(row.excerpt);
  }
  const known = transcripts.map((t) => `"${t.key}"`).slice(0, 8).join(", ");
  if (groups.every((g) => g.size === 0)) {
    throw new InputError("EXCERPTS_NO_TRANSCRIPT", `no row names one of the transcripts given (${known}); the table names ${[...unknown.keys()].slice(0, 8).map((k) => `"${k}"`).join(", ")}`, {
      file, line: rows[0]!.excerpt.line, hint: `give the transcripts the table's "${map.transcript ?? "transcript"}" column names, or check the column map`,
    });
  }
  for (const [cell, u] of unknown) {
    warn("excerpt-unknown-transcript", u.line, `transcript "${cell}" (${u.rows} row${u.rows === 1 ? "" : "s"}) is none of the transcripts given (${known}); its rows are skipped`);
  }

  const coderOrder = [...new Set(rows.map((r) => r.coder))];
  const out: CodedTranscript[] = [];
  transcripts.forEach((t, i) => {
    const byCoder = groups[i]!;
    if (byCoder.size === 0) return;
    const matcher = new ExcerptMatcher(withoutCodes(t.transcript));
    for (const coder of coderOrder) {
      const excerpts = byCoder.get(coder);
      if (excerpts === undefined) continue;
      out.push(matcher.code(excerpts, { file, coder, format: "excerpts", prefix: "excerpt", ...(options.ordered === true ? { ordered: true } : {}) }));
    }
  });
  out[0]!.diagnostics = [...notes, ...out[0]!.diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return out;
}

function toEntries(transcripts: ReadonlyMap<string, CodedTranscript> | CodedTranscript): { key: string; transcript: CodedTranscript }[] {
  if (isTranscriptMap(transcripts)) return [...transcripts].map(([key, transcript]) => ({ key, transcript }));
  return [{ key: transcripts.name, transcript: transcripts }];
}

function isTranscriptMap(x: ReadonlyMap<string, CodedTranscript> | CodedTranscript): x is ReadonlyMap<string, CodedTranscript> {
  return !("turns" in x);
}

function describeMap(map: ColumnMap): string {
  return MAP_KEYS.flatMap((k) => (map[k] !== undefined ? [`${k}=${map[k]}`] : [])).join(",");
}
