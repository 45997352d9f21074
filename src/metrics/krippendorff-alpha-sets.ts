import type { MetricResult, SetMatrix } from "../model/reliability-matrix.js";
import { alphaResult } from "./_alpha-core.js";
import { alphaManyValues, MAX_TABLE_VALUES } from "./_alpha-many-values.js";
import { coincidenceMatrix, encodeMatrix } from "./_coincidences.js";

export type SetDistance = "masi" | "masi-nltk" | "jaccard" | "nominal";

const NAMES: Record<SetDistance, string> = {
  masi: "alphaMasi",
  "masi-nltk": "alphaMasiNltk",
  jaccard: "alphaJaccard",
  nominal: "alphaNominalWholeSet",
};

/**
 * Krippendorff's alpha for set-valued ratings: each coder gives each unit a set of codes
 * (possibly empty), and coders agree partially when their sets overlap. This is the overall
 * reliability of a coding where several codes may apply to one unit, e.g. all the codes a
 * coder attached to one interview turn.
 *
 * **Formula**: alpha as in `krippendorffAlpha` (α = 1 − D_o / D_e over the coincidence
 * matrix), with the values being sets and δ one of
 * ```
 * masi:      1 − J·M, J = |A∩B| / |A∪B|, M = 1 if A = B, 2/3 if A ⊂ B or B ⊂ A,
 *            1/3 if A∩B ≠ ∅ otherwise, 0 if disjoint                    (coefficient alphaMasi)
 * masi-nltk: the same with M = 0.67 and 0.33, as nltk's masi_distance   (alphaMasiNltk)
 * jaccard:   1 − J                                                       (alphaJaccard)
 * nominal:   0 if A = B, else 1                                          (alphaNominalWholeSet)
 * ```
 * with δ(∅, ∅) = 0 and δ(∅, B) = 1 for B ≠ ∅ in every variant. Sets are compared as sets: the
 * order of codes and repeated codes do not matter. Each distinct set gets one integer code, so
 * the work is one pass over the ratings plus (distinct sets)² distances.
 *
 * **Reference**: Passonneau, R. (2006) "Measuring agreement on set-valued items (MASI) for
 * semantic and pragmatic annotation", *Proceedings of LREC 2006*, 831–836. Krippendorff, K.
 * (2011) *Computing Krippendorff's Alpha-Reliability*, Annenberg School for Communication
 * Departmental Papers 43. Delve format spec §8 (`../shared/spec/delve-format.md`).
 *
 * **Missing data and degenerate cases**: `null` is a missing rating; `[]` is the empty set, a
 * real value. Units with fewer than two ratings are left out. Status `"undefined"` with
 * `"no-pairable-values"` when no unit has two ratings, `"no-variation"` when D_e = 0 (every
 * pairable rating is the same set).
 *
 * @example
 * // Worked by hand (test/metrics/krippendorff-alpha-sets.test.ts): 2 coders, 3 units
 * const m = { coders: ["A", "B"], units: ["1", "2", "3"],
 *   values: [[["a"], ["a", "b"], ["b"]], [["a"], ["a"], ["c"]]] };
 * krippendorffAlphaSets(m, "masi").value;    // => 7/32 = 0.21875 (D_o = 5/9, D_e = 32/45)
 * krippendorffAlphaSets(m, "jaccard").value; // => 1/4
 * krippendorffAlphaSets(m, "nominal").value; // => 1/6
 *
 * @throws TypeError when a cell is neither null nor an array of strings, or for an unknown
 *   distance; RangeError for a malformed matrix, or more than 20,000 distinct sets with a
 *   distance other than nominal (past 2048 distinct sets, D_e takes O(sets²) time).
 */
export function krippendorffAlphaSets(m: SetMatrix, distance: SetDistance): MetricResult {
  return krippendorffAlphaSetsEach(m, [distance])[0]!;
}

/**
 * @internal `krippendorffAlphaSets` for several distances over one matrix (the report's MASI and
 * whole-set nominal alpha): the sets are encoded, and their coincidences counted, once.
 */
export function krippendorffAlphaSetsEach(m: SetMatrix, distances: readonly SetDistance[], keys = new Map<readonly string[], string>()): MetricResult[] {
  for (const distance of distances) {
    if (SET_DISTANCES[distance] === undefined) throw new TypeError(`unknown set distance "${String(distance)}"`);
  }
  // Each cell's key is computed once (the sort of distinct sets compares keys again and again);
  // `keys` may be shared by calls over the same (unchanged) cell arrays, e.g. parts of one study.
  const keyOf = (set: readonly string[]): string => {
    let key = keys.get(set);
    if (key === undefined) keys.set(set, (key = setKey(set)));
    return key;
  };
  const coded = encodeMatrix<readonly string[]>(m, keyOf, (a, b) => compareKeys(keyOf(a), keyOf(b)));
  const K = coded.values.length;
  // Intern the codes so that each distinct set is a sorted array of small integers.
  const labelIds = new Map<string, number>();
  const sets = coded.values.map((set) => {
    const ids = [...new Set(set)].map((label) => {
      let id = labelIds.get(label);
      if (id === undefined) labelIds.set(label, (id = labelIds.size));
      return id;
    });
    return Int32Array.from(ids).sort();
  });
  let coincidences: ReturnType<typeof coincidenceMatrix> | null = null;
  return distances.map((distance) => {
    const setDistance = SET_DISTANCES[distance];
    if (K > MAX_TABLE_VALUES) {
      // Too many distinct sets for K × K tables: δ on demand (O(K²) time for D_e, O(K) memory).
      const pair = (a: number, b: number): number => (a === b ? 0 : setDistance(sets[a] as Int32Array, sets[b] as Int32Array));
      const closedForm = distance === "nominal" ? { kind: "nominal" as const } : { kind: "disjoint-sets" as const, sets, fromCounts: SET_DISTANCE_COUNTS[distance] };
      return alphaManyValues(NAMES[distance], "set", coded, () => (closedForm ? { pair, closedForm } : { pair }));
    }
    coincidences ??= coincidenceMatrix(coded);
    return alphaResult(NAMES[distance], "set", coded, coincidences, setDistanceTable(sets, distance));
  });
}

/**
 * δ between the distinct sets as a K × K table. Sets that share no label are at distance 1 under
 * every set distance here (MASI, Jaccard: 1 − 0; whole-set nominal: 1), so the table starts at 1
 * off the diagonal and only pairs sharing a label, found through the sets carrying each label,
 * are computed from their sizes and shared count (the same values as comparing the two sets).
 */
function setDistanceTable(sets: readonly Int32Array[], distance: SetDistance): Float64Array {
  const K = sets.length;
  const delta = new Float64Array(K * K).fill(1);
  for (let a = 0; a < K; a++) delta[a * K + a] = 0;
  if (distance === "nominal") return delta;
  const fromCounts = SET_DISTANCE_COUNTS[distance];
  const carriers: number[][] = [];
  sets.forEach((set, a) => {
    for (const label of set) (carriers[label] ??= []).push(a);
  });
  const shared = new Int32Array(K);
  const touched: number[] = [];
  for (let a = 0; a < K; a++) {
    const set = sets[a]!;
    for (const label of set) {
      for (const b of carriers[label]!) {
        if (b <= a) continue;
        if (shared[b] === 0) touched.push(b);
        shared[b] = shared[b]! + 1;
      }
    }
    for (const b of touched) {
      const d = fromCounts(set.length, sets[b]!.length, shared[b]!);
      delta[a * K + b] = d;
      delta[b * K + a] = d;
      shared[b] = 0;
    }
    touched.length = 0;
  }
  return delta;
}

/**
 * MASI distance (Passonneau 2006) between two sets of codes, exact: 1 − J·M with M = 2/3 for a
 * strict subset and 1/3 for a partial overlap. MASI(∅, ∅) = 0, MASI(∅, B) = 1.
 * @example masiDistance(["a"], ["a", "b"]); // => 2/3
 */
export function masiDistance(a: readonly string[], b: readonly string[]): number {
  return masiFromCounts(overlap(a, b), 2 / 3, 1 / 3);
}

/** MASI as nltk 3.8 `masi_distance` computes it (M = 0.67 / 0.33), with MASI(∅, ∅) = 0. */
export function masiDistanceNltk(a: readonly string[], b: readonly string[]): number {
  return masiFromCounts(overlap(a, b), 0.67, 0.33);
}

/** Jaccard distance 1 − |A∩B| / |A∪B|, with 0 for two empty sets. */
export function jaccardDistance(a: readonly string[], b: readonly string[]): number {
  const o = overlap(a, b);
  return o.union === 0 ? 0 : 1 - o.both / o.union;
}

interface Overlap {
  sizeA: number;
  sizeB: number;
  both: number;
  union: number;
}

function overlap(a: readonly string[], b: readonly string[]): Overlap {
  const setA = new Set(a);
  const setB = new Set(b);
  let both = 0;
  for (const x of setA) if (setB.has(x)) both++;
  return { sizeA: setA.size, sizeB: setB.size, both, union: setA.size + setB.size - both };
}

function masiFromCounts(o: Overlap, subset: number, partial: number): number {
  if (o.union === 0) return 0;
  let monotonicity: number;
  if (o.both === o.sizeA && o.both === o.sizeB) monotonicity = 1;
  else if (o.both === Math.min(o.sizeA, o.sizeB)) monotonicity = o.both === 0 ? 0 : subset;
  else if (o.both > 0) monotonicity = partial;
  else monotonicity = 0;
  return 1 - (o.both / o.union) * monotonicity;
}

function sortedOverlap(a: Int32Array, b: Int32Array): Overlap {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return { sizeA: a.length, sizeB: b.length, both, union: a.length + b.length - both };
}

const SET_DISTANCES: Record<SetDistance, (a: Int32Array, b: Int32Array) => number> = {
  masi: (a, b) => masiFromCounts(sortedOverlap(a, b), 2 / 3, 1 / 3),
  "masi-nltk": (a, b) => masiFromCounts(sortedOverlap(a, b), 0.67, 0.33),
  jaccard: (a, b) => {
    const o = sortedOverlap(a, b);
    return o.union === 0 ? 0 : 1 - o.both / o.union;
  },
  // Distinct codes are distinct sets, so whole-set nominal distance is 1 off the diagonal.
  nominal: () => 1,
};

const countsOf = (sizeA: number, sizeB: number, both: number): Overlap => ({ sizeA, sizeB, both, union: sizeA + sizeB - both });

/** The same distances from the set sizes and the shared labels (used where only those are counted). */
export const SET_DISTANCE_COUNTS: Record<SetDistance, (sizeA: number, sizeB: number, both: number) => number> = {
  masi: (a, b, both) => masiFromCounts(countsOf(a, b, both), 2 / 3, 1 / 3),
  "masi-nltk": (a, b, both) => masiFromCounts(countsOf(a, b, both), 0.67, 0.33),
  jaccard: (a, b, both) => (a + b - both === 0 ? 0 : 1 - both / (a + b - both)),
  nominal: (a, b, both) => (both === a && both === b ? 0 : 1),
};

function setKey(set: readonly string[]): string {
  if (!Array.isArray(set)) throw new TypeError(`a set-valued rating must be an array of strings or null, got ${JSON.stringify(set)}`);
  let sorted = true;
  for (let i = 0; i < set.length; i++) {
    if (typeof set[i] !== "string") throw new TypeError(`a set-valued rating must be an array of strings or null, got ${JSON.stringify(set)}`);
    if (i > 0 && !((set[i - 1] as string) < (set[i] as string))) sorted = false;
  }
  // Already sorted without repeats (as aligned units are): the key is the array itself.
  return JSON.stringify(sorted ? set : [...new Set(set)].sort(compareKeys));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
