/**
 * Nominal alpha of parts of a presence matrix (a transcript's units, all coders but one) from the
 * whole matrix's per-unit tallies, without building the part's matrix: the same result as
 * `krippendorffAlpha(part, { level: "nominal" })`, whose 0/1 route works from those tallies too.
 */
import type { MetricResult, ReliabilityMatrix } from "../model/reliability-matrix.js";
import { binaryAlphaOfTallies, type OnePassOptions } from "../metrics/_alpha-one-pass.js";
import { krippendorffAlpha } from "../metrics/krippendorff-alpha.js";

/** Per unit: ratings and 1s; null when the matrix holds another value than 0, 1 or null. */
export interface PresenceTallies {
  ratings: Uint8Array;
  ones: Uint8Array;
}

export function presenceTallies(m: ReliabilityMatrix<number>): PresenceTallies | null {
  const unitCount = m.units.length;
  if (m.values.length > 31) return null;
  const ratings = new Uint8Array(unitCount), ones = new Uint8Array(unitCount);
  for (const row of m.values) {
    if (row.length !== unitCount) return null;
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      if (v === 1) { ratings[u]!++; ones[u]!++; }
      else if (v === 0) ratings[u]!++;
      else if (v !== null && v !== undefined) return null;
    }
  }
  return { ratings, ones };
}

const options = (standardError: boolean): OnePassOptions => ({ level: "nominal", coefficient: "alphaNominal", reportedLevel: "nominal", standardError });

/** Alpha of the units `from .. to − 1` of `m` (all its coders). */
export function alphaOfUnits(m: ReliabilityMatrix<number>, tallies: PresenceTallies | null, from: number, to: number, ids: string[], standardError: boolean): MetricResult {
  const coders = m.values.length;
  const part = () => ({ coders: m.coders, units: ids, values: m.values.map((row) => row.slice(from, to)) });
  if (tallies === null || coders < 2) return krippendorffAlpha(part(), { level: "nominal", standardError });
  let seen = 0;
  m.values.forEach((row, c) => {
    for (let u = from; u < to; u++) {
      if (row[u] !== null && row[u] !== undefined && tallies.ratings[u]! >= 2) { seen |= 1 << c; break; }
    }
  });
  return binaryAlphaOfTallies(tallies.ratings, tallies.ones, from, to, coders, seen, options(standardError))
    ?? krippendorffAlpha(part(), { level: "nominal", standardError });
}

/** Alpha of `m` without coder `k` (its other rows), as `rest` names them. */
export function alphaWithoutCoder(m: ReliabilityMatrix<number>, tallies: PresenceTallies | null, k: number, rest: readonly string[], standardError: boolean): MetricResult {
  const part = () => ({ coders: rest, units: m.units, values: m.values.filter((_, c) => c !== k) });
  const coders = m.values.length - 1;
  if (tallies === null || coders < 2) return krippendorffAlpha(part(), { level: "nominal", standardError });
  const unitCount = m.units.length;
  const row = m.values[k]!;
  const ratings = new Uint8Array(unitCount), ones = new Uint8Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const v = row[u];
    ratings[u] = tallies.ratings[u]! - (v === null || v === undefined ? 0 : 1);
    ones[u] = tallies.ones[u]! - (v === 1 ? 1 : 0);
  }
  let seen = 0;
  for (let c = 0, j = 0; c < m.values.length; c++) {
    if (c === k) continue;
    const other = m.values[c]!;
    for (let u = 0; u < unitCount; u++) {
      if (other[u] !== null && other[u] !== undefined && ratings[u]! >= 2) { seen |= 1 << j; break; }
    }
    j++;
  }
  return binaryAlphaOfTallies(ratings, ones, 0, unitCount, coders, seen, options(standardError))
    ?? krippendorffAlpha(part(), { level: "nominal", standardError });
}
