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
 * grows with units × coders, never with the file size.
 */
import { InputError, UsageError } from "../model/errors.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { Level, ReliabilityMatrix, SetMatrix } from "../model/reliability-matrix.js";
import { checkRecordWidth, cleanCell, findColumns, forEachCsvRecord, isPlainNumber, ProblemList, requireColumns, compareCodePoints } from "./_csv.js";
import type { CsvSource } from "./_csv.js";

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
}

export interface SetRatings extends RatingsBase {
  multi: true;
  matrix: SetMatrix;
}

/** Cell states in the per-coder arrays: 0 = no row, -1 = row with an empty value, k > 0 = value k-1. */
const EMPTY = -1;

/**
 * Read a ratings table from bytes or from a file path (streamed). Throws `InputError`:
 * `CSV_MISSING_COLUMN` (names the columns that exist), `RATINGS_DUPLICATE` (a coder rates a unit
 * twice without `multi`; both lines), `RATINGS_NOT_NUMERIC` (interval/ratio level),
 * `RATINGS_EMPTY`, `CSV_EMPTY_CELL` (no unit or coder id), `CSV_MALFORMED`, `NOT_UTF8`;
 * `UsageError` `RATINGS_MULTI_WIDE` when `multi` meets a wide table.
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

  const unitIndex = new Map<string, number>();
  const units: string[] = [];
  const coderIndex = new Map<string, number>();
  const coders: string[] = [];
  const valueIndex = new Map<string, number>();
  const values: string[] = [];
  let allNumeric = true;
  let capacity = 1024;
  const cells: Int32Array[] = []; // cells[coder][unit]: state (see EMPTY)
  const lines: Int32Array[] = []; // lines[coder][unit]: line of the row that set the cell
  const sets: (number[] | undefined)[][] = []; // multi: sets[coder][unit]
  let ratings = 0;
  let duplicatesInSets = 0;

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
  let guessNote = ""; // appended to hints when the wide layout was guessed, the likeliest misreading
  let headerCells: string[] = [];

  let lastUnitId = "";
  let lastUnit = -1;
  const unitOf = (id: string): number => {
    // Long tables are usually grouped by unit: skip the hash lookup for a repeat of the last unit.
    if (id === lastUnitId && lastUnit !== -1) return lastUnit;
    let u = unitIndex.get(id);
    if (u === undefined) {
      u = units.length;
      unitIndex.set(id, u);
      units.push(id);
      if (u >= capacity) grow();
    }
    lastUnitId = id;
    lastUnit = u;
    return u;
  };
  const grow = (): void => {
    capacity *= 2;
    for (let c = 0; c < cells.length; c++) {
      const cell = new Int32Array(capacity);
      cell.set(cells[c]!);
      cells[c] = cell;
      const line = new Int32Array(capacity);
      line.set(lines[c]!);
      lines[c] = line;
    }
  };
  const coderOf = (name: string): number => {
    let c = smallIndexOf(coders, name) ?? coderIndex.get(name);
    if (c === undefined) {
      c = coders.length;
      coderIndex.set(name, c);
      coders.push(name);
      cells.push(new Int32Array(capacity));
      lines.push(new Int32Array(capacity));
      sets.push([]);
    }
    return c;
  };
  const valueOf = (v: string, line: number): number => {
    let k = smallIndexOf(values, v) ?? valueIndex.get(v);
    if (k === undefined) {
      k = values.length;
      valueIndex.set(v, k);
      values.push(v);
      if (!isPlainNumber(v)) {
        allNumeric = false;
        if (needsNumbers) {
          const comma = /^[+-]?\d+,\d+$/.test(v);
          problems.add("RATINGS_NOT_NUMERIC", `value "${v}" is not a number, but the level is ${options.level}`,
            line, (comma ? "use a point as the decimal separator (3.5, not 3,5)" : "use --level nominal or ordinal for categories, or fix the value") + guessNote);
        }
      }
    }
    return k;
  };
  const record = (u: number, c: number, value: string, line: number): void => {
    if (multi) {
      const coderSets = sets[c]!;
      let set = coderSets[u];
      if (set === undefined) { set = []; coderSets[u] = set; ratings++; }
      if (value === "") return;
      const k = valueOf(value, line);
      if (set.includes(k)) duplicatesInSets++;
      else set.push(k);
      return;
    }
    const cell = cells[c]!;
    if (cell[u] !== 0) {
      problems.add("RATINGS_DUPLICATE", `coder "${coders[c]}" rates unit "${units[u]}" twice (lines ${lines[c]![u]} and ${line})`, line,
        "keep one row per unit and coder, or pass --multi if a coder may give a unit several values");
      return;
    }
    lines[c]![u] = line;
    if (value === "") { cell[u] = EMPTY; return; }
    cell[u] = valueOf(value, line) + 1;
    ratings++;
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
      return coderOf(name);
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
      record(unitOf(unit), coderOf(coder), value, line);
      return;
    }
    const unit = cell(fields, 0);
    if (unit === "") {
      problems.add("CSV_EMPTY_CELL", "the unit cell (first column) is empty", line, "every row needs a unit id in its first column");
      return;
    }
    const u = unitOf(unit);
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
    else onRow(fields, line);
    return !problems.full;
  });
  problems.throwIfAny();

  if (headerLine === 0) {
    throw new InputError("RATINGS_EMPTY", "the file is empty", { file, line: 1, hint: "a ratings table needs a header (unit,coder,value) and one row per rating" });
  }
  if (ratings === 0) {
    throw new InputError("RATINGS_EMPTY", units.length === 0 ? "the table has a header but no rows" : "the table has no ratings (every value is empty)", {
      file, line: headerLine, hint: "add one row per rating under the header",
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
  if (duplicatesInSets > 0) {
    diagnostics.push({
      severity: "warning", code: "RATINGS_DUPLICATE_VALUE", file,
      message: `${duplicatesInSets} row(s) repeat a value a coder already gave the same unit; each value counts once in the set`,
    });
  }

  const numeric = allNumeric && values.length > 0;
  const nUnits = units.length;
  if (multi) {
    const matrixValues = coders.map((_, c) => {
      const row: (readonly string[] | null)[] = new Array<readonly string[] | null>(nUnits);
      const coderSets = sets[c]!;
      for (let u = 0; u < nUnits; u++) {
        const set = coderSets[u];
        row[u] = set === undefined ? null : set.map((k) => values[k]!).sort(compareCodePoints);
      }
      return row;
    });
    return { multi: true, matrix: { coders, units, values: matrixValues }, numeric, format, ratings, diagnostics };
  }
  const interned: (string | number)[] = numeric ? values.map(Number) : values;
  const matrixValues = coders.map((_, c) => {
    const row: (string | number | null)[] = new Array<string | number | null>(nUnits);
    const cell = cells[c]!;
    for (let u = 0; u < nUnits; u++) {
      const k = cell[u]!;
      row[u] = k > 0 ? interned[k - 1]! : null;
    }
    return row;
  });
  return { multi: false, matrix: { coders, units, values: matrixValues }, numeric, format, ratings, diagnostics };
}

/**
 * Index of `s` in a short list by direct comparison, or undefined when the list is long (then
 * the caller's Map decides). Strings fresh from the parser have no cached hash, so for the usual
 * handful of coders and values a few comparisons beat a hash lookup per row.
 */
function smallIndexOf(list: readonly string[], s: string): number | undefined {
  if (list.length > 12) return undefined;
  for (let i = 0; i < list.length; i++) if (list[i] === s) return i;
  return undefined;
}

/** A trimmed cell with intercoder's formula guard removed; "" when the row is short. */
function cell(fields: readonly string[], i: number): string {
  return cleanCell(fields[i]);
}
