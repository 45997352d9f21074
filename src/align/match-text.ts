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
 * upper-then-lower mapping). These are the differences a copy-paste or an export introduces;
 * they are the same as `normalizeTurnText` applies before turn alignment.
 *
 * Search, in this order:
 * 1. **Exact**: every occurrence of the normalised excerpt in the normalised text. One → the
 *    match (similarity 1); several → ambiguous.
 * 2. **Fuzzy**, for excerpts of at least 12 normalised characters with no exact occurrence (a
 *    typo fixed in one copy, a word changed): candidate places are found through the text's
 *    index of 6-character grams (each gram the excerpt shares with the text votes for the start
 *    it implies; grams occurring more than 64 times vote for nothing), then the best window
 *    around each of the best-voted places is found by semi-global edit distance (Sellers 1980:
 *    the whole excerpt against any substring of the window), and scored with the similarity the
 *    turn aligner uses (Python `difflib.SequenceMatcher(None, window, excerpt).ratio()`, see
 *    `_similarity.ts`). A window counts when its similarity is at least `minSimilarity` (0.8).
 *    The best window is the match; several non-overlapping windows with the same best
 *    similarity are ambiguous.
 *
 * Cost: `indexText` is O(n) for a text of n UTF-16 units; an exact lookup is O(m + occurrences
 * of the excerpt's rarest gram); a fuzzy lookup is O(m·q + votes) plus O(m²) per candidate
 * window (at most 8). Index a transcript once and look up all its excerpts against the index.
 *
 * Reference: Sellers, P. H. (1980) "The theory and computation of evolutionary distances:
 * pattern recognition", *Journal of Algorithms* 1(4), 359–373 (approximate substring matching
 * by edit distance with a free start and end in the text).
 */
import { textRatio } from "./_similarity.js";

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
  /** Every `GRAM`-character gram of the normalised text → its start positions, ascending. */
  grams: Map<string, number[]>;
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
  const chunks: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = true; // no space at the start
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // ASCII fast path (a following combining mark is handled below like any cluster).
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (next < 0x300 || !MARK.test(String.fromCodePoint(text.codePointAt(i + 1)!))) {
        if (c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f)) {
          if (lastWasSpace) {
            if (ends.length > 0) ends[ends.length - 1] = i + 1;
          } else {
            chunks.push(" ");
            starts.push(i);
            ends.push(i + 1);
            lastWasSpace = true;
          }
        } else {
          chunks.push(c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]!);
          starts.push(i);
          ends.push(i + 1);
          lastWasSpace = false;
        }
        i++;
        continue;
      }
    }
    // A cluster: one code point and the combining marks that follow it.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    while (j < n && text.charCodeAt(j) >= 0x300) {
      const cp = text.codePointAt(j)!;
      if (!MARK.test(String.fromCodePoint(cp))) break;
      j += cp > 0xffff ? 2 : 1;
    }
    const cluster = text.slice(i, j);
    const first = cluster.codePointAt(0)!;
    if (INVISIBLE.has(first) && j - i === 1) {
      if (lastWasSpace && ends.length > 0) ends[ends.length - 1] = j;
    } else if (j - i === 1 && SPACE.test(cluster)) {
      if (lastWasSpace) {
        if (ends.length > 0) ends[ends.length - 1] = j;
      } else {
        chunks.push(" ");
        starts.push(i);
        ends.push(j);
        lastWasSpace = true;
      }
    } else {
      const mapped = cluster
        .normalize("NFC")
        .replace(QUOTE_SINGLE, "'")
        .replace(QUOTE_DOUBLE, '"')
        .replace(DASH, "-")
        .replace(/\u2026/gu, "...")
        .toUpperCase()
        .toLowerCase();
      for (let k = 0; k < mapped.length; k++) {
        chunks.push(mapped[k]!);
        starts.push(i);
        ends.push(j);
      }
      lastWasSpace = false;
    }
    i = j;
  }
  if (lastWasSpace && chunks.length > 0) {
    chunks.pop();
    starts.pop();
    ends.pop();
  }
  return { norm: chunks.join(""), origStart: Int32Array.from(starts), origEnd: Int32Array.from(ends) };
}

/** Index a text for `locateExcerpt`: its matching normalisation and its gram index. O(n). */
export function indexText(text: string): TextIndex {
  const normalized = normalizeForMatching(text);
  const { norm } = normalized;
  const grams = new Map<string, number[]>();
  for (let p = 0; p + GRAM <= norm.length; p++) {
    const g = norm.slice(p, p + GRAM);
    const list = grams.get(g);
    if (list) list.push(p);
    else grams.set(g, [p]);
  }
  return { text, normalized, grams };
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
  let best: number[] | null = null;
  let bestOffset = 0;
  for (let k = 0; k + GRAM <= e.length; k++) {
    const list = index.grams.get(e.slice(k, k + GRAM));
    if (list === undefined) return places;
    if (best === null || list.length < best.length) {
      best = list;
      bestOffset = k;
      if (list.length === 1) break;
    }
  }
  for (const p of best!) {
    const start = p - bestOffset;
    if (start >= 0 && norm.startsWith(e, start)) places.push(start);
  }
  return places;
}

function fuzzyPlaces(index: TextIndex, e: string, minSimilarity: number): ExcerptLocation {
  const { norm } = index.normalized;
  const m = e.length;
  const votes = new Map<number, number>();
  for (let k = 0; k + GRAM <= m; k++) {
    const list = index.grams.get(e.slice(k, k + GRAM));
    if (list === undefined || list.length > GRAM_CAP) continue;
    for (const p of list) votes.set(p - k, (votes.get(p - k) ?? 0) + 1);
  }
  if (votes.size === 0) return null;
  const ranked = [...votes].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const topVotes = ranked[0]![1];
  // A match of similarity ≥ 0.8 is between 2m/3 and 3m/2 long, so its start lies within about m/2 of the voted one.
  const slack = Math.ceil(m / 2) + GRAM;
  const chosen: number[] = [];
  for (const [diagonal, count] of ranked) {
    if (chosen.length >= MAX_CANDIDATES || count * 4 < topVotes) break;
    if (chosen.some((d) => Math.abs(d - diagonal) < slack)) continue;
    chosen.push(diagonal);
  }
  const found: ExcerptMatch[] = []; // offsets into the normalised text until `toOriginal`
  for (const diagonal of chosen) {
    const from = Math.max(0, diagonal - slack);
    const to = Math.min(norm.length, diagonal + m + slack);
    const region = bestSubstring(e, norm, from, to);
    if (region === null) continue;
    let [s, t] = region;
    while (s < t && norm[s] === " ") s++;
    while (t > s && norm[t - 1] === " ") t--;
    if (s >= t) continue;
    const similarity = textRatio(norm.slice(s, t), e);
    if (similarity < minSimilarity) continue;
    // Two candidates may find the same place; keep it once, with its better window.
    const overlapping = found.findIndex((f) => f.start < t && s < f.end);
    if (overlapping === -1) found.push({ start: s, end: t, similarity });
    else if (similarity > found[overlapping]!.similarity) found[overlapping] = { start: s, end: t, similarity };
  }
  if (found.length === 0) return null;
  const best = Math.max(...found.map((f) => f.similarity));
  const top = found.filter((f) => f.similarity === best).sort((x, y) => x.start - y.start);
  const original = top.map((f) => toOriginal(index, f.start, f.end, f.similarity));
  if (original.length === 1) return original[0]!;
  return { ambiguous: original.slice(0, MAX_AMBIGUOUS_LISTED), count: original.length };
}

/**
 * The substring `[s, t)` of `text[from, to)` closest to `pattern` in edit distance (Sellers'
 * algorithm: row 0 is free, so the match may start anywhere; the end is the column of least
 * distance, the leftmost on ties). The start is carried along the chosen path. O(|pattern|·(to − from)).
 */
function bestSubstring(pattern: string, text: string, from: number, to: number): [number, number] | null {
  const m = pattern.length;
  const width = to - from;
  if (width <= 0) return null;
  // Column by column over the text; `dist[i]`, `start[i]` for pattern prefix length i.
  let dist = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let nextDist = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    dist[i] = i;
    start[i] = from;
  }
  let bestDistance = dist[m]!;
  let bestEnd = from;
  let bestStart = from;
  for (let j = 1; j <= width; j++) {
    const ch = text.charCodeAt(from + j - 1);
    nextDist[0] = 0;
    nextStart[0] = from + j;
    for (let i = 1; i <= m; i++) {
      const diagonal = dist[i - 1]! + (pattern.charCodeAt(i - 1) === ch ? 0 : 1);
      const skipText = dist[i]! + 1; // a text character the pattern lacks
      const skipPattern = nextDist[i - 1]! + 1; // a pattern character the text lacks
      if (diagonal <= skipText && diagonal <= skipPattern) {
        nextDist[i] = diagonal;
        nextStart[i] = start[i - 1]!;
      } else if (skipText <= skipPattern) {
        nextDist[i] = skipText;
        nextStart[i] = start[i]!;
      } else {
        nextDist[i] = skipPattern;
        nextStart[i] = nextStart[i - 1]!;
      }
    }
    [dist, nextDist] = [nextDist, dist];
    [start, nextStart] = [nextStart, start];
    if (dist[m]! < bestDistance) {
      bestDistance = dist[m]!;
      bestEnd = from + j;
      bestStart = start[m]!;
    }
  }
  return bestEnd > bestStart ? [bestStart, bestEnd] : null;
}
