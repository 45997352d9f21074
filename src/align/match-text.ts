/**
 * Find where an excerpt (a highlight's or snippet's text, as another QDA tool exported it) lies
 * in a transcript's text, so that codes given by text rather than by offsets (Taguette
 * highlights, Delve or Dedoose excerpt tables) can be put back on the transcript's turns.
 *
 * Both texts are compared in a *matching normalisation* that keeps, for every character it
 * produces, the range of the original text it came from (`normalizeForMatching`): NFC per
 * character with its combining marks; typographic quotes, primes and guillemets to `'` and `"`;
 * hyphens, en/em dashes and minus to `-`; the ellipsis character to `...`; soft hyphens and
 * zero-width characters dropped; every whitespace run to one space; case-folded (JavaScript's
 * upper-then-lower mapping). These are the differences a copy-paste or an export introduces,
 * the same kinds that `normalizeTurnText` removes before turn alignment.
 *
 * Search, in this order:
 * 1. **Exact**: every occurrence of the normalised excerpt in the normalised text. One → the
 *    match (similarity 1); several → ambiguous.
 * 2. **Fuzzy**, for excerpts of at least 12 normalised characters with no exact occurrence (a
 *    typo fixed in one copy, a word changed): candidate places are found through the text's
 *    index of 6-character grams (each gram the excerpt shares with the text votes for the start
 *    it implies; grams occurring more than 64 times vote for nothing), then the best window
 *    around each of the best-voted places is found by semi-global edit distance (Sellers 1980:
 *    the whole excerpt against any substring of the text), in a band around the diagonals its
 *    grams voted for, and scored with the similarity the turn aligner uses, Python's
 *    `difflib.SequenceMatcher(None, window, excerpt, autojunk=False).ratio()` (see
 *    `_similarity.ts`). Autojunk is off here: on strings of 200 characters or more it makes
 *    every frequent letter "popular", and then one changed first letter can drop the ratio of
 *    two near-identical paragraphs below 0.01. A window counts when its similarity is at least
 *    `minSimilarity` (0.8). The best window is the match; several non-overlapping windows with
 *    the same best similarity are ambiguous.
 *
 * Limits: an excerpt with an edit in every stretch of 6 characters shares no gram with the text
 * and is not found (its similarity would be about 0.83 at best). Excerpts of 48 characters or
 * more vote with every third gram. An insertion or deletion of more than 8 characters with no
 * shared gram on one side of it (near an end of the excerpt) falls outside the band, and the
 * match then stops before it.
 *
 * Cost: `indexText` is O(n log n) for a text of n UTF-16 units; an exact lookup is
 * O(m + log n + occurrences of the excerpt's rarest gram); a fuzzy lookup is O(m log n + votes)
 * plus O(m·b) per candidate place (at most 8), b being the width of its band (about 17 for a
 * few typos), plus the ratio. Index a transcript once and look up all its excerpts against the
 * index. `test/bench/match-text-bench.ts`: 100 transcripts of 50,000 characters indexed in about
 * 1 s, 100,000 excerpts (a fifth with typos) located in about 6 s on the development machine.
 *
 * Reference: Sellers, P. H. (1980) "The theory and computation of evolutionary distances:
 * pattern recognition", *Journal of Algorithms* 1(4), 359–373 (approximate substring matching
 * by edit distance with a free start and end in the text).
 */
import { codePoints, sequenceRatio, type IndexedSequence } from "./_similarity.js";

/** A located excerpt: 0-based, end-exclusive UTF-16 offsets into the original text. */
export interface ExcerptMatch {
  start: number;
  end: number;
  /** 1 for an exact match (after normalisation), else the difflib ratio, ≥ `minSimilarity`. */
  similarity: number;
}

/** Several places match equally well (at most `MAX_AMBIGUOUS_LISTED` are listed, in text order). */
export interface AmbiguousExcerpt {
  ambiguous: ExcerptMatch[];
  /** How many places there are in all (may exceed the list). */
  count: number;
}

export type ExcerptLocation = ExcerptMatch | AmbiguousExcerpt | null;

/** Default lowest similarity of a fuzzy match (the turn aligner's threshold). */
export const MIN_EXCERPT_SIMILARITY = 0.8;
/** Places listed in an ambiguous result (enough to pick one by context, e.g. the export's order). */
export const MAX_AMBIGUOUS_LISTED = 200;
/** Gram length of the index. */
const GRAM = 6;
/** Shortest normalised excerpt that is searched fuzzily (shorter ones match exactly or not at all). */
const MIN_FUZZY_LENGTH = 2 * GRAM;
/** A gram occurring more often than this in the text votes for no place (it says nothing about where). */
const GRAM_CAP = 64;
/** Candidate places checked by edit distance per fuzzy lookup. */
const MAX_CANDIDATES = 8;

/** Text in the matching normalisation, with the original range of each of its characters. */
export interface NormalizedText {
  norm: string;
  /** `origStart[i]`..`origEnd[i]`: the UTF-16 range of the original text that `norm[i]` comes from. */
  origStart: Int32Array;
  origEnd: Int32Array;
}

/** A text prepared for many lookups (see `indexText`). */
export interface TextIndex {
  text: string;
  normalized: NormalizedText;
  /** Where each gram of the normalised text occurs (see `GramIndex`). */
  grams: GramIndex;
}

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

const QUOTE_SINGLE = /[\u2018\u2019\u201a\u201b\u2032\u2035]/gu;
const QUOTE_DOUBLE = /[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb]/gu;
const DASH = /[\u2010-\u2015\u2212]/gu;
const SPACE = /^[\s\u001c-\u001f\u0085]$/u;
const MARK = /^\p{M}$/u;
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/**
 * The matching normalisation of `text` (see the file comment), trimmed, with the original range
 * of every output character. O(n).
 *
 * @example
 * normalizeForMatching("  \u201cHi\u201d,\n  Bob").norm // => "\"hi\", bob"
 */
export function normalizeForMatching(text: string): NormalizedText {
  const out = new NormalizedBuilder(text.length);
  let lastWasSpace = true; // no space at the start
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && (i + 1 >= n || text.charCodeAt(i + 1) < 0x300 || !MARK.test(String.fromCodePoint(text.codePointAt(i + 1)!)))) {
      // ASCII with no combining mark after it: the common case, without allocating.
      if (c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f)) {
        if (lastWasSpace) out.extendLast(i + 1);
        else out.push(32, i, i + 1);
        lastWasSpace = true;
      } else {
        out.push(c >= 65 && c <= 90 ? c + 32 : c, i, i + 1);
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    // A cluster: one code point and the combining marks that follow it.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    while (j < n && text.charCodeAt(j) >= 0x300) {
      const cp = text.codePointAt(j)!;
      if (!MARK.test(String.fromCodePoint(cp))) break;
      j += cp > 0xffff ? 2 : 1;
    }
    const cluster = text.slice(i, j);
    if (j - i === 1 && INVISIBLE.has(c)) {
      if (lastWasSpace) out.extendLast(j);
    } else if (j - i === 1 && SPACE.test(cluster)) {
      if (lastWasSpace) out.extendLast(j);
      else out.push(32, i, j);
      lastWasSpace = true;
    } else {
      const mapped = cluster
        .normalize("NFC")
        .replace(QUOTE_SINGLE, "'")
        .replace(QUOTE_DOUBLE, '"')
        .replace(DASH, "-")
        .replace(/\u2026/gu, "...")
        .toUpperCase()
        .toLowerCase();
      for (let k = 0; k < mapped.length; k++) out.push(mapped.charCodeAt(k), i, j);
      lastWasSpace = false;
    }
    i = j;
  }
  if (lastWasSpace) out.pop();
  return out.finish();
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Decodes the buffer's UTF-16 units (a lone surrogate becomes U+FFFD, one unit for one, so positions hold). */
const UTF16 = new TextDecoder("utf-16le");

/** Growable UTF-16 buffer with the original range of each unit. */
class NormalizedBuilder {
  private units: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(this.units.length);
    this.ends = new Int32Array(this.units.length);
  }

  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  /** The last unit (a space) also covers the original text up to `end`. */
  extendLast(end: number): void {
    if (this.length > 0) this.ends[this.length - 1] = end;
  }

  pop(): void {
    if (this.length > 0) this.length--;
  }

  private grow(): void {
    const size = this.units.length * 2;
    const units = new Uint16Array(size);
    units.set(this.units);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    [this.units, this.starts, this.ends] = [units, starts, ends];
  }

  finish(): NormalizedText {
    const units = this.units.subarray(0, this.length);
    let norm: string;
    if (LITTLE_ENDIAN) {
      norm = UTF16.decode(units);
    } else {
      norm = "";
      for (let k = 0; k < units.length; k += 8192) norm += String.fromCharCode(...units.subarray(k, k + 8192));
    }
    return { norm, origStart: this.starts.slice(0, this.length), origEnd: this.ends.slice(0, this.length) };
  }
}

/** Polynomial hash of the gram of `s` at `p`, modulo 2^hashBits. */
function gramHash(s: string, p: number, hashBits: number): number {
  let h = 0;
  for (let k = 0; k < GRAM; k++) h = (Math.imul(h, 131) + s.charCodeAt(p + k)) | 0;
  return hashBits >= 31 ? h & 0x7fffffff : h & ((1 << hashBits) - 1);
}

/** The run `[from, to)` of `grams.keys` holding the gram with hash `hash`. */
function gramRun(grams: GramIndex, hash: number): [number, number] {
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

/** Index a text for `locateExcerpt`: its matching normalisation and its gram index. O(n log n). */
export function indexText(text: string): TextIndex {
  const normalized = normalizeForMatching(text);
  const { norm } = normalized;
  const count = Math.max(0, norm.length - GRAM + 1);
  const positionBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const hashBits = Math.min(31, 53 - positionBits);
  const scale = 2 ** positionBits;
  const keys = new Float64Array(count);
  for (let p = 0; p < count; p++) keys[p] = gramHash(norm, p, hashBits) * scale + p;
  keys.sort();
  return { text, normalized, grams: { keys, scale, hashBits } };
}

export interface LocateOptions {
  /** Lowest similarity of a fuzzy match; default `MIN_EXCERPT_SIMILARITY` (0.8). */
  minSimilarity?: number;
}

/**
 * Where `excerpt` lies in the text: the match, several equally good places, or null (empty
 * excerpt, or no place with similarity ≥ `minSimilarity`). Offsets are into the original text
 * and exclude white space at either end of the match.
 *
 * @example
 * locateExcerpt("Interviewer: Do you \u201ctrust\u201d it?\nParticipant: Not really.", '"TRUST" it?  participant: not')
 * // => { start: 20, end: 48, similarity: 1 } (quotes, case and the line break differ; it spans both lines)
 */
export function locateExcerpt(transcript: string | TextIndex, excerpt: string, options: LocateOptions = {}): ExcerptLocation {
  const index = typeof transcript === "string" ? indexText(transcript) : transcript;
  const minSimilarity = options.minSimilarity ?? MIN_EXCERPT_SIMILARITY;
  const e = normalizeForMatching(excerpt).norm;
  if (e.length === 0) return null;
  const exact = exactPlaces(index, e);
  if (exact.length === 1) return toOriginal(index, exact[0]!, exact[0]! + e.length, 1);
  if (exact.length > 1) {
    return {
      ambiguous: exact.slice(0, MAX_AMBIGUOUS_LISTED).map((p) => toOriginal(index, p, p + e.length, 1)),
      count: exact.length,
    };
  }
  if (e.length < MIN_FUZZY_LENGTH) return null;
  return fuzzyPlaces(index, e, minSimilarity);
}

/** True for an ambiguous result. */
export function isAmbiguous(location: ExcerptLocation): location is AmbiguousExcerpt {
  return location !== null && "ambiguous" in location;
}

function toOriginal(index: TextIndex, s: number, e: number, similarity: number): ExcerptMatch {
  return { start: index.normalized.origStart[s]!, end: index.normalized.origEnd[e - 1]!, similarity };
}

/** Start positions (in the normalised text) of every occurrence of `e`, ascending. */
function exactPlaces(index: TextIndex, e: string): number[] {
  const { norm } = index.normalized;
  const places: number[] = [];
  if (e.length < GRAM) {
    for (let p = norm.indexOf(e); p !== -1; p = norm.indexOf(e, p + 1)) places.push(p);
    return places;
  }
  // Check only where the excerpt's rarest gram occurs.
  const { grams } = index;
  let best: [number, number] = [0, Number.POSITIVE_INFINITY];
  let bestOffset = 0;
  for (let k = 0; k + GRAM <= e.length; k++) {
    const run = gramRun(grams, gramHash(e, k, grams.hashBits));
    if (run[1] === run[0]) return places;
    if (run[1] - run[0] < best[1] - best[0]) {
      best = run;
      bestOffset = k;
      if (run[1] - run[0] === 1) break;
    }
  }
  for (let r = best[0]; r < best[1]; r++) {
    const start = (grams.keys[r]! % grams.scale) - bestOffset;
    if (start >= 0 && norm.startsWith(e, start)) places.push(start);
  }
  return places.sort((a, b) => a - b);
}

function fuzzyPlaces(index: TextIndex, e: string, minSimilarity: number): ExcerptLocation {
  const { norm } = index.normalized;
  const m = e.length;
  const { grams } = index;
  const votes = new Map<number, number>();
  let topVotes = 0;
  // Long excerpts vote with every third gram: a typo still spoils only two of them, and the
  // lookups are a third.
  const stride = m >= 8 * GRAM ? 3 : 1;
  for (let k = 0; k + GRAM <= m; k += stride) {
    const [from, to] = gramRun(grams, gramHash(e, k, grams.hashBits));
    if (to - from > GRAM_CAP) continue;
    for (let r = from; r < to; r++) {
      const diagonal = (grams.keys[r]! % grams.scale) - k;
      const count = (votes.get(diagonal) ?? 0) + 1;
      votes.set(diagonal, count);
      if (count > topVotes) topVotes = count;
    }
  }
  if (votes.size === 0) return null;
  const ranked = [...votes].filter(([, count]) => count * 4 >= topVotes).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  // A match of similarity ≥ 0.8 is between 2m/3 and 3m/2 long, so its grams vote within about
  // m/2 of one another: places closer than that are one place.
  const reach = Math.ceil(m / 2) + GRAM;
  const chosen: number[] = [];
  for (const [diagonal] of ranked) {
    if (chosen.length >= MAX_CANDIDATES) break;
    if (chosen.some((d) => Math.abs(d - diagonal) < reach)) continue;
    chosen.push(diagonal);
  }
  const similarity = ratioScorer(e);
  const found: ExcerptMatch[] = []; // offsets into the normalised text until `toOriginal`
  for (const diagonal of chosen) {
    // The band: the diagonals near this place that a tenth of the best count voted for (chance
    // agreements of a gram or two elsewhere do not widen it), widened by a margin for edits
    // between grams.
    let low = diagonal;
    let high = diagonal;
    const least = Math.max(1, Math.min(2, topVotes), Math.ceil(topVotes / 10));
    for (const [d, count] of votes) {
      if (count >= least && Math.abs(d - diagonal) < reach) {
        if (d < low) low = d;
        if (d > high) high = d;
      }
    }
    const region = bestSubstring(e, norm, low - BAND_MARGIN, high + BAND_MARGIN);
    if (region === null) continue;
    let [s, t] = region;
    while (s < t && norm.charCodeAt(s) === 32) s++;
    while (t > s && norm.charCodeAt(t - 1) === 32) t--;
    if (s >= t) continue;
    const value = similarity(norm.slice(s, t));
    if (value < minSimilarity) continue;
    // Two candidates may find the same place; keep it once, with its better window.
    const overlapping = found.findIndex((f) => f.start < t && s < f.end);
    if (overlapping === -1) found.push({ start: s, end: t, similarity: value });
    else if (value > found[overlapping]!.similarity) found[overlapping] = { start: s, end: t, similarity: value };
  }
  if (found.length === 0) return null;
  const best = Math.max(...found.map((f) => f.similarity));
  const top = found.filter((f) => f.similarity === best).sort((x, y) => x.start - y.start);
  const original = top.map((f) => toOriginal(index, f.start, f.end, f.similarity));
  if (original.length === 1) return original[0]!;
  return { ambiguous: original.slice(0, MAX_AMBIGUOUS_LISTED), count: original.length };
}

/** Diagonals beyond the voted ones that the edit-distance band includes (edits between grams). */
const BAND_MARGIN = GRAM + 2;

/**
 * `window → difflib ratio(window, excerpt)` with autojunk off (the excerpt, difflib's second
 * sequence, is indexed once with every element kept).
 */
function ratioScorer(excerpt: string): (window: string) => number {
  const points = codePoints(excerpt);
  const b2j = new Map<number, number[]>();
  points.forEach((x, j) => {
    const list = b2j.get(x);
    if (list) list.push(j);
    else b2j.set(x, [j]);
  });
  const indexed: IndexedSequence = { points, b2j };
  return (window) => sequenceRatio(codePoints(window), indexed);
}

/**
 * The substring `[s, t)` of `text` closest to `pattern` in edit distance among those whose
 * alignment stays within the diagonals `[low, high]` (text position − pattern position):
 * Sellers' algorithm (any start is free, the end is the one of least distance, the leftmost on
 * ties) restricted to a band, the start carried along the chosen path. O(|pattern|·(high − low)).
 */
function bestSubstring(pattern: string, text: string, low: number, high: number): [number, number] | null {
  const m = pattern.length;
  const n = text.length;
  const width = high - low + 1;
  const INF = 1 << 29;
  // Row i holds text positions p = i + low + k for k in [0, width): the pattern prefix of length
  // i aligned with text ending before p.
  let dist = new Int32Array(width);
  let start = new Int32Array(width);
  let next = new Int32Array(width);
  let nextStart = new Int32Array(width);
  for (let k = 0; k < width; k++) {
    const p = low + k;
    dist[k] = p >= 0 && p <= n ? 0 : INF;
    start[k] = p;
  }
  for (let i = 1; i <= m; i++) {
    const code = pattern.charCodeAt(i - 1);
    for (let k = 0; k < width; k++) {
      const p = i + low + k;
      if (p < 0 || p > n) {
        next[k] = INF;
        continue;
      }
      // Same k in the previous row is p − 1 there (diagonal); k + 1 is p (a pattern character the text lacks).
      let best = INF;
      let from = 0;
      if (p >= 1) {
        const d = dist[k]! + (text.charCodeAt(p - 1) === code ? 0 : 1);
        best = d;
        from = start[k]!;
      }
      if (k + 1 < width && dist[k + 1]! + 1 < best) {
        best = dist[k + 1]! + 1;
        from = start[k + 1]!;
      }
      if (k > 0 && next[k - 1]! + 1 < best) {
        best = next[k - 1]! + 1; // a text character the pattern lacks
        from = nextStart[k - 1]!;
      }
      next[k] = best;
      nextStart[k] = from;
    }
    [dist, next] = [next, dist];
    [start, nextStart] = [nextStart, start];
  }
  let bestK = -1;
  for (let k = 0; k < width; k++) if (dist[k]! < INF && (bestK === -1 || dist[k]! < dist[bestK]!)) bestK = k;
  if (bestK === -1) return null;
  const end = m + low + bestK;
  const from = start[bestK]!;
  return end > from ? [from, end] : null;
}
