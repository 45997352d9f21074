/**
 * The storage behind `readRatings`: units, coders and values interned once (first-appearance
 * order), ratings in one growable Int32Array per coder (value index + 1; 0 = no row; -1 = a row
 * with an empty value), so memory grows with units × coders and never with the file. Under
 * `multi` each coder-unit cell holds a list of value indexes instead.
 */
import { compareScalars } from "../model/order.js";
import type { CodedRatings, ReliabilityMatrix, SetMatrix, Value } from "../model/reliability-matrix.js";
import { compareCodePoints, isPlainNumber } from "./_csv.js";

const EMPTY = -1;

/** What `record` found: a new rating, or the line of the earlier row for the same coder and unit. */
export type RecordOutcome = { duplicateOf: number } | null;

export class RatingsStore {
  readonly units: string[] = [];
  readonly coders: string[] = [];
  readonly values: string[] = [];
  /** Non-missing ratings (multi: coder-unit cells holding a set, empty sets included). */
  ratings = 0;
  /** Multi: rows that repeated a value already in the coder's set for the unit. */
  repeatedSetValues = 0;
  /** False once a value is not a plain decimal number. */
  allNumeric = true;

  private readonly unitIndex = new Map<string, number>();
  private readonly coderIndex = new Map<string, number>();
  private readonly valueIndex = new Map<string, number>();
  private capacity = 1024;
  private readonly cells: Int32Array[] = [];
  private readonly lines: Int32Array[] = [];
  private readonly sets: (number[] | undefined)[][] = [];
  private lastUnitId = "";
  private lastUnit = -1;

  /** `onNewValue` sees each distinct value once, with the line where it first appears. */
  constructor(private readonly multi: boolean, private readonly onNewValue: (value: string, numeric: boolean, line: number) => void) {}

  unitOf(id: string): number {
    // Long tables are usually grouped by unit: skip the hash lookup for a repeat of the last unit.
    if (id === this.lastUnitId && this.lastUnit !== -1) return this.lastUnit;
    let u = this.unitIndex.get(id);
    if (u === undefined) {
      u = this.units.length;
      this.unitIndex.set(id, u);
      this.units.push(id);
      if (u >= this.capacity) this.grow();
    }
    this.lastUnitId = id;
    this.lastUnit = u;
    return u;
  }

  coderOf(name: string): number {
    let c = smallIndexOf(this.coders, name) ?? this.coderIndex.get(name);
    if (c === undefined) {
      c = this.coders.length;
      this.coderIndex.set(name, c);
      this.coders.push(name);
      if (this.multi) this.sets.push([]);
      else {
        this.cells.push(new Int32Array(this.capacity));
        this.lines.push(new Int32Array(this.capacity));
      }
    }
    return c;
  }

  /** Record one row; an empty `value` is a missing rating (multi: the empty set). */
  record(u: number, c: number, value: string, line: number): RecordOutcome {
    if (this.multi) {
      const coderSets = this.sets[c]!;
      let set = coderSets[u];
      if (set === undefined) { set = []; coderSets[u] = set; this.ratings++; }
      if (value === "") return null;
      const k = this.valueOf(value, line);
      if (set.includes(k)) this.repeatedSetValues++;
      else set.push(k);
      return null;
    }
    const cell = this.cells[c]!;
    if (cell[u] !== 0) return { duplicateOf: this.lines[c]![u]! };
    this.lines[c]![u] = line;
    if (value === "") { cell[u] = EMPTY; return null; }
    cell[u] = this.valueOf(value, line) + 1;
    this.ratings++;
    return null;
  }

  /** The coders × units matrix; values are numbers when every value is a plain number. */
  matrix(): ReliabilityMatrix {
    const numeric = this.allNumeric && this.values.length > 0;
    const interned: (string | number)[] = numeric ? this.values.map(Number) : this.values;
    const nUnits = this.units.length;
    const values = this.cells.map((cell) => {
      const row = new Array<string | number | null>(nUnits);
      for (let u = 0; u < nUnits; u++) {
        const k = cell[u]!;
        row[u] = k > 0 ? interned[k - 1]! : null;
      }
      return row;
    });
    return { coders: this.coders, units: this.units, values };
  }

  /**
   * The same ratings integer-coded for `krippendorffAlphaCoded`, straight from the per-coder
   * arrays: the values `matrix()` would hold, distinct and in canonical order (two spellings of
   * one number, `3` and `3.0`, share a code), -1 for a missing rating, unit-major.
   */
  coded(): CodedRatings {
    const numeric = this.allNumeric && this.values.length > 0;
    const interned: Value[] = numeric ? this.values.map(Number) : this.values;
    const labels = [...new Set(interned)].sort(compareScalars);
    const codeOf = new Map<Value, number>(labels.map((v, i) => [v, i]));
    const recode = Int32Array.from(interned, (v) => codeOf.get(v)!);
    const nUnits = this.units.length;
    const nCoders = this.cells.length;
    const codes = new Int32Array(nUnits * nCoders);
    for (let c = 0; c < nCoders; c++) {
      const cell = this.cells[c]!;
      for (let u = 0, i = c; u < nUnits; u++, i += nCoders) {
        const k = cell[u]!;
        codes[i] = k > 0 ? recode[k - 1]! : -1;
      }
    }
    return { codes, unitCount: nUnits, coderCount: nCoders, values: labels, coders: this.coders, units: this.units };
  }

  /** The set-valued matrix (multi): each set sorted by code point. */
  setMatrix(): SetMatrix {
    const nUnits = this.units.length;
    const values = this.sets.map((coderSets) => {
      const row = new Array<readonly string[] | null>(nUnits);
      for (let u = 0; u < nUnits; u++) {
        const set = coderSets[u];
        row[u] = set === undefined ? null : set.map((k) => this.values[k]!).sort(compareCodePoints);
      }
      return row;
    });
    return { coders: this.coders, units: this.units, values };
  }

  private valueOf(v: string, line: number): number {
    let k = smallIndexOf(this.values, v) ?? this.valueIndex.get(v);
    if (k === undefined) {
      k = this.values.length;
      this.valueIndex.set(v, k);
      this.values.push(v);
      const numeric = isPlainNumber(v);
      if (!numeric) this.allNumeric = false;
      this.onNewValue(v, numeric, line);
    }
    return k;
  }

  private grow(): void {
    this.capacity *= 2;
    for (let c = 0; c < this.cells.length; c++) {
      const cell = new Int32Array(this.capacity);
      cell.set(this.cells[c]!);
      this.cells[c] = cell;
      const line = new Int32Array(this.capacity);
      line.set(this.lines[c]!);
      this.lines[c] = line;
    }
  }
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
