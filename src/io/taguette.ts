/**
 * Taguette highlights exports → `CodedTranscript`.
 *
 * Taguette (https://www.taguette.org) exports a project's highlights as a CSV with the columns
 * `id,document,tag,content` (newer versions add `tag_parent`, `tag_full_path`,
 * `tag_description` before `content`): one row per (highlight, tag), `content` being the
 * highlighted text as plain text. The export has no user column and no offsets, so a study gives
 * one export per coder (the coder is the file name) and the transcript itself (`--transcript`):
 * each highlight is found in the transcript's text by `locateExcerpt` (exact after
 * normalising white space, quotes, dashes and case; else the best window with similarity
 * ≥ 0.8, which survives typo fixes and small edits), its span recorded in `spans`, and its tags
 * applied to every turn and paragraph the span overlaps.
 *
 * Reported as warnings (file, CSV line), never dropped silently: a highlight that matches no
 * text (`taguette-unmatched`), one that matches several places in different turns equally well
 * (`taguette-ambiguous`, with the turns; nothing applied), one that recurs within the same turns
 * (`taguette-repeated`; applied there), rows with no tag (`taguette-untagged`) or no content
 * (`taguette-empty-content`), and rows of other documents left out (`taguette-other-documents`).
 */
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError } from "../model/errors.js";
import type { CodedTranscript } from "../model/transcript.js";
import { checkRecordWidth, cleanCell, csvHeader, findColumns, forEachCsvRecord, ProblemList, requireColumns } from "./_csv.js";
import { ExcerptMatcher, fileStem, sameName, withoutCodes, type CodedExcerpt } from "./_excerpt-coding.js";
import { looksLikeDelve, readDelve } from "./delve.js";
import { plainTextTurns } from "./plain-text-turns.js";
import { decodeUtf8, normalizeWhitespace } from "./_text.js";

export interface TaguetteOptions {
  /** The export's path as the user gave it (messages, `CodedTranscript.file`). */
  file: string;
  /** The coder; default `coderFromFileName(file)`. */
  coder?: string;
  /** The transcript the highlights were made on (`readTranscriptText`); its own codes are ignored. */
  transcript: CodedTranscript;
  /**
   * The document whose highlights to read when the export holds several. Default: the only one;
   * with several, the one named like the transcript (its name or file name, extension and case
   * ignored).
   */
  document?: string;
}

const HINT = "a Taguette highlights export has the columns id,document,tag,content (Taguette: Highlights → Export → CSV)";

/**
 * Read one coder's Taguette highlights export against the transcript.
 *
 * @example
 * const transcript = readTranscriptText(bytes, { file: "interview.txt" });
 * readTaguette(csv, { file: "exports/ann.csv", transcript }).turns.map((t) => t.codes)
 * // => the tags of ann's highlights on each turn; coder "ann"
 * @throws InputError `CSV_MISSING_COLUMN` (no `tag` or `content` column), `TAGUETTE_EMPTY` (no
 *   header), `TAGUETTE_SEVERAL_DOCUMENTS` (several documents, none named like the transcript),
 *   `TAGUETTE_DOCUMENT_NOT_FOUND`, `TRANSCRIPT_NO_TEXT`, `CSV_MALFORMED`, `CSV_TOO_MANY_CELLS`, `NOT_UTF8`.
 */
export function readTaguette(bytes: Uint8Array, options: TaguetteOptions): CodedTranscript {
  const { file } = options;
  const coder = options.coder ?? coderFromFileName(file);
  const problems = new ProblemList(file);
  const notes: Diagnostic[] = [];
  const warn = (code: string, line: number, message: string): void => {
    notes.push({ severity: "warning", code, message, file, line });
  };
  interface Highlight { id: string; document: string; content: string; codes: string[]; line: number }
  const highlights = new Map<string, Highlight>();
  let header: string[] | null = null;
  let col = { id: -1, document: -1, tag: -1, content: -1 };

  forEachCsvRecord(bytes, file, (fields, line) => {
    if (header === null) {
      header = fields.map((f) => f.trim());
      const [id, document, tag, content] = findColumns(header, ["id", "document", "tag", "content"]);
      requireColumns(header, ["tag", "content"], [tag!, content!], file, line, HINT);
      col = { id: id!, document: document!, tag: tag!, content: content! };
      return true;
    }
    if (!checkRecordWidth(fields, header.length, line, problems)) return !problems.full;
    const id = col.id === -1 ? "" : cleanCell(fields[col.id]);
    const document = col.document === -1 ? "" : cleanCell(fields[col.document]);
    const tag = cleanCell(fields[col.tag]);
    const content = fields[col.content] ?? "";
    const name = id === "" ? `the highlight on line ${line}` : `highlight ${id}`;
    if (normalizeWhitespace(content) === "") {
      warn("taguette-empty-content", line, `${name} has no content; skipped`);
      return true;
    }
    if (tag === "") {
      warn("taguette-untagged", line, `${name} has no tag; skipped`);
      return true;
    }
    // One highlight with several tags is one row per tag, same id and content.
    const key = id === "" ? `line ${line}` : `${id}\u0000${document}\u0000${content}`;
    const known = highlights.get(key);
    if (known === undefined) highlights.set(key, { id, document, content, codes: [tag], line });
    else if (!known.codes.includes(tag)) known.codes.push(tag);
    return true;
  });
  problems.throwIfAny();
  if (header === null) {
    throw new InputError("TAGUETTE_EMPTY", "the file is empty: no Taguette highlights export in it", { file, line: 1, hint: HINT });
  }

  const all = [...highlights.values()];
  const selected = pickDocument(all, options, file, warn);
  if (all.length === 0) warn("taguette-no-highlights", 1, `the export has no highlights: ${coder} coded nothing in "${options.transcript.name}"`);
  const excerpts: CodedExcerpt[] = selected.map((h) => ({
    text: h.content,
    codes: h.codes,
    line: h.line,
    label: h.id === "" ? `the highlight on line ${h.line}` : `highlight ${h.id}`,
  }));
  const coded = matcherFor(options.transcript).code(excerpts, { file, coder, format: "taguette", prefix: "taguette", ordered: true });
  coded.diagnostics = [...notes, ...coded.diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return coded;
}

function pickDocument<H extends { document: string }>(all: H[], options: TaguetteOptions, file: string, warn: (code: string, line: number, message: string) => void): H[] {
  const documents = [...new Set(all.map((h) => h.document))];
  let wanted: string | undefined;
  if (options.document !== undefined) {
    wanted = documents.find((d) => sameName(d, options.document!));
    if (wanted === undefined) {
      throw new InputError("TAGUETTE_DOCUMENT_NOT_FOUND", `no highlights of document "${options.document}"; the export has ${listNames(documents)}`, {
        file, hint: "give one of these document names",
      });
    }
  } else if (documents.length > 1) {
    const t = options.transcript;
    const like = documents.filter((d) => sameName(d, t.name) || sameName(d, t.file));
    if (like.length !== 1) {
      throw new InputError("TAGUETTE_SEVERAL_DOCUMENTS", `the export has highlights of ${documents.length} documents (${listNames(documents)}) and none is named like the transcript "${t.name}"`, {
        file, hint: "export the highlights of one document only, or name the document to read",
      });
    }
    wanted = like[0]!;
  } else {
    return all;
  }
  const kept = all.filter((h) => h.document === wanted);
  const others = all.length - kept.length;
  if (others > 0) warn("taguette-other-documents", 1, `${others} highlight(s) of other documents than "${wanted}" are left out`);
  return kept;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 8).map((d) => `"${d}"`).join(", ");
  return names.length > 8 ? `${shown} and ${names.length - 8} more` : shown;
}

const matchers = new WeakMap<CodedTranscript, ExcerptMatcher>();

/** One matcher per transcript object, so several coders' exports share the text index. */
function matcherFor(transcript: CodedTranscript): ExcerptMatcher {
  let m = matchers.get(transcript);
  if (m === undefined) {
    m = new ExcerptMatcher(withoutCodes(transcript));
    matchers.set(transcript, m);
  }
  return m;
}

/** The coder named by an export's file name: `exports/Ann B.csv` → `Ann B`. */
export function coderFromFileName(file: string): string {
  return fileStem(file);
}

/**
 * True when a header line (the first line of a CSV) is a Taguette highlights export's: it has
 * `document`, `tag` and `content` columns (case and surrounding spaces ignored).
 */
export function looksLikeTaguette(headerLine: string): boolean {
  const header = csvHeader(headerLine.replace(/^\uFEFF/, ""));
  if (header === null) return false;
  return findColumns(header, ["document", "tag", "content"]).every((i) => i !== -1);
}

export interface TranscriptTextOptions {
  /** The path as the user gave it. */
  file: string;
  /** Speaker labels (replaces the default pattern of the Delve spec §4.1). */
  speakers?: readonly string[];
}

/**
 * Read a transcript given on its own (`--transcript`) for text-matched formats: a Delve export
 * when it looks like one (`looksLikeDelve`; its code lines are then ignored), else plain text
 * split into turns by `plainTextTurns`. The result has no codes, coder "", `text` and spans;
 * its name is the Delve title, or the file name without extension for plain text. Its
 * diagnostics are the parser's (code-line warnings of a Delve file left out).
 *
 * @throws InputError `NOT_UTF8`, `DELVE_NO_TURNS`, `TRANSCRIPT_EMPTY` (plain text with no non-empty line).
 */
export function readTranscriptText(bytes: Uint8Array, options: TranscriptTextOptions): CodedTranscript {
  const { file } = options;
  const text = decodeUtf8(bytes, file);
  const speakers = options.speakers !== undefined ? { speakers: options.speakers } : {};
  if (looksLikeDelve(text)) return withoutCodes(readDelve(bytes, { file, coder: "", ...speakers }));
  const { turns, diagnostics } = plainTextTurns(text, { file, ...speakers });
  if (turns.length === 0) {
    throw new InputError("TRANSCRIPT_EMPTY", "the transcript has no text", { file, line: 1, hint: "give the transcript as plain text or as a Delve export" });
  }
  return { name: coderFromFileName(file), coder: "", file, format: "text", turns, codesUsed: [], text, spans: [], diagnostics };
}
