/**
 * The annotation model every importer produces. One `CodedTranscript` is one coder's coding of
 * one transcript: the transcript split into turns (and paragraphs), with the set of codes the
 * coder applied to each. Character spans, where the source has them, are kept for unitizing
 * agreement and finer units.
 */
import type { Diagnostic } from "./diagnostic.js";

/** A half-open range [start, end) of UTF-16 code units into `CodedTranscript.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A code applied to a stretch of text by one coder. */
export interface CodedSpan extends Span {
  code: string;
}

export interface Paragraph {
  /** 1-based, global in the transcript, in document order. */
  number: number;
  /** 1-based index inside its turn (paragraph id `t{turn}p{indexInTurn}`). */
  indexInTurn: number;
  /** Whitespace-normalised text. */
  text: string;
  /** 1-based line in the source file where the paragraph starts. */
  line: number;
  /** Codes recorded on this paragraph (Delve: code lines that follow it), deduplicated, in order. */
  codes: string[];
  /** Where the paragraph lies in `CodedTranscript.text`, when known. */
  span?: Span;
}

/**
 * What the `turns` of a `CodedTranscript` stand for: speaker turns (what importers produce), or
 * the finer or coarser units made by `toUnits` (src/align/units.ts).
 */
export type UnitKind = "turn" | "paragraph" | "sentence" | "document";

export interface Turn {
  /** 1-based, in document order, after empty turns are removed. */
  number: number;
  /** Speaker label, or null for an unlabeled turn (text before the first speaker). */
  speaker: string | null;
  /** 1-based line of the turn's first line (speaker line, or first paragraph if unlabeled). */
  line: number;
  paragraphs: Paragraph[];
  /** The set of codes applied to any paragraph of the turn or to the turn itself, sorted by code point. */
  codes: string[];
  /** Where the turn lies in `CodedTranscript.text`, when known. */
  span?: Span;
  /** For a paragraph or sentence unit made by `toUnits`: the number of the speaker turn it lies in. */
  sourceTurn?: number;
  /** For a paragraph or sentence unit made by `toUnits`: the (global) number of the paragraph it lies in. */
  sourceParagraph?: number;
  /** For a sentence unit made by `toUnits`: its 1-based position in its paragraph. */
  sentenceInParagraph?: number;
}

export interface CodedTranscript {
  /** Transcript name: the Delve title, the REFI-QDA source name, the CSV `transcript` column. */
  name: string;
  /** The coder this coding belongs to. */
  coder: string;
  /** The input path as given by the user (for messages and reports). */
  file: string;
  /** Input format that produced it, e.g. "delve", "qdpx", "csv-long". */
  format: string;
  turns: Turn[];
  /** Codes this coder used, sorted by code point. */
  codesUsed: string[];
  /** Full plain text, when the source has it (REFI-QDA, plain text). Offsets refer to it. */
  text?: string;
  /** Character-level codings, when the source has them (REFI-QDA) or they can be derived. */
  spans?: CodedSpan[];
  diagnostics: Diagnostic[];
  /** What `turns` are: absent for speaker turns as imported; set by `toUnits`. */
  unitKind?: UnitKind;
}

/** A codebook: code names, optionally with a parent and a description. */
export interface CodebookEntry {
  code: string;
  parent?: string;
  description?: string;
  /** False for a folder that only groups codes (REFI-QDA `isCodable="false"`): a parent, not a code. */
  codable?: boolean;
}

export interface Codebook {
  file?: string;
  entries: CodebookEntry[];
  /** The format it was read from. */
  format?: "text" | "csv" | "qdc";
  /** Problems found while reading it (duplicates, unknown parents, cycles). */
  diagnostics?: Diagnostic[];
}
