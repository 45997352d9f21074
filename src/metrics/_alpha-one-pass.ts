/**
 * Alpha and its standard error in a single pass over the ratings, for the common large case:
 * every value a small non-negative integer and a distance known in advance (nominal, interval,
 * ratio or a caller's distance; not ordinal, whose distances depend on the value counts).
 * No code array is stored: each rating is looked up and paired as it is read.
 *
 * The standard error (see `_alpha-core.ts`) sums (x_i − α')² with x_i affine in three per-unit
 * numbers: y_i = D_i / (r_i − 1), r_i and G_i = Σ_c n_ic e_c. The e_c are only known after the
 * pass, so the pass keeps the sums those squares expand into: Σy, Σy², Σyr, Σr, Σr², and per
 * value Y_c = Σ_i y_i n_ic, R_c = Σ_i r_i n_ic, and S_ck = Σ_i n_ic n_ik. S comes from pair
 * counts kept separately for each number of ratings r (then o_ck = Σ_r pairs_r(c, k)/(r − 1)),
 * so the pass does no more work per pair than the coincidence matrix alone. When those sums
 * cancel to less than 1e-4 of their size (the x_i almost equal, e.g. perfect agreement), the
 * caller's general route recomputes the standard error directly.
 */
import type { Level, MetricResult, ReliabilityMatrix, Value } from "../model/reliability-matrix.js";
import { disagreements } from "./_alpha-core.js";
import { customDistanceTable, distanceTable } from "./_alpha-distances.js";
import type { Coincidences } from "./_coincidences.js";
import { studentTQuantile } from "./student-t.js";

const SMALL_INT_LIMIT = 32768;
/** First guess: values below 64 (scales, categories, presence), coded as themselves. */
const GUESS_LIMIT = 64;
const GUESSES = [2, GUESS_LIMIT];
const IDENTITY = Int32Array.from({ length: GUESS_LIMIT }, (_, v) => v);
/** Cap on (coders − 1) × V² pair counters (16 MB). */
const MAX_COUNTERS = 1 << 21;

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
    // Guess that every value is 0 or 1 (presence data), then below 64, and use the values as
    // their own codes, which spares a first pass to find the values; values that never occur
    // just have zero counts, which add exact zeros to every sum (so both guesses give the same
    // digits), but the 0/1 guess keeps the V × V stages at 2 × 2 instead of 64 × 64.
    if (options.level !== "ordinal") {
      const binary = onePassBinary(m, options);
      if (binary !== undefined) return binary;
    }
    for (const limit of GUESSES) {
      const guess = onePass(m, options, limit, IDENTITY, Array.from({ length: limit }, (_, v) => v));
      if (guess !== undefined) return guess;
    }
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
  return onePass(m, options, max + 1, codeOf, values) ?? null;
}

/**
 * The pass itself, over values coded by `codeOf` (values ≥ `limit`, or not small non-negative
 * integers, give `undefined`). Null when the table is too large for this route.
 */
function onePass(
  m: ReliabilityMatrix,
  options: OnePassOptions,
  limit: number,
  codeOf: Int32Array,
  values: Value[],
): MetricResult | null | undefined {
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  const rows = m.values;
  const V = values.length;
  if ((coderCount - 1) * V * V > MAX_COUNTERS) return null;
  const delta = options.distance
    ? customDistanceTable(values, options.distance)
    : distanceTable(values, options.level, new Float64Array(V));

  // pairs[(r − 2) V² + c V + k]: ordered (c, k) pairs in units with r ratings. Their row sums
  // give the value counts per r, so only Y_c needs adding up per rating.
  const pairs = new Float64Array((coderCount - 1) * V * V);
  const unitsWith = new Float64Array(coderCount + 1);
  const Y = new Float64Array(V);
  let sumY = 0;
  let sumYY = 0;
  let sumYR = 0;
  let seenMask = 0;
  const buffer = new Int32Array(coderCount);
  const inverse = new Float64Array(coderCount + 1);
  for (let r = 2; r <= coderCount; r++) inverse[r] = 1 / (r - 1);
  for (let u = 0; u < unitCount; u++) {
    let r = 0;
    let mask = 0;
    for (let c = 0; c < coderCount; c++) {
      const v = (rows[c] as readonly (Value | null)[])[u];
      if (v === null || v === undefined) continue;
      // One test for "a non-negative integer below limit": x !== v for any other value.
      const x = (v as number) >>> 0;
      if (x !== v || x >= limit) return undefined;
      buffer[r++] = codeOf[x] as number;
      mask |= 1 << c;
    }
    if (r < 2) continue;
    unitsWith[r] = (unitsWith[r] as number) + 1;
    seenMask |= mask;
    const offset = (r - 2) * V * V;
    let D = 0;
    for (let i = 0; i < r; i++) {
      const a = buffer[i] as number;
      for (let j = i + 1; j < r; j++) {
        const b = buffer[j] as number;
        pairs[offset + a * V + b] = (pairs[offset + a * V + b] as number) + 1;
        pairs[offset + b * V + a] = (pairs[offset + b * V + a] as number) + 1;
        D += (delta[a * V + b] as number) + (delta[b * V + a] as number);
      }
    }
    const y = D * (inverse[r] as number);
    sumY += y;
    sumYY += y * y;
    sumYR += y * r;
    for (let i = 0; i < r; i++) Y[buffer[i] as number] = (Y[buffer[i] as number] as number) + y;
  }
  return finish({ pairs, unitsWith, Y, sumY, sumYY, sumYR, seenMask }, options, coderCount, V, delta);
}

/** What the pass over the ratings keeps (see the file's comment). */
interface PassSums {
  pairs: Float64Array;
  unitsWith: Float64Array;
  Y: Float64Array;
  sumY: number;
  sumYY: number;
  sumYR: number;
  seenMask: number;
}

/**
 * The pass for 0/1 values (presence data) at the nominal, interval or ratio level, where δ is 1
 * between 0 and 1 and 0 otherwise: a unit with r ratings of which k are 1 adds (r − k)(r − k − 1)
 * ordered 0–0 pairs, k(k − 1) 1–1 pairs and k(r − k) of each mixed pair (integer counts, exact in
 * any order), and D = 2k(r − k). Units where all agree have y = 0 and add exact zeros to the
 * sums, so only the others are added up, in unit order, each y once per rating as `onePass`
 * does: the same sums, bit for bit. `undefined` when a value is not 0, 1 or missing.
 */
function onePassBinary(m: ReliabilityMatrix, options: OnePassOptions): MetricResult | null | undefined {
  const coderCount = m.coders.length;
  const unitCount = m.units.length;
  const rows = m.values;
  // ratings[u] and ones[u] per unit, filled coder by coder (rows are read in order).
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
  const V = 2;
  const delta = distanceTable([0, 1], options.level, new Float64Array(V));
  const pairs = new Float64Array((coderCount - 1) * V * V);
  const unitsWith = new Float64Array(coderCount + 1);
  const Y = new Float64Array(V);
  let sumY = 0;
  let sumYY = 0;
  let sumYR = 0;
  const inverse = new Float64Array(coderCount + 1);
  for (let r = 2; r <= coderCount; r++) inverse[r] = 1 / (r - 1);
  // Units by (r, k): the pair counts are integers, so they can be added per kind of unit.
  const kinds = new Float64Array((coderCount + 1) * (coderCount + 1));
  for (let u = from; u < to; u++) {
    const r = ratings[u] as number;
    if (r < 2) continue;
    const k = ones[u] as number;
    kinds[r * (coderCount + 1) + k] = (kinds[r * (coderCount + 1) + k] as number) + 1;
    if (k === 0 || k === r) continue;
    const D = 2 * k * (r - k);
    const y = D * (inverse[r] as number);
    sumY += y;
    sumYY += y * y;
    sumYR += y * r;
    // Y[c] += y once per rating, for the values in any order (0 and 1 have their own sums).
    for (let i = 0; i < r - k; i++) Y[0] = (Y[0] as number) + y;
    for (let i = 0; i < k; i++) Y[1] = (Y[1] as number) + y;
  }
  for (let r = 2; r <= coderCount; r++) {
    const offset = (r - 2) * V * V;
    for (let k = 0; k <= r; k++) {
      const count = kinds[r * (coderCount + 1) + k] as number;
      if (count === 0) continue;
      unitsWith[r] = (unitsWith[r] as number) + count;
      pairs[offset] = (pairs[offset] as number) + count * (r - k) * (r - k - 1);
      pairs[offset + 1] = (pairs[offset + 1] as number) + count * k * (r - k);
      pairs[offset + 2] = (pairs[offset + 2] as number) + count * k * (r - k);
      pairs[offset + 3] = (pairs[offset + 3] as number) + count * k * (k - 1);
    }
  }
  return finish({ pairs, unitsWith, Y, sumY, sumYY, sumYR, seenMask }, options, coderCount, V, delta);
}

/** From the pass's sums: the coincidences, alpha, and (on request) its standard error. */
function finish(sums: PassSums, options: OnePassOptions, coderCount: number, V: number, delta: Float64Array): MetricResult | null {
  const { pairs, unitsWith, Y, sumY, sumYY, sumYR, seenMask } = sums;
  const inverse = new Float64Array(coderCount + 1);
  for (let r = 2; r <= coderCount; r++) inverse[r] = 1 / (r - 1);
  let pairableUnits = 0;
  let sumR = 0;
  let sumRR = 0;
  for (let r = 2; r <= coderCount; r++) {
    const count = unitsWith[r] as number;
    pairableUnits += count;
    sumR += r * count;
    sumRR += r * r * count;
  }

  const matrix = new Float64Array(V * V);
  const S = new Float64Array(V * V);
  const marginals = new Float64Array(V);
  const R = new Float64Array(V);
  for (let r = 2; r <= coderCount; r++) {
    const offset = (r - 2) * V * V;
    const w = inverse[r] as number;
    for (let c = 0; c < V; c++) {
      let row = 0;
      for (let k = 0; k < V; k++) {
        const count = pairs[offset + c * V + k] as number;
        if (count === 0) continue;
        row += count;
        matrix[c * V + k] = (matrix[c * V + k] as number) + count * w;
        S[c * V + k] = (S[c * V + k] as number) + count;
      }
      // Each value in a unit with r ratings has r − 1 partners (an exact integer division).
      const valuesAtR = row / (r - 1);
      marginals[c] = (marginals[c] as number) + valuesAtR;
      R[c] = (R[c] as number) + r * valuesAtR;
    }
  }
  let pairable = 0;
  for (let c = 0; c < V; c++) {
    pairable += marginals[c] as number;
    S[c * V + c] = (S[c * V + c] as number) + (marginals[c] as number);
  }
  let pairableCoders = 0;
  for (let c = 0; c < coderCount; c++) pairableCoders += (seenMask >>> c) & 1;
  const coinc: Coincidences = { valueCount: V, matrix, marginals, pairable, pairableUnits, pairableCoders };
  const base = {
    coefficient: options.coefficient,
    ...(options.reportedLevel !== undefined ? { level: options.reportedLevel } : {}),
    units: pairableUnits,
    coders: pairableCoders,
    pairable,
  };
  if (pairableUnits === 0) {
    return { ...base, value: null, status: "undefined", reason: "no-pairable-values", observed: null, expected: null, se: null, ci95: null };
  }
  const { observed, expected } = disagreements(coinc, delta);
  if (!(expected > 0)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected, se: null, ci95: null };
  }
  const value = 1 - observed / expected;
  if (!options.standardError) return { ...base, value, status: "ok", observed, expected };
  if (pairableUnits < 2) return { ...base, value, status: "ok", observed, expected, se: null, ci95: null };

  // e_c and P as in _alpha-core.ts, then Σ (K0 + K1 y + K2 r + K3 G)² from the kept sums.
  const n = pairable;
  const e = new Float64Array(V);
  let P = 0;
  for (let c = 0; c < V; c++) {
    let sum = 0;
    for (let k = 0; k < V; k++) {
      const nk = marginals[k] as number;
      sum += (((delta[c * V + k] as number) + (delta[k * V + c] as number)) / 2) * nk;
      P += (marginals[c] as number) * nk * (delta[c * V + k] as number);
    }
    e[c] = sum / n;
  }
  P /= n * n;
  const meanRatings = n / pairableUnits;
  const epsilon = 1 / n;
  const alphaPrime = 1 - observed / P;
  const K0 = 1 - ((1 - epsilon) * observed) / P - alphaPrime;
  const K1 = -1 / (meanRatings * P);
  const K2 = ((1 - epsilon) * observed) / (meanRatings * P) - (2 * (1 - alphaPrime)) / meanRatings;
  const K3 = (2 * (1 - alphaPrime)) / (meanRatings * P);
  let sumG = 0;
  let sumYG = 0;
  let sumRG = 0;
  let sumGG = 0;
  for (let c = 0; c < V; c++) {
    const ec = e[c] as number;
    sumG += (marginals[c] as number) * ec;
    sumYG += (Y[c] as number) * ec;
    sumRG += (R[c] as number) * ec;
    let row = 0;
    for (let k = 0; k < V; k++) row += (S[c * V + k] as number) * (e[k] as number);
    sumGG += ec * row;
  }
  const terms = [
    pairableUnits * K0 * K0, K1 * K1 * sumYY, K2 * K2 * sumRR, K3 * K3 * sumGG,
    2 * K0 * K1 * sumY, 2 * K0 * K2 * sumR, 2 * K0 * K3 * sumG, 2 * K1 * K2 * sumYR, 2 * K1 * K3 * sumYG, 2 * K2 * K3 * sumRG,
  ];
  let sumSquares = 0;
  let magnitude = 0;
  for (const term of terms) {
    sumSquares += term;
    magnitude += Math.abs(term);
  }
  // When the spread of the x_i is tiny next to the terms (e.g. perfect agreement), the expanded
  // sum loses too many digits: leave it to the general route, which sums (x_i − α')² directly.
  if (!(sumSquares > 1e-4 * magnitude)) return null;
  const se = Math.sqrt(sumSquares / (pairableUnits * (pairableUnits - 1)));
  const t = studentTQuantile(0.975, pairableUnits - 1);
  return { ...base, value, status: "ok", observed, expected, se, ci95: [value - t * se, Math.min(1, value + t * se)] };
}
