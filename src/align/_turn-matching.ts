/**
 * The turn-matching stages of `alignTranscripts` (see the doc block there): turn preparation,
 * the similarity with its cheap upper bounds, the by-number check, and the global alignment
 * (anchors, their extension, and the gap dynamic programme).
 */
import type { Turn } from "../model/transcript.js";
import {
  codePoints, countElements, indexSequence, lcsLength, normalizeTurnText, positionMasks, quickRatio, realQuickRatio, sequenceRatio,
  type IndexedSequence,
} from "./_similarity.js";

/** Minimum similarity for two turns to be the same turn (spec §7.3). */
export const MIN_SIMILARITY = 0.8;
const FULL_DP_CELLS = 250_000;
/** Shorter texts ("Okay.", "Yes, right.") recur too often to be trusted as anchors. */
const MIN_ANCHOR_LENGTH = 24;

export interface PreparedTurn {
  speaker: string | null;
  norm: string;
  key: string;
  points: number[];
  counts: Map<number, number> | null;
  /** Bit masks for the LCS bound (used when the turn is the reference side). */
  masks: Map<number, Uint32Array> | null;
  /** difflib's index (used when the turn is the compared side). */
  indexed: IndexedSequence | null;
}

/** One coder's turns matched to the reference: `match[refIndex]` = [coder index, similarity] or undefined. */
export type Matching = ([number, number] | undefined)[];

export function prepare(turns: readonly Turn[]): PreparedTurn[] {
  return turns.map((t) => {
    const norm = normalizeTurnText(t.paragraphs.map((p) => p.text).join(" "));
    return { speaker: t.speaker, norm, key: `${t.speaker ?? ""}\u0000${t.speaker === null ? 0 : 1}\u0000${norm}`, points: codePoints(norm), counts: null, masks: null, indexed: null };
  });
}

/** Similarity of reference turn `r` and coder turn `o`, or 0 when they may not match. */
function similarity(r: PreparedTurn, o: PreparedTurn): number {
  if (r.speaker !== o.speaker) return 0;
  if (r.norm === o.norm) return 1;
  if (realQuickRatio(r.points.length, o.points.length) < MIN_SIMILARITY) return 0;
  r.counts ??= countElements(r.points);
  o.counts ??= countElements(o.points);
  if (quickRatio(r.counts, r.points.length, o.counts, o.points.length) < MIN_SIMILARITY) return 0;
  r.masks ??= positionMasks(r.points);
  if ((2 * lcsLength(r.masks, r.points.length, o.points)) / (r.points.length + o.points.length) < MIN_SIMILARITY) return 0;
  o.indexed ??= indexSequence(o.points);
  const s = sequenceRatio(r.points, o.indexed);
  return s >= MIN_SIMILARITY ? s : 0;
}

/** Longest strictly increasing subsequence of `values` (indices into it), O(n log n). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) out.push(i);
  return out.reverse();
}

/** Align one coder's turns to the reference's (global path). */
export function alignGlobal(ref: PreparedTurn[], other: PreparedTurn[]): Matching {
  const match: Matching = new Array(ref.length);
  const taken = new Array<boolean>(other.length).fill(false);
  const set = (i: number, j: number, s: number): void => {
    match[i] = [j, s];
    taken[j] = true;
  };
  // Anchors: keys unique in both files, kept in increasing order on both sides.
  const count = (turns: PreparedTurn[]): Map<string, number> => {
    const m = new Map<string, number>();
    turns.forEach((t, i) => m.set(t.key, m.has(t.key) ? -1 : i));
    return m;
  };
  const inRef = count(ref);
  const inOther = count(other);
  const pairs: [number, number][] = [];
  for (const [key, i] of inRef) {
    const j = inOther.get(key);
    if (i >= 0 && j !== undefined && j >= 0 && ref[i]!.points.length >= MIN_ANCHOR_LENGTH) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  const anchors = longestIncreasing(pairs.map((p) => p[1])).map((k) => pairs[k]!);
  for (const [i, j] of anchors) set(i, j, 1);
  // Extend anchors over identical neighbours, forward then backward.
  for (const [i0, j0] of anchors) {
    for (let i = i0 + 1, j = j0 + 1; i < ref.length && j < other.length && !match[i] && !taken[j] && ref[i]!.key === other[j]!.key; i++, j++) set(i, j, 1);
    for (let i = i0 - 1, j = j0 - 1; i >= 0 && j >= 0 && !match[i] && !taken[j] && ref[i]!.key === other[j]!.key; i--, j--) set(i, j, 1);
  }
  // Gaps between consecutive matched pairs.
  let i0 = 0;
  let j0 = 0;
  const fixed: [number, number][] = [];
  match.forEach((m, i) => {
    if (m) fixed.push([i, m[0]]);
  });
  fixed.push([ref.length, other.length]);
  for (const [i1, j1] of fixed) {
    if (i1 > i0 && j1 > j0) alignGap(ref, other, i0, i1, j0, j1, set);
    i0 = i1 + 1;
    j0 = j1 + 1;
  }
  return match;
}

/** Weighted-LCS dynamic programming over ref[i0, i1) × other[j0, j1), banded when large. */
function alignGap(
  ref: PreparedTurn[], other: PreparedTurn[], i0: number, i1: number, j0: number, j1: number,
  set: (i: number, j: number, s: number) => void,
): void {
  const a = i1 - i0;
  const b = j1 - j0;
  const full = a * b <= FULL_DP_CELLS;
  const width = Math.max(64, Math.ceil(0.05 * Math.max(a, b)));
  // Row r (0..a) covers columns lo[r]..hi[r] (inclusive), monotone, from 0 to b.
  const lo = new Int32Array(a + 1);
  const hi = new Int32Array(a + 1);
  for (let r = 0; r <= a; r++) {
    const centre = Math.round((r * b) / a);
    lo[r] = full ? 0 : Math.max(0, centre - width);
    hi[r] = full ? b : Math.min(b, centre + width);
  }
  lo[0] = 0;
  hi[a] = b;
  const offset = new Int32Array(a + 2);
  for (let r = 0; r <= a; r++) offset[r + 1] = offset[r]! + hi[r]! - lo[r]! + 1;
  const score = new Float64Array(offset[a + 1]!);
  const step = new Uint8Array(offset[a + 1]!); // 0 = skip reference turn, 1 = skip coder turn, 2 = match
  const sims = new Float64Array(offset[a + 1]!);
  const at = (r: number, c: number): number => (r >= 0 && c >= lo[r]! && c <= hi[r]! ? score[offset[r]! + c - lo[r]!]! : 0);
  for (let r = 0; r <= a; r++) {
    for (let c = lo[r]!; c <= hi[r]!; c++) {
      const cell = offset[r]! + c - lo[r]!;
      if (r === 0 || c === 0) {
        step[cell] = r === 0 ? 1 : 0;
        continue;
      }
      let best = at(r - 1, c);
      let how = 0;
      const left = at(r, c - 1);
      if (left > best) {
        best = left;
        how = 1;
      }
      const s = similarity(ref[i0 + r - 1]!, other[j0 + c - 1]!);
      if (s > 0 && at(r - 1, c - 1) + s > best) {
        best = at(r - 1, c - 1) + s;
        how = 2;
        sims[cell] = s;
      }
      score[cell] = best;
      step[cell] = how;
    }
  }
  let r = a;
  let c = b;
  while (r > 0 && c > 0) {
    if (c < lo[r]! || c > hi[r]!) break; // outside the band: score 0, nothing left to match
    const cell = offset[r]! + c - lo[r]!;
    const how = step[cell]!;
    if (how === 2) {
      set(i0 + r - 1, j0 + c - 1, sims[cell]!);
      r--;
      c--;
    } else if (how === 0) r--;
    else c--;
  }
}

/** Fast-path check: same turn count, same speakers, every turn pair similar enough. */
export function alignByNumber(ref: PreparedTurn[], other: PreparedTurn[]): Matching | null {
  if (ref.length !== other.length) return null;
  if (ref.some((t, i) => t.speaker !== other[i]!.speaker)) return null;
  const match: Matching = [];
  for (let i = 0; i < ref.length; i++) {
    const s = similarity(ref[i]!, other[i]!);
    if (s === 0) return null;
    match.push([i, s]);
  }
  return match;
}
