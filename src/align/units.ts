/**
 * Units other than the speaker turn. `toUnits` re-segments one coder's `CodedTranscript` so that
 * its `turns` are paragraphs, sentences or the whole document; alignment, the reliability
 * matrix and the per-code report then work on those units unchanged.
 */
import type { Diagnostic } from "../model/diagnostic.js";
import type { CodedSpan, CodedTranscript, Paragraph, Span, Turn, UnitKind } from "../model/transcript.js";
import { normalizeWhitespace } from "../io/_text.js";
import { compareCodePoints } from "../model/order.js";

export type { UnitKind } from "../model/transcript.js";

/** The unit kinds `toUnits` accepts, in order from the finest to the coarsest but one. */
export const UNIT_KINDS: readonly UnitKind[] = ["turn", "paragraph", "sentence", "document"];

/**
 * The locale of the sentence segmenter. Fixed (not the machine's default locale) so that a run
 * gives the same units on every machine.
 */
export const SENTENCE_LOCALE = "en";

const byCodePoint = compareCodePoints;

/**
 * Re-segment one coder's coding into units of the chosen kind: the result's `turns` are the
 * units, numbered 1..n in document order, each with its `speaker`, `line`, `span` (when the
 * source has one) and `text` (as its paragraphs), so alignment by speaker and text similarity
 * works on them as on turns. The result's `unitKind` says which kind it is.
 *
 * - `turn`: the speaker turns as imported (the same `turns` array).
 * - `paragraph`: every paragraph is a unit (a Delve paragraph; in plain text and REFI-QDA
 *   sources, every non-empty line); its speaker is its turn's.
 * - `sentence`: the sentences of every paragraph, found by the built-in
 *   `Intl.Segmenter("en", { granularity: "sentence" })` (Unicode UAX #29 sentence boundaries as
 *   ICU implements them). A sentence never crosses a paragraph. ICU's rules split after an
 *   abbreviation followed by a capital: "Dr. Smith said no. Then yes." gives the three
 *   sentences "Dr.", "Smith said no." and "Then yes." (the `-u-ss-standard` suppressions that
 *   would keep "Dr." attached are not supported by Node's `Intl.Segmenter`).
 * - `document`: the whole transcript is one unit (speaker null) carrying the union of the
 *   turn codes, what MAXQDA calls "code existence per document".
 *
 * **Which codes a unit has.** When the coding has character spans (`spans` and unit spans;
 * Delve, REFI-QDA), a code is on a unit when one of the coder's spans with that code overlaps the
 * unit by at least one UTF-16 code unit. For Delve this means: a code belongs to the paragraph it
 * follows, so a paragraph unit has exactly its paragraph's codes and every sentence of a coded
 * paragraph has them all (Delve records no finer position); a code placed before a turn's first
 * paragraph covers the whole turn, so every paragraph and sentence of that turn has it. Without
 * spans, a unit has its paragraph's `codes`, plus the codes its turn has on none of its
 * paragraphs (they cover the whole turn). Spans that overlap no unit (only blank text or a
 * speaker label) are counted in an `unit-span-unplaced` warning.
 *
 * `text` and `spans` of the coding are kept as they are, so unit spans index the same text.
 *
 * @example
 * toUnits(readDelve(bytes, { file: "a.txt", coder: "a" }), "paragraph").turns.length
 * // => 157 for data/interview-35/coder-a.txt (131 turns)
 * @throws RangeError when `unit` is not a unit kind, or when the coding is already re-segmented
 *   into another kind than `unit` (units are made from speaker turns only).
 * O(U + S log U) for U units and S spans, plus the sentence segmentation.
 */
export function toUnits(t: CodedTranscript, unit: UnitKind): CodedTranscript {
  if (!UNIT_KINDS.includes(unit)) throw new RangeError(`unknown unit "${String(unit)}"; expected one of ${UNIT_KINDS.join(", ")}`);
  const current = t.unitKind ?? "turn";
  if (current === unit) return t.unitKind === unit ? t : { ...t, unitKind: unit };
  if (current !== "turn") throw new RangeError(`"${t.file}" is already in ${current} units; make ${unit} units from its speaker turns`);
  if (unit === "turn") return t;
  const diagnostics = t.diagnostics.slice();
  if (unit === "document") return { ...t, turns: [documentUnit(t)], diagnostics, unitKind: unit };
  const units = fineUnits(t, unit);
  const codes = spanCodes(t, units, unit, diagnostics) ?? units.map((u) => u.fallbackCodes);
  const turns = units.map(({ fallbackCodes: _, ...u }, i): Turn => {
    const sorted = [...new Set(codes[i]!)].sort(byCodePoint);
    return { ...u, number: i + 1, codes: sorted, paragraphs: u.paragraphs.map((p) => ({ ...p, number: i + 1, codes: sorted.slice() })) };
  });
  return { ...t, turns, diagnostics, unitKind: unit };
}

/** A paragraph or sentence unit before numbering. */
interface Draft extends Turn {
  /** The codes the unit has without spans (paragraph codes plus whole-turn codes). */
  fallbackCodes: string[];
}

function fineUnits(t: CodedTranscript, unit: "paragraph" | "sentence"): Draft[] {
  const out: Draft[] = [];
  const segmenter = unit === "sentence" ? new Intl.Segmenter(SENTENCE_LOCALE, { granularity: "sentence" }) : null;
  for (const turn of t.turns) {
    const onParagraphs = new Set(turn.paragraphs.flatMap((p) => p.codes));
    const wholeTurn = turn.codes.filter((c) => !onParagraphs.has(c));
    for (const p of turn.paragraphs) {
      const fallbackCodes = [...new Set([...p.codes, ...wholeTurn])];
      const base = { speaker: turn.speaker, line: p.line, sourceTurn: turn.number, sourceParagraph: p.number, fallbackCodes };
      if (segmenter === null) {
        out.push(draft(base, p.text, p.span));
        continue;
      }
      sentences(segmenter, t.text, p).forEach((s, k) => {
        out.push(draft({ ...base, sentenceInParagraph: k + 1 }, s.text, s.span));
      });
    }
  }
  return out;
}

function draft(
  base: Pick<Draft, "speaker" | "line" | "sourceTurn" | "sourceParagraph" | "fallbackCodes"> & { sentenceInParagraph?: number },
  text: string,
  span: Span | undefined,
): Draft {
  const paragraph: Paragraph = { number: 0, indexInTurn: 1, text, line: base.line, codes: [] };
  if (span) paragraph.span = { ...span };
  const d: Draft = { number: 0, paragraphs: [paragraph], codes: [], ...base };
  if (span) d.span = { ...span };
  return d;
}

/**
 * The sentences of a paragraph: segments of the paragraph's own stretch of the text when it has
 * a span (so spans are exact), else of its normalised text; white space around a sentence is
 * not part of it, and segments of white space only are skipped.
 */
function sentences(segmenter: Intl.Segmenter, text: string | undefined, p: Paragraph): { text: string; span?: Span }[] {
  const located = text !== undefined && p.span !== undefined;
  const source = located ? text.slice(p.span!.start, p.span!.end) : p.text;
  const offset = located ? p.span!.start : 0;
  const out: { text: string; span?: Span }[] = [];
  for (const s of segmenter.segment(source)) {
    const normalized = normalizeWhitespace(s.segment);
    if (normalized === "") continue;
    const lead = s.segment.length - s.segment.trimStart().length;
    const trail = s.segment.length - s.segment.trimEnd().length;
    const entry: { text: string; span?: Span } = { text: normalized };
    if (located) entry.span = { start: offset + s.index + lead, end: offset + s.index + s.segment.length - trail };
    out.push(entry);
  }
  return out;
}

function documentUnit(t: CodedTranscript): Turn {
  const first = t.turns[0];
  const last = t.turns[t.turns.length - 1];
  const paragraphs = t.turns.flatMap((turn) => turn.paragraphs).map((p, i) => ({ ...p, indexInTurn: i + 1 }));
  const codes = [...new Set(t.turns.flatMap((turn) => turn.codes))].sort(byCodePoint);
  const unit: Turn = { number: 1, speaker: null, line: first?.line ?? 1, paragraphs, codes };
  const start = first?.span?.start ?? first?.paragraphs[0]?.span?.start;
  const end = last?.span?.end ?? last?.paragraphs[last.paragraphs.length - 1]?.span?.end;
  if (start !== undefined && end !== undefined) unit.span = { start, end };
  return unit;
}

/**
 * The codes of each unit from span overlap, or null when the coding has no spans (or a unit has
 * no span), in which case the units keep their paragraph codes.
 */
function spanCodes(t: CodedTranscript, units: readonly Draft[], unit: UnitKind, diagnostics: Diagnostic[]): string[][] | null {
  const spans: readonly CodedSpan[] | undefined = t.spans;
  if (spans === undefined || units.some((u) => u.span === undefined)) return null;
  const codes = units.map(() => new Set<string>());
  let unplaced = 0;
  for (const s of spans) {
    // Units are in text order and do not overlap: find the first that ends after the span starts.
    let lo = 0;
    let hi = units.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (units[mid]!.span!.end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    let hit = false;
    for (let i = lo; i < units.length && units[i]!.span!.start < s.end; i++) {
      codes[i]!.add(s.code);
      hit = true;
    }
    if (!hit) unplaced++;
  }
  if (unplaced > 0) {
    diagnostics.push({
      severity: "warning",
      code: "unit-span-unplaced",
      message: `${unplaced} coded span${unplaced === 1 ? "" : "s"} of ${t.coder} overlap${unplaced === 1 ? "s" : ""} no ${unit} (only white space or a speaker label): ${unplaced === 1 ? "it is" : "they are"} on no unit`,
      file: t.file,
    });
  }
  return codes.map((c) => [...c]);
}
