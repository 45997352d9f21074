/**
 * A code's presence matrix kept compactly for the report's later stages (typed arrays, not JS
 * arrays of numbers, so that holding every code's costs little memory and no garbage-collector
 * copying), and nominal alpha of its parts (a transcript's units, all coders but one) from its
 * per-unit tallies without building the part's matrix: the same result as
 * `krippendorffAlpha(part, { level: "nominal" })`, whose 0/1 route works from those tallies too.
 */
import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { binaryAlphaOfTallies, type OnePassOptions } from "../metrics/_alpha-one-pass.js";
import { krippendorffAlpha } from "../metrics/krippendorff-alpha.js";

/** Per unit: ratings and 1s. */
export interface PresenceTallies {
  ratings: Uint8Array;
  ones: Uint8Array;
}

export interface CompactPresence {
  /** `cells[c][u]`: 1 applied, 0 not applied, 2 no value. */
  cells: Uint8Array[];
  /** Null when the matrix holds another value than 0, 1 or null, or has more than 31 coders. */
  tallies: PresenceTallies | null;
  /** The matrix itself, built again (for the general route only). */
  matrix: () => ReliabilityMatrix<number>;
}

const MISSING = 2;

/** `m` compactly; `rebuild` gives `m` again when needed. */
export function compactPresence(m: ReliabilityMatrix<number>, rebuild: () => ReliabilityMatrix<number>): CompactPresence {
  const unitCount = m.units.length;
  const ratings = new Uint8Array(unitCount), ones = new Uint8Array(unitCount);
  let binary = m.values.length <= 31;
  const cells = m.values.map((row) => {
    const out = new Uint8Array(unitCount).fill(MISSING);
    if (row.length !== unitCount) binary = false;
    for (let u = 0; u < unitCount && binary; u++) {
      const v = row[u];
      if (v === 1) { out[u] = 1; ratings[u]!++; ones[u]!++; }
      else if (v === 0) { out[u] = 0; ratings[u]!++; }
      else if (v !== null && v !== undefined) binary = false;
    }
    return out;
  });
  return { cells, tallies: binary ? { ratings, ones } : null, matrix: rebuild };
}

const options = (standardError: boolean): OnePassOptions => ({ level: "nominal", coefficient: "alphaNominal", reportedLevel: "nominal", standardError });

/** Alpha of the units `from .. to − 1` (named `ids`) of the matrix, all its coders (named `coders`). */
export function alphaOfUnits(p: CompactPresence, coders: readonly string[], from: number, to: number, ids: readonly string[], standardError: boolean): MetricResult {
  const part = () => ({ coders, units: ids, values: p.matrix().values.map((row) => row.slice(from, to)) });
  const count = p.cells.length;
  if (p.tallies === null || count < 2) return krippendorffAlpha(part(), { level: "nominal", standardError });
  const { ratings, ones } = p.tallies;
  let seen = 0;
  p.cells.forEach((row, c) => {
    for (let u = from; u < to; u++) {
      if (row[u] !== MISSING && ratings[u]! >= 2) { seen |= 1 << c; break; }
    }
  });
  return binaryAlphaOfTallies(ratings, ones, from, to, count, seen, options(standardError))
    ?? krippendorffAlpha(part(), { level: "nominal", standardError });
}

/** Alpha of the matrix without coder `k` (its other rows), as `rest` names them. */
export function alphaWithoutCoder(p: CompactPresence, k: number, rest: readonly string[], standardError: boolean): MetricResult {
  const part = () => {
    const m = p.matrix();
    return { coders: rest, units: m.units, values: m.values.filter((_, c) => c !== k) };
  };
  const count = p.cells.length - 1;
  if (p.tallies === null || count < 2) return krippendorffAlpha(part(), { level: "nominal", standardError });
  const row = p.cells[k]!;
  const unitCount = row.length;
  const ratings = new Uint8Array(unitCount), ones = new Uint8Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const v = row[u]!;
    ratings[u] = p.tallies.ratings[u]! - (v === MISSING ? 0 : 1);
    ones[u] = p.tallies.ones[u]! - (v === 1 ? 1 : 0);
  }
  let seen = 0;
  for (let c = 0, j = 0; c < p.cells.length; c++) {
    if (c === k) continue;
    const other = p.cells[c]!;
    for (let u = 0; u < unitCount; u++) {
      if (other[u] !== MISSING && ratings[u]! >= 2) { seen |= 1 << j; break; }
    }
    j++;
  }
  return binaryAlphaOfTallies(ratings, ones, 0, unitCount, count, seen, options(standardError))
    ?? krippendorffAlpha(part(), { level: "nominal", standardError });
}
