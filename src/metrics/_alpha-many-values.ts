/**
 * Alpha when there are too many distinct values for V × V tables (continuous interval scores,
 * free-text labels): the same D_o, D_e and standard error as `_alpha-core.ts`, computed with δ
 * as a function over codes, without the coincidence matrix. Memory stays O(units × coders + V).
 * D_e and the standard error's e_c use closed forms for the nominal and interval metrics
 * (O(V)); other metrics sum over value pairs, O(V²) time, up to `MAX_PAIRWISE_VALUES` values.
 *
 *   nominal:  Σ_c Σ_k n_c n_k δ_ck = n..² − Σ_c n_c²,   e_c = (n.. − n_c) / n..
 *   interval: Σ_c Σ_k n_c n_k δ_ck = 2 (n.. Σ n_c x_c² − (Σ n_c x_c)²),
 *             e_c = x_c² − 2 x_c μ + μ₂  (μ, μ₂ the mean and mean square of the pairable values)
 */
import type { Level, MetricResult } from "../model/reliability-matrix.js";
import type { CodedMatrix } from "./_coincidences.js";
import { studentTQuantile } from "./student-t.js";

/** Above this many distinct values, V × V tables give way to this module. */
export const MAX_TABLE_VALUES = 2048;
/** The O(V²) sums are refused beyond this many distinct values (4·10^8 distance evaluations). */
export const MAX_PAIRWISE_VALUES = 20000;

export interface ManyValuesDistance {
  /** δ between two codes (needs the pairable-value counts for the ordinal metric). */
  pair: (a: number, b: number) => number;
  /** Closed form, when there is one: "nominal" or interval values x_c. */
  closedForm?: { kind: "nominal" } | { kind: "interval"; x: Float64Array } | DisjointSetsForm;
}

/**
 * Set-valued codes (sorted label ids) under a distance that is 1 for any two sets with no label in
 * common (unless both are empty, 0) and 0 for a set with itself: MASI and Jaccard. Only
 * overlapping sets need δ, found through each label's list of sets, so D_e costs
 * Σ_label (sets with that label)² instead of (distinct sets)².
 */
export interface DisjointSetsForm {
  kind: "disjoint-sets";
  /** Each value's set: sorted, distinct label ids. */
  sets: readonly Int32Array[];
  /** δ from the two set sizes and the number of labels they share (the same δ as `pair`). */
  fromCounts: (sizeA: number, sizeB: number, both: number) => number;
}

export function alphaManyValues(
  coefficient: string,
  level: Level | "set" | undefined,
  coded: CodedMatrix<unknown>,
  makeDistance: (marginals: Float64Array) => ManyValuesDistance,
  standardError = true,
): MetricResult {
  const { codes, unitCount, coderCount } = coded;
  const V = coded.values.length;
  const marginals = new Float64Array(V);
  const coderSeen = new Uint8Array(coderCount);
  let n = 0;
  let unitsUsed = 0;
  forEachPairableUnit(codes, unitCount, coderCount, (buffer, m, base) => {
    unitsUsed++;
    n += m;
    for (let i = 0; i < m; i++) marginals[buffer[i] as number] = (marginals[buffer[i] as number] as number) + 1;
    for (let c = 0; c < coderCount; c++) if ((codes[base + c] as number) >= 0) coderSeen[c] = 1;
  });
  const coders = coderSeen.reduce((s, x) => s + x, 0);
  const base = { coefficient, ...(level !== undefined ? { level } : {}), units: unitsUsed, coders, pairable: n };
  if (unitsUsed === 0) {
    return { ...base, value: null, status: "undefined", reason: "no-pairable-values", observed: null, expected: null, se: null, ci95: null };
  }
  const distance = makeDistance(marginals);
  const { pair } = distance;
  let observedSum = 0;
  forEachPairableUnit(codes, unitCount, coderCount, (buffer, m) => {
    observedSum += pairSum(buffer, m, pair) / (m - 1);
  });
  const observed = observedSum / n;
  const e = expectedPerValue(distance, marginals, n, coded);
  // Σ_c Σ_k n_c n_k δ_ck = n.. Σ_c n_c e_c for a symmetric δ; the diagonal term removes self-pairs.
  let weighted = 0;
  let diagonal = 0;
  for (let c = 0; c < V; c++) {
    weighted += (marginals[c] as number) * (e[c] as number);
    if (distance.closedForm === undefined) diagonal += (marginals[c] as number) * pair(c, c);
  }
  const P = weighted / n;
  const expected = (n * P - diagonal / n) / (n - 1);
  if (!(expected > 0)) {
    return { ...base, value: null, status: "undefined", reason: "no-variation", observed, expected, se: null, ci95: null };
  }
  const value = 1 - observed / expected;
  if (!standardError) return { ...base, value, status: "ok", observed, expected };
  if (unitsUsed < 2) return { ...base, value, status: "ok", observed, expected, se: null, ci95: null };
  // Gwet's linearised SE, as in _alpha-core.ts.
  const meanRatings = n / unitsUsed;
  const epsilon = 1 / n;
  const alphaPrime = 1 - observed / P;
  let sumSquares = 0;
  forEachPairableUnit(codes, unitCount, coderCount, (buffer, m) => {
    let G = 0;
    for (let i = 0; i < m; i++) G += e[buffer[i] as number] as number;
    const D = pairSum(buffer, m, pair);
    const a = 1 - (D / (meanRatings * (m - 1)) - ((1 - epsilon) * observed * (m - meanRatings)) / meanRatings) / P;
    const x = a - 2 * (1 - alphaPrime) * (m / meanRatings - G / (meanRatings * P));
    sumSquares += (x - alphaPrime) ** 2;
  });
  const se = Math.sqrt(sumSquares / (unitsUsed * (unitsUsed - 1)));
  const t = studentTQuantile(0.975, unitsUsed - 1);
  return { ...base, value, status: "ok", observed, expected, se, ci95: [value - t * se, Math.min(1, value + t * se)] };
}

/** e_c = Σ_k (δ_ck + δ_kc)/2 · n_k / n.. */
function expectedPerValue(distance: ManyValuesDistance, marginals: Float64Array, n: number, coded: CodedMatrix<unknown>): Float64Array {
  const V = marginals.length;
  const e = new Float64Array(V);
  const form = distance.closedForm;
  if (form?.kind === "nominal") {
    for (let c = 0; c < V; c++) e[c] = (n - (marginals[c] as number)) / n;
    return e;
  }
  if (form?.kind === "interval") {
    let mean = 0;
    let meanSquare = 0;
    for (let c = 0; c < V; c++) {
      mean += (marginals[c] as number) * (form.x[c] as number);
      meanSquare += (marginals[c] as number) * (form.x[c] as number) ** 2;
    }
    mean /= n;
    meanSquare /= n;
    for (let c = 0; c < V; c++) {
      const x = form.x[c] as number;
      e[c] = x * x - 2 * x * mean + meanSquare;
    }
    return e;
  }
  if (form?.kind === "disjoint-sets") return expectedDisjointSets(form, marginals, n);
  if (V > MAX_PAIRWISE_VALUES) {
    throw new RangeError(
      `${V} distinct values (${coded.unitCount} units): at most ${MAX_PAIRWISE_VALUES} for this distance; ` +
        "the nominal and interval levels have no limit",
    );
  }
  const present: number[] = [];
  for (let c = 0; c < V; c++) if ((marginals[c] as number) > 0) present.push(c);
  for (const c of present) {
    let sum = 0;
    for (const k of present) sum += ((distance.pair(c, k) + distance.pair(k, c)) / 2) * (marginals[k] as number);
    e[c] = sum / n;
  }
  return e;
}

/**
 * Two exact ways to the same e_c; the cheaper one is taken. Label lists cost Σ_label (sets with
 * it)², quadratic in the number of sets; moments cost Σ_c 2^|c| (a subset costs about as much
 * as 4 list steps), linear in it but exponential in set size.
 */
function expectedDisjointSets(form: DisjointSetsForm, marginals: Float64Array, n: number): Float64Array {
  let subsetCost = 0;
  const perLabel = new Map<number, number>();
  for (let c = 0; c < marginals.length; c++) {
    if (!((marginals[c] as number) > 0)) continue;
    const set = form.sets[c] as Int32Array;
    subsetCost += 4 * 2 ** Math.min(set.length, 60);
    for (const label of set) perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  }
  let listCost = 0;
  let maxLabel = 0;
  let maxSize = 0;
  for (const [label, count] of perLabel) {
    listCost += count * count;
    maxLabel = Math.max(maxLabel, label);
  }
  for (let c = 0; c < marginals.length; c++) if ((marginals[c] as number) > 0) maxSize = Math.max(maxSize, (form.sets[c] as Int32Array).length);
  return maxSize < 31 && subsetCost < listCost ? expectedBySubsets(form, marginals, n, maxLabel + 2) : expectedByLabelLists(form, marginals, n);
}

/**
 * e_c = Σ_k n_k δ(c, k) / n through binomial moments of the shared-label count, in time linear in
 * Σ_c 2^|c|. With W_b(S) = Σ of n_k over sets k ⊇ S of size b,
 * ```
 * M_j(c, b) = Σ_{S ⊆ c, |S| = j} W_b(S) = Σ_{|k| = b} n_k C(|c ∩ k|, j)
 * N_t(c, b) = Σ_{j ≥ t} (−1)^(j − t) C(j, t) M_j(c, b) = Σ_{|k| = b, |c ∩ k| = t} n_k
 * ```
 * and δ depends only on (|c|, b, t). Every M and N is a whole number below 2^53, so exact.
 */
function expectedBySubsets(form: DisjointSetsForm, marginals: Float64Array, n: number, radix: number): Float64Array {
  const { sets, fromCounts } = form;
  const V = marginals.length;
  let maxSize = 0;
  for (let c = 0; c < V; c++) if ((marginals[c] as number) > 0) maxSize = Math.max(maxSize, (sets[c] as Int32Array).length);
  const B = maxSize + 1;
  // A subset's key is its label ids (+1) as digits in base `radix` while that is exact (< 2^53),
  // else the ids as a string.
  const exactDigits = Math.floor(52 / Math.log2(radix));
  const subsetKey = (set: Int32Array, mask: number): number | string => {
    let key = 0;
    let digits = 0;
    for (let i = 0; i < set.length; i++) {
      if (!(mask & (1 << i))) continue;
      if (++digits > exactDigits) return set.filter((_, k) => (mask & (1 << k)) !== 0).join(",");
      key = key * radix + (set[i] as number) + 1;
    }
    return key;
  };
  const rows = new Map<number | string, number>();
  let weights = new Float64Array(1024 * B);
  for (let c = 0; c < V; c++) {
    const weight = marginals[c] as number;
    if (!(weight > 0)) continue;
    const set = sets[c] as Int32Array;
    for (let mask = 0; mask < 1 << set.length; mask++) {
      const key = subsetKey(set, mask);
      let row = rows.get(key);
      if (row === undefined) {
        row = rows.size;
        rows.set(key, row);
        if ((row + 1) * B > weights.length) {
          const grown = new Float64Array(weights.length * 2);
          grown.set(weights);
          weights = grown;
        }
      }
      weights[row * B + set.length] = (weights[row * B + set.length] as number) + weight;
    }
  }
  const binomial: number[][] = [];
  for (let j = 0; j < B; j++) {
    binomial.push([]);
    for (let t = 0; t <= j; t++) binomial[j]!.push(t === 0 || t === j ? 1 : binomial[j - 1]![t - 1]! + binomial[j - 1]![t]!);
  }
  const e = new Float64Array(V);
  const moments = new Float64Array(B * B); // moments[j * B + b]
  for (let c = 0; c < V; c++) {
    if (!((marginals[c] as number) > 0)) continue;
    const set = sets[c] as Int32Array;
    const a = set.length;
    moments.fill(0);
    for (let mask = 0; mask < 1 << a; mask++) {
      let j = 0;
      for (let m = mask; m !== 0; m &= m - 1) j++;
      const row = (rows.get(subsetKey(set, mask)) as number) * B;
      for (let b = j; b < B; b++) moments[j * B + b] = (moments[j * B + b] as number) + (weights[row + b] as number);
    }
    let sum = 0;
    for (let b = 0; b < B; b++) {
      for (let t = 0; t <= Math.min(a, b); t++) {
        let count = 0;
        for (let j = t; j <= Math.min(a, b); j++) count += ((j - t) % 2 === 0 ? 1 : -1) * (binomial[j]![t] as number) * (moments[j * B + b] as number);
        if (count !== 0) sum += count * fromCounts(a, b, t);
      }
    }
    e[c] = sum / n;
  }
  return e;
}

function expectedByLabelLists(form: DisjointSetsForm, marginals: Float64Array, n: number): Float64Array {
  const { sets, fromCounts } = form;
  const V = marginals.length;
  const e = new Float64Array(V);
  const postings = new Map<number, number[]>();
  let empty = 0;
  for (let c = 0; c < V; c++) {
    if (!((marginals[c] as number) > 0)) continue;
    const set = sets[c] as Int32Array;
    if (set.length === 0) empty += marginals[c] as number;
    for (const label of set) {
      let list = postings.get(label);
      if (list === undefined) postings.set(label, (list = []));
      list.push(c);
    }
  }
  const lists = [...postings.keys()].reduce((out, label) => out.set(label, Int32Array.from(postings.get(label)!)), new Map<number, Int32Array>());
  const shared = new Int32Array(V);
  const touched = new Int32Array(V);
  for (let c = 0; c < V; c++) {
    if (!((marginals[c] as number) > 0)) continue;
    const set = sets[c] as Int32Array;
    // Labels c shares with each set k that has any of them, in the order the sets are first met.
    let count = 0;
    for (const label of set) {
      const list = lists.get(label) as Int32Array;
      for (let i = 0; i < list.length; i++) {
        const k = list[i] as number;
        if (shared[k] === 0) touched[count++] = k;
        shared[k] = (shared[k] as number) + 1;
      }
    }
    // Σ_k n_k δ(c, k) = n − Σ_{k sharing a label with c} n_k (1 − δ(c, k)) − [c empty] n_∅.
    let close = set.length === 0 ? empty : 0;
    for (let i = 0; i < count; i++) {
      const k = touched[i] as number;
      close += (marginals[k] as number) * (1 - fromCounts(set.length, (sets[k] as Int32Array).length, shared[k] as number));
      shared[k] = 0;
    }
    e[c] = (n - close) / n;
  }
  return e;
}

function pairSum(buffer: Int32Array, m: number, pair: (a: number, b: number) => number): number {
  let D = 0;
  for (let i = 0; i < m; i++) {
    const a = buffer[i] as number;
    for (let j = i + 1; j < m; j++) {
      const b = buffer[j] as number;
      D += pair(a, b) + pair(b, a);
    }
  }
  return D;
}

function forEachPairableUnit(
  codes: ArrayLike<number>,
  unitCount: number,
  coderCount: number,
  visit: (buffer: Int32Array, m: number, base: number) => void,
): void {
  const buffer = new Int32Array(coderCount);
  for (let u = 0, base = 0; u < unitCount; u++, base += coderCount) {
    let m = 0;
    for (let c = 0; c < coderCount; c++) {
      const code = codes[base + c] as number;
      if (code >= 0) buffer[m++] = code;
    }
    if (m >= 2) visit(buffer, m, base);
  }
}
