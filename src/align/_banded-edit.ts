/**
 * Approximate substring search by edit distance in a band of diagonals, for `match-text.ts`.
 *
 * Reference: Sellers, P. H. (1980) "The theory and computation of evolutionary distances:
 * pattern recognition", *Journal of Algorithms* 1(4), 359–373.
 */

/**
 * The substring `[s, t)` of `text` closest to `pattern` in edit distance among those whose
 * alignment stays within the diagonals `[low, high]` (text position − pattern position):
 * Sellers' algorithm (any start is free, the end is the one of least distance, the leftmost on
 * ties) restricted to a band, the start carried along the chosen path. O(|pattern|·(high − low)).
 */
export function bestSubstring(pattern: string, text: string, low: number, high: number): [number, number] | null {
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
