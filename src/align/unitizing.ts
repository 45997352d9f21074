/**
 * From coded transcripts to the continua of Krippendorff's unitizing alpha: every coder's
 * character spans laid over ONE common text per transcript, and the family computed over a
 * whole study (several transcripts, several continua).
 */
import type { AlignedTranscript } from "../model/aligned.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError } from "../model/errors.js";
import type { MetricResult } from "../model/reliability-matrix.js";
import type { CodedTranscript, Span, Turn } from "../model/transcript.js";
import { unitizingAlpha, type UnitizingContinuum, type UnitizingSpan } from "../metrics/unitizing-alpha.js";
import { mapSpans, unitSpanOrNull } from "./_span-mapping.js";

/** The continua of one transcript, and how the coders' spans were brought onto one text. */
export interface UnitizingTranscript {
  /** Transcript name (the reference coding's). */
  name: string;
  /** The coder whose text is the continuum (the first coding, as in alignment). */
  reference: string;
  /**
   * "shared-text": every coding has the same `text`, spans are used as they are; "mapped": the
   * copies differ and the other coders' spans were mapped onto the reference text.
   */
  method: "shared-text" | "mapped";
  /** Usually one continuum, `[0, text length)`; more when units were left out (see `excluded`). */
  continua: UnitizingContinuum[];
  /** Reference units left out of the continuum because some coder has no matching unit there. */
  excluded: Span[];
  diagnostics: Diagnostic[];
}

/** One transcript of a study: its codings (reference first) and their alignment. */
export interface UnitizingStudyInput {
  codings: readonly CodedTranscript[];
  aligned: AlignedTranscript;
}

/** The two per-code figures of the unitizing family. */
export interface UnitizingCodeResult {
  /** (k)uα (Krippendorff et al. 2016, eq. 38 in Krippendorff 2019): is k told apart from the other codes, where coders both coded? */
  unitizingAlphaPerCode: MetricResult;
  /** |uα on code k versus everything else: do coders mark the same stretches with k? */
  unitizingAlphaPerCodeBinary: MetricResult;
}

export interface UnitizingStudyResult {
  /** uα: segments and their codes together. */
  unitizingAlpha: MetricResult;
  /** |uα: coded versus not coded. */
  unitizingAlphaBinary: MetricResult;
  /** cuα: which code, where the coders both coded. */
  unitizingAlphaCode: MetricResult;
  /** Per code, sorted by code name. */
  perCode: Record<string, UnitizingCodeResult>;
  /** What entered, per transcript. */
  transcripts: UnitizingTranscript[];
  diagnostics: Diagnostic[];
}

/**
 * The unitizing continua of one transcript: all coders' character spans over the reference
 * coder's text (the first coding, which alignment also takes as the reference).
 *
 * **Shared text.** When every coding has the same `text` (one REFI-QDA document coded by several
 * users, identical copies), spans are used as they are, over `[0, text length)`; `aligned` is
 * not needed for anything but the coder order.
 *
 * **Different copies** (a Delve copy with a typo fixed; MAXQDA's one copy per coder): each
 * other coder's spans are mapped onto the reference text through the aligned units. Rule:
 * - every matched pair of units (the coder's unit, the reference unit) gives anchor points:
 *   unit start ↦ unit start, unit end ↦ unit end and, when both units have the same number of
 *   paragraphs, every paragraph start and end ↦ the same paragraph's start and end. Inside each
 *   such pair of stretches (paragraphs, or whole units when the paragraphs differ in number),
 *   the end of their longest common prefix and the start of their longest common suffix are
 *   anchors too;
 * - a position between two anchors is interpolated linearly between them (rounded to the
 *   nearest code unit). So a span over whole paragraphs maps onto exactly the same paragraphs
 *   of the reference text, whatever the edits inside them; a span before or after the one edit
 *   of a paragraph (a fixed typo) maps exactly; only a boundary inside the edited stretch is
 *   placed proportionally, and a span wholly inside text the reference lacks maps to nothing;
 * - text between two matched units is mapped too when the units are neighbours in both copies
 *   (so a span running from one turn into the next stays one span); a span's part inside a
 *   unit that matched nothing, or between units that are not neighbours in both copies, is
 *   dropped, with an `unitizing-span-unmatched` warning giving the amount.
 *
 * Reference units that some coder has no match for are cut out of the continuum (a coder's
 * absence there is missing data, not "not coded"); the remaining stretches of the reference text
 * are separate continua, and spans are clipped to them.
 *
 * @example
 * const aligned = alignTranscripts([a, b]); // two Delve codings of the same interview
 * unitizingForTranscript([a, b], aligned).continua
 * // => [{ start: 0, length: a.text.length, coders: ["a", "b"], spans: [...] }]
 * @throws InputError `UNITIZING_NO_SPANS` when a coding has no text or character spans (a format
 *   that records codes per turn only). TypeError when `codings` and `aligned` name different coders.
 * O(S log A) for S spans and A anchors.
 */
export function unitizingForTranscript(codings: readonly CodedTranscript[], aligned: AlignedTranscript): UnitizingTranscript {
  const reference = codings[0];
  if (!reference) throw new TypeError("unitizingForTranscript needs at least one coding");
  const coders = codings.map((c) => c.coder);
  if (coders.length !== aligned.coders.length || coders.some((c, i) => c !== aligned.coders[i])) {
    throw new TypeError(`unitizingForTranscript: the codings (${coders.join(", ")}) are not the aligned coders (${aligned.coders.join(", ")}) in the same order`);
  }
  const texts = codings.map(requireSpans);
  const referenceText = texts[0]!;
  const diagnostics: Diagnostic[] = [];
  const spansOf = (c: CodedTranscript): UnitizingSpan[] => c.spans!.map((s) => ({ coder: c.coder, start: s.start, end: s.end, code: s.code }));

  if (texts.every((t) => t === referenceText)) {
    const continuum: UnitizingContinuum = { start: 0, length: referenceText.length, coders, spans: ordered(codings.flatMap(spansOf), coders) };
    return { name: reference.name, reference: reference.coder, method: "shared-text", continua: referenceText.length > 0 ? [continuum] : [], excluded: [], diagnostics };
  }

  const referenceTurns = byNumber(reference.turns);
  const all: UnitizingSpan[] = spansOf(reference);
  codings.forEach((coding, k) => {
    if (k === 0) return;
    const own = byNumber(coding.turns);
    const pairs: [Turn, Turn][] = [];
    for (const unit of aligned.units) {
      const number = unit.coderTurns[k];
      if (number === null || number === undefined) continue;
      pairs.push([own.get(number)!, referenceTurns.get(unit.turn)!]);
    }
    const { spans, dropped } = mapSpans(coding.spans!, pairs, coding.text!, referenceText);
    for (const span of spans) all.push({ coder: coding.coder, ...span });
    if (dropped > 0) {
      diagnostics.push({
        severity: "warning",
        code: "unitizing-span-unmatched",
        file: coding.file,
        message: `${dropped} coded character${dropped === 1 ? "" : "s"} of ${coding.coder} in "${coding.name}" have no counterpart in "${reference.file}" (in units that match none of it, or text only this copy has); they are left out of unitizing alpha`,
      });
    }
  });

  const complete = new Set(aligned.units.filter((u) => u.coderTurns.every((t) => t !== null)).map((u) => u.turn));
  const excluded = reference.turns.filter((t) => !complete.has(t.number)).map((t) => unitSpan(t, reference)).filter((s) => s.end > s.start);
  const continua = pieces(referenceText.length, excluded).map((range): UnitizingContinuum => ({
    start: range.start,
    length: range.end - range.start,
    coders,
    spans: ordered(clip(all, range), coders),
  }));
  return { name: reference.name, reference: reference.coder, method: "mapped", continua, excluded, diagnostics };
}

/**
 * Krippendorff's unitizing alpha family over a study: every transcript's continua (see
 * `unitizingForTranscript`) pooled, as `unitizingAlpha` pools several continua. Per code, both
 * (k)uα and the per-code binary |uα; a code some coder used (or listed in `options.codes`) but
 * with no span in any continuum is `"undefined"` with reason `"no-spans"`, never NaN. Where
 * coders' codes overlap (one passage with several codes, as in most qualitative coding), uα,
 * cuα and (k)uα are undefined (`"overlapping-codes"`) and |uα and the per-code binary
 * figures are the ones to read.
 *
 * @example
 * // data/interview-35, coders a, b, c (Delve; c's copy has a typo fixed)
 * const r = unitizingStudy([{ codings: [a, b, c], aligned: alignTranscripts([a, b, c]) }]);
 * r.unitizingAlphaBinary.value;                              // => 0.8610
 * r.perCode["QM-robustness"].unitizingAlphaPerCodeBinary.value; // => 0.7830
 * r.perCode["QM-robustness"].unitizingAlphaPerCode.reason;      // => "overlapping-codes"
 * @throws as `unitizingForTranscript`.
 */
export function unitizingStudy(inputs: readonly UnitizingStudyInput[], options: { codes?: readonly string[] } = {}): UnitizingStudyResult {
  const transcripts = inputs.map((i) => unitizingForTranscript(i.codings, i.aligned));
  const codes = new Set<string>(options.codes ?? []);
  for (const i of inputs) for (const c of i.codings) for (const code of c.codesUsed) codes.add(code);
  const result = unitizingAlpha(transcripts.flatMap((t) => t.continua), { codes: [...codes] });
  const perCode: Record<string, UnitizingCodeResult> = {};
  for (const code of Object.keys(result.unitizingAlphaPerCodeBinary).sort()) {
    perCode[code] = {
      unitizingAlphaPerCode: result.unitizingAlphaPerCode[code]!,
      unitizingAlphaPerCodeBinary: result.unitizingAlphaPerCodeBinary[code]!,
    };
  }
  return {
    unitizingAlpha: result.unitizingAlpha,
    unitizingAlphaBinary: result.unitizingAlphaBinary,
    unitizingAlphaCode: result.unitizingAlphaCode,
    perCode,
    transcripts,
    diagnostics: transcripts.flatMap((t) => t.diagnostics),
  };
}

/** The coding's text, after checking that it and every unit have what unitizing needs. */
function requireSpans(c: CodedTranscript): string {
  if (c.text === undefined || c.spans === undefined || c.turns.some((t) => unitSpanOrNull(t) === null)) {
    throw new InputError("UNITIZING_NO_SPANS", `${c.coder}'s coding of "${c.name}" has no character spans (format "${c.format}" records codes per unit only), so unitizing alpha cannot be computed`, {
      file: c.file,
      hint: "unitizing alpha needs the text and the coded stretches: use a REFI-QDA (.qdpx) or Delve export, or leave unitizing out",
    });
  }
  return c.text;
}

function unitSpan(t: Turn, c: CodedTranscript): Span {
  const s = unitSpanOrNull(t);
  if (s === null) throw new TypeError(`unit ${t.number} of "${c.file}" has no span`);
  return s;
}

function byNumber(turns: readonly Turn[]): Map<number, Turn> {
  return new Map(turns.map((t) => [t.number, t]));
}

/** `[0, length)` without the excluded stretches, as maximal non-empty ranges. */
function pieces(length: number, excluded: readonly Span[]): Span[] {
  const cuts = [...excluded].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (cut.start > at) out.push({ start: at, end: cut.start });
    at = Math.max(at, cut.end);
  }
  if (length > at) out.push({ start: at, end: length });
  return out;
}

/** Spans by coder (in input order), then position and code, so the continua read the same whatever the input order. */
function ordered(spans: UnitizingSpan[], coders: readonly string[]): UnitizingSpan[] {
  const rank = new Map(coders.map((c, i) => [c, i]));
  return spans.sort((x, y) => rank.get(x.coder)! - rank.get(y.coder)! || x.start - y.start || x.end - y.end || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

function clip(spans: readonly UnitizingSpan[], range: Span): UnitizingSpan[] {
  const out: UnitizingSpan[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, range.start);
    const end = Math.min(s.end, range.end);
    if (start < end) out.push({ ...s, start, end });
  }
  return out;
}
