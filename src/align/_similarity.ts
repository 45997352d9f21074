/**
 * Text similarity for turn alignment (Delve spec §7.3): the text normalisation, and a faithful
 * port of Python's `difflib.SequenceMatcher(None, a, b).ratio()`.
 *
 * The ratio is 2·M / (|a| + |b|), M = total size of the matching blocks that difflib's
 * recursive longest-match finds. The port keeps difflib's details, because they change the
 * number: strings are sequences of code points (Python `str` indexing, not UTF-16 units); there
 * is no junk function but the *autojunk* heuristic is on (Python's default): when `b` has 200
 * or more elements, every element occurring more than ⌊|b|/100⌋ + 1 times is "popular" and may
 * not start a match, though a match may extend over it. The ratio is therefore not symmetric;
 * the aligner always passes the reference text as `a`.
 *
 * Reference: Python standard library, `Lib/difflib.py` (SequenceMatcher, find_longest_match,
 * get_matching_blocks, ratio, quick_ratio, real_quick_ratio), after Ratcliff & Obershelp (1988)
 * "Pattern Matching: the Gestalt Approach", Dr. Dobb's Journal 13(7).
 */

/**
 * Normalise a turn's text before comparing (spec §7.3, plus quotes): NFC; typographic single
 * and double quotes, primes and guillemets to `'` and `"`; en/em dashes and minus to `-`; the
 * ellipsis character to `...`; every whitespace run to one space, trimmed; case-folded. Case
 * folding is JavaScript's upper-then-lower case mapping, which equals Python's `str.casefold()`
 * for Latin, Greek and Cyrillic text (ß → ss, final sigma → σ) and may differ on a few rare
 * characters.
 */
export function normalizeTurnText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u2035]/gu, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb]/gu, '"')
    .replace(/[\u2010-\u2015\u2212]/gu, "-")
    .replace(/\u2026/gu, "...")
    .replace(/[\s\u001c-\u001f\u0085]+/gu, " ")
    .trim()
    .toUpperCase()
    .toLowerCase();
}

/** A string as Python sees it: one number per code point. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** difflib's `real_quick_ratio`: an upper bound of `ratio` from the lengths alone. */
export function realQuickRatio(lengthA: number, lengthB: number): number {
  const total = lengthA + lengthB;
  return total === 0 ? 1 : (2 * Math.min(lengthA, lengthB)) / total;
}

/** Element counts of a sequence (for `quickRatio`). */
export function countElements(seq: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const x of seq) counts.set(x, (counts.get(x) ?? 0) + 1);
  return counts;
}

/** difflib's `quick_ratio`: an upper bound of `ratio` from the multiset intersection. */
export function quickRatio(countsA: Map<number, number>, lengthA: number, countsB: Map<number, number>, lengthB: number): number {
  const total = lengthA + lengthB;
  if (total === 0) return 1;
  let matches = 0;
  const [small, large] = countsA.size <= countsB.size ? [countsA, countsB] : [countsB, countsA];
  for (const [x, n] of small) matches += Math.min(n, large.get(x) ?? 0);
  return (2 * matches) / total;
}

// Scratch buffers for the longest-match scan, reused across calls; a row stamp tells which
// entries are current, so nothing is cleared between rows or calls.
let lenA = new Int32Array(0);
let markA = new Float64Array(0);
let lenB = new Int32Array(0);
let markB = new Float64Array(0);
let row = 0;

function ensure(size: number): void {
  if (lenA.length >= size) return;
  lenA = new Int32Array(size);
  lenB = new Int32Array(size);
  markA = new Float64Array(size).fill(-1);
  markB = new Float64Array(size).fill(-1);
}

/** The second sequence of a comparison with difflib's index of it (reusable across comparisons). */
export interface IndexedSequence {
  points: readonly number[];
  /** Element → ascending positions, popular elements removed (autojunk). */
  b2j: Map<number, number[]>;
}

/** Index `b` as difflib's `SequenceMatcher.set_seq2` does (with autojunk). */
export function indexSequence(b: readonly number[]): IndexedSequence {
  const lb = b.length;
  const b2j = new Map<number, number[]>();
  for (let j = 0; j < lb; j++) {
    const list = b2j.get(b[j]!);
    if (list) list.push(j);
    else b2j.set(b[j]!, [j]);
  }
  if (lb >= 200) {
    const limit = Math.floor(lb / 100) + 1;
    for (const [x, list] of b2j) if (list.length > limit) b2j.delete(x);
  }
  return { points: b, b2j };
}

/**
 * difflib `ratio()` of two code-point sequences (`a` = first argument of SequenceMatcher).
 * Worst case O(|a|·|b|) per longest-match scan, like difflib.
 */
export function sequenceRatio(a: readonly number[], b: readonly number[] | IndexedSequence): number {
  const indexed = Array.isArray(b) ? indexSequence(b) : (b as IndexedSequence);
  const { b2j } = indexed;
  const bp = indexed.points;
  const la = a.length;
  const lb = bp.length;
  if (la + lb === 0) return 1;
  ensure(lb + 1);
  let matches = 0;
  const queue: [number, number, number, number][] = [[0, la, 0, lb]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    // Longest run of matching non-popular elements (j2len of difflib, slot j+1 holds position j).
    let prevLen = lenA;
    let prevMark = markA;
    let curLen = lenB;
    let curMark = markB;
    row++;
    for (let i = alo; i < ahi; i++) {
      const previousRow = row;
      row++;
      const js = b2j.get(a[i]!);
      if (js) {
        for (const j of js) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (prevMark[j] === previousRow ? prevLen[j]! : 0) + 1;
          curLen[j + 1] = k;
          curMark[j + 1] = row;
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
      }
      [prevLen, curLen] = [curLen, prevLen];
      [prevMark, curMark] = [curMark, prevMark];
    }
    // Extend over equal elements, popular ones included (there is no junk to stop at).
    while (besti > alo && bestj > blo && a[besti - 1] === bp[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === bp[bestj + bestsize]) bestsize++;
    if (bestsize > 0) {
      matches += bestsize;
      if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
      if (besti + bestsize < ahi && bestj + bestsize < bhi) queue.push([besti + bestsize, ahi, bestj + bestsize, bhi]);
    }
  }
  return (2 * matches) / (la + lb);
}

/** Bit masks of the positions of each element in `a` (32 positions per word), for `lcsLength`. */
export function positionMasks(a: readonly number[]): Map<number, Uint32Array> {
  const words = Math.ceil(a.length / 32);
  const masks = new Map<number, Uint32Array>();
  a.forEach((x, i) => {
    let m = masks.get(x);
    if (!m) masks.set(x, (m = new Uint32Array(words)));
    m[i >>> 5]! |= 1 << (i & 31);
  });
  return masks;
}

/**
 * Length of a longest common subsequence of `a` (given by its `positionMasks`) and `b`, by the
 * bit-parallel algorithm of Allison & Dix (1986) as given by Hyyrö (2004): V ← (V + U) | (V − U),
 * U = V & mask(b_j); here U ⊆ V, so V − U = V & ~U. O(|b|·⌈|a|/32⌉).
 * difflib's matching blocks form a common subsequence, so 2·LCS/(|a|+|b|) bounds `ratio` from
 * above, much more tightly than `quickRatio`.
 */
export function lcsLength(masksA: Map<number, Uint32Array>, lengthA: number, b: readonly number[]): number {
  const words = Math.ceil(lengthA / 32);
  const v = new Uint32Array(words).fill(0xffffffff);
  for (const x of b) {
    const m = masksA.get(x);
    if (!m) continue;
    let carry = 0;
    for (let k = 0; k < words; k++) {
      const vk = v[k]!;
      const u = (vk & m[k]!) >>> 0;
      const sum = vk + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[k] = ((sum >>> 0) | (vk & ~u)) >>> 0;
    }
  }
  let zeros = 0;
  for (let i = 0; i < lengthA; i++) if ((v[i >>> 5]! & (1 << (i & 31))) === 0) zeros++;
  return zeros;
}

/** `sequenceRatio` on two strings (code points), e.g. `textRatio("abcd", "bcde")` → 0.75. */
export function textRatio(a: string, b: string): number {
  return sequenceRatio(codePoints(a), codePoints(b));
}
