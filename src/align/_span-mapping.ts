/**
 * The mapping stage of `unitizingForTranscript` (see the rule in its doc block): one coder's
 * character spans carried onto the reference coder's copy of the text through the aligned units,
 * by anchor points and linear interpolation between them.
 */
import type { CodedSpan, Span, Turn } from "../model/transcript.js";

/** A point of the map from a coder's text to the reference text: `coder` ↦ `reference`. */
interface Anchor {
  coder: number;
  reference: number;
}

/**
 * Map `spans` of a coder's `text` onto `referenceText` through the matched unit `pairs`
 * ([coder's unit, reference unit], in text order). Returns the mapped spans and the number of
 * coded code units that have no counterpart (outside the covered regions, or mapping to nothing).
 */
export function mapSpans(
  spans: readonly CodedSpan[], pairs: readonly [Turn, Turn][], text: string, referenceText: string,
): { spans: CodedSpan[]; dropped: number } {
  const { anchors, covered } = anchorsOf(pairs, text, referenceText);
  const out: CodedSpan[] = [];
  let dropped = 0;
  for (const s of spans) {
    let placed = 0;
    for (const region of covered) {
      const start = Math.max(s.start, region.start);
      const end = Math.min(s.end, region.end);
      if (start >= end) continue;
      const mappedStart = mapPosition(anchors, start, "start");
      const mappedEnd = mapPosition(anchors, end, "end");
      // A stretch that maps to nothing is text the reference copy does not have.
      if (mappedStart < mappedEnd) {
        out.push({ start: mappedStart, end: mappedEnd, code: s.code });
        placed += end - start;
      }
    }
    dropped += s.end - s.start - placed;
  }
  return { spans: out, dropped };
}

/** A unit's span, or the stretch from its first to its last paragraph; null when it has neither. */
export function unitSpanOrNull(t: Turn): Span | null {
  if (t.span) return t.span;
  const first = t.paragraphs[0]?.span;
  const last = t.paragraphs[t.paragraphs.length - 1]?.span;
  return first && last ? { start: first.start, end: last.end } : null;
}

/** Anchors of matched unit pairs (in text order) and the coder-text regions they cover. */
function anchorsOf(pairs: readonly [Turn, Turn][], text: string, referenceText: string): { anchors: Anchor[]; covered: Span[] } {
  const anchors: Anchor[] = [];
  const covered: Span[] = [];
  const stretch = (o: Span, r: Span): void => {
    anchors.push({ coder: o.start, reference: r.start });
    const { prefix, suffix } = sharedEnds(text, o, referenceText, r);
    if (prefix > 0) anchors.push({ coder: o.start + prefix, reference: r.start + prefix });
    if (suffix > 0) anchors.push({ coder: o.end - suffix, reference: r.end - suffix });
    anchors.push({ coder: o.end, reference: r.end });
  };
  let previous: [Turn, Turn] | null = null;
  for (const pair of pairs) {
    const [own, ref] = pair;
    const o = unitSpanOrNull(own)!;
    const r = unitSpanOrNull(ref)!;
    const paragraphs = own.paragraphs.length === ref.paragraphs.length && own.paragraphs.every((p, i) => p.span && ref.paragraphs[i]!.span);
    if (paragraphs) {
      anchors.push({ coder: o.start, reference: r.start });
      own.paragraphs.forEach((p, i) => stretch(p.span!, ref.paragraphs[i]!.span!));
      anchors.push({ coder: o.end, reference: r.end });
    } else {
      stretch(o, r);
    }
    const neighbours = previous !== null && own.number === previous[0].number + 1 && ref.number === previous[1].number + 1;
    const last = covered[covered.length - 1];
    if (neighbours && last) last.end = o.end;
    else covered.push({ start: o.start, end: o.end });
    previous = pair;
  }
  // Stable sort keeps the anchors of one position in the order given (monotone alignment).
  anchors.sort((a, b) => a.coder - b.coder);
  return { anchors, covered };
}

/**
 * Lengths of the longest common prefix and suffix of two stretches (not overlapping each other
 * in the shorter one), so a span before or after a single edit maps exactly.
 */
function sharedEnds(text: string, o: Span, referenceText: string, r: Span): { prefix: number; suffix: number } {
  const shorter = Math.min(o.end - o.start, r.end - r.start);
  let prefix = 0;
  while (prefix < shorter && text.charCodeAt(o.start + prefix) === referenceText.charCodeAt(r.start + prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && text.charCodeAt(o.end - 1 - suffix) === referenceText.charCodeAt(r.end - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/**
 * The reference position of coder position `x`: linear between the surrounding anchors. At an
 * anchor position shared by several anchors, a start maps through the last (the stretch that
 * begins there), an end through the first (the stretch that ends there).
 */
function mapPosition(anchors: readonly Anchor[], x: number, side: "start" | "end"): number {
  // First anchor with coder position ≥ x (or > x for a start).
  let lo = 0;
  let hi = anchors.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const p = anchors[mid]!.coder;
    if (p < x || (side === "start" && p === x)) lo = mid + 1;
    else hi = mid;
  }
  if (side === "end" && lo < anchors.length && anchors[lo]!.coder === x) return anchors[lo]!.reference;
  if (side === "start" && lo > 0 && anchors[lo - 1]!.coder === x) return anchors[lo - 1]!.reference;
  const before = anchors[lo - 1];
  const after = anchors[lo];
  if (!before) return after!.reference;
  if (!after) return before.reference;
  return before.reference + Math.round(((x - before.coder) * (after.reference - before.reference)) / (after.coder - before.coder));
}

