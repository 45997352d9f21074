/**
 * The shared first stage of every alpha: integer-code the values once, then build
 * Krippendorff's value-by-value coincidence matrix in one pass over the ratings.
 *
 * Layout: `codes[u * coderCount + c]` is the code of coder c's value for unit u, or -1 when
 * missing, so one unit's ratings are contiguous. Memory is one Int32Array of units × coders
 * plus values² numbers for the matrix; nothing grows with units × values².
 *
 * Reference: Krippendorff, K. (2011) *Computing Krippendorff's Alpha-Reliability*, Annenberg
 * School for Communication Departmental Papers 43, section C (coincidence matrix, p. 8).
 */
import type { ReliabilityMatrix } from "../model/reliability-matrix.js";

export interface CodedMatrix<V> {
  /** Unit-major codes: `codes[u * coderCount + c]`, -1 for a missing rating. */
  codes: Int32Array;
  unitCount: number;
  coderCount: number;
  /** The distinct values; a value's code is its index here. */
  values: V[];
}

export interface Coincidences {
  /** Number of distinct values V. */
  valueCount: number;
  /** o[c * V + k]: coincidences of values c and k (each within-unit pair weighted 1/(m_u − 1)). */
  matrix: Float64Array;
  /** n_c: how many pairable values equal c (the row sums of the matrix, kept as exact counts). */
  marginals: Float64Array;
  /** n..: the number of pairable values (values in units with ≥ 2 ratings). */
  pairable: number;
  /** Units with ≥ 2 ratings. */
  pairableUnits: number;
  /** Coders with at least one pairable value. */
  pairableCoders: number;
}

/**
 * Integer-code a coders × units matrix. `keyOf` maps a value to the key that decides equality
 * (the value itself for scalars, a canonical string for sets); `compare` orders the distinct
 * values so that codes do not depend on the order in which values first appear.
 * @throws RangeError when the rows do not all have one entry per unit.
 */
export function encodeMatrix<V>(
  m: ReliabilityMatrix<V>,
  keyOf: (value: V) => unknown,
  compare: (a: V, b: V) => number,
): CodedMatrix<V> {
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  if (m.values.length !== coderCount) {
    throw new RangeError(`values has ${m.values.length} rows but there are ${coderCount} coders`);
  }
  const codes = new Int32Array(unitCount * coderCount).fill(-1);
  const index = new Map<unknown, number>();
  const firstSeen: V[] = [];
  for (let c = 0; c < coderCount; c++) {
    const row = m.values[c] as readonly (V | null)[];
    if (row.length !== unitCount) {
      throw new RangeError(`coder "${m.coders[c]}" has ${row.length} values for ${unitCount} units`);
    }
    for (let u = 0; u < unitCount; u++) {
      const value = row[u];
      if (value === null || value === undefined) continue;
      const key = keyOf(value);
      let code = index.get(key);
      if (code === undefined) {
        code = firstSeen.length;
        index.set(key, code);
        firstSeen.push(value);
      }
      codes[u * coderCount + c] = code;
    }
  }
  // Re-code in canonical value order, so results do not depend on where a value first occurs.
  const order = firstSeen.map((_, i) => i).sort((a, b) => compare(firstSeen[a] as V, firstSeen[b] as V));
  const recode = new Int32Array(order.length);
  order.forEach((oldCode, newCode) => (recode[oldCode] = newCode));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code >= 0) codes[i] = recode[code] as number;
  }
  return { codes, unitCount, coderCount, values: order.map((i) => firstSeen[i] as V) };
}

/**
 * Build the coincidence matrix in one pass over the units. A unit with m_u ≥ 2 ratings has
 * m_u(m_u − 1) ordered pairs of values; each is weighted 1/(m_u − 1) so that every pairable
 * value contributes exactly 1 to its row, whatever the number of coders who rated its unit.
 */
export function coincidenceMatrix(coded: CodedMatrix<unknown>): Coincidences {
  const { codes, unitCount, coderCount } = coded;
  const V = coded.values.length;
  const matrix = new Float64Array(V * V);
  const marginals = new Float64Array(V);
  const coderSeen = new Uint8Array(coderCount);
  const buffer = new Int32Array(coderCount);
  const coderOf = new Int32Array(coderCount);
  let pairable = 0;
  let pairableUnits = 0;
  for (let u = 0, base = 0; u < unitCount; u++, base += coderCount) {
    let m = 0;
    for (let c = 0; c < coderCount; c++) {
      const code = codes[base + c] as number;
      if (code >= 0) {
        buffer[m] = code;
        coderOf[m] = c;
        m++;
      }
    }
    if (m < 2) continue;
    const weight = 1 / (m - 1);
    pairableUnits++;
    pairable += m;
    for (let i = 0; i < m; i++) {
      const a = buffer[i] as number;
      marginals[a] = (marginals[a] as number) + 1;
      coderSeen[coderOf[i] as number] = 1;
      const rowA = a * V;
      for (let j = i + 1; j < m; j++) {
        const b = buffer[j] as number;
        matrix[rowA + b] = (matrix[rowA + b] as number) + weight;
        matrix[b * V + a] = (matrix[b * V + a] as number) + weight;
      }
    }
  }
  let pairableCoders = 0;
  for (let c = 0; c < coderCount; c++) pairableCoders += coderSeen[c] as number;
  return { valueCount: V, matrix, marginals, pairable, pairableUnits, pairableCoders };
}

/**
 * Canonical order of scalar values: numbers ascending, then strings by code point. Used so
 * that codes, and therefore the order of floating-point sums, do not depend on input order.
 */
export function compareScalars(a: string | number, b: string | number): number {
  if (typeof a === "number") {
    if (typeof b === "number") return a - b;
    return -1;
  }
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
