/**
 * Alpha and its standard error in a single pass over the ratings, for the common large case:
 * every value a small non-negative integer and a distance known in advance (nominal, interval,
 * ratio or a caller's distance; not ordinal, whose distances depend on the value counts).
 * Two entries share the pass: `alphaOnePass` codes a `ReliabilityMatrix` a chunk of units at a
 * time into a small reused Int32Array (no units × coders code array is kept), and
 * `alphaOnePassCoded` runs over ratings already coded (`CodedRatings`); both feed
 * `accumulateUnits`, so they give the same bits.
 *
 * The pass keeps what `_alpha-one-pass-result.ts` needs for alpha and its standard error:
 * pair counts per number of ratings r, and the per-unit sums described there.
 */
import type { CodedRatings, Level, MetricResult, ReliabilityMatrix, Value } from "../model/reliability-matrix.js";
import { customDistanceTable, distanceTable } from "./_alpha-distances.js";
import { finishPass, type OnePassSums } from "./_alpha-one-pass-result.js";

const SMALL_INT_LIMIT = 32768;
/** First guess: values below 64 (scales, categories, presence), coded as themselves. */
const GUESS_LIMIT = 64;
/** Cap on (coders − 1) × V² pair counters (16 MB). */
const MAX_COUNTERS = 1 << 21;
/** Ratings coded per chunk on the matrix route (a 64 KiB buffer, which stays in cache). */
const CHUNK_RATINGS = 16384;

export interface OnePassOptions {
  level: Level;
  distance?: (a: number, b: number) => number;
  coefficient: string;
  reportedLevel: Level | undefined;
  standardError: boolean;
}

/** Returns null when the one-pass route does not apply; the caller then takes the general one. */
export function alphaOnePass(m: ReliabilityMatrix, options: OnePassOptions): MetricResult | null {
  if (options.level === "ordinal" && options.distance === undefined) return null;
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  if (m.values.length !== coderCount || coderCount < 2 || coderCount > 31) return null;
  if (m.values.some((row) => row.length !== unitCount)) return null;
  if (options.distance === undefined) {
    // 0/1 values (presence data) have their own pass, with 2 × 2 tables instead of 64 × 64.
    const binary = onePassBinary(m, options);
    if (binary !== undefined) return binary;
    // Guess that every value is below 64 and use the values as their own codes, which spares a
    // first pass to find the values; values that never occur just have zero counts.
    const identity = Int32Array.from({ length: GUESS_LIMIT }, (_, v) => v);
    const guess = matrixPass(m, options, GUESS_LIMIT, identity, Array.from({ length: GUESS_LIMIT }, (_, v) => v));
    if (guess !== undefined) return guess;
  }
  // Otherwise find which small integers occur (any other value: the general route).
  const present = new Uint8Array(SMALL_INT_LIMIT);
  let max = -1;
  for (const row of m.values) {
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      if (typeof v !== "number" || (v | 0) !== v || v < 0 || v >= SMALL_INT_LIMIT) return null;
      present[v] = 1;
      if (v > max) max = v;
    }
  }
  const codeOf = new Int32Array(max + 1);
  const values: Value[] = [];
  for (let v = 0; v <= max; v++) if (present[v] === 1) codeOf[v] = values.push(v) - 1;
  return matrixPass(m, options, max + 1, codeOf, values) ?? null;
}

/**
 * The pass over ratings already coded. Null when the route does not apply (ordinal, fewer than
 * 2 or more than 31 coders, a value that is not a small non-negative integer, too many values,
 * or a standard error that needs the general route); the labels must be distinct and ascending.
 * @throws RangeError for a code outside −1 … values.length − 1.
 */
export function alphaOnePassCoded(coded: CodedRatings, options: OnePassOptions): MetricResult | null {
  if (options.level === "ordinal" && options.distance === undefined) return null;
  const { coderCount, unitCount, values } = coded;
  if (coderCount < 2 || coderCount > 31) return null;
  for (const v of values) if (typeof v !== "number" || (v | 0) !== v || v < 0 || v >= SMALL_INT_LIMIT) return null;
  const pass = startPass(coderCount, values, options);
  if (pass === null) return null;
  if (!accumulateUnits(coded.codes, 0, unitCount, pass)) {
    throw new RangeError(`codes must be -1 (missing) or 0 … ${values.length - 1} (an index into values)`);
  }
  return finishPass(pass, options);
}

/**
 * The matrix route: code `chunk` units at a time through `codeOf` (values ≥ `limit`, or not
 * small non-negative integers, give `undefined`), then accumulate them. Null when the table is
 * too large for this route.
 */
function matrixPass(
  m: ReliabilityMatrix,
  options: OnePassOptions,
  limit: number,
  codeOf: Int32Array,
  values: Value[],
): MetricResult | null | undefined {
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  const pass = startPass(coderCount, values, options);
  if (pass === null) return null;
  const chunkUnits = Math.max(1, Math.floor(CHUNK_RATINGS / coderCount));
  const chunk = new Int32Array(chunkUnits * coderCount);
  for (let start = 0; start < unitCount; start += chunkUnits) {
    const n = Math.min(chunkUnits, unitCount - start);
    if (!codeChunk(m.values, start, n, limit, codeOf, chunk)) return undefined;
    accumulateUnits(chunk, 0, n, pass);
  }
  return finishPass(pass, options);
}

/** Units [start, start + n) into `chunk`, unit-major; false at a value `codeOf` cannot code. */
function codeChunk(
  rows: ReliabilityMatrix["values"],
  start: number,
  n: number,
  limit: number,
  codeOf: Int32Array,
  chunk: Int32Array,
): boolean {
  const coderCount = rows.length;
  for (let c = 0; c < coderCount; c++) {
    const row = rows[c] as readonly (Value | null)[];
    for (let u = 0, i = c; u < n; u++, i += coderCount) {
      const v = row[start + u];
      if (v === null || v === undefined) {
        chunk[i] = -1;
        continue;
      }
      // One test for "a non-negative integer below limit": x !== v for any other value.
      const x = (v as number) >>> 0;
      if (x !== v || x >= limit) return false;
      chunk[i] = codeOf[x] as number;
    }
  }
  return true;
}

function startPass(coderCount: number, values: Value[], options: OnePassOptions): OnePassSums | null {
  const V = values.length;
  if ((coderCount - 1) * V * V > MAX_COUNTERS) return null;
  const delta = options.distance
    ? customDistanceTable(values, options.distance)
    : distanceTable(values, options.level, new Float64Array(V));
  const pairDelta = new Float64Array(V * V);
  for (let a = 0; a < V; a++) {
    for (let b = 0; b < V; b++) pairDelta[a * V + b] = (delta[a * V + b] as number) + (delta[b * V + a] as number);
  }
  const inverse = new Float64Array(coderCount + 1);
  for (let r = 2; r <= coderCount; r++) inverse[r] = 1 / (r - 1);
  return {
    coderCount, valueCount: V, delta, pairDelta, inverse,
    pairs: new Float64Array((coderCount - 1) * V * V),
    unitsWith: new Float64Array(coderCount + 1),
    Y: new Float64Array(V),
    sums: new Float64Array(3),
    seenMask: 0,
    buffer: new Int32Array(coderCount),
  };
}

/**
 * The hot loop, over units [from, to) of unit-major codes. Each unordered pair is counted once,
 * in the order the coders come (`finishPass` adds the mirror image), which halves the writes.
 * False when a code is out of range (the counts are then meaningless).
 */
function accumulateUnits(codes: Int32Array, from: number, to: number, pass: OnePassSums): boolean {
  const { coderCount, valueCount: V, pairDelta, inverse, pairs, unitsWith, Y, buffer } = pass;
  const block = V * V;
  let sumY = pass.sums[0] as number;
  let sumYY = pass.sums[1] as number;
  let sumYR = pass.sums[2] as number;
  let seenMask = pass.seenMask;
  // Sign bit set once any code is below −1 or at least V.
  let invalid = 0;
  for (let u = from, base = from * coderCount; u < to; u++, base += coderCount) {
    let r = 0;
    let mask = 0;
    for (let c = 0; c < coderCount; c++) {
      const x = codes[base + c] as number;
      if (x >= 0) {
        invalid |= V - 1 - x;
        buffer[r++] = x;
        mask |= 1 << c;
      } else {
        invalid |= x + 1;
      }
    }
    if (r < 2) continue;
    unitsWith[r] = (unitsWith[r] as number) + 1;
    seenMask |= mask;
    const offset = (r - 2) * block;
    let D = 0;
    for (let i = 0; i < r - 1; i++) {
      const row = (buffer[i] as number) * V;
      for (let j = i + 1; j < r; j++) {
        const ab = row + (buffer[j] as number);
        pairs[offset + ab] = (pairs[offset + ab] as number) + 1;
        D += pairDelta[ab] as number;
      }
    }
    const y = D * (inverse[r] as number);
    sumY += y;
    sumYY += y * y;
    sumYR += y * r;
    for (let i = 0; i < r; i++) Y[buffer[i] as number] = (Y[buffer[i] as number] as number) + y;
  }
  pass.sums[0] = sumY;
  pass.sums[1] = sumYY;
  pass.sums[2] = sumYR;
  pass.seenMask = seenMask;
  return invalid >= 0;
}

/**
 * The pass for 0/1 values (presence data) at the nominal, interval or ratio level, where δ is 1
 * between 0 and 1 and 0 otherwise: a unit with r ratings of which k are 1 holds (r − k)(r − k − 1)/2
 * unordered 0–0 pairs, k(k − 1)/2 1–1 pairs and k(r − k) mixed ones (integer counts, exact in any
 * order), and D = 2k(r − k). Units where all agree have y = 0 and add exact zeros to the sums, so
 * only the others are added, in unit order, y once per rating as `accumulateUnits` does: the same
 * sums, bit for bit, then the same `finishPass`. `undefined` when a value is not 0, 1 or missing.
 */
function onePassBinary(m: ReliabilityMatrix, options: OnePassOptions): MetricResult | null | undefined {
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  const rows = m.values;
  const ratings = new Uint8Array(unitCount);
  const ones = new Uint8Array(unitCount);
  for (let c = 0; c < coderCount; c++) {
    const row = rows[c] as readonly (Value | null)[];
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      if (v === 1) {
        ratings[u] = (ratings[u] as number) + 1;
        ones[u] = (ones[u] as number) + 1;
      } else if (v === 0) ratings[u] = (ratings[u] as number) + 1;
      else if (v !== null && v !== undefined) return undefined;
    }
  }
  let seenMask = 0;
  for (let c = 0; c < coderCount; c++) {
    const row = rows[c] as readonly (Value | null)[];
    for (let u = 0; u < unitCount; u++) {
      const v = row[u];
      if (v !== null && v !== undefined && (ratings[u] as number) >= 2) {
        seenMask |= 1 << c;
        break;
      }
    }
  }
  return binaryAlphaOfTallies(ratings, ones, 0, unitCount, coderCount, seenMask, options);
}

/**
 * @internal Alpha of 0/1 data (nominal, interval or ratio level, no custom distance) from per
 * unit tallies: `ratings[u]` ratings of which `ones[u]` are 1, for the units `from .. to − 1`,
 * among `coderCount` (2..31) coders of which those in `seenMask` rated a unit with ≥ 2 ratings.
 * Gives what `krippendorffAlpha` gives on the matrix those tallies come from (null: it takes the
 * general route there, call it), without reading the matrix.
 */
export function binaryAlphaOfTallies(
  ratings: ArrayLike<number>,
  ones: ArrayLike<number>,
  from: number,
  to: number,
  coderCount: number,
  seenMask: number,
  options: OnePassOptions,
): MetricResult | null {
  const pass = startPass(coderCount, [0, 1], options);
  if (pass === null) return null;
  const { pairs, unitsWith, Y, inverse } = pass;
  let sumY = 0;
  let sumYY = 0;
  let sumYR = 0;
  // Units by (r, k): the pair counts are integers, so they can be added per kind of unit.
  const kinds = new Float64Array((coderCount + 1) * (coderCount + 1));
  for (let u = from; u < to; u++) {
    const r = ratings[u] as number;
    if (r < 2) continue;
    const k = ones[u] as number;
    kinds[r * (coderCount + 1) + k] = (kinds[r * (coderCount + 1) + k] as number) + 1;
    if (k === 0 || k === r) continue;
    const y = 2 * k * (r - k) * (inverse[r] as number);
    sumY += y;
    sumYY += y * y;
    sumYR += y * r;
    for (let i = 0; i < r - k; i++) Y[0] = (Y[0] as number) + y;
    for (let i = 0; i < k; i++) Y[1] = (Y[1] as number) + y;
  }
  for (let r = 2; r <= coderCount; r++) {
    const offset = (r - 2) * 4;
    for (let k = 0; k <= r; k++) {
      const count = kinds[r * (coderCount + 1) + k] as number;
      if (count === 0) continue;
      unitsWith[r] = (unitsWith[r] as number) + count;
      // Unordered pairs, each counted once (finishPass adds the mirror image).
      pairs[offset] = (pairs[offset] as number) + (count * (r - k) * (r - k - 1)) / 2;
      pairs[offset + 1] = (pairs[offset + 1] as number) + count * k * (r - k);
      pairs[offset + 3] = (pairs[offset + 3] as number) + (count * k * (k - 1)) / 2;
    }
  }
  pass.sums[0] = sumY;
  pass.sums[1] = sumYY;
  pass.sums[2] = sumYR;
  pass.seenMask = seenMask;
  return finishPass(pass, options);
}
