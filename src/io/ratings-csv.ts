/**
 * The input of `intercoder agree`: a table of ratings, read into a coders × units
 * `ReliabilityMatrix`.
 *
 * - **Long** (one row per rating): columns `unit,coder,value` (other names via `columns`). A
 *   missing rating is an absent row or an empty `value` cell.
 * - **Wide** (one row per unit): the first column holds the unit id, every other column is a
 *   coder (its header is the coder's name), an empty cell is a missing rating.
 * - **multi** (long only): a coder may give a unit several values, one row each; the unit's value
 *   is their set (sorted by code point, duplicates dropped with a warning). A row with an empty
 *   value records the empty set (the coder saw the unit and gave it nothing).
 *
 * The format is the long one when `format` says so, when `columns` is given, or when the header
 * has `unit`, `coder` and `value` columns; otherwise wide (with a warning that says how the file
 * was read). Cells are trimmed; a leading `'` put before `=`, `+`, `-`, `@` by intercoder's CSV
 * writers is removed. Units and coders keep the order in which they first appear. Values become
 * numbers when every non-missing value is a plain decimal number (`3`, `-0.5`, `1e3`), else all
 * stay strings (set members always stay strings).
 *
 * Built for 10^7-row files: the file is streamed in 64 KiB chunks, unit, coder and value strings
 * are interned once in Maps, and ratings go into one growable Int32Array per coder, so memory
 * grows with units × coders, never with the file size. With `coded: true` those arrays are also
 * handed over integer-coded (`coded`, for `krippendorffAlphaCoded`), and the JS-array matrix is
 * only built if `matrix` is read.
 */
import { InputError, UsageError } from "../model/errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodedRatings, Level, ReliabilityMatrix, SetMatrix } from "../model/reliability-matrix.js";
import { checkRecordWidth, cleanCell, findColumns, forEachCsvRecord, isFormulaCell, ProblemList, requireColumns } from "./_csv.js";
import { RatingsStore } from "./_ratings-store.js";
import type { CsvSource } from "./_csv.js";

/** Values other tools write for "no rating" (R's NA, SPSS's ".", ...): read as values, with a warning. */
const MISSING_MARKERS = new Set(["NA", "N/A", "NAN", "NULL", "NONE", ".", "-", "?", "#N/A"]);

export interface RatingsOptions {
  /** The path as the user gave it (for messages). */
  file: string;
  /** Force the layout; detected from the header when absent. */
  format?: "long" | "wide";
  /** Long format column names for unit, coder and value (default `unit,coder,value`). */
  columns?: readonly [string, string, string];
  /** A coder may give a unit several values (long format only). */
  multi?: boolean;
  /** Measurement level: interval and ratio require every value to be a number. */
  level?: Level;
  /**
   * Also return the ratings integer-coded (`coded`, for `krippendorffAlphaCoded`), built from
   * the reader's typed arrays; `matrix` is then only built when first read. Ignored under `multi`.
   */
  coded?: boolean;
}

interface RatingsBase {
  /** True when every non-missing value is a plain number (matrix values are then numbers). */
  numeric: boolean;
  format: "long" | "wide";
  /** Non-missing ratings read (for multi: coder-unit cells holding a set, empty sets included). */
  ratings: number;
  diagnostics: Diagnostic[];
}

export interface Ratings extends RatingsBase {
  multi: false;
  matrix: ReliabilityMatrix;
  /** With `coded: true`: the ratings integer-coded, unit-major, -1 for missing. */
  coded?: CodedRatings;
}

export interface SetRatings extends RatingsBase {
  multi: true;
  matrix: SetMatrix;
}

/**
 * Read a ratings table from bytes or from a file path (streamed). Throws `InputError`:
 * `CSV_MISSING_COLUMN` (names the columns that exist), `RATINGS_DUPLICATE` (a coder rates a unit
 * twice without `multi`; both lines), `RATINGS_NOT_NUMERIC` (interval/ratio level),
 * `RATINGS_EMPTY`, `CSV_EMPTY_CELL` (no unit or coder id), `CSV_TOO_MANY_CELLS` (a row wider
 * than the header: an unquoted `3,5`), `CSV_DUPLICATE_COLUMN` (wide), `CSV_MALFORMED`, `NOT_UTF8`,
 * `FILE_UNREADABLE`; `UsageError` `RATINGS_MULTI_WIDE` when `multi` meets a wide table. Warnings
 * (in `diagnostics`): `RATINGS_FORMAT_GUESSED`, `RATINGS_MISSING_MARKER` (`NA` read as a value),
 * `RATINGS_DUPLICATE_VALUE` (multi), `CSV_SHORT_ROW`, `CSV_REPEATED_HEADER`, `CSV_FORMULA_CELL`.
 *
 * @example
 * readRatings(Buffer.from("unit,coder,value\n1,A,3\n1,B,4\n2,A,1\n"), { file: "r.csv" }).matrix
 * // => { coders: ["A", "B"], units: ["1", "2"], values: [[3, 1], [4, null]] }
 */
export function readRatings(source: CsvSource, options: RatingsOptions & { multi: true }): SetRatings;
export function readRatings(source: CsvSource, options: RatingsOptions & { multi?: false }): Ratings;
export function readRatings(source: CsvSource, options: RatingsOptions): Ratings | SetRatings;
export function readRatings(source: CsvSource, options: RatingsOptions): Ratings | SetRatings {
  const file = options.file;
  const multi = options.multi === true;
  const needsNumbers = options.level === "interval" || options.level === "ratio";
  const problems = new ProblemList(file);
  const diagnostics: Diagnostic[] = [];

  let guessNote = ""; // appended to hints when the wide layout was guessed, the likeliest misreading
  const store = new RatingsStore(multi, (value, numeric, line) => {
    if (numeric) return;
    const marker = MISSING_MARKERS.has(value.toUpperCase());
    if (marker && !needsNumbers) {
      diagnostics.push({ severity: "warning", code: "RATINGS_MISSING_MARKER", file, line,
        message: `value "${value}" looks like a missing-value marker but is read as a category; leave the cell empty for a missing rating` });
    }
    if (!needsNumbers) return;
    const comma = /^[+-]?\d+,\d+$/.test(value);
    const hint = comma ? "use a point as the decimal separator (3.5, not 3,5)"
      : marker ? "leave the cell empty (or drop the row) for a missing rating"
        : "use --level nominal or ordinal for categories, or fix the value";
    problems.add("RATINGS_NOT_NUMERIC", `value "${value}" is not a number, but the level is ${options.level}`, line, hint + guessNote);
  });

  let headerLine = 0;
  let headerWidth = 0;
  let shortRows = 0;
  let repeatedHeaders = 0;
  let firstRepeatedHeader = 0;
  let firstShortLine = 0;
  let format: "long" | "wide" = "long";
  let cols: number[] = [];
  let wideCoders: number[] = []; // wide: coder index per column (or -1 for an unnamed column)
  const wideUnitLine = new Map<number, number>();
  let headerCells: string[] = [];
  let formulaCells = 0;
  let firstFormulaLine = 0;

  const record = (u: number, c: number, value: string, line: number): void => {
    const outcome = store.record(u, c, value, line);
    if (outcome !== null) {
      problems.add("RATINGS_DUPLICATE", `coder "${store.coders[c]}" rates unit "${store.units[u]}" twice (lines ${outcome.duplicateOf} and ${line})`, line,
        "keep one row per unit and coder, or pass --multi if a coder may give a unit several values");
    }
  };

  const onHeader = (header: string[], line: number): void => {
    headerLine = line;
    headerWidth = header.length;
    headerCells = header;
    const wanted = options.columns ?? ["unit", "coder", "value"];
    const found = findColumns(header, wanted);
    const isLong = options.format === "long" || (options.format === undefined && (options.columns !== undefined || found.every((i) => i !== -1)));
    if (isLong) {
      requireColumns(header, wanted, found, file, line, options.columns ? "check --columns unit,coder,value against the header" :
        "name the columns unit,coder,value, pass --columns with their names, or use --format wide for one row per unit");
      cols = found;
      format = "long";
      return;
    }
    format = "wide";
    if (multi) {
      throw new UsageError("RATINGS_MULTI_WIDE", "--multi needs a long table (one row per rating), but the file is read as wide", {
        file, line, hint: "give the file columns unit,coder,value (or name them with --columns)",
      });
    }
    if (header.length < 2) {
      throw new InputError("CSV_MISSING_COLUMN", `a wide table needs a unit column and one column per coder; the columns are ${header.map((h) => `"${h}"`).join(", ")}`, {
        file, line, hint: "for one row per rating, name the columns unit,coder,value",
      });
    }
    const seen = new Map<string, number>();
    wideCoders = header.slice(1).map((name, i) => {
      if (name === "") return -1;
      const before = seen.get(name);
      if (before !== undefined) {
        throw new InputError("CSV_DUPLICATE_COLUMN", `coder column "${name}" appears twice (columns ${before + 2} and ${i + 2})`, {
          file, line, hint: "give each coder's column a different name",
        });
      }
      seen.set(name, i);
      return store.coderOf(name);
    });
    if (options.format === undefined) {
      guessNote = `; the file was read as wide (one row per unit) because it has no unit,coder,value columns: for one row per rating pass --format long --columns ${header.slice(0, 3).join(",")}`;
      diagnostics.push({
        severity: "warning", code: "RATINGS_FORMAT_GUESSED", file, line,
        message: `no unit,coder,value columns: read as a wide table (units in column "${header[0]}", coders ${header.slice(1).map((h) => `"${h}"`).join(", ")})`,
      });
    }
  };

  const onRow = (fields: string[], line: number): void => {
    if (fields.length !== headerWidth) {
      if (fields.length > headerWidth && !checkRecordWidth(fields, headerWidth, line, problems)) return;
      if (fields.length < headerWidth) { shortRows++; if (firstShortLine === 0) firstShortLine = line; }
    }
    if (format === "long") {
      const unit = cell(fields, cols[0]!);
      const coder = cell(fields, cols[1]!);
      const value = cell(fields, cols[2]!);
      if (unit === headerCells[cols[0]!] && coder === headerCells[cols[1]!] && value === headerCells[cols[2]!]) {
        repeatedHeaders++;
        if (firstRepeatedHeader === 0) firstRepeatedHeader = line;
        return;
      }
      if (unit === "" || coder === "") {
        problems.add("CSV_EMPTY_CELL", `the ${unit === "" ? "unit" : "coder"} cell is empty`, line, "every rating needs a unit and a coder");
        return;
      }
      record(store.unitOf(unit), store.coderOf(coder), value, line);
      return;
    }
    const unit = cell(fields, 0);
    if (unit === "") {
      problems.add("CSV_EMPTY_CELL", "the unit cell (first column) is empty", line, "every row needs a unit id in its first column");
      return;
    }
    const u = store.unitOf(unit);
    const before = wideUnitLine.get(u);
    if (before !== undefined) {
      problems.add("RATINGS_DUPLICATE", `unit "${unit}" has two rows (lines ${before} and ${line})`, line, "a wide table has one row per unit; merge the rows" + guessNote);
      return;
    }
    wideUnitLine.set(u, line);
    for (let i = 0; i < wideCoders.length; i++) {
      const value = cell(fields, i + 1);
      if (value === "") continue;
      const c = wideCoders[i]!;
      if (c === -1) {
        problems.add("CSV_EMPTY_CELL", `column ${i + 2} has a value but no coder name in the header`, line, "name the column in the header row");
        continue;
      }
      record(u, c, value, line);
    }
  };

  forEachCsvRecord(source, file, (fields, line) => {
    if (headerLine === 0) onHeader(fields.map((f) => f.trim()), line);
    else {
      for (const f of fields) {
        if (isFormulaCell(f.trim())) { formulaCells++; if (firstFormulaLine === 0) firstFormulaLine = line; }
      }
      onRow(fields, line);
    }
    return !problems.full;
  });
  problems.throwIfAny();

  if (headerLine === 0) {
    throw new InputError("RATINGS_EMPTY", "the file is empty", { file, line: 1, hint: "a ratings table needs a header (unit,coder,value) and one row per rating" });
  }
  if (store.ratings === 0) {
    throw new InputError("RATINGS_EMPTY", store.units.length === 0 ? "the table has a header but no rows" : "the table has no ratings (every value is empty)", {
      file, line: headerLine, hint: "add one row per rating under the header",
    });
  }
  if (formulaCells > 0) {
    diagnostics.push({
      severity: "warning", code: "CSV_FORMULA_CELL", file, line: firstFormulaLine,
      message: `${formulaCells} cell(s) start with =, +, - or @ and would run as formulas in a spreadsheet; read as text, never evaluated`,
    });
  }
  if (repeatedHeaders > 0) {
    diagnostics.push({
      severity: "warning", code: "CSV_REPEATED_HEADER", file, line: firstRepeatedHeader,
      message: `${repeatedHeaders} row(s) repeat the header (files joined together?); skipped`,
    });
  }
  if (shortRows > 0) {
    diagnostics.push({
      severity: "warning", code: "CSV_SHORT_ROW", file, line: firstShortLine,
      message: `${shortRows} row(s) have fewer cells than the header; the missing cells are read as empty (missing ratings)`,
    });
  }
  if (store.repeatedSetValues > 0) {
    diagnostics.push({
      severity: "warning", code: "RATINGS_DUPLICATE_VALUE", file,
      message: `${store.repeatedSetValues} row(s) repeat a value a coder already gave the same unit; each value counts once in the set`,
    });
  }

  const numeric = store.allNumeric && store.values.length > 0;
  const ratings = store.ratings;
  if (multi) return { multi: true, matrix: store.setMatrix(), numeric, format, ratings, diagnostics };
  if (options.coded !== true) return { multi: false, matrix: store.matrix(), numeric, format, ratings, diagnostics };
  // A table read for the coded route need never hold a JS array per coder: build one on demand.
  let matrix: ReliabilityMatrix | undefined;
  return {
    multi: false,
    get matrix(): ReliabilityMatrix {
      return (matrix ??= store.matrix());
    },
    coded: store.coded(), numeric, format, ratings, diagnostics,
  };
}

/** A trimmed cell with intercoder's formula guard removed; "" when the row is short. */
function cell(fields: readonly string[], i: number): string {
  return cleanCell(fields[i]);
}
