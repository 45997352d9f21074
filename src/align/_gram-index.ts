/**
 * The gram index of `match-text.ts`: where each gram (a run of `GRAM` characters) of a
 * normalised text occurs, as one sorted typed array, so a text of millions of characters is
 * indexed without a map entry per gram.
 */

/** Gram length. */
export const GRAM = 6;

/**
 * Every `GRAM`-character gram of the normalised text, as one sorted array of keys
 * `hash · 2^positionBits + position` (exact in a double): the positions of a gram are one run
 * of the array, found by binary search. The hash is polynomial, `hashBits` wide; two grams may
 * share a hash, so exact matches are verified against the text, and a spurious vote only adds
 * a candidate that the edit distance rejects.
 */
export interface GramIndex {
  keys: Float64Array;
  /** 2^positionBits. */
  scale: number;
  /** Hashes are taken modulo 2^hashBits (positionBits + hashBits ≤ 53). */
  hashBits: number;
}

/** Polynomial hash of the gram of `s` at `p`, modulo 2^hashBits. */
export function gramHash(s: string, p: number, hashBits: number): number {
  let h = 0;
  for (let k = 0; k < GRAM; k++) h = (Math.imul(h, 131) + s.charCodeAt(p + k)) | 0;
  return hashBits >= 31 ? h & 0x7fffffff : h & ((1 << hashBits) - 1);
}

/** The run `[from, to)` of `grams.keys` holding the gram with hash `hash`. */
export function gramRun(grams: GramIndex, hash: number): [number, number] {
  const low = hash * grams.scale;
  const high = low + grams.scale;
  const keys = grams.keys;
  let a = 0;
  let b = keys.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (keys[mid]! < low) a = mid + 1;
    else b = mid;
  }
  let c = a;
  let d = keys.length;
  while (c < d) {
    const mid = (c + d) >> 1;
    if (keys[mid]! < high) c = mid + 1;
    else d = mid;
  }
  return [a, c];
}

/** Index every gram of `norm`. O(n log n). */
export function buildGramIndex(norm: string): GramIndex {
  const count = Math.max(0, norm.length - GRAM + 1);
  const positionBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const hashBits = Math.min(31, 53 - positionBits);
  const scale = 2 ** positionBits;
  const keys = new Float64Array(count);
  for (let p = 0; p < count; p++) keys[p] = gramHash(norm, p, hashBits) * scale + p;
  keys.sort();
  return { keys, scale, hashBits };
}
