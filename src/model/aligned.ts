/**
 * Coders joined by unit. Alignment turns each coder's `CodedTranscript` of the same transcript
 * into one list of units (aligned turns); a coder's cell is null where that coder has no matching
 * turn (missing, never "code absent").
 */
import type { Diagnostic } from "./diagnostic.js";
import type { UnitKind } from "./transcript.js";

export interface AlignedUnit {
  /** Transcript name (the reference file's title). */
  transcript: string;
  /** Turn number in the reference coder's file (units are numbered and labeled by the reference). */
  turn: number;
  speaker: string | null;
  /** The reference turn's text (paragraphs joined with a space). */
  text: string;
  /** Line of the turn in the reference file. */
  line: number;
  /** `codes[coder]`: that coder's set of codes on this unit (sorted), or null when the coder has no matching turn. */
  codes: (readonly string[] | null)[];
  /** `turns[coder]`: that coder's own turn number that was matched here, or null. */
  coderTurns: (number | null)[];
  /** Paragraph or sentence units (see `toUnits`): the reference's speaker turn the unit lies in. */
  sourceTurn?: number;
  /** Paragraph or sentence units: the reference's paragraph number the unit lies in. */
  sourceParagraph?: number;
  /** Sentence units: the sentence's position in its paragraph. */
  sentenceInParagraph?: number;
}

export interface TurnMatchNote {
  coder: string;
  /** Reference turn number. */
  turn: number;
  /** The coder's own turn number. */
  coderTurn: number;
  /** difflib-style ratio of the normalised texts, 0..1. */
  similarity: number;
}

export interface AlignedTranscript {
  name: string;
  /** Coder names in input order; index = position in `AlignedUnit.codes`. */
  coders: string[];
  /** The input path of each coder's file (same order as `coders`), or null when that coder has no file for it. */
  files: (string | null)[];
  /** "by-number" (fast path: same turn structure) or "global" (similarity alignment). */
  method: "by-number" | "global";
  /** Reference turns that have a value from at least two coders. */
  units: AlignedUnit[];
  /** Number of turns in the reference file. */
  referenceTurns: number;
  /** Per coder: reference turn numbers that coder's file could not match. */
  unmatched: Record<string, number[]>;
  /** Per coder: that coder's own turn numbers that matched no reference turn. */
  extra: Record<string, number[]>;
  /** Matched turns whose normalised texts differ (typo fixes and the like). */
  textDifferences: TurnMatchNote[];
  diagnostics: Diagnostic[];
  /** What the units are, when the inputs were re-segmented by `toUnits` (absent: speaker turns). */
  unitKind?: UnitKind;
}
