/**
 * The `ReliabilityReport`: everything a report says, computed once by `buildReport`. Renderers
 * (markdown, JSON, CSV, HTML) only format it. Numbers here are exact; renderers round for reading.
 */
import type { Diagnostic } from "../model/diagnostic.js";
import type { MetricResult } from "../model/reliability-matrix.js";
import type { CodeDiagnosis, CoderProfile } from "./diagnose.js";
import type { UnitKind } from "../model/transcript.js";

export type Band = "reliable" | "tentative" | "unreliable" | "undefined";

export interface PairRow {
  coders: [string, string];
  /** Units both coders rated. */
  units: number;
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
  percentAgreement: number | null;
  cohenKappa: MetricResult;
}

export interface Disagreement {
  transcript: string;
  turn: number;
  speaker: string | null;
  appliedBy: string[];
  notAppliedBy: string[];
  /** Coders with no value for this turn (they are neither for nor against). */
  missing: string[];
  excerpt: string;
  /** Per coder that did not apply the code: the codes they applied instead on this turn. */
  instead: Record<string, string[]>;
}

export interface Substitute {
  code: string;
  count: number;
}

export interface AlphaBootstrapSummary {
  ci95: [number, number] | null;
  pBelow: { "0.667": number; "0.8": number } | null;
  resamples: number;
  seed: number;
  /** How far the interval's ends move between N and 2N resamples (largest of the two). */
  intervalShiftAt2N: number | null;
}

export interface CodeRow {
  code: string;
  /** Whether the code is in the codebook (null when no codebook was given). */
  inCodebook: boolean | null;
  /** Units on which each coder applied the code (zeros included). */
  presence: Record<string, number>;
  /** Units on which at least two coders had a value. */
  units: number;
  /** Mean over coder pairs of the pair's percent agreement. */
  percentAgreement: number | null;
  /** Share of units (rated by every coder) on which all coders agree. */
  unanimousAgreement: number | null;
  /** Mean of the defined pairwise Cohen's kappas (Light 1971). */
  lightKappa: MetricResult;
  fleissKappa: MetricResult;
  gwetAC1: MetricResult;
  krippendorffAlpha: MetricResult & { bootstrap?: AlphaBootstrapSummary };
  band: Band;
  /** High agreement but low kappa/alpha because the code is rare (or near universal). */
  prevalenceParadox: boolean;
  pairs: PairRow[];
  /** Codes another coder applied on the same turn instead of this one, most frequent first. */
  substitutes: Substitute[];
  disagreements: Disagreement[];
}

export interface TranscriptSummary {
  name: string;
  units: number;
  referenceTurns: number;
  method: "by-number" | "global";
  /** Coders that coded this transcript. */
  codersPresent: string[];
  files: Record<string, string | null>;
  /** Reference turns each coder's file could not match (values missing there). */
  unmatched: Record<string, number[]>;
  extra: Record<string, number[]>;
  textDifferences: { coder: string; turn: number; coderTurn: number; similarity: number }[];
  overall: { alphaMasi: MetricResult; alphaNominalWholeSet: MetricResult };
  /** Per code: nominal alpha on this transcript's units alone, so a transcript where coding went wrong stands out. */
  codes: Record<string, { alpha: number | null; status: MetricResult["status"]; reason?: string; disagreements: number }>;
}

/** A number that must be read with care, and why; shown in every output. */
export interface TrustFlag {
  kind: "too-few-units" | "one-coder" | "undefined-coefficients" | "alignment-dropped-turns" | "transcript-one-coder" | "missing-coder";
  message: string;
  transcript?: string;
  coder?: string;
}

export interface UnitizingSummary {
  /** "shared-text" when all coders coded one text; "mapped" when copies differ and spans were mapped onto the reference copy. */
  methods: string[];
  unitizingAlpha: MetricResult;
  unitizingAlphaBinary: MetricResult;
  unitizingAlphaCode: MetricResult;
  perCode: Record<string, { unitizingAlphaPerCode: MetricResult; unitizingAlphaPerCodeBinary: MetricResult }>;
}

export interface InputRecord {
  path: string;
  coder: string;
  sha256: string;
  format: string;
}

/** A turn quoted by at least one disagreement: its full text and every coder's codes on it. */
export interface QuotedTurn {
  transcript: string;
  turn: number;
  speaker: string | null;
  text: string;
  /** Per coder: the codes applied to this turn, or null when the coder has no value for it. */
  codes: Record<string, string[] | null>;
}

export interface ReliabilityReport {
  schemaVersion: 1;
  tool: { name: "intercoder"; version: string };
  name: string;
  /** The unit of analysis every number here is computed on. */
  unit: UnitKind;
  coders: string[];
  units: number;
  transcripts: TranscriptSummary[];
  summary: {
    codes: number;
    reliable: number;
    tentative: number;
    unreliable: number;
    undefined: number;
    convention: string;
  };
  codes: CodeRow[];
  /**
   * Codes with disagreements that are not reliable, ranked by how far they pull the overall alpha
   * down (`pull`, largest first), then lowest alpha; each with its diagnosis and evidence.
   */
  ambiguous: (CodeDiagnosis & { band: Band; substitutes: Substitute[] })[];
  /** `matrix[i][j]`: turns where code i was applied and another coder applied code j instead. */
  substitution: { codes: string[]; matrix: number[][] };
  coderProfiles: CoderProfile[];
  /** A methods paragraph, ready to paste. */
  methods: string;
  /** Numbers to read with care (too few units, undefined coefficients, alignment losses). */
  flags: TrustFlag[];
  /** Krippendorff's unitizing alpha family on the coders' character spans, when the inputs have them. */
  unitizing: UnitizingSummary | null;
  /** The same per-code analysis with codes rolled up to a level of the code hierarchy. */
  parentLevel: { depth: number | "parent"; source: string; codes: CodeRow[] } | null;
  /** Pairwise agreement over all codes: mean of per-code Cohen's kappa and percent agreement. */
  pairs: { coders: [string, string]; meanKappa: number | null; meanPercentAgreement: number | null; codes: number }[];
  overall: { alphaMasi: MetricResult; alphaNominalWholeSet: MetricResult };
  codebook: { file: string | null; unused: string[]; notInCodebook: string[] };
  /** Every turn that appears in a disagreement, in unit order (for side-by-side views). */
  quotedTurns: QuotedTurn[];
  inputs: InputRecord[];
  options: Record<string, string | number | boolean | null>;
  warnings: Diagnostic[];
}
