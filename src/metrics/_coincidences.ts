/**
 * The shared first stage of every alpha: integer-code the values once, then build
 * Krippendorff's value-by-value coincidence matrix in one pass over the ratings.
 *
 * Layout: `codes[u * coderCount + c]` is the code of coder c's value for unit u, or -1 when
 * missing, so one unit's ratings are contiguous. Memory is one typed array of units × coders
 * (16-bit codes, 32-bit past 32,767 distinct values: 2 bytes a rating keeps a 10^6 × 10 table
 * well inside 250 MB) plus values² numbers for the matrix; nothing grows with units × values².
 *
 * Reference: Krippendorff, K. (2011) *Computing Krippendorff's Alpha-Reliability*, Annenberg
 * School for Communication Departmental Papers 43, section C (coincidence matrix, p. 8).
 */
import { compareScalars } from "../model/order.js";
import type { ReliabilityMatrix } from "../model/reliability-matrix.js";

/** Integer codes, -1 for missing: 16-bit while the values allow, else 32-bit. */
export type Codes = Int16Array | Int32Array;

export interface CodedMatrix<V> {
  /** Unit-major codes: `codes[u * coderCount + c]`, -1 for a missing rating. */
  codes: Codes;
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
  let codes: Codes = new Int16Array(unitCount * coderCount).fill(-1);
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
        if (code === INT16_MAX && codes instanceof Int16Array) codes = Int32Array.from(codes);
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
 * `encodeMatrix` for scalar values, with a fast path for the common case where every value is
 * a small non-negative integer (< 32768): the value itself indexes a lookup table, so no Map is hashed
 * per rating. Codes come out in canonical order either way; `wide` asks for 32-bit codes on the
 * fast path (`codeRatings`).
 */
export function encodeScalars<V extends string | number>(
  m: ReliabilityMatrix<V>,
  compare: (a: V, b: V) => number,
  wide = false,
): CodedMatrix<V> {
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  if (m.values.length !== coderCount) {
    throw new RangeError(`values has ${m.values.length} rows but there are ${coderCount} coders`);
  }
  const codes: Codes = wide ? new Int32Array(unitCount * coderCount) : new Int16Array(unitCount * coderCount);
  const present = new Uint8Array(SMALL_INT_LIMIT);
  for (let c = 0; c < coderCount; c++) {
    const row = m.values[c] as readonly (V | null)[];
    if (row.length !== unitCount) {
      throw new RangeError(`coder "${m.coders[c]}" has ${row.length} values for ${unitCount} units`);
    }
    for (let u = 0, i = c; u < unitCount; u++, i += coderCount) {
      const value = row[u];
      if (value === null || value === undefined) {
        codes[i] = -1;
      } else if (typeof value === "number" && (value | 0) === value && value >= 0 && value < SMALL_INT_LIMIT) {
        codes[i] = value;
        present[value] = 1;
      } else {
        return encodeMatrix(m, identity, compare);
      }
    }
  }
  const table = new Int32Array(SMALL_INT_LIMIT);
  const values: number[] = [];
  for (let v = 0; v < SMALL_INT_LIMIT; v++) {
    if (present[v] === 1) {
      table[v] = values.length;
      values.push(v);
    }
  }
  // Values 0..V−1 all present: the values are already their own codes.
  if (values[values.length - 1] !== values.length - 1) {
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number;
      if (code >= 0) codes[i] = table[code] as number;
    }
  }
  return { codes, unitCount, coderCount, values: values as V[] };
}

const SMALL_INT_LIMIT = 32768;
const INT16_MAX = 32767;

function identity<V>(v: V): V {
  return v;
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
  const buffer = new Int32Array(coderCount);
  // Which coders have a pairable value: a bit mask while it fits in 31 bits, else an array.
  const useMask = coderCount <= 31;
  const coderSeen = new Uint8Array(useMask ? 0 : coderCount);
  let seenMask = 0;
  let pairableUnits = 0;
  for (let u = 0, base = 0; u < unitCount; u++, base += coderCount) {
    let m = 0;
    let mask = 0;
    for (let c = 0; c < coderCount; c++) {
      const code = codes[base + c] as number;
      if (code >= 0) {
        buffer[m++] = code;
        mask |= 1 << c;
      }
    }
    if (m < 2) continue;
    pairableUnits++;
    if (useMask) seenMask |= mask;
    else for (let c = 0; c < coderCount; c++) if ((codes[base + c] as number) >= 0) coderSeen[c] = 1;
    const weight = 1 / (m - 1);
    for (let i = 0; i < m; i++) {
      const a = buffer[i] as number;
      const rowA = a * V;
      for (let j = i + 1; j < m; j++) {
        const b = buffer[j] as number;
        matrix[rowA + b] = (matrix[rowA + b] as number) + weight;
        matrix[b * V + a] = (matrix[b * V + a] as number) + weight;
      }
    }
  }
  // Each pairable value adds exactly 1 to its row, so the rounded row sums are the exact counts n_c.
  const marginals = new Float64Array(V);
  let pairable = 0;
  for (let c = 0; c < V; c++) {
    let sum = 0;
    for (let k = 0; k < V; k++) sum += matrix[c * V + k] as number;
    marginals[c] = Math.round(sum);
    pairable += marginals[c] as number;
  }
  let pairableCoders = 0;
  for (let c = 0; c < coderCount; c++) {
    pairableCoders += useMask ? (seenMask >>> c) & 1 : (coderSeen[c] as number);
  }
  return { valueCount: V, matrix, marginals, pairable, pairableUnits, pairableCoders };
}

export { compareScalars };
