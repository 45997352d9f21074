/**
 * Approximate substring search by edit distance in a band of diagonals, for `match-text.ts`.
 *
 * Reference: Sellers, P. H. (1980) "The theory and computation of evolutionary distances:
 * pattern recognition", *Journal of Algorithms* 1(4), 359–373.
 */

const INF = 1 << 29;

/**
 * The stretch `[s, t)` of `text` that matches `pattern` best, among alignments that stay within
 * the diagonals `[low, high]` (text position − pattern position): Sellers' algorithm (the start
 * in the text is free, the end is the one of least edit distance, the leftmost on ties), then a
 * traceback that cuts the stretch to its first and last run of at least 4 consecutive matching
 * characters (or its first and last match, when no run is that long). Without that cut, a
 * substitution costs what a skipped character costs, so a few words of the excerpt that are not
 * in the text would take in as many characters of the text next to the match (possibly the
 * neighbouring turn), some of them agreeing by chance. Null when no character matches;
 * `matches` counts the matched characters inside the stretch.
 * O(|pattern|·(high − low)) time and memory.
 */
export function bestSubstring(pattern: string, text: string, low: number, high: number): BandMatch | null {
  const m = pattern.length;
  const n = text.length;
  const width = high - low + 1;
  // dist[i·width + k]: least cost of aligning the pattern prefix of length i so that it ends
  // just before text position p = i + low + k.
  const dist = new Int32Array((m + 1) * width);
  for (let k = 0; k < width; k++) {
    const p = low + k;
    dist[k] = p >= 0 && p <= n ? 0 : INF;
  }
  for (let i = 1; i <= m; i++) {
    const code = pattern.charCodeAt(i - 1);
    const row = i * width;
    const previous = row - width;
    for (let k = 0; k < width; k++) {
      const p = i + low + k;
      if (p < 0 || p > n) {
        dist[row + k] = INF;
        continue;
      }
      let best = p >= 1 ? dist[previous + k]! + (text.charCodeAt(p - 1) === code ? 0 : 1) : INF;
      if (k + 1 < width && dist[previous + k + 1]! + 1 < best) best = dist[previous + k + 1]! + 1; // pattern character the text lacks
      if (k > 0 && dist[row + k - 1]! + 1 < best) best = dist[row + k - 1]! + 1; // text character the pattern lacks
      dist[row + k] = best;
    }
  }
  const last = m * width;
  let endK = -1;
  for (let k = 0; k < width; k++) if (dist[last + k]! < INF && (endK === -1 || dist[last + k]! < dist[last + endK]!)) endK = k;
  if (endK === -1) return null;
  // Traceback with the forward pass's preferences (diagonal, then pattern skip, then text skip),
  // recording the text position of every matching character, last first.
  const matched: number[] = [];
  const matchedInPattern: number[] = [];
  let i = m;
  let k = endK;
  while (i > 0) {
    const p = i + low + k;
    const here = dist[i * width + k]!;
    const previous = (i - 1) * width;
    const same = p >= 1 && text.charCodeAt(p - 1) === pattern.charCodeAt(i - 1);
    if (p >= 1 && dist[previous + k]! + (same ? 0 : 1) === here) {
      if (same) {
        matched.push(p - 1);
        matchedInPattern.push(i - 1);
      }
      i--;
    } else if (k + 1 < width && dist[previous + k + 1]! + 1 === here) {
      i--;
      k++;
    } else {
      k--;
    }
  }
  if (matched.length === 0) return null;
  matched.reverse();
  matchedInPattern.reverse();
  // Runs of consecutive matches (both positions advancing by one); cut at the first and last run
  // of at least MIN_RUN characters, since single letters also agree by chance.
  const runs: [number, number][] = [];
  let runStart = 0;
  for (let r = 1; r <= matched.length; r++) {
    if (r === matched.length || matched[r] !== matched[r - 1]! + 1 || matchedInPattern[r] !== matchedInPattern[r - 1]! + 1) {
      runs.push([runStart, r]);
      runStart = r;
    }
  }
  const solid = runs.filter(([a, b]) => b - a >= MIN_RUN);
  const from = solid.length > 0 ? solid[0]![0] : 0;
  const to = solid.length > 0 ? solid[solid.length - 1]![1] : matched.length;
  return { start: matched[from]!, end: matched[to - 1]! + 1, matches: to - from };
}

/** A stretch of the text and how many of its characters the alignment matched. */
export interface BandMatch {
  start: number;
  end: number;
  matches: number;
}

/** Shortest run of matching characters that may start or end a match. */
const MIN_RUN = 4;
