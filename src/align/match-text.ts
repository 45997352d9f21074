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
 *    the same best similarity are ambiguous. (Over 5,000 characters the ratio is taken from the
 *    edit alignment instead, see `MAX_RATIO_LENGTH`: difflib's cost is quadratic.)
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
import { bestSubstring } from "./_banded-edit.js";
import { buildGramIndex, GRAM, gramHash, gramRun, type GramIndex } from "./_gram-index.js";
import { normalizeForMatching, type NormalizedText } from "./_match-normalize.js";

export { normalizeForMatching, type NormalizedText } from "./_match-normalize.js";
export type { GramIndex } from "./_gram-index.js";

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
/** Shortest normalised excerpt that is searched fuzzily (shorter ones match exactly or not at all). */
const MIN_FUZZY_LENGTH = 2 * GRAM;
/** A gram occurring more often than this in the text votes for no place (it says nothing about where). */
const GRAM_CAP = 64;
/** Candidate places checked by edit distance per fuzzy lookup. */
const MAX_CANDIDATES = 8;

/** A text prepared for many lookups (see `indexText`). */
export interface TextIndex {
  text: string;
  normalized: NormalizedText;
  /** Where each gram of the normalised text occurs (see `GramIndex`). */
  grams: GramIndex;
}

/** Index a text for `locateExcerpt`: its matching normalisation and its gram index. O(n log n). */
export function indexText(text: string): TextIndex {
  const normalized = normalizeForMatching(text);
  return { text, normalized, grams: buildGramIndex(normalized.norm) };
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
    // Keep the table within MAX_BAND_CELLS (a long excerpt whose grams vote over a wide range):
    // the band then narrows around the best-voted diagonal.
    const halfWidth = Math.floor(MAX_BAND_CELLS / (m + 1) / 2);
    if (high - low + 2 * BAND_MARGIN + 1 > 2 * halfWidth + 1) {
      low = Math.max(low, diagonal - halfWidth + BAND_MARGIN);
      high = Math.min(high, diagonal + halfWidth - BAND_MARGIN);
    }
    const region = bestSubstring(e, norm, low - BAND_MARGIN, high + BAND_MARGIN);
    if (region === null) continue;
    // The region starts and ends in runs of matching characters; a run may start or end with a space.
    let s = region.start;
    let t = region.end;
    let matches = region.matches;
    while (s < t && norm.charCodeAt(s) === 32) { s++; matches--; }
    while (t > s && norm.charCodeAt(t - 1) === 32) { t--; matches--; }
    if (s >= t) continue;
    const value = t - s <= MAX_RATIO_LENGTH && m <= MAX_RATIO_LENGTH
      ? similarity(norm.slice(s, t))
      : (2 * matches) / (t - s + m);
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

/**
 * Longest strings scored by difflib's ratio; longer ones (a highlight of a whole interview) are
 * scored 2M/(|window| + |excerpt|) with M the characters the edit alignment matched, which is
 * what difflib gives when the differences are scattered edits, without its quadratic cost.
 */
const MAX_RATIO_LENGTH = 5000;

/** Largest edit-distance table (cells) per candidate place: 32 MB of Int32. */
const MAX_BAND_CELLS = 8_000_000;

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
