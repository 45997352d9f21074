/**
 * Turn alignment (Delve spec §7): several coders' copies of one transcript joined turn by turn,
 * the first input being the reference.
 *
 * 1. **Fast path** ("by-number"): every file has the reference's number of turns and speaker
 *    sequence, and every turn is similar enough to the reference turn of the same number (see
 *    below). Turns are aligned by number. The similarity check is an addition to the spec: it
 *    keeps a deleted turn plus an inserted turn of the same speaker from passing as the same
 *    structure and silently shifting every turn in between.
 * 2. **Global alignment** otherwise, each file against the reference: two turns may match only
 *    if their speakers are equal and `similarity ≥ 0.8`; the alignment is monotone (no
 *    crossings) and maximises the summed similarity. It is computed in three stages so its cost
 *    is not quadratic in the transcript length:
 *    - *anchors*: turns whose (speaker, normalised text) occurs exactly once in each file and is
 *      at least 24 characters long are paired, and the longest increasing subsequence of those
 *      pairs is kept (patience-diff); short turns ("Okay.") recur too often to be trusted;
 *    - anchors are *extended* to neighbours with identical (speaker, text) (repeated short
 *      turns such as "Okay.");
 *    - each *gap* between anchors is aligned by dynamic programming over its cells
 *      (score(i, j) = max(score(i−1, j), score(i, j−1), score(i−1, j−1) + similarity)). A gap of
 *      more than 250,000 cells is searched only in a band around its diagonal (half-width
 *      max(64, 5% of the gap)); with real copies gaps are a few turns long.
 *    Deviation from a pure global optimum: an identical unique turn (24+ characters) is always
 *    matched to its twin. The sum can then be below the optimum when a copy moved a turn
 *    elsewhere, or when a turn next to its near-duplicate was deleted (the anchor keeps the true
 *    pairing where a shifted pairing of similar turns would score higher, which is the better
 *    answer). A property test checks, on random order-preserving edits, that the result is a
 *    valid alignment scoring at least the true alignment and at most the optimum.
 * 3. **Units** are the reference turns that at least two coders have (the reference plus one
 *    match), numbered and labelled by the reference. A coder without a match on a unit has
 *    `null` codes there: missing, never "code absent".
 *
 * Similarity = Python `difflib.SequenceMatcher(None, ref, other).ratio()` of the normalised
 * texts (`normalizeTurnText`: NFC, quotes/dashes unified, whitespace collapsed, case-folded);
 * a turn's text is its paragraphs joined with one space, so a paragraph split in two changes
 * nothing. Cheap upper bounds of the ratio are checked first: the lengths, the character
 * multiset (difflib's quick ratios) and the longest common subsequence (bit-parallel).
 *
 * **Different transcripts** are refused (`InputError` `ALIGN_DIFFERENT_TRANSCRIPTS`, naming both
 * files): with m = matched turns and n = min(turns of the reference, turns of the file), when
 * m < n/2 and the normalised titles differ, or when m < n/5 whatever the titles (generic titles
 * such as "Transcript" are common). Two coders with the same name are refused
 * (`DUPLICATE_CODER`).
 *
 * **Other units.** Codings re-segmented by `toUnits` (paragraphs, sentences, the document) are
 * aligned by the same rules, their units standing for turns; the result then carries the
 * reference's `unitKind` and, per unit, where it lies (`sourceTurn`, `sourceParagraph`,
 * `sentenceInParagraph`). Inputs in different unit kinds are a programmer error (TypeError).
 */
import type { AlignedTranscript, AlignedUnit, TurnMatchNote } from "../model/aligned.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { InputError } from "../model/errors.js";
import type { CodedTranscript } from "../model/transcript.js";
import { normalizeTurnText } from "./_similarity.js";
import { alignByNumber, alignGlobal, prepare, type Matching } from "./_turn-matching.js";

export { MIN_SIMILARITY } from "./_turn-matching.js";

/**
 * Align several coders' codings of one transcript by turn; the first input is the reference.
 *
 * @example
 * alignTranscripts([readDelve(a, { file: "a.txt", coder: "a" }), readDelve(b, { file: "b.txt", coder: "b" })])
 * // => { method: "by-number", units: [...131 units], unmatched: { a: [], b: [] }, ... }
 * @throws InputError `ALIGN_DIFFERENT_TRANSCRIPTS`, `DUPLICATE_CODER`; TypeError when `inputs` is empty or in different unit kinds.
 * Cost: O(T) plus the ratio computations, plus O(g²) per gap of g unmatched turns (banded beyond 250,000 cells).
 */
export function alignTranscripts(inputs: readonly CodedTranscript[]): AlignedTranscript {
  const reference = inputs[0];
  if (!reference) throw new TypeError("alignTranscripts needs at least one transcript");
  const coders = inputs.map((t) => t.coder);
  const seen = new Set<string>();
  for (const t of inputs) {
    if (seen.has(t.coder)) {
      throw new InputError("DUPLICATE_CODER", `two inputs have the coder name "${t.coder}"`, {
        file: t.file,
        hint: "give every coder a different name (file name, folder name or --coders a,b,c)",
      });
    }
    seen.add(t.coder);
  }
  const kinds = new Set(inputs.map((t) => t.unitKind ?? "turn"));
  if (kinds.size > 1) {
    throw new TypeError(`alignTranscripts: the codings are in different units (${[...kinds].join(", ")}); re-segment them all with the same unit`);
  }
  const ref = prepare(reference.turns);
  const prepared = inputs.map((t, k) => (k === 0 ? ref : prepare(t.turns)));
  const identity: Matching = ref.map((_, i) => [i, 1]);
  const byNumber = prepared.map((p, k) => (k === 0 ? identity : alignByNumber(ref, p)));
  const method = byNumber.every((m) => m !== null) ? "by-number" : "global";
  const matchings: Matching[] = byNumber.map((m, k) => m ?? alignGlobal(ref, prepared[k]!));

  const unmatched: Record<string, number[]> = {};
  const extra: Record<string, number[]> = {};
  const textDifferences: TurnMatchNote[] = [];
  const diagnostics: Diagnostic[] = [];
  inputs.forEach((input, k) => {
    const matching = matchings[k]!;
    const used = new Array<boolean>(input.turns.length).fill(false);
    const missing: number[] = [];
    reference.turns.forEach((turn, i) => {
      const m = matching[i];
      if (!m) return void missing.push(turn.number);
      used[m[0]] = true;
      if (ref[i]!.norm !== prepared[k]![m[0]]!.norm) {
        textDifferences.push({ coder: input.coder, turn: turn.number, coderTurn: input.turns[m[0]]!.number, similarity: m[1] });
      }
    });
    const spare = input.turns.filter((_, j) => !used[j]).map((t) => t.number);
    if (k > 0) refuseDifferent(reference, input, reference.turns.length - missing.length);
    unmatched[input.coder] = missing;
    extra[input.coder] = spare;
    if (missing.length > 0) {
      diagnostics.push({ severity: "warning", code: "align-unmatched-turns", file: input.file,
        message: `${missing.length} of ${reference.turns.length} turns of "${reference.file}" have no match in this file (values missing): turns ${missing.join(", ")}` });
    }
    if (spare.length > 0) {
      diagnostics.push({ severity: "warning", code: "align-extra-turns", file: input.file,
        message: `${spare.length} turns of this file match no turn of "${reference.file}" (ignored): turns ${spare.join(", ")}` });
    }
  });

  const units: AlignedUnit[] = [];
  reference.turns.forEach((turn, i) => {
    const coderTurns = matchings.map((m, k) => {
      const hit = m[i];
      return hit ? inputs[k]!.turns[hit[0]]!.number : null;
    });
    if (coderTurns.filter((x) => x !== null).length < 2) return;
    units.push({
      transcript: reference.name,
      turn: turn.number,
      speaker: turn.speaker,
      text: turn.paragraphs.map((p) => p.text).join(" "),
      line: turn.line,
      codes: matchings.map((m, k) => {
        const hit = m[i];
        return hit ? [...inputs[k]!.turns[hit[0]]!.codes] : null;
      }),
      coderTurns,
      ...(turn.sourceTurn !== undefined ? { sourceTurn: turn.sourceTurn } : {}),
      ...(turn.sourceParagraph !== undefined ? { sourceParagraph: turn.sourceParagraph } : {}),
      ...(turn.sentenceInParagraph !== undefined ? { sentenceInParagraph: turn.sentenceInParagraph } : {}),
    });
  });
  return {
    name: reference.name,
    coders,
    files: inputs.map((t) => t.file),
    method,
    units,
    referenceTurns: reference.turns.length,
    unmatched,
    extra,
    textDifferences,
    diagnostics,
    ...(reference.unitKind !== undefined ? { unitKind: reference.unitKind } : {}),
  };
}

function refuseDifferent(reference: CodedTranscript, other: CodedTranscript, matched: number): void {
  const n = Math.min(reference.turns.length, other.turns.length);
  const sameTitle = normalizeTurnText(reference.name) === normalizeTurnText(other.name);
  if ((matched * 2 >= n || sameTitle) && matched * 5 >= n) return;
  throw new InputError(
    "ALIGN_DIFFERENT_TRANSCRIPTS",
    `"${reference.file}" ("${reference.name}") and "${other.file}" ("${other.name}") are not the same transcript: only ${matched} of ${n} turns match`,
    { file: other.file, hint: "give every coder's export of the same transcript; in a study folder, a transcript has the same file name in every coder's folder" },
  );
}
