/**
 * Coded-turn tables: the long CSV that intercoder writes (Delve spec §10) and a wide variant,
 * read into the same `CodedTranscript` model as every other importer.
 *
 * - **Long**: `transcript,turn,speaker,coder,code`, one row per code a coder applied to a turn;
 *   an optional `text` column holds the turn's text; `speaker` may be left out. A row with an
 *   empty `code` records that the coder saw the turn and applied nothing.
 * - **Wide**: `transcript,turn,coder` (+ optional `speaker`, `text`) and one column per code
 *   holding 1 when the coder applied it to the turn (`1`/`0`, `true`/`false`, `yes`/`no`, `x`,
 *   or empty for 0). One row per (transcript, turn, coder).
 *
 * Which turns exist: rows exist only for applied codes, so a transcript's turns are the turn
 * numbers that appear in any of its rows, and **a turn that appears for any coder exists for
 * every coder who appears in that transcript** (with no codes when that coder has no row for
 * it). A coder with no row at all in a transcript gets no `CodedTranscript` for it, so the study
 * treats that coder's values as missing there, never as "code absent". Turn numbers are kept as
 * written (gaps are turns nobody coded). Without a `text` column turn texts are empty and turn
 * numbers alone define the units.
 */
import { InputError } from "../model/errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodedTranscript, Turn } from "../model/transcript.js";
import type { AlignedTranscript } from "../model/aligned.js";
import { checkRecordWidth, cleanCell, compareCodePoints, csvHeader, csvLine, findColumns, forEachCsvRecord, isFormulaCell, ProblemList, requireColumns } from "./_csv.js";

export interface CodedCsvOptions {
  /** The path as the user gave it (for messages and `CodedTranscript.file`). */
  file: string;
}

/** Collects rows into transcripts × coders (shared by the long and the wide reader). */
class TurnTable {
  private readonly transcripts = new Map<string, {
    turns: Map<number, { speaker: string | null; text: string; line: number }>;
    coders: Map<string, { line: number; turns: Map<number, { codes: Set<string>; line: number }> }>;
    diagnostics: Diagnostic[];
  }>();
  private readonly coderOrder = new Map<string, number>();

  constructor(private readonly file: string, private readonly format: string) {}

  add(transcript: string, turn: number, speaker: string | null, text: string | null, coder: string, codes: readonly string[], line: number): void {
    let t = this.transcripts.get(transcript);
    if (t === undefined) {
      t = { turns: new Map(), coders: new Map(), diagnostics: [] };
      this.transcripts.set(transcript, t);
    }
    if (!this.coderOrder.has(coder)) this.coderOrder.set(coder, this.coderOrder.size);
    const known = t.turns.get(turn);
    if (known === undefined) {
      t.turns.set(turn, { speaker, text: text ?? "", line });
    } else {
      if (speaker !== null && known.speaker !== null && speaker !== known.speaker) {
        t.diagnostics.push({ severity: "warning", code: "CODED_CSV_SPEAKER_CONFLICT", file: this.file, line,
          message: `turn ${turn} of "${transcript}" has speaker "${speaker}" here but "${known.speaker}" on line ${known.line}; the first is kept` });
      } else if (known.speaker === null && speaker !== null) known.speaker = speaker;
      if (text !== null && text !== "" && known.text === "") known.text = text;
    }
    let c = t.coders.get(coder);
    if (c === undefined) {
      c = { line, turns: new Map() };
      t.coders.set(coder, c);
    }
    let cell = c.turns.get(turn);
    if (cell === undefined) {
      cell = { codes: new Set(), line };
      c.turns.set(turn, cell);
    }
    for (const code of codes) {
      if (cell.codes.has(code)) {
        t.diagnostics.push({ severity: "warning", code: "CODED_CSV_DUPLICATE_ROW", file: this.file, line,
          message: `coder "${coder}" applies "${code}" to turn ${turn} of "${transcript}" twice; counted once` });
      }
      cell.codes.add(code);
    }
  }

  get size(): number {
    return this.transcripts.size;
  }

  build(fileDiagnostics: Diagnostic[]): CodedTranscript[] {
    const out: CodedTranscript[] = [];
    let first = true;
    for (const [name, t] of this.transcripts) {
      const numbers = [...t.turns.keys()].sort((a, b) => a - b);
      const coders = [...t.coders.keys()].sort((a, b) => this.coderOrder.get(a)! - this.coderOrder.get(b)!);
      for (const coder of coders) {
        const own = t.coders.get(coder)!;
        const used = new Set<string>();
        const turns: Turn[] = numbers.map((number, i) => {
          const info = t.turns.get(number)!;
          const cell = own.turns.get(number);
          const codes = cell === undefined ? [] : [...cell.codes].sort(compareCodePoints);
          for (const code of codes) used.add(code);
          const line = cell?.line ?? info.line;
          return {
            number, speaker: info.speaker, line,
            paragraphs: [{ number: i + 1, indexInTurn: 1, text: info.text, line, codes: [...codes] }],
            codes,
          };
        });
        out.push({
          name, coder, file: this.file, format: this.format, turns,
          codesUsed: [...used].sort(compareCodePoints),
          diagnostics: first ? [...fileDiagnostics, ...t.diagnostics] : [...t.diagnostics],
        });
        first = false;
      }
    }
    return out;
  }
}

const LONG_COLUMNS = ["transcript", "turn", "coder", "code"] as const;
const WIDE_COLUMNS = ["transcript", "turn", "coder"] as const;

/**
 * Read a long coded-turn CSV (`transcript,turn,speaker,coder,code`, optional `text`) into one
 * `CodedTranscript` per transcript × coder, transcripts and coders in first-appearance order.
 * Throws `InputError`: `CSV_MISSING_COLUMN`, `CSV_BAD_TURN` (not a positive whole number),
 * `CSV_EMPTY_CELL` (no transcript or coder), `CODED_CSV_EMPTY`, `CSV_MALFORMED`, `NOT_UTF8`.
 */
export function readLongCodedCsv(bytes: Uint8Array, options: CodedCsvOptions): CodedTranscript[] {
  return readCodedCsv(bytes, options.file, "long");
}

/**
 * Read a wide coded-turn CSV (`transcript,turn,coder`, optional `speaker` and `text`, then one
 * 0/1 column per code). Same result and errors as `readLongCodedCsv`, plus `CSV_BAD_FLAG` for a
 * code cell that is not 0/1.
 */
export function readWideCodedCsv(bytes: Uint8Array, options: CodedCsvOptions): CodedTranscript[] {
  return readCodedCsv(bytes, options.file, "wide");
}

function readCodedCsv(bytes: Uint8Array, file: string, layout: "long" | "wide"): CodedTranscript[] {
  const table = new TurnTable(file, layout === "long" ? "csv-long" : "csv-wide");
  const problems = new ProblemList(file);
  const fileDiagnostics: Diagnostic[] = [];
  let formulaCells = 0;
  let firstFormulaLine = 0;
  let header: string[] | null = null;
  let headerLine = 0;
  let col = { transcript: -1, turn: -1, coder: -1, code: -1, speaker: -1, text: -1 };
  let codeColumns: { index: number; code: string }[] = [];

  forEachCsvRecord(bytes, file, (fields, line) => {
    if (header === null) {
      header = fields.map((f) => f.trim());
      headerLine = line;
      const wanted = layout === "long" ? LONG_COLUMNS : WIDE_COLUMNS;
      const found = findColumns(header, wanted);
      requireColumns(header, wanted, found, file, line,
        layout === "long" ? "a long coded CSV has the header transcript,turn,speaker,coder,code (text optional)"
          : "a wide coded CSV has transcript,turn,coder columns, then one column per code");
      const [speaker, text] = findColumns(header, ["speaker", "text"]);
      col = { transcript: found[0]!, turn: found[1]!, coder: found[2]!, code: layout === "long" ? found[3]! : -1, speaker: speaker!, text: text! };
      if (layout === "wide") {
        const fixed = new Set([col.transcript, col.turn, col.coder, col.speaker, col.text]);
        codeColumns = header.flatMap((h, index) => (fixed.has(index) ? [] : [{ index, code: cleanCell(h) }]));
        if (codeColumns.length === 0) {
          throw new InputError("CSV_MISSING_COLUMN", "a wide coded CSV needs one column per code after transcript,turn,coder", {
            file, line, hint: "add a 0/1 column for each code, or use the long layout transcript,turn,speaker,coder,code",
          });
        }
        const empty = codeColumns.find((c) => c.code === "");
        if (empty !== undefined) {
          throw new InputError("CSV_EMPTY_CELL", `column ${empty.index + 1} has no code name in the header`, { file, line, hint: "name every code column" });
        }
      }
      return true;
    }
    if (!checkRecordWidth(fields, header.length, line, problems)) return !problems.full;
    for (const f of fields) {
      if (isFormulaCell(f.trim())) { formulaCells++; if (firstFormulaLine === 0) firstFormulaLine = line; }
    }
    const transcript = cleanCell(fields[col.transcript]);
    const coder = cleanCell(fields[col.coder]);
    const turnCell = cleanCell(fields[col.turn]);
    if (transcript === "" || coder === "") {
      problems.add("CSV_EMPTY_CELL", `the ${transcript === "" ? "transcript" : "coder"} cell is empty`, line, "every row needs a transcript and a coder");
      return !problems.full;
    }
    if (!/^[0-9]+$/.test(turnCell) || Number(turnCell) < 1 || !Number.isSafeInteger(Number(turnCell))) {
      problems.add("CSV_BAD_TURN", `turn "${turnCell}" is not a turn number (a whole number from 1)`, line, "the turn column holds the turn's number in its transcript");
      return !problems.full;
    }
    const speakerCell = col.speaker === -1 ? "" : cleanCell(fields[col.speaker]);
    const speaker = speakerCell === "" ? null : speakerCell;
    const text = col.text === -1 ? null : (fields[col.text] ?? "").replace(/\s+/gu, " ").trim();
    let codes: string[];
    if (layout === "long") {
      const code = cleanCell(fields[col.code]);
      codes = code === "" ? [] : [code];
    } else {
      codes = [];
      for (const { index, code } of codeColumns) {
        const flag = parseFlag(cleanCell(fields[index]));
        if (flag === null) {
          problems.add("CSV_BAD_FLAG", `code "${code}" has "${cleanCell(fields[index])}", not 0 or 1`, line, "code columns hold 1 (applied) or 0/empty (not applied)");
        } else if (flag) codes.push(code);
      }
    }
    table.add(transcript, Number(turnCell), speaker, text, coder, codes, line);
    return !problems.full;
  });
  problems.throwIfAny();
  if (header === null || table.size === 0) {
    throw new InputError("CODED_CSV_EMPTY", header === null ? "the file is empty" : "the table has a header but no rows", {
      file, line: header === null ? 1 : headerLine, hint: "add one row per code applied to a turn",
    });
  }
  if (formulaCells > 0) {
    fileDiagnostics.push({ severity: "warning", code: "CSV_FORMULA_CELL", file, line: firstFormulaLine,
      message: `${formulaCells} cell(s) start with =, +, - or @ and would run as formulas in a spreadsheet; read as text` });
  }
  return table.build(fileDiagnostics);
}

function parseFlag(cell: string): boolean | null {
  switch (cell.toLowerCase()) {
    case "1": case "true": case "yes": case "x": return true;
    case "0": case "": case "false": case "no": return false;
    default: return null;
  }
}

export interface WriteCodedCsvOptions {
  /** Add a `text` column with each unit's (reference) text. Off by default: spec §10 has none. */
  text?: boolean;
  /**
   * Long CSV only: also write one row with an empty `code` for each (unit, coder) that has a value
   * but no code, so that reading the file back gives every unit (spec §10 leaves turns nobody
   * coded out, and the reader then cannot know them). Off by default (spec §10).
   */
  uncodedRows?: boolean;
}

/**
 * The long CSV of Delve spec §10: UTF-8 without BOM, `\n` line ends, RFC 4180 quoting, header
 * `transcript,turn,speaker,coder,code`; one row per (unit, coder, code present), ordered by
 * transcript (input order), turn, coder input order, then code (code-point order). Turns nobody
 * coded produce no row, unless `uncodedRows`. Cells are formula-neutralised (`csvCell`); the readers undo it.
 */
export function writeLongCodedCsv(aligned: readonly AlignedTranscript[], options: WriteCodedCsvOptions = {}): string {
  const withText = options.text === true;
  let out = csvLine(withText ? ["transcript", "turn", "speaker", "coder", "code", "text"] : ["transcript", "turn", "speaker", "coder", "code"]);
  for (const transcript of aligned) {
    const units = [...transcript.units].sort((a, b) => a.turn - b.turn);
    for (const unit of units) {
      transcript.coders.forEach((coder, c) => {
        const codes = unit.codes[c];
        if (codes === null || codes === undefined) return;
        if (codes.length === 0 && options.uncodedRows === true) {
          const cells: (string | number)[] = [transcript.name, unit.turn, unit.speaker ?? "", coder, ""];
          if (withText) cells.push(unit.text);
          out += csvLine(cells);
        }
        for (const code of [...codes].sort(compareCodePoints)) {
          const cells: (string | number)[] = [transcript.name, unit.turn, unit.speaker ?? "", coder, code];
          if (withText) cells.push(unit.text);
          out += csvLine(cells);
        }
      });
    }
  }
  return out;
}

/**
 * The wide CSV: `transcript,turn,speaker,coder` (+ `text`), then one 0/1 column per code (every
 * code used anywhere, code-point order); one row per (unit, coder with a value), in the order of
 * `writeLongCodedCsv`. Unlike the long CSV it keeps turns on which a coder applied nothing.
 */
export function writeWideCodedCsv(aligned: readonly AlignedTranscript[], options: WriteCodedCsvOptions = {}): string {
  const withText = options.text === true;
  const all = new Set<string>();
  for (const t of aligned) for (const u of t.units) for (const codes of u.codes) for (const code of codes ?? []) all.add(code);
  const codes = [...all].sort(compareCodePoints);
  let out = csvLine([...(withText ? ["transcript", "turn", "speaker", "coder", "text"] : ["transcript", "turn", "speaker", "coder"]), ...codes]);
  for (const transcript of aligned) {
    const units = [...transcript.units].sort((a, b) => a.turn - b.turn);
    for (const unit of units) {
      transcript.coders.forEach((coder, c) => {
        const own = unit.codes[c];
        if (own === null || own === undefined) return;
        const cells: (string | number)[] = [transcript.name, unit.turn, unit.speaker ?? "", coder];
        if (withText) cells.push(unit.text);
        for (const code of codes) cells.push(own.includes(code) ? 1 : 0);
        out += csvLine(cells);
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection (from the header line; cheap enough to try on any file)

function headerHas(text: string, names: readonly string[]): string[] | null {
  const header = csvHeader(text);
  if (header === null) return null;
  return findColumns(header, names).every((i) => i !== -1) ? header : null;
}

/** True when the first record is a long coded-turn header (transcript, turn, coder, code). */
export function looksLikeLongCodedCsv(text: string): boolean {
  return headerHas(text, LONG_COLUMNS) !== null;
}

/** True when the first record has transcript, turn, coder, no `code` column, and at least one other column. */
export function looksLikeWideCodedCsv(text: string): boolean {
  const header = headerHas(text, WIDE_COLUMNS);
  if (header === null || findColumns(header, ["code"])[0] !== -1) return false;
  const fixed = findColumns(header, ["transcript", "turn", "coder", "speaker", "text"]).filter((i) => i !== -1).length;
  return header.length > fixed;
}

/** True when the first record has unit, coder and value columns (a long ratings table). */
export function looksLikeRatingsCsv(text: string): boolean {
  return headerHas(text, ["unit", "coder", "value"]) !== null;
}

/** True when the first record looks like a Taguette highlights export (`id,document,tag,content`). */
export function looksLikeTaguetteCsv(text: string): boolean {
  return headerHas(text, ["document", "tag", "content"]) !== null;
}

/** True when the first record is a codebook CSV header (`code` plus `parent` or `description`). */
export function looksLikeCodebookCsv(text: string): boolean {
  const header = headerHas(text, ["code"]);
  if (header === null) return false;
  const [parent, description] = findColumns(header, ["parent", "description"]);
  return parent !== -1 || description !== -1;
}
