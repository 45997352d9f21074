/**
 * How far each code pulls the overall alpha (MASI over the coders' code sets) down: the alpha the
 * study would have without that code, for every code, without recomputing alpha from scratch per
 * code (which costs the whole study per code).
 *
 * With n pairable values (cells of units that at least two coders coded), alpha = 1 − D_o / D_e,
 * D_o = (1/n) Σ_u Σ_{i≠j} δ(v_ui, v_uj) / (m_u − 1) and D_e = T / (n (n − 1)), T = Σ over ordered
 * pairs of values of δ. Removing code X changes only the sets A that contain X:
 * ```
 * T' = T − 2 T_AB − T_AA + 2 T'_AB + T'_AA
 * ```
 * (B: the other sets). δ depends on the two sizes and the shared count only, so each term comes
 * from counts of set pairs by (size, size, shared), found with binomial moments over subsets:
 * W_b(S) = Σ n_k over sets k ⊇ S of size b; the sets of B that contain S weigh
 * W_b(S) − W_b(S ∪ {X}), those of A weigh W_b(S ∪ {X}). D_o changes only on units where a coder
 * applied X. The cost is Σ_c 2^|c| per code over the sets that carry it, instead of the study.
 */
import { SET_DISTANCE_COUNTS } from "../metrics/krippendorff-alpha-sets.js";

const masi = SET_DISTANCE_COUNTS.masi;

function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0, j = 0, both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number, y = b[j] as number;
    if (x === y) { both++; i++; j++; } else if (x < y) i++; else j++;
  }
  return both;
}

function distance(a: Int32Array, b: Int32Array): number {
  return masi(a.length, b.length, sharedCount(a, b));
}

type SubsetKey = number | string;

/** The number of 1 bits of a non-negative 31-bit integer (the size of the subset a mask picks). */
function bitCount(mask: number): number {
  let x = mask - ((mask >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A key for a sorted list of label ids: the ids (+1) as digits in base `radix` while that number
 * is exact (below 2^53), else the ids joined as a string.
 */
function subsetKeys(labels: number): (parts: readonly number[]) => SubsetKey {
  const radix = labels + 1;
  const exactDigits = Math.max(1, Math.floor(52 / Math.log2(radix + 1)));
  return (parts) => {
    if (parts.length > exactDigits) return parts.join(",");
    let key = 0;
    for (const p of parts) key = key * radix + p + 1;
    return key;
  };
}

function forEachSubset(set: Int32Array, keyOf: (parts: readonly number[]) => SubsetKey, visit: (key: SubsetKey) => void): void {
  const parts: number[] = [];
  for (let mask = 0; mask < 1 << set.length; mask++) {
    parts.length = 0;
    for (let i = 0; i < set.length; i++) if (mask & (1 << i)) parts.push(set[i] as number);
    visit(keyOf(parts));
  }
}

/**
 * Overall alpha (MASI) with each code removed from every coder's sets, by code; null where that
 * alpha is undefined. `cells[c][u]` is coder c's set on unit u as code names (null: no value).
 */
export function alphaMasiWithout(cells: readonly (readonly (readonly string[] | null)[])[], codes: readonly string[]): Map<string, number | null> {
  const labelOf = new Map<string, number>();
  const idOf = (code: string): number => {
    let id = labelOf.get(code);
    if (id === undefined) labelOf.set(code, (id = labelOf.size));
    return id;
  };
  for (const code of codes) idOf(code);
  const coders = cells.length;
  const unitCount = cells[0]?.length ?? 0;
  // Pairable units, each as its list of sets (sorted label ids).
  const units: Int32Array[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const values: Int32Array[] = [];
    for (let c = 0; c < coders; c++) {
      const set = cells[c]![u];
      if (set) values.push(Int32Array.from(new Set(set.map(idOf))).sort());
    }
    if (values.length >= 2) units.push(values);
  }
  const n = units.reduce((s, v) => s + v.length, 0);
  const out = new Map<string, number | null>();
  if (n === 0) {
    for (const code of codes) out.set(code, null);
    return out;
  }
  const unitObserved = (values: readonly Int32Array[]): number => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) for (let j = i + 1; j < values.length; j++) sum += 2 * distance(values[i]!, values[j]!);
    return sum / (values.length - 1);
  };
  const observedParts = units.map(unitObserved);
  const observed = observedParts.reduce((s, x) => s + x, 0);
  // Distinct sets with their counts; W_b(S) over all of them.
  const distinct = new Map<string, { set: Int32Array; count: number }>();
  for (const values of units) {
    for (const set of values) {
      const key = set.join(",");
      const entry = distinct.get(key);
      if (entry) entry.count++;
      else distinct.set(key, { set, count: 1 });
    }
  }
  const sets = [...distinct.values()];
  let maxSize = 0;
  for (const { set } of sets) maxSize = Math.max(maxSize, set.length);
  const B = maxSize + 1;
  const keyOf = subsetKeys(labelOf.size);
  const weights = new Map<SubsetKey, Float64Array>();
  for (const { set, count } of sets) {
    forEachSubset(set, keyOf, (key) => {
      let w = weights.get(key);
      if (w === undefined) weights.set(key, (w = new Float64Array(B)));
      w[set.length] = (w[set.length] as number) + count;
    });
  }
  const none = new Float64Array(B);
  const W = (key: SubsetKey): Float64Array => weights.get(key) ?? none;
  const binomial: number[][] = [];
  for (let j = 0; j <= B; j++) {
    binomial.push([]);
    for (let t = 0; t <= j; t++) binomial[j]!.push(t === 0 || t === j ? 1 : binomial[j - 1]![t - 1]! + binomial[j - 1]![t]!);
  }
  /**
   * counts[b * B + t]: total weight of the sets k of size b sharing t labels with a query of
   * `a` labels (t ≤ min(a, b)), given for each subset of the query (as a bit mask over its
   * labels, visited in increasing order) its weights row (less `minusOf`'s, when given). The
   * returned buffer is reused by the next call: read it before calling again.
   */
  const moments = new Float64Array(B * B);
  const countsBuffer = new Float64Array(B * B);
  const countsOf = (a: number, rowOf: (mask: number) => Float64Array, minusOf?: (mask: number) => Float64Array): Float64Array => {
    moments.fill(0, 0, (a + 1) * B);
    for (let mask = 0; mask < 1 << a; mask++) {
      const row = rowOf(mask);
      const size = bitCount(mask);
      const base = size * B;
      if (minusOf === undefined) for (let b = size; b < B; b++) moments[base + b] = (moments[base + b] as number) + (row[b] as number);
      else {
        // Weights row − minus row, element by element (no array built per subset).
        const other = minusOf(mask);
        for (let b = size; b < B; b++) moments[base + b] = (moments[base + b] as number) + ((row[b] as number) - (other[b] as number));
      }
    }
    for (let b = 0; b < B; b++) {
      const top = Math.min(a, b);
      for (let t = 0; t <= top; t++) {
        let count = 0;
        for (let j = t; j <= top; j++) count += ((j - t) % 2 === 0 ? 1 : -1) * binomial[j]![t]! * (moments[j * B + b] as number);
        countsBuffer[b * B + t] = count;
      }
    }
    return countsBuffer;
  };
  const parts: number[] = [];
  /** The labels of `query` picked by `mask`, in order (into the shared `parts`). */
  const subsetOf = (query: Int32Array, mask: number): number[] => {
    parts.length = 0;
    for (let i = 0; i < query.length; i++) if (mask & (1 << i)) parts.push(query[i] as number);
    return parts;
  };
  // T over all ordered pairs of values.
  let total = 0;
  for (const { set, count } of sets) {
    const counts = countsOf(set.length, (mask) => W(keyOf(subsetOf(set, mask))));
    for (let b = 0; b < B; b++) {
      const top = Math.min(set.length, b);
      for (let t = 0; t <= top; t++) {
        const k = counts[b * B + t] as number;
        if (k !== 0) total += count * k * masi(set.length, b, t);
      }
    }
  }
  // Which sets and units carry each label.
  const setsWith = new Map<number, { set: Int32Array; count: number }[]>();
  for (const entry of sets) for (const label of entry.set) { let l = setsWith.get(label); if (!l) setsWith.set(label, (l = [])); l.push(entry); }
  const unitsWith = new Map<number, number[]>();
  units.forEach((values, u) => {
    const labels = new Set<number>();
    for (const set of values) for (const label of set) labels.add(label);
    for (const label of labels) { let l = unitsWith.get(label); if (!l) unitsWith.set(label, (l = [])); l.push(u); }
  });
  // The key of subset ∪ {x} (x not in the sorted subset): x inserted in place, no sort.
  const merged: number[] = [];
  const withLabel = (subset: readonly number[], x: number): SubsetKey => {
    merged.length = 0;
    let i = 0;
    while (i < subset.length && subset[i]! < x) merged.push(subset[i++]!);
    merged.push(x);
    while (i < subset.length) merged.push(subset[i++]!);
    return keyOf(merged);
  };
  // (A plain loop: TypedArray filter is slow in V8.)
  const without = (set: Int32Array, x: number): Int32Array => {
    const at = set.indexOf(x);
    if (at < 0) return set.slice();
    const out = new Int32Array(set.length - 1);
    for (let i = 0, j = 0; i < set.length; i++) if (i !== at) out[j++] = set[i]!;
    return out;
  };

  for (const code of codes) {
    const x = labelOf.get(code)!;
    const carriers = setsWith.get(x) ?? [];
    let changed = total;
    for (const { set, count } of carriers) {
      const reduced = without(set, x);
      // W(S) and W(S ∪ {X}) for each subset S of `reduced` (by its mask), looked up once.
      const half = 1 << reduced.length;
      const plain: Float64Array[] = new Array(half), withX: Float64Array[] = new Array(half);
      for (let mask = 0; mask < half; mask++) {
        const subset = subsetOf(reduced, mask);
        plain[mask] = W(keyOf(subset));
        withX[mask] = W(withLabel(subset, x));
      }
      // Against B (sets without X): shared labels are those of `reduced`.
      const againstB = countsOf(reduced.length, (mask) => plain[mask]!, (mask) => withX[mask]!);
      for (let b = 0; b < B; b++) {
        const top = Math.min(reduced.length, b);
        for (let t = 0; t <= top; t++) {
          const k = againstB[b * B + t] as number;
          if (k !== 0) changed += 2 * count * k * (masi(reduced.length, b, t) - masi(set.length, b, t));
        }
      }
      // Against A (sets with X): moments over subsets of `set` that contain X.
      // A subset of `set`, with X or without, weighs W(its labels other than X, ∪ {X}).
      const at = set.indexOf(x);
      const low = (1 << at) - 1;
      const againstA = countsOf(set.length, (mask) => withX[(mask & low) | ((mask >> (at + 1)) << at)]!);
      for (let b = 0; b < B; b++) {
        const top = Math.min(set.length, b);
        for (let t = 0; t <= top; t++) {
          const k = againstA[b * B + t] as number;
          if (k !== 0 && t >= 1 && b >= 1) changed += count * k * (masi(set.length - 1, b - 1, t - 1) - masi(set.length, b, t));
        }
      }
    }
    let observedWithout = observed;
    for (const u of unitsWith.get(x) ?? []) observedWithout += unitObserved(units[u]!.map((s) => without(s, x))) - observedParts[u]!;
    const expected = changed / (n * (n - 1));
    out.set(code, expected > 0 ? 1 - observedWithout / n / expected : null);
  }
  return out;
}
